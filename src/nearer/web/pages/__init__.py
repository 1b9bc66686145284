"""Server-rendered pages (they work without JavaScript): one router per area."""

from fastapi import APIRouter

from nearer.web.pages import auth, couple, journal, patterns, safety

router = APIRouter(include_in_schema=False)
for module in (auth, couple, journal, safety, patterns):
    router.include_router(module.router)
