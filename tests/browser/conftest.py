"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against a live server.

The tests wait on what the user sees (a message, a heading, the editor's save indicator), each
wait with a deadline, never for a length of time. Every tab records what the browser
complains about (script errors, failed requests, Content-Security-Policy violations in any
frame) in `tab.problems`; the tests assert it stays empty.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections
from playwright.sync_api import expect

from site_setup.skeleton import ensure_site

CHROMIUM = Path(os.environ.get("MIPCMS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The deadline of every wait: generous, because six engineers' test runs and CI share two
# cores and an admin save can take many seconds then; a broken selector still fails. For the
# page's actions (set on each context) and for `expect` assertions alike.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)

EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "a-long-test-password"


def pytest_collection_modifyitems(config, items):
    """MIPCMS_SKIP_BROWSER=1 skips the browser tests (before any database or browser setup)."""
    if os.environ.get("MIPCMS_SKIP_BROWSER") != "1":
        return
    skip = pytest.mark.skip(reason="MIPCMS_SKIP_BROWSER=1")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module; a missing Chromium fails the tests, loudly."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with `make browser-deps` "
            "(apt-get install chromium), or set MIPCMS_SKIP_BROWSER=1 to skip browser tests.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and Django refuses
    # ORM calls from a thread with a running loop. The tests' ORM calls are plain blocking
    # calls, so lift the guard while Playwright runs, and only then.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # While a loop runs, Django also keys its connections by context rather than by thread,
    # and would open fresh ones that lack the test database's setup (the serialized rows
    # that `_database` restores). Hand the loop's context the thread's own connections.
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item so `page` can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# Runs in every frame of every page before its own scripts: reports each CSP violation.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    const what = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`;
    window.reportCspViolation(`${what} in ${event.documentURI}`);
});
"""


def new_tab(browser, base_url):
    """A tab in a fresh context whose `problems` list fills with what the browser reports.

    Script errors, console errors (Chromium logs CSP violations there too), CSP violations
    from any frame, the preview panel's included, and failed requests for assets.
    """
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    problems = []
    context.expose_binding(
        "reportCspViolation", lambda source, text: problems.append(f"CSP violation: {text}")
    )
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    tab = context.new_page()

    def on_console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text} at {message.location.get('url')}")

    def on_response(response):
        # Documents are checked by the tests themselves; this catches broken assets.
        if response.status >= 400 and not response.request.is_navigation_request():
            problems.append(f"{response.status} for {response.url}")

    tab.on("pageerror", lambda error: problems.append(f"uncaught error: {error}"))
    tab.on("console", on_console)
    tab.on("response", on_response)
    tab.problems = problems
    return tab


def csp_violations(tab):
    """The Content-Security-Policy violations the tab has seen so far."""
    return [problem for problem in tab.problems if "Content Security Policy" in problem
            or problem.startswith("CSP violation")]  # fmt: skip


@pytest.fixture
def page(request, browser, live_server, tmp_path):
    """A fresh browser tab; on failure, a full-page screenshot is saved and its path printed."""
    tab = new_tab(browser, live_server.url)
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        path = tmp_path / "failure.png"
        tab.screenshot(path=path, full_page=True)
        print(f"Screenshot of the failing page: {path}")
    tab.context.close()


@pytest.fixture
def visitor(browser, live_server):
    """An anonymous visitor's tab, signed in to nothing."""
    tab = new_tab(browser, live_server.url)
    yield tab
    tab.context.close()


@pytest.fixture(autouse=True)
def _database(transactional_db, django_db_serialized_rollback):
    """Committed data, so the live server's thread sees it.

    Each test ends with a flush; the serialized rollback puts back what the migrations
    created (Wagtail's root page, locale and root collection) before the next test.
    """


@pytest.fixture
def site(transactional_db):
    """The site skeleton (home, section fronts, review workflow), with no stale cached URLs."""
    cache.clear()
    home = ensure_site()
    yield home
    cache.clear()


@pytest.fixture
def editor(transactional_db):
    """A superuser who can publish anywhere."""
    return get_user_model().objects.create_superuser(
        username=EDITOR_USERNAME, email="editor@example.org", password=EDITOR_PASSWORD
    )
