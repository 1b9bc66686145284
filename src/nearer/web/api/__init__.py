"""The JSON API under /api/v1: one router per area, the same services as the pages."""

from fastapi import APIRouter

from nearer.web.api import (
    accounts,
    bids,
    breaks,
    checkins,
    coach,
    guides,
    instruments,
    journal,
    patterns,
    questions,
    reactions,
    reminders,
    safety,
    steps,
    support,
    week,
)

router = APIRouter(prefix="/api/v1")
for module in (
    accounts,
    coach,
    journal,
    reactions,
    safety,
    patterns,
    instruments,
    guides,
    support,
    checkins,
    reminders,
    bids,
    steps,
    breaks,
    questions,
    week,
):
    router.include_router(module.router)
