"""Server-rendered pages (they work without JavaScript): one router per area."""

from fastapi import APIRouter

from nearer.web.pages import (
    account_choices,
    account_security,
    account_time,
    auth,
    bids,
    breaks,
    checkins,
    coach,
    couple,
    device,
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
    welcome,
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
    account_choices,
    device,
    welcome,
):
    router.include_router(module.router)
