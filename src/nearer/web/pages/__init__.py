"""Server-rendered pages (they work without JavaScript): one router per area."""

from fastapi import APIRouter

from nearer.web.pages import auth, couple, guides, instruments, journal, patterns, reflect, safety

router = APIRouter(include_in_schema=False)
for module in (auth, couple, journal, safety, patterns, instruments, reflect, guides):
    router.include_router(module.router)
