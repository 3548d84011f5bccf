"""The hosted setup of docs/deployment.md, for real: nginx in front of two app processes that share
one PostgreSQL, each browser kept on its process by a cookie.

Checks, in headless Chromium through nginx:
- each person's requests stay with the process their session lives on (the page works, every
  edit lands, and nginx says which process answered);
- a change made through one process and then a stale change through the other: the second is
  refused and said, and nothing is overwritten;
- stopping one process loses no saved edit: the other one opens it.

Needs Debian's nginx, postgresql and chromium (.ci/run installs them). Without them it is skipped
with a note, except where STAY_OR_GO_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_support import (
    REPO_ROOT,
    SCRIPT_IDLE,
    AppServer,
    chromium_available,
    free_port,
    launch_chromium,
    start_app,
    wait_for_app,
)
from tests.postgres_support import PostgresServer

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000

NGINX_CONF = """\
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;

    # Sticky by cookie: a browser without one is given a process, and keeps it.
    split_clients "${{remote_addr}}${{request_id}}" $new_route {{ 50% a; * b; }}
    map $cookie_stay_or_go_route $route {{ a a; b b; default $new_route; }}
    map $route $backend {{ a 127.0.0.1:{port_a}; b 127.0.0.1:{port_b}; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}

    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://$backend;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400;
            add_header Set-Cookie "stay_or_go_route=$route; Path=/; HttpOnly; SameSite=Lax" always;
            add_header X-Stay-Or-Go-Process $route always;
        }}
    }}
}}
"""


def _need(what: str, ok: bool) -> None:
    if ok:
        return
    if os.environ.get("STAY_OR_GO_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} is missing; CI installs it (.ci/run).")
    pytest.skip(f"{what} is missing.")


class Nginx:
    def __init__(self, port_a: int, port_b: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="stay-or-go-nginx-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        conf = self.folder / "nginx.conf"
        conf.write_text(NGINX_CONF.format(folder=self.folder, port=self.port, port_a=port_a, port_b=port_b))
        self.command = ["nginx", "-c", str(conf), "-p", str(self.folder), "-g", "daemon off;"]
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise TimeoutError(
            (self.folder / "error.log").read_text() if (self.folder / "error.log").exists() else ""
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def hosted() -> Iterator[tuple[Nginx, AppServer, AppServer]]:
    _need("chromium (/usr/bin/chromium)", chromium_available())
    _need("nginx", shutil.which("nginx") is not None or os.path.exists("/usr/sbin/nginx"))
    postgres = PostgresServer.find()
    _need("PostgreSQL (Debian's postgresql)", postgres is not None)
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin"
    url = postgres.start()
    # One person on purpose: sign-in is not what this test is about (test_app_saved covers it).
    env = {"STAY_OR_GO_DB_URL": url, "STAY_OR_GO_SINGLE_USER": "1"}
    a = start_app(REPO_ROOT / "streamlit_app.py", env=env)
    b = start_app(REPO_ROOT / "streamlit_app.py", env=env)
    proxy = Nginx(a.port, b.port)
    try:
        yield proxy, a, b
    finally:
        proxy.stop()
        a.stop()
        b.stop()
        postgres.stop()


@pytest.fixture(scope="module")
def browser(hosted):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            yield b
        finally:
            b.close()


def open_on(browser, proxy: Nginx, route: str):
    """A person whose browser nginx keeps on process `route` ("a" or "b")."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "stay_or_go_route", "value": route, "url": proxy.base_url}])
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    served_by: list[str] = []
    page.on("response", lambda r: served_by.append(r.headers.get("x-stay-or-go-process", "")))
    page.goto(proxy.base_url)
    wait_for_app(page)
    return page, served_by


def go_to(page, title: str) -> None:
    from playwright.sync_api import expect

    page.get_by_test_id("stTopNavLink").filter(has_text=re.compile(rf"{title}$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    page.wait_for_selector(SCRIPT_IDLE, state="attached")


def set_base(page, value: int) -> None:
    from playwright.sync_api import expect

    go_to(page, "Current role")
    box = page.locator("input[aria-label^='Base salary per year']").first
    box.fill(str(value))
    box.press("Tab")
    page.wait_for_selector(SCRIPT_IDLE, state="attached")
    expect(box).to_have_value(re.compile(rf"{value // 1000},?{value % 1000:03d}"))


def stored_base(url: str, expected: float | None = None) -> float:
    """The saved base salary; with `expected`, read again for up to 10 s until it is that. The page
    can go idle a moment before the rerun that saves a Tab's value has started, so a value typed
    just now may not be in the database yet."""
    import time

    from core.storage.database import LOCAL_OWNER, Storage

    deadline = time.monotonic() + 10
    with Storage(url) as storage:
        while True:
            info = storage.list(LOCAL_OWNER)[0]
            base = storage.load_by_id(LOCAL_OWNER, info.id)[0].current.pay.base
            if expected is None or base == expected or time.monotonic() > deadline:
                return base
            time.sleep(0.1)


def test_two_processes_behind_nginx_share_one_postgresql_and_lose_nothing(hosted, browser):
    from playwright.sync_api import expect

    proxy, process_a, process_b = hosted
    url = process_a.env["STAY_OR_GO_DB_URL"]
    alex, alex_served = open_on(browser, proxy, "a")
    sam, sam_served = open_on(browser, proxy, "b")

    set_base(alex, 101_000)
    assert stored_base(url, 101_000) == 101_000
    # Sam's process sees it at the next page view and offers the newer version; Sam takes it and
    # changes it: saved over it.
    go_to(sam, "Offers")
    expect(sam.get_by_test_id("stMain").get_by_test_id("stAlertContentInfo").first).to_contain_text(
        "changed in another tab or window"
    )
    sam.get_by_role("button", name="Show the newer version").click()
    sam.wait_for_selector(SCRIPT_IDLE, state="attached")
    set_base(sam, 102_000)
    assert stored_base(url, 102_000) == 102_000
    # Alex's tab is now behind: its change is refused and said, and nothing is overwritten.
    set_base(alex, 103_000)
    expect(alex.get_by_test_id("stAlertContentError").first).to_contain_text(
        "changed in another tab or window"
    )
    assert stored_base(url) == 102_000
    # Every response each browser had came from its own process.
    assert set(alex_served) == {"a"} and set(sam_served) == {"b"}

    # Sam's process stops: what it saved is still there, and Alex's process opens it.
    process_b.stop(keep_data=True)
    fresh, served = open_on(browser, proxy, "a")
    go_to(fresh, "Current role")
    expect(fresh.locator("input[aria-label^='Base salary per year']").first).to_have_value(
        re.compile(r"102,?000")
    )
    assert set(served) == {"a"}
