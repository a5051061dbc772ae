"""`archcode serve`: the report (or the diagram alone) on 127.0.0.1, drawn again on every save.

One process, three parts:

- a render function (model file in, HTML page out; a model with errors gives a page listing
  the located errors, so the browser never shows a stale picture as if it were current);
- a watcher thread (`watchfiles`, native file events) that re-renders when a watched file
  changes and bumps a version number;
- a threaded HTTP server bound to the loopback address only: ``/`` is a small shell page that
  shows the rendered page in a frame and reloads the frame when ``/events`` (server-sent events)
  announces a new version; ``/content`` is the rendered page itself, with its own strict CSP.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from archcode.errors import InputError, UsageError

LOOPBACK = "127.0.0.1"
KEEPALIVE_S = 10.0

Renderer = Callable[[], str]  # the page for the files as they are now

SHELL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>archcode serve: {title}</title>
<style>html,body{{margin:0;height:100%;font:13px system-ui,sans-serif}}
#bar{{background:#232f3e;color:#c8d1db;padding:4px 10px;height:18px}}
iframe{{border:0;width:100%;height:calc(100% - 26px);display:block}}</style></head>
<body><div id="bar">archcode serve · {title} · <span id="state">version {version}</span></div>
<iframe id="view" title="archcode preview" src="/content?v={version}" data-version="{version}">
</iframe><script src="/live.js"></script></body></html>
"""
LIVE_JS = """"use strict";
// Reload the frame when the server announces a new version (server-sent events).
(function () {
  const frame = document.getElementById("view");
  const state = document.getElementById("state");
  let shown = Number(frame.dataset.version);
  const events = new EventSource("/events");
  events.onmessage = (event) => {
    const version = Number(event.data);
    if (version !== shown) {
      shown = version;
      frame.src = "/content?v=" + version;
      state.textContent = "version " + version;
    }
  };
  events.onerror = () => { state.textContent = "version " + shown + " (server not reachable)"; };
})();
"""
SHELL_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; frame-src 'self'; "
    "style-src 'unsafe-inline'"
)


def error_page(title: str, lines: list[str]) -> str:
    """The page shown while the model does not load: every located error, as text."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>archcode: errors in {html.escape(title)}</title>"
        "<style>body{font:14px system-ui,sans-serif;margin:24px;color:#1d2733}"
        "h1{font-size:18px;color:#b71c1c}li{margin:4px 0}</style></head><body>"
        f'<h1 id="errors">{html.escape(title)} does not load</h1>'
        f'<ul id="problems">{items}</ul>'
        "<p>Fix the file and save it: this page is drawn again by itself.</p></body></html>"
    )


def safe_render(title: str, render: Renderer) -> str:
    """The rendered page, or the error page: the server keeps running whatever the input."""
    try:
        return render()
    except InputError as exc:
        return error_page(title, [str(problem) for problem in exc.problems])
    except UsageError as exc:
        return error_page(title, [f"archcode: {exc}"])
    except Exception as exc:  # an internal error is shown, never a dead preview
        return error_page(title, [f"archcode: internal error: {type(exc).__name__}: {exc}"])


@dataclass
class LivePage:
    """The current page and its version; waiters are woken when it changes."""

    title: str
    render: Renderer
    content: str = ""
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)
    stopping: threading.Event = field(default_factory=threading.Event)

    def refresh(self) -> None:
        content = safe_render(self.title, self.render)
        with self.changed:
            self.content = content
            self.version += 1
            self.changed.notify_all()

    def wait_for(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(
                lambda: self.version != version or self.stopping.is_set(), timeout
            )
            return self.version


def watch(page: LivePage, files: list[Path], notes: Callable[[str], None]) -> threading.Thread:
    """A thread that re-renders the page when one of ``files`` changes (or appears again:
    editors often save by writing a new file and renaming it)."""
    from watchfiles import watch as file_events

    targets = {f.resolve() for f in files}
    folders = sorted({str(t if t.is_dir() else t.parent) for t in targets})

    def wanted(_change: object, path: str) -> bool:
        found = Path(path).resolve()
        return any(found == t or t in found.parents for t in targets)

    def loop() -> None:
        for changes in file_events(*folders, watch_filter=wanted, stop_event=page.stopping):
            names = ", ".join(sorted({Path(p).name for _c, p in changes}))
            notes(f"{names} changed: drawing again")
            page.refresh()

    thread = threading.Thread(target=loop, name="archcode-watch", daemon=True)
    thread.start()
    return thread


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return  # the terminal shows archcode's notes, not an access log

    def _send(self, status: int, kind: str, body: str, csp: str | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        page = self.server.page
        route = self.path.split("?", 1)[0]
        if route == "/":
            shell = SHELL.format(title=html.escape(page.title), version=page.version)
            self._send(200, "text/html", shell, SHELL_CSP)
        elif route == "/live.js":
            self._send(200, "text/javascript", LIVE_JS)
        elif route == "/content":
            self._send(200, "text/html", page.content)
        elif route == "/version":
            self._send(200, "text/plain", str(page.version))
        elif route == "/events":
            self._events(page)
        else:
            self._send(404, "text/plain", "not found")

    def _events(self, page: LivePage) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = page.version
        try:
            self.wfile.write(f"data: {version}\n\n".encode())
            self.wfile.flush()
            while not page.stopping.is_set():
                now = page.wait_for(version, KEEPALIVE_S)
                if page.stopping.is_set():
                    break
                message = f"data: {now}\n\n" if now != version else ": keep-alive\n\n"
                version = now
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the browser went away


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds the process at exit

    def __init__(self, port: int, page: LivePage) -> None:
        super().__init__((LOOPBACK, port), _Handler)
        self.page = page


def serve(page: LivePage, files: list[Path], port: int, notes: Callable[[str], None]) -> None:
    """Serve until Ctrl-C (SIGINT): then stop the watcher and the server, and return."""
    page.refresh()
    server = _Server(port, page)
    host, bound = server.server_address[:2]
    notes(f"serving http://{host!s}:{bound}/ (Ctrl-C stops)")
    watcher = watch(page, files, notes)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        page.stopping.set()
        with page.changed:
            page.changed.notify_all()
        server.server_close()
        watcher.join(timeout=5)
        notes("stopped")
