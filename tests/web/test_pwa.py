"""Installable like an app: the manifest, its icons and the service worker, as a browser fetches them."""

from __future__ import annotations

import json
import re
import struct

from liftlore.store.db import Database
from tests.web.client import client_for

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE), "not a PNG"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_every_page_links_the_manifest_and_loads_the_worker_script(db: Database) -> None:
    client = client_for(db)
    for path in ("/", "/exercises/goblet-squat", "/log"):
        page = client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page, path
        assert 'name="theme-color"' in page, path
        assert "/static/offline.js" in page, path


def test_the_manifest_has_what_an_install_needs_and_its_icons_exist(db: Database) -> None:
    client = client_for(db)
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(response.text)
    assert manifest["name"] == "liftlore" and manifest["short_name"]
    assert manifest["start_url"] == "/log" and manifest["display"] == "standalone"
    for colour in ("theme_color", "background_color"):
        assert re.fullmatch(r"#[0-9a-f]{6}", manifest[colour]), colour

    sizes: dict[str, set[str]] = {}
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        assert served.headers["content-type"].startswith(icon["type"]), icon["src"]
        if icon["type"] == "image/png":
            width, height = png_size(served.content)
            assert icon["sizes"] == f"{width}x{height}", icon["src"]
        else:
            assert "<svg" in served.text
        for purpose in icon.get("purpose", "any").split():
            sizes.setdefault(purpose, set()).add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes["any"]
    assert "512x512" in sizes["maskable"]


def test_the_service_worker_is_served_from_the_root_with_this_releases_files(db: Database) -> None:
    client = client_for(db)
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"  # a new release is found on the next visit
    assert "Service-Worker-Allowed" not in response.headers  # not needed: at the root its scope is the whole site
    worker = response.text
    assert 'addEventListener("fetch"' in worker
    build = re.search(r"var BUILD = (\{.*\});", worker)
    assert build is not None
    written = json.loads(build.group(1))
    assert written["version"] != "dev"
    for file in ("/static/liftlore.css", "/static/offline.js", "/static/icons/icon-192.png"):
        assert file in written["files"]
    for file in written["files"]:
        assert client.get(file).status_code == 200, file
    assert "/static/sw.js" not in written["files"]
    # The worker's own rules: the log as JSON and the account pages are never kept.
    assert "/api/" not in "".join(re.findall(r"KEPT_PAGES = \[(.*)\];", worker))
    assert "account" not in "".join(re.findall(r"KEPT_PAGES = \[(.*)\];", worker))
    # Signing in, out or up changes whose log the kept pages show: each of them clears the kept pages.
    forget = next(line for line in worker.splitlines() if "forgetPages()" in line and "waitUntil" in line)
    for path in ("/login", "/logout", "/register"):
        assert f'"{path}"' in forget, path
    # A page shown once for something just done (its Undo, its notice) is never kept, nor kept under its own key.
    assert re.search(r'ONE_OFF = \[[^\]]*"logged"[^\]]*"done"', worker)


def test_the_log_form_says_whose_log_it_writes_in_and_carries_a_new_key_each_time(db: Database) -> None:
    client = client_for(db)
    pages = [client.get("/log", params={"exercise": "goblet-squat"}).text for _ in range(2)]
    keys = [re.search(r'name="key" value="([0-9a-f-]{36})"', page) for page in pages]
    assert keys[0] and keys[1] and keys[0].group(1) != keys[1].group(1)
    assert '<input type="hidden" name="who" value="">' in pages[0]  # one person, no accounts: the local log
