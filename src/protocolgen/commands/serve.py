"""Live preview: build a protocol, serve its HTML on this computer only (127.0.0.1), and build
again when the protocol, its logo or the templates change; the open page reloads itself.

Each build runs as `protocolgen build` in a child process, with the shared cache, so that a
change lays out only what it changes. When a build fails, the last good documents stay
available and every page shows the Dutch problems at the top.
"""

from __future__ import annotations

import html
import http.server
import json
import mimetypes
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from protocolgen.shipped import templates_dir

LOOPBACK = "127.0.0.1"
POLL_SECONDS = 0.4

RELOAD = """<script>
(function () {
  var seen = null;
  function ask() {
    fetch("/__status").then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen) { location.reload(); }
      seen = s.build;
    }).catch(function () {}).finally(function () { setTimeout(ask, 700); });
  }
  ask();
})();
</script>"""


class Preview:
    """What the server shows: the output folder, and the state of the latest build."""

    def __init__(self, source: Path, out: Path, templates: Path | None, extra: list[str]
                 ) -> None:
        self.source, self.out, self.templates = source, out, templates
        self.extra = extra + (["--templates", str(templates)] if templates else [])
        self.build, self.problems, self.warnings = 0, "", ""
        self.lock = threading.Lock()

    def watched(self) -> list[Path]:
        """Return the files whose change starts a new build."""
        folders = [templates_dir(), *([self.templates] if self.templates else [])]
        files = [self.source, *(p for f in folders if f.is_dir() for p in f.rglob("*"))]
        files += list(self.source.parent.glob("*.svg")) + list(self.source.parent.glob("*.png"))
        files += list(self.source.parent.glob("*.jp*g"))
        return files

    def rebuild(self) -> None:
        """Build once; keep the problems of a failed build for the pages to show."""
        done = subprocess.run([sys.executable, "-m", "protocolgen", "build", "-q",
                               str(self.source), "-o", str(self.out), *self.extra],
                              capture_output=True, text=True, check=False)
        said = done.stderr.strip()
        with self.lock:
            self.problems = (said or "de bouw mislukte") if done.returncode else ""
            self.warnings = "" if done.returncode else said
            self.build += 1

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {"build": self.build, "problemen": self.problems,
                    "waarschuwingen": self.warnings}


def stamps(files: list[Path]) -> dict[Path, int]:
    """Return the modification time of every file that exists."""
    found: dict[Path, int] = {}
    for path in files:
        try:
            found[path] = path.stat().st_mtime_ns
        except OSError:
            continue
    return found


def watch(preview: Preview, stop: threading.Event) -> None:
    """Build again whenever a watched file changes, until `stop` is set."""
    seen = stamps(preview.watched())
    while not stop.wait(POLL_SECONDS):
        now = stamps(preview.watched())
        if now != seen:
            seen = now
            preview.rebuild()


def handler(preview: Preview) -> type[http.server.BaseHTTPRequestHandler]:
    """Return the request handler that serves `preview`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == "/__status":
                self._send(200, "application/json", json.dumps(preview.state()).encode())
                return
            if path == "/":
                first = sorted(preview.out.glob("*/index.html"))
                target = f"/{first[0].parent.name}/index.html" if first else "/__status"
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
                return
            file = (preview.out / path.lstrip("/")).resolve()
            if not file.is_relative_to(preview.out.resolve()) or not file.is_file():
                self._send(404, "text/plain; charset=utf-8", b"niet gevonden")
                return
            body = file.read_bytes()
            mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if file.suffix == ".html":
                state = preview.state()
                body = inject(body.decode("utf-8"), state["problemen"],
                              state["waarschuwingen"]).encode()
                mime = "text/html; charset=utf-8"
            self._send(200, mime, body)

        def _send(self, status: int, mime: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # no line per request in the author's terminal

    return Handler


def inject(page: str, problems: str, warnings: str = "") -> str:
    """Return a served page with the reload script and, after a failed build, the problems
    (after a build with warnings, the warnings)."""
    banner = ""
    if problems or warnings:
        colours = "background:#b00020;color:#fff" if problems else "background:#fff3c4"
        head = ("De laatste wijziging is niet gebouwd; u ziet de vorige versie." if problems
                else "Gebouwd, met waarschuwingen.")
        banner = (f'<div role="alert" style="{colours};padding:1em;font:14px/1.4 sans-serif;'
                  f'white-space:pre-wrap"><strong>{head}</strong>\n'
                  f"{html.escape(problems or warnings)}</div>")
    start = page.find(">", page.find("<body")) + 1
    page = page[:start] + banner + page[start:]
    return page.replace("</body>", RELOAD + "</body>", 1)


def serve(source: Path, out: Path, port: int, templates: Path | None, extra: list[str],
          ready: Callable[[str], None]) -> None:
    """Build (with the build options `extra`), serve on 127.0.0.1:`port` (0: any free port)
    and rebuild on change, until interrupted; `ready` is told the address."""
    preview = Preview(source, out, templates, extra)
    preview.rebuild()
    server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler(preview))
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    watcher.start()
    ready(f"http://{LOOPBACK}:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
