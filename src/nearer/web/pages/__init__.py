"""Server-rendered pages (they work without JavaScript): one router per area."""

from fastapi import APIRouter

from nearer.web.pages import (
    account_security,
    auth,
    coach,
    couple,
    guides,
    instruments,
    journal,
    patterns,
    reflect,
    safety,
)

router = APIRouter(include_in_schema=False)
for module in (auth, account_security, coach, couple, journal, safety, patterns, instruments, reflect, guides):
    router.include_router(module.router)
