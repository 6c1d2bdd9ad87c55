"""Live preview: build a protocol's HTML in this process, serve it on this computer only
(127.0.0.1), and build again when the protocol, its logo or the templates change; the open
page reloads itself.

HTML first: after a save the HTML of every document is built in process (about a second) and
the page reloads; the PDFs follow in a child process (`protocolgen build`, with the shared
cache, so a change lays out only what it changes), into a folder of their own, and the page
says when they are current. Problems are data: they come from the build as Problem values,
are shown by `templates/voorbeeld.html.j2` over the last good documents, and are served as
JSON at `/__problemen`. A protocol that is broken from the start shows the Dutch problem page,
which reloads once the file is fixed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import mimetypes
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from protocolgen.checks.report import Result
from protocolgen.checks.report import render as report
from protocolgen.commands.build import build
from protocolgen.errors import NotBuilt, Problem, ProtocolgenError, UnreadableInput, problem
from protocolgen.load.files import read
from protocolgen.render.env import macro, make_env, render_template
from protocolgen.shipped import PREVIEW, templates_dir
from protocolgen.write.output import MARK

LOOPBACK = "127.0.0.1"
POLL_SECONDS = 0.2
TIMEOUT_SECONDS = 30
"""How long a connection may stay idle before the server closes it."""
SERVED = frozenset({".html", ".pdf", ".css", ".woff2", ".svg", ".png", ".jpg", ".jpeg",
                    ".zip", ".json"})
"""What the preview serves: the kinds of file a build writes, from folders it wrote."""
PDF_CURRENT, PDF_BUSY = "PDF's zijn bij de tijd", "PDF's worden gemaakt…"


class Preview:
    """What the server shows: the HTML folder, the PDF folder, and the state of the builds."""

    def __init__(self, source: Path, out: Path, templates: Path | None,
                 today: dt.date | None = None) -> None:
        self.source, self.out, self.templates, self.today = source, out, templates, today
        self.pdf_out = out / ".pdf"
        self.build, self.pdf_build, self.pdf_wanted = 0, 0, 0
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.pdf_problems = ""
        self.lock = threading.Lock()
        self.pdf_ready = threading.Event()
        self.child: subprocess.Popen[str] | None = None

    def watched(self) -> list[Path]:
        """Return the files whose change starts a new build."""
        folders = [templates_dir(), *([self.templates] if self.templates else [])]
        files = [self.source, *(p for f in folders if f.is_dir() for p in f.rglob("*"))]
        for pattern in ("*.svg", "*.png", "*.jp*g"):
            files += self.source.parent.glob(pattern)
        return files

    def rebuild(self) -> None:
        """Build the HTML once, in process; keep the problems of a failed build for the pages
        to show, and ask for the PDFs of a good one."""
        problems, warnings = [], []
        try:
            results = build([read(self.source)], self.out, formats=("html",),
                            templates=self.templates, today=self.today)
            warnings = results[0].warnings
        except NotBuilt as failed:
            problems = failed.problems
        except UnreadableInput as failed:
            problems = [failed.problem]
        except ProtocolgenError as failed:
            problems = [problem("PG009", (), str(failed), "herstel wat de melding noemt en sla "
                                "opnieuw op")]
        with self.lock:
            self.problems, self.warnings = problems, warnings
            self.build += 1
            if not problems:
                self.pdf_wanted = self.build
                self.pdf_ready.set()

    def lay_out(self, stop: threading.Event) -> None:
        """Make the PDFs of the latest good HTML build in a child process, one build at a time,
        until `stop` is set."""
        while not stop.is_set():
            if not self.pdf_ready.wait(POLL_SECONDS):
                continue
            self.pdf_ready.clear()
            with self.lock:
                wanted = self.pdf_wanted
            command = [sys.executable, "-m", "protocolgen", "build", "-q", str(self.source),
                       "-o", str(self.pdf_out)]
            command += ["--templates", str(self.templates)] if self.templates else []
            command += ["--peildatum", self.today.isoformat()] if self.today else []
            with self.lock:
                self.child = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.PIPE, text=True)
            _, said = self.child.communicate()
            with self.lock:
                failed, self.child = self.child.returncode not in (0, None), None
                self.pdf_problems = said.strip() if failed else ""
                self.pdf_build = wanted

    def stop_child(self) -> None:
        """End a PDF build that is still running, and wait for it."""
        with self.lock:
            child = self.child
        if child is not None and child.poll() is None:
            child.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=30)

    def pdf_state(self) -> str:
        """Return what the page says about the PDFs."""
        if self.pdf_problems:
            return "De PDF's konden niet gemaakt worden: " + self.pdf_problems
        return PDF_CURRENT if self.pdf_build == self.build and not self.problems else PDF_BUSY

    def state(self) -> dict[str, Any]:
        """Return the state the page polls: the build number and the PDFs' state."""
        with self.lock:
            return {"build": self.build, "pdf": self.pdf_state(),
                    "pdf_bij_de_tijd": self.pdf_build == self.build and not self.problems,
                    "fouten": len(self.problems), "waarschuwingen": len(self.warnings)}

    def problems_json(self) -> str:
        """Return the problems of the latest build as the JSON of `validate --format json`."""
        with self.lock:
            found = self.problems or self.warnings
        return report([Result(self.source.name, found)], "json")

    def page(self, body: str | None) -> str:
        """Return a served page with the problems or warnings of the latest build, the PDFs'
        state and the reload script; without a page (nothing built yet), the problem page."""
        with self.lock:
            context = {"problemen": self.problems, "waarschuwingen": self.warnings,
                       "pdf": self.pdf_state(), "bron": self.source.name,
                       "pagina": body is None}
        return inject(body, context) if body is not None else render_template(
            make_env(self.templates), PREVIEW, context)


