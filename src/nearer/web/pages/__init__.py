"""Server-rendered pages (they work without JavaScript): one router per area."""

from fastapi import APIRouter

from nearer.web.pages import (
    account_security,
    account_time,
    auth,
    bids,
    breaks,
    checkins,
    coach,
    couple,
    guides,
    instruments,
    journal,
    patterns,
    professional,
    questions,
    reactions,
    reflect,
    safety,
    steps,
    support,
    week,
)

router = APIRouter(include_in_schema=False)
for module in (
    auth,
    account_security,
    account_time,
    coach,
    couple,
    journal,
    reactions,
    safety,
    patterns,
    instruments,
    reflect,
    guides,
    support,
    professional,
    checkins,
    bids,
    steps,
    breaks,
    questions,
    week,
):
    router.include_router(module.router)
