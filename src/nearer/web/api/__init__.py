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

PREFIX = "/api/v1"
# The area routers, in the order their routes are matched (and listed in the schema). The app
# includes each one directly under PREFIX: FastAPI matches a nested router's routes once per
# level on every request, so one level less is less work for every API call.
ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router
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
    )
)
