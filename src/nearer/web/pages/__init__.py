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
    professional,
    reflect,
    safety,
    support,
)

router = APIRouter(include_in_schema=False)
for module in (
    auth,
    account_security,
    coach,
    couple,
    journal,
    safety,
    patterns,
    instruments,
    reflect,
    guides,
    support,
    professional,
):
    router.include_router(module.router)