def inject(page: str, context: dict[str, Any]) -> str:
    """Return `page` with the preview's banner after <body> and its script before </body>."""
    env = make_env()
    banner = macro(env, PREVIEW, "balk")(context["problemen"], context["waarschuwingen"],
                                          context["pdf"])
    start = page.find(">", page.find("<body")) + 1
    page = page[:start] + str(banner) + page[start:]
    return page.replace("</body>", str(macro(env, PREVIEW, "script")()) + "</body>", 1)


def stamps(files: list[Path]) -> dict[Path, int]:
    """Return the modification time of every file that exists."""
    found: dict[Path, int] = {}
    for path in files:
        try:
            found[path] = path.stat().st_mtime_ns
        except OSError:
            continue
    return found


def watch(preview: Preview, seen: dict[Path, int], stop: threading.Event) -> None:
    """Build again whenever a watched file differs from `seen`, until `stop` is set."""
    while not stop.wait(POLL_SECONDS):
        now = stamps(preview.watched())
        if now != seen:
            seen = now
            preview.rebuild()


def handler(preview: Preview, port: Callable[[], int]) -> type[http.server.BaseHTTPRequestHandler]:
    """Return the request handler that serves `preview` to this computer only."""

    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = TIMEOUT_SECONDS

        def do_GET(self) -> None:
            if self.headers.get("Host") not in (f"{LOOPBACK}:{port()}", f"localhost:{port()}"):
                self._send(421, "text/plain; charset=utf-8", b"onbekende host")
                return  # a page elsewhere that renamed itself to 127.0.0.1 reads nothing
            path = unquote(urlsplit(self.path).path)
            if path == "/__status":
                self._send(200, "application/json", json.dumps(preview.state()).encode())
            elif path == "/__problemen":
                self._send(200, "application/json", preview.problems_json().encode())
            elif path == "/":
                self._home()
            else:
                self._file(path)

        def _home(self) -> None:
            first = sorted(preview.out.glob(f"*/{MARK}"))
            if not first:
                self._send(200, "text/html; charset=utf-8", preview.page(None).encode())
                return
            self.send_response(302)
            self.send_header("Location", f"/{first[0].parent.name}/index.html")
            self.end_headers()

        def _file(self, path: str) -> None:
            file = _served(preview, path)
            if file is None:
                self._send(404, "text/plain; charset=utf-8", b"niet gevonden")
                return
            body = file.read_bytes()
            mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if file.suffix == ".html":
                body = preview.page(body.decode("utf-8")).encode()
                mime = "text/html; charset=utf-8"
            self._send(200, mime, body)

        def _send(self, status: int, mime: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # no line per request in the author's terminal

    return Handler


def _served(preview: Preview, path: str) -> Path | None:
    """Return the file a request path names, if the preview may serve it: a file of a kind a
    build writes, in a folder a build wrote (the PDFs from their own folder)."""
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2 or any(p in (".", "..") or p.startswith(".") or "\x00" in p
                             for p in parts):
        return None
    root = preview.pdf_out if parts[-1].endswith(".pdf") or parts[1:2] == ["bundels"] \
        else preview.out
    folder = root / parts[0]
    file = folder.joinpath(*parts[1:])
    try:
        if not (folder / MARK).is_file() or file.suffix.lower() not in SERVED:
            return None
        return file if file.resolve().is_relative_to(folder.resolve()) and file.is_file() \
            else None
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """Let SIGTERM end the preview as Ctrl+C does, so that it cleans up."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt
    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def serve(source: Path, out: Path, port: int, templates: Path | None,
          today: dt.date | None, ready: Callable[[str], None]) -> None:
    """Build, serve on 127.0.0.1:`port` (0: any free port) and rebuild on change, until
    interrupted (Ctrl+C or SIGTERM); `ready` is told the address."""
    preview = Preview(source, out, templates, today)
    stop = threading.Event()
    with _stopped_by_sigterm():
        seen = stamps(preview.watched())  # before the first build: a save during it counts
        preview.rebuild()
        server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler(
            preview, lambda: server.server_address[1]))
        server.daemon_threads = True
        threads = [threading.Thread(target=watch, args=(preview, seen, stop), daemon=True),
                   threading.Thread(target=preview.lay_out, args=(stop,), daemon=True)]
        for thread in threads:
            thread.start()
        ready(f"http://{LOOPBACK}:{server.server_address[1]}/")
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            preview.stop_child()
            server.server_close()
