"""`archcode serve` end to end: a real process on a free loopback port, real file events
(watchfiles), real HTTP: the page, a save, the new version announced and served, a broken save
showing its located error, a clean stop on SIGINT."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import ROOT

MODEL = """\
archcode: 1
name: {name}
region: eu-west-1
actors:
  users: {{kind: users}}
resources:
  fn: {{kind: lambda, name: {fn}, runtime: python3.12}}
connections:
  - {{from: users, to: fn, protocol: https}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        body: bytes = answer.read()
        return body.decode("utf-8")


class Server:
    def __init__(self, process: subprocess.Popen[str], base: str) -> None:
        self.process = process
        self.base = base


def start(args: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "archcode", "serve", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "arch.yaml"
    path.write_text(MODEL.format(name="live one", fn="handler one"))
    return path


@pytest.fixture
def server(model: Path) -> Iterator[Server]:
    port = free_port()
    process = start([str(model), "--port", str(port)])
    assert process.stderr is not None
    first = process.stderr.readline()  # "archcode: serving http://127.0.0.1:PORT/ ..."
    found = re.search(r"serving (http://127\.0\.0\.1:(\d+)/)", first)
    assert found, first
    assert int(found.group(2)) == port
    yield Server(process, found.group(1))
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def events(base: str, seen: list[int], stop: threading.Event) -> None:
    """Read the server-sent events stream, recording every version announced."""
    with urllib.request.urlopen(base + "events", timeout=30) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("data: "):
                seen.append(int(line.removeprefix("data: ")))
            if stop.is_set():
                return


def wait_until(check: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_serve_redraws_on_save_announces_it_and_stops_on_sigint(
    server: Server, model: Path
) -> None:
    shell = get(server.base)
    assert '<iframe id="view"' in shell and 'src="/live.js"' in shell
    assert "EventSource" in get(server.base + "live.js")
    first = get(server.base + "content")
    assert "archcode report: live one" in first and "handler one" in first

    seen: list[int] = []
    stop = threading.Event()
    reader = threading.Thread(target=events, args=(server.base, seen, stop), daemon=True)
    reader.start()
    wait_until(lambda: seen)  # the stream says which version is shown
    model.write_text(MODEL.format(name="live two", fn="handler two"))
    wait_until(lambda: len(seen) >= 2 and seen[-1] > seen[0])
    second = get(server.base + "content")
    assert "archcode report: live two" in second and "handler two" in second
    assert "handler one" not in second

    # A save with an error: the page shows the located error, not the last good picture.
    model.write_text(MODEL.format(name="live three", fn="handler three") + "  - {from: x\n")
    wait_until(lambda: "problems" in get(server.base + "content"))
    broken = get(server.base + "content")
    assert re.search(r"arch\.yaml:\d+:\d+: ", broken), broken
    assert "handler two" not in broken
    stop.set()

    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=15) == 0
    assert server.process.stderr is not None
    rest = server.process.stderr.read()
    assert "arch.yaml changed: drawing again" in rest
    assert rest.strip().endswith("archcode: stopped")
    assert "Traceback" not in rest


def test_serve_binds_the_loopback_address_only(server: Server) -> None:
    port = int(server.base.rsplit(":", 1)[1].strip("/"))
    addresses = {
        info[4][0]
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        if not info[4][0].startswith("127.")
    }
    for address in addresses:  # the machine's other addresses refuse the connection
        with socket.socket() as sock, pytest.raises(OSError):
            sock.settimeout(3)
            sock.connect((address, port))
    assert "archcode serve" in get(server.base)


def test_serve_shows_the_diagram_alone(model: Path) -> None:
    port = free_port()
    process = start([str(model), "--port", str(port), "--show", "diagram"])
    try:
        assert process.stderr is not None
        assert "serving" in process.stderr.readline()
        page = get(f"http://127.0.0.1:{port}/content")
        assert "<svg" in page and "handler one" in page and "findings" not in page
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0


def test_serve_refuses_a_missing_file(tmp_path: Path) -> None:
    process = start([str(tmp_path / "nothing.yaml"), "--port", "0"])
    assert process.wait(timeout=30) == 2
    assert process.stderr is not None
    assert "exists" in process.stderr.read()


def test_the_open_page_refreshes_itself_in_chromium(server: Server, model: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            tab = browser.new_page()
            problems: list[str] = []
            tab.on("pageerror", lambda exc: problems.append(str(exc)))
            tab.goto(server.base)
            frame = tab.frame_locator("#view")
            frame.locator("header h1").wait_for()
            assert frame.locator("header h1").inner_text() == "archcode report: live one"
            model.write_text(MODEL.format(name="live two", fn="handler two"))
            # No reload from the test: the page's own event stream brings the new version.
            tab.wait_for_function(
                "() => document.getElementById('view').contentDocument"
                ".querySelector('header h1')?.textContent === 'archcode report: live two'",
                timeout=30_000,
            )
            assert str(tab.inner_text("#state")).startswith("version 2")
            assert problems == []
        finally:
            browser.close()
