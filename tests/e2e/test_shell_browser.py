"""The app's frame in real Chromium, as the demo couple: the key pages at phone and desktop width
(screenshots under test-artifacts/after/), the menu without JavaScript, every step two taps from
Today, the quick exit that leaves no way back, and the installable shell."""

from __future__ import annotations

from typing import Any

import pytest

from nearer.domain.navigation import navigation
from nearer.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
KEY_PAGES = {
    "home": "/",
    "journal": "/journal",
    "patterns": "/patterns",
    "perception-gap": "/perception-gap",
    "questionnaire": "/instruments/signs?about=self",
    "partner": "/partner",
    "couple": "/couple",
}


def log_in(page: Any, server: str, email: str = DEMO_ACCOUNTS[0]) -> None:
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{server}/")


@pytest.fixture(scope="module")
def devices(chromium: Any, demo_server: str) -> dict[str, Any]:
    """Each demo person's browser state after one login (their device cookie included), so the
    tests log in again as that device: its own login quota, never the stranger's one."""
    states = {}
    for email in DEMO_ACCOUNTS:
        context = chromium.new_context()
        log_in(context.new_page(), demo_server, email)
        states[email] = context.storage_state()
        context.close()
    return states


def open_as(
    browser: Any, server: str, devices: dict[str, Any], size: Any, who: int = 0, **options: Any
) -> Any:
    """A page logged in afresh as a demo person, on their own device."""
    email = DEMO_ACCOUNTS[who]
    device = {
        **devices[email],
        "cookies": [c for c in devices[email]["cookies"] if c["name"] == "nearer_device"],
    }
    page = browser.new_context(viewport=size, storage_state=device, **options).new_page()
    log_in(page, server, email)
    return page


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_key_pages_fit_the_screen(
    browser: Any, demo_server: str, devices: Any, shoot: Any, size: Any
) -> None:
    page = open_as(browser, demo_server, devices, size)
    for name, path in KEY_PAGES.items():
        page.goto(demo_server + path)
        assert page.locator("h1").count() == 1, f"{path} should have one main heading"
        shoot(page, f"after/{name}-{size['width']}x{size['height']}")
        if size is PHONE:
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow} px"


def test_every_step_is_two_taps_from_today_on_a_phone(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE, is_mobile=True, has_touch=True)
    hrefs = [p.href for s in navigation().sections for p in s.pages]
    assert len(hrefs) >= 15
    for href in hrefs:
        page.goto(f"{demo_server}/")
        page.locator("#nav-menu summary").tap()  # tap one: the menu
        link = page.locator(f"#nav-menu .nav-group a[href='{href}']")
        assert link.is_visible(), f"{href} is not in the open menu"
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44, f"{href}: the link is under 44 px tall"
        link.tap()  # tap two: the step
        page.wait_for_url(lambda url, want=demo_server + href: url.split("?")[0] == want)
        current = page.locator("#nav-menu a[aria-current='page']")
        assert current.count() == 1 and current.get_attribute("href") == href


def test_menu_works_without_javascript(
    browser: Any, demo_server: str, devices: Any, shoot: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE, java_script_enabled=False)
    page.locator("#nav-menu summary").click()
    shoot(page, "after/menu-open-390x844")
    page.locator("#nav-menu a", has_text="Check-in on you").click()
    page.wait_for_url(f"{demo_server}/safety-check")
    # The private screen is never named "safety" where a watching partner could read it.
    assert "Safety check" not in page.locator("header").inner_text()
    assert "Check-in on you" in page.title()


