"""Browser tests: headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a real
WSGI server running in a background thread of the test process.

Fixtures (use them in any tests/e2e/test_*.py; mark the module `pytestmark = pytest.mark.e2e`):

- `live_server_url_for(tenant)` → "http://<slug>.localhost:<port>" (the apex host for world.public).
  One threaded WSGI server on 127.0.0.1 and a free port serves every tenant; the Host header picks the
  tenant, exactly as in production. Static files are served by the same server.
- `committed(fn, tenant=None)` → runs `fn()` in a fresh thread with its own database connection in
  autocommit (inside `tenant`'s schema when given) and returns its result. The server's threads only
  see COMMITTED rows, and the test itself runs inside pytest-django's transaction (every e2e test is
  marked `django_db` automatically so the test database exists even when tests/e2e runs alone): so
  create the data a browser must see with `committed`, never directly in the test or a fixture.
  Committed rows stay until the test database is dropped at the end of the session: give them
  unique names (`unique_name("张")`).
- `browser` → the session's Playwright Chromium browser.
- `page_for(tenant, username)` → a Playwright Page, in a fresh browser context (own cookies), logged
  in as `username` through the real login form on that tenant's host and arrived at its home page.
  Users of the session world are named `<slug>_<role>` (tests/conftest.py), e.g. "alpha_cs_staff";
  their password is E2E_PASSWORD, set (and committed) by the `e2e_passwords` fixture.
- `unique_name(prefix)` → prefix + a short random suffix.

Example:
    pytestmark = pytest.mark.e2e

    def test_find_resident(page_for, world, committed, unique_name):
        name = unique_name("李")
        committed(lambda: make_resident(name), tenant=world.alpha)
        page = page_for(world.alpha, "alpha_cs_staff")
        page.goto(page.url + "residents/?q=" + name)
        assert page.locator("table tr", has_text=name).count() == 1

Reading in the test what the browser wrote works directly (`with in_tenant(world.alpha): ...`): the
test's transaction sees rows the server committed. While the browser runs, Playwright keeps an event
loop in the test's thread, so the `browser` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for the ORM calls
made between browser steps.

Pytest-django's `live_server` is deliberately not used: its flush after each test would wipe the
session's tenants. Browser tests run after every other test (tests/conftest.py sorts them last).
Never run `playwright install`: Chromium comes from Debian (`make browser`)."""

from __future__ import annotations

import os
import threading
import uuid

import pytest

from tests.conftest import host_of

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--host-resolver-rules=MAP *.localhost 127.0.0.1"]
E2E_PASSWORD = "e2e-Passw0rd-wuye"


def _make_server():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.db import connections

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
            pass

        def handle_one_request(self):
            # a browser keeps its connection alive between requests: close this thread's database
            # connection after every request, or an idle keep-alive thread would hold it open and
            # the test database could not be dropped at the end of the session
            try:
                super().handle_one_request()
            finally:
                connections.close_all()

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(WSGIHandler()))
    return server


@pytest.fixture(scope="session")
def e2e_server(world):
    server = _make_server()
    thread = threading.Thread(target=server.serve_forever, name="e2e-wsgi", daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server_url_for(e2e_server):
    port = e2e_server.server_address[1]
    return lambda tenant: f"http://{host_of(tenant)}:{port}"


def _run_committed(fn, tenant=None):
    from django.db import connections
    from django_tenants.utils import schema_context

    outcome: dict = {}

    def work():
        try:
            if tenant is None:
                outcome["value"] = fn()
            else:
                with schema_context(tenant.schema_name):
                    outcome["value"] = fn()
        except BaseException as exc:  # handed back to the test's thread below
            outcome["error"] = exc
        finally:
            connections.close_all()

    worker = threading.Thread(target=work, name="e2e-commit")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture(scope="session")
def committed(django_db_blocker):
    def run(fn, tenant=None):
        with django_db_blocker.unblock():
            return _run_committed(fn, tenant)

    return run


def pytest_collection_modifyitems(config, items):
    # the test database is created only for tests that declare they use it
    for item in items:
        if "tests/e2e/" in str(item.fspath) and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def unique_name():
    return lambda prefix="": f"{prefix}{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def e2e_passwords(world, committed):
    def set_passwords():
        for user in world.users.values():
            user.set_password(E2E_PASSWORD)
            user.save(update_fields=["password"])

    committed(set_passwords)
    return E2E_PASSWORD


@pytest.fixture(scope="session")
def browser(e2e_passwords, e2e_server):
    """Started after the database and the server: Playwright keeps an event loop in this thread."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make between
    # browser steps are still synchronous, so Django's async-safety check must not refuse them
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()
    # while the loop runs, Django's connections are kept per context (asgiref.Local): close the ones
    # opened meanwhile, which the database teardown outside the loop could not see
    from django.db import connections

    connections.close_all()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page_for(browser, live_server_url_for, e2e_passwords):
    contexts, blocked, asked = [], [], []

    def login(tenant, username: str):
        context = browser.new_context(locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        # anything the Content-Security-Policy blocks (an inline script, a handler) fails the test
        page.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
        # an irreversible button asks first (data-confirm, core/app.js): the person clicks OK; what was
        # asked is kept in `page_for.asked` for the tests to check
        page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        base = live_server_url_for(tenant)
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", e2e_passwords)
        with page.expect_navigation():
            page.click("button[type=submit]")
        if "/accounts/login/" in page.url:  # the form came back: say why instead of timing out
            errors = page.locator(".errorlist").all_inner_texts()
            raise AssertionError(f"login as {username} on {base} failed: {errors}")
        page.wait_for_url(f"{base}/")
        return page

    login.asked = asked
    yield login
    for context in contexts:
        context.close()
    assert not blocked, blocked
