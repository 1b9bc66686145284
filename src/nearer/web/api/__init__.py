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
# Journal first: writing and reading entries are the busiest calls, and a request is matched
# against the routes in this order (no two areas share a path, so the order changes nothing else).
for module in (
    journal,
    accounts,
    coach,
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