def test_skip_link_is_first_and_moves_to_the_page(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = open_as(browser, demo_server, devices, DESKTOP)
    page.goto(f"{demo_server}/journal")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_after_leaving_quickly_back_never_shows_nearer(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE)
    page.goto(f"{demo_server}/static/neutral.html#before")  # somewhere before Nearer
    log_in(page, demo_server)
    page.locator("#nav-menu summary").click()
    page.locator("#nav-menu a[href='/journal']").click()
    page.wait_for_url(f"{demo_server}/journal")
    page.fill("textarea[name=text]", "A quiet evening, written before leaving.")
    page.click("#new-entry button[type=submit]")  # a form post adds to history
    page.wait_for_load_state()
    page.goto(f"{demo_server}/safety-check")
    page.click("#quick-exit")
    page.wait_for_url("**/static/neutral.html")
    for _ in range(6):  # Back, again and again: never a Nearer page on screen
        page.evaluate("history.back()")
        page.wait_for_timeout(400)
        page.wait_for_load_state()
        assert page.url.endswith("/static/neutral.html") or page.url.endswith("#before"), page.url
        assert page.locator("#quick-exit").count() == 0
    # The beacon logged this browser out: opening Nearer again asks for the password.
    page.goto(f"{demo_server}/journal")
    assert page.url == f"{demo_server}/login"


def test_leaving_quickly_without_javascript_still_logs_out(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE, java_script_enabled=False)
    page.goto(f"{demo_server}/journal")
    assert "JavaScript is off in this browser" in page.inner_text("footer")  # shown, not hidden
    page.click("#quick-exit")
    page.wait_for_url("**/static/neutral.html")
    page.go_back()  # Back reaches Nearer again without JavaScript, but only its login page
    page.wait_for_load_state()
    assert page.url == f"{demo_server}/login"  # the journal asked again: logged out
    page.goto(f"{demo_server}/journal")
    assert page.url == f"{demo_server}/login"


def test_quick_exit_can_keep_the_login_when_chosen(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = open_as(browser, demo_server, devices, DESKTOP, who=1)
    page.goto(f"{demo_server}/account")
    page.check("input[name=logs_out][value=no]")
    page.click("form[action='/account/quick-exit'] button[type=submit]")
    page.wait_for_selector("#toast")
    page.click("#quick-exit")
    page.wait_for_url("**/static/neutral.html")
    page.goto(f"{demo_server}/journal")
    assert page.url == f"{demo_server}/journal"  # still logged in, as chosen
    page.goto(f"{demo_server}/account")
    page.check("input[name=logs_out][value=yes]")  # put the demo back as it was
    page.click("form[action='/account/quick-exit'] button[type=submit]")
    page.wait_for_selector("#toast")


def test_help_lines_are_tappable_with_country_names(browser: Any, demo_server: str) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{demo_server}/help-now?country=gb")
    assert page.locator("a[href='tel:116123']").count() >= 1
    assert page.locator("a[href='sms:85258?body=SHOUT']").count() == 1
    options = page.locator("select[name=country] option").all_inner_texts()
    assert "United Kingdom" in options and "GB" not in options


def test_installable_shell_caches_only_static_files(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE)
    page.goto(f"{demo_server}/journal")
    assert page.evaluate("async () => { await navigator.serviceWorker.ready; return true; }")
    page.goto(f"{demo_server}/journal")  # now under the worker's care: still never stored
    page.goto(f"{demo_server}/")
    cached = page.evaluate(
        """async () => { const out = [];
             for (const name of await caches.keys()) {
               const cache = await caches.open(name);
               for (const request of await cache.keys()) out.push(new URL(request.url).pathname);
             }
             return out; }"""
    )
    assert "/static/style.css" in cached and "/static/offline.html" in cached
    assert all(path.startswith("/static/") for path in cached), cached
    manifest = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}


def _locked_demo(browser: Any, demo_server: str, devices: Any) -> Any:
    """A phone page logged in as the second demo person, with the app lock set (PIN 2468)."""
    page = open_as(browser, demo_server, devices, PHONE, who=1)
    page.goto(f"{demo_server}/account")
    page.fill("#pin", "2468")
    page.fill("#minutes", "5")
    page.click("form[action='/account/lock'] button[type=submit]")
    page.wait_for_selector("#toast")
    return page


def test_app_lock_cannot_be_skipped_by_reloading(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = _locked_demo(browser, demo_server, devices)
    page.goto(f"{demo_server}/lock")  # "Lock now"
    for path in ("/journal", "/", "/partner"):
        page.goto(demo_server + path)
        assert page.url == f"{demo_server}/lock", path
    page.reload()
    assert page.url == f"{demo_server}/lock"
    page.fill("#pin", "1111")
    page.click("#unlock-form button[type=submit]")
    assert page.locator("#pin-error").is_visible()
    page.fill("#pin", "2468")
    page.click("#unlock-form button[type=submit]")
    page.wait_for_url(f"{demo_server}/")
    page.goto(f"{demo_server}/account")
    page.click("form[action='/account/lock/off'] button[type=submit]")
    page.wait_for_selector("#toast")


def test_leaving_quickly_from_the_pin_screen_logs_out(
    browser: Any, demo_server: str, devices: Any
) -> None:
    page = _locked_demo(browser, demo_server, devices)
    page.goto(f"{demo_server}/lock")  # "Lock now": this login is locked
    with page.expect_request(f"{demo_server}/leave"):  # the beacon
        page.click("#quick-exit")
    page.wait_for_url("**/static/neutral.html")
    for _ in range(50):  # the page does not wait for the beacon's answer; the test does (5 s)
        asked = page.request.get(f"{demo_server}/journal", max_redirects=0)
        if asked.headers.get("location") == "/login":
            break
        page.wait_for_timeout(100)
    # The beacon logged the locked login out: opening Nearer again asks for the password.
    page.goto(f"{demo_server}/journal")
    assert page.url == f"{demo_server}/login"


def test_standalone_links_are_finger_sized_and_nothing_scrolls_sideways(
    browser: Any, demo_server: str, devices: Any, shoot: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE)
    seen = 0
    for path in ("/journal", "/partner", "/guides", "/week", "/instruments", "/account/security"):
        page.goto(demo_server + path)
        wide = page.evaluate("document.scrollingElement.scrollWidth")
        assert wide <= PHONE["width"], (path, wide)
        for link in page.locator("main a.tap").all()[:6]:
            box = link.bounding_box()
            assert box is not None and box["height"] >= 44, (path, link.inner_text(), box)
            seen += 1
    assert seen >= 5  # dates, the week before, guides, latest results
    page.goto(demo_server + "/account/security")
    shoot(page, "after/security-sessions-390x844")


def test_chart_text_follows_the_theme_in_dark_mode(
    browser: Any, demo_server: str, devices: Any, shoot: Any
) -> None:
    page = open_as(browser, demo_server, devices, PHONE, color_scheme="dark")
    for path in ("/checkin", "/patterns"):
        page.goto(demo_server + path)
        fills = page.evaluate(
            """() => [...document.querySelectorAll('main svg text')].map(
                   t => getComputedStyle(t).fill)""")
        ink = page.evaluate("getComputedStyle(document.querySelector('main')).color")
        assert fills and all(f == ink for f in fills), (path, set(fills), ink)
        assert ink != "rgb(0, 0, 0)"  # light text on the dark page
    shoot(page, "after/patterns-dark-390x844")
