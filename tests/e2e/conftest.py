"""A real Nearer server on a free local port, and real headless Chromium driving it."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nearer.settings import Settings
from nearer.storage.db import Database

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose database holds the demo couple (services/demo.py), as `make run` shows."""
    yield from _serve(tmp_path_factory.mktemp("e2e-demo"), demo=True)


def _serve(folder: Path, demo: bool = False) -> Iterator[str]:
    import uvicorn

    from nearer.web.app import create_app

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        data_dir=folder,
        secret_key="e2e-secret-key-0123456789",
        quick_exit_url=f"{base}/static/neutral.html",
        _env_file=None,  # type: ignore[call-arg]
    )
    db = Database(f"sqlite:///{folder / 'e2e.sqlite3'}")
    if demo:
        from nearer.services.demo import seed_demo

        seed_demo(db)
    app = create_app(db=db, settings=settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


# Runs in every page before its own scripts (Playwright injects it past the CSP): each blocked
# thing is also logged, in case Chromium's own "Refused to …" console line is not.
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " blocked " +
                (event.blockedURI || "inline code") + " at " + event.documentURI);
}, true);
"""
VIOLATION = re.compile(r"^Refused to|Content Security Policy|^CSP violation", re.I)


class CspWatchedBrowser:
    """The Chromium browser, with every context it opens listening for CSP violations.

    The app's strict CSP forbids inline script and style; a page that breaks it would silently
    lose behaviour in a real browser, so each violation is recorded and fails the test.
    """

    def __init__(self, browser: Any) -> None:
        self._browser = browser
        self.contexts: list[Any] = []
        self.violations: list[str] = []

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.add_init_script(CSP_REPORTER)
        context.on("console", self._console)
        self.contexts.append(context)
        return context

    def new_page(self, **options: Any) -> Any:
        return self.new_context(**options).new_page()

    def _console(self, message: Any) -> None:
        if VIOLATION.search(message.text):
            self.violations.append(f"{message.type}: {message.text}")

    def flush(self) -> list[str]:
        """Let pending console events arrive (a round trip to each open page), then report."""
        for context in self.contexts:
            for page in context.pages:
                if page.is_closed():
                    continue
                try:
                    page.evaluate("0")
                except Exception:  # a page mid-navigation or gone: nothing left to deliver
                    pass
        return list(self.violations)

    def close_contexts(self) -> None:
        for context in self.contexts:
            try:
                context.close()
            except Exception:  # already closed by the test
                pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture
def browser(chromium: Any) -> Iterator[CspWatchedBrowser]:
    watched = CspWatchedBrowser(chromium)
    yield watched
    watched.close_contexts()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test itself (not its teardown) when any page it opened broke the CSP."""
    result = yield
    watched = getattr(item, "funcargs", {}).get("browser")
    if isinstance(watched, CspWatchedBrowser):
        violations = watched.flush()
        if violations:
            pytest.fail("the page broke the Content-Security-Policy:\n" + "\n".join(violations))
    return result


@pytest.fixture
def shoot() -> Any:
    """Save a screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page: Any, name: str) -> None:
        path = ARTIFACTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)

    return take
