"""Server-rendered pages (they work without JavaScript): one router per area."""

from fastapi import APIRouter

from nearer.web.pages import (
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
    questions,
    reflect,
    safety,
    steps,
    week,
)

router = APIRouter(include_in_schema=False)
for module in (
    auth,
    coach,
    couple,
    journal,
    safety,
    patterns,
    instruments,
    reflect,
    guides,
    checkins,
    bids,
    steps,
    breaks,
    questions,
    week,
):
    router.include_router(module.router)
