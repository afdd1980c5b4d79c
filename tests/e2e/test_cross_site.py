"""In a real Chromium: a page on another site that posts a form to liftlore is refused and logs nothing, and
liftlore's own pages (and the API docs) still work under the Content-Security-Policy, on a phone and a desktop."""

from __future__ import annotations

import re
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

EVIL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Win a prize</title></head>
<body>
<form id="forged" method="post" action="{target}/log">
  <input name="exercise" value="goblet-squat"><input name="weight" value="20"><input name="reps" value="8">
</form>
<script>document.getElementById("forged").submit();</script>
</body></html>
"""


def _serve(html: str) -> tuple[ThreadingHTTPServer, threading.Thread]:
    body = html.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the test's output is not the place for an access log

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="module")
def evil_url(server_url: str) -> Iterator[str]:
    """A page on another site: `localhost` is a different site from liftlore's `127.0.0.1`, not just another port."""
    server, thread = _serve(EVIL_PAGE.format(target=server_url))
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


def logged_sets(server_url: str) -> int:
    with urllib.request.urlopen(f"{server_url}/history") as response:  # no Origin: like any script, allowed
        history = response.read().decode()
    return sum(int(count) for count in re.findall(r"(\d+) sets", history))


def test_a_form_on_another_site_cannot_log_a_set(page: Page, server_url: str, evil_url: str) -> None:
    before = logged_sets(server_url)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.goto(evil_url)
    response = posted.value
    sent = response.request.all_headers()
    assert sent.get("sec-fetch-site") == "cross-site" and sent.get("origin") == evil_url.rstrip("/")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("came from a page on another site")
    assert logged_sets(server_url) == before


CSP_PAGES = ("/", "/exercises/single-leg-hip-thrust", "/log?exercise=single-leg-hip-thrust", "/docs")


@pytest.mark.parametrize("device", ["phone", "page"])
def test_pages_run_under_the_content_security_policy(
    request: pytest.FixtureRequest, server_url: str, device: str
) -> None:
    screen: Page = request.getfixturevalue(device)  # 390 px phone, 1280 px desktop
    problems: list[str] = []
    screen.on("console", lambda message: _note_error(problems, message))
    screen.on("pageerror", lambda error: problems.append(str(error)))
    for path in CSP_PAGES:
        response = screen.goto(f"{server_url}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        screen.wait_for_load_state("load")
    wide = device == "page"
    # liftlore.js ran: it opens the filter panel on a wide screen only.
    screen.goto(f"{server_url}/")
    expect(screen.locator(".facets details")).to_have_js_property("open", wide)
    # timer.js ran: the rest timer bar is shown only by the script, once a rest is started.
    screen.goto(f"{server_url}/log?exercise=single-leg-hip-thrust")
    expect(screen.locator("#rest-timer")).to_be_hidden()
    screen.evaluate("window.liftloreRest.start(90)")
    expect(screen.locator("#rest-timer")).to_be_visible()
    # Swagger UI built the docs from its inline start-up script.
    screen.goto(f"{server_url}/docs")
    expect(screen.locator(".swagger-ui .info .title")).to_contain_text("liftlore")
    assert problems == []


def _note_error(problems: list[str], message: ConsoleMessage) -> None:
    if message.type == "error":
        problems.append(message.text)
