"""What every page's frame needs: the menu and where this page sits in it, the quick-exit
choice and the app lock's idle minutes."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from nearer.domain.help_links import contacts, emergency_contacts
from nearer.domain.navigation import navigation, where
from nearer.domain.safety_panel import help_lines
from nearer.domain.safety_panel import plan as safety_plan


def shell_context(request: Request, user: Any) -> dict[str, Any]:
    """The frame's part of a page's context (only the menu for someone logged out)."""
    context: dict[str, Any] = {
        "nav": {"menu": navigation(), "where": where(request.url.path)},
    }
    if user is not None:
        from nearer.services.profile import profile

        mine = profile(request.app.state.db, user.id)
        context["exit_logs_out"] = mine.exit_logs_out
        context["onboarded"] = mine.onboarded
        context["my_name"] = mine.name
        context["lock_minutes"] = getattr(request.state, "lock_minutes", None)
    return context


def install_helpers(env: Any) -> None:
    """Template helpers: tappable help-line links."""
    env.globals["help_contacts"] = contacts
    env.globals["emergency_contacts"] = emergency_contacts
    env.globals["safety_plan"] = safety_plan
    env.globals["safety_help_lines"] = help_lines
