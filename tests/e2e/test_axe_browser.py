"""axe-core (pinned in package.json, installed by `make axe`) inside every page, logged in and out,
light and dark: no violations at any impact.

The pages come from the app's own routes, so a new page is checked the day it is added: a GET
route that is neither visited here nor named as "not a page" fails the test until it is taught.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from nearer.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PROFESSIONAL

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """() => axe.run(document, {resultTypes: ["violations"]}).then(result =>
  result.violations.map(v => v.impact + " " + v.id + ": " + v.help + " at " +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")))"""
# Routes that answer with something other than a page (files, JSON, the worker and manifest).
NOT_PAGES = {
    "/reminders.ics",
    "/account/export.json",
    "/report.pdf",
    "/clients/{link_id}/report.pdf",
    "/manifest.webmanifest",
    "/sw.js",
}
LOGGED_OUT = [
    "/",
    "/login",
    "/signup",
    "/forgot",
    "/help-now",
    "/no-such-page",
    "/static/offline.html",
]
# The pages a person reaches from another page's links (one of each is enough).
FOLLOW = {
    "/journal/{entry_id}": ("/journal", r"^/journal/\d+$"),
    "/guides/{guide_id}": ("/guides", r"^/guides/[\w-]+$"),
    "/instruments/{instrument_id}": ("/instruments", r"^/instruments/(?!results)[\w-]+"),
    "/instruments/results/{response_id}": ("/instruments", r"^/instruments/results/\d+$"),
    "/clients/{link_id}": ("/professional", r"^/clients/\d+$"),
}


def page_routes() -> set[str]:
    from nearer.web.pages import router

    return {
        route.path
        for route in router.routes
        if "GET" in getattr(route, "methods", set()) and route.path not in NOT_PAGES
    }


@pytest.fixture
def axe_browser(browser: Any) -> Any:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make axe` (npm ci) first.")
    return browser


def violations(page: Any, path: str) -> list[str]:
    page.wait_for_load_state()
    return [f"{path}: {v}" for v in page.evaluate(RUN_AXE)]


def new_page(browser: Any, scheme: str = "light") -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    return context.new_page()


def log_in(page: Any, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(lambda url: not url.endswith("/login"))


def first_link(page: Any, server: str, listing: str, pattern: str) -> str:
    page.goto(server + listing)
    for href in page.eval_on_selector_all(
        "main a[href]", "els => els.map(e => e.getAttribute('href'))"
    ):
        if re.match(pattern, href.split("?")[0]):
            return str(href)
    raise AssertionError(f"no link matching {pattern} on {listing}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_logged_out_have_no_axe_violations(
    axe_browser: Any, demo_server: str, scheme: str
) -> None:
    page = new_page(axe_browser, scheme)
    found = []
    for path in LOGGED_OUT:
        page.goto(demo_server + path)
        found += violations(page, path)
    assert found == []


def test_every_page_logged_in_has_no_axe_violations(axe_browser: Any, demo_server: str) -> None:
    page = new_page(axe_browser)
    log_in(page, demo_server, DEMO_ACCOUNTS[0])
    concrete: dict[str, str] = {}
    for route in sorted(page_routes()):
        if route in FOLLOW:
            concrete[route] = first_link(page, demo_server, *FOLLOW[route])
        elif route == "/journal/{entry_id}/edit":
            concrete[route] = (
                first_link(page, demo_server, *FOLLOW["/journal/{entry_id}"]) + "/edit"
            )
        elif "{" not in route:
            concrete[route] = route
    concrete.pop("/lock", None)  # only with a lock on: see below
    pro_routes = {r for r in page_routes() if r.startswith("/clients/")}
    for route in pro_routes:
        concrete.pop(route, None)
    found = []
    for path in sorted(concrete.values()):
        page.goto(demo_server + path)
        found += violations(page, path)
    for scheme_path in ("/", "/journal", "/patterns", "/account", "/help-now"):
        page.emulate_media(color_scheme="dark")
        page.goto(demo_server + scheme_path)
        found += violations(page, scheme_path + " (dark)")
    page.emulate_media(color_scheme="light")
    # The menu, open.
    page.goto(demo_server + "/")
    page.click("#nav-menu summary")
    found += violations(page, "/ (menu open)")

    # A counsellor's pages, as the demo counsellor.
    pro = new_page(axe_browser)
    log_in(pro, demo_server, DEMO_PROFESSIONAL)
    client = first_link(pro, demo_server, *FOLLOW["/clients/{link_id}"])
    for path in (client, client + "/couple"):
        pro.goto(demo_server + path)
        found += violations(pro, path)

    # The app lock's PIN screen.
    alex = new_page(axe_browser)
    log_in(alex, demo_server, DEMO_ACCOUNTS[1])
    alex.goto(demo_server + "/account")
    alex.fill("#pin", "2468")
    alex.click("form[action='/account/lock'] button[type=submit]")
    alex.goto(demo_server + "/lock")
    found += violations(alex, "/lock")
    alex.fill("#pin", "2468")
    alex.click("#unlock-form button[type=submit]")
    alex.wait_for_url(demo_server + "/")
    alex.goto(demo_server + "/account")
    alex.click("form[action='/account/lock/off'] button[type=submit]")

    covered = set(concrete) | pro_routes | {"/lock"}
    assert page_routes() - covered == set(), "pages the axe test does not visit yet"
    assert found == []
