"""`plangen serve`: a live HTML preview of a plan or report on 127.0.0.1.

watchfiles notices a save of the YAML (or of anything in its folder and the
override templates); the page is rebuilt in memory and every open browser is told
over server-sent events to reload. Problems are shown on the page as file:line:col
instead of stopping the server. Starlette routes the requests and uvicorn serves
them; neither the HTTP nor the file watching is written here.
"""

from __future__ import annotations

import asyncio
import html
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from plangen.errors import PlanError
from plangen.messages import _

HOST = "127.0.0.1"
WATCHED = {".yaml", ".yml", ".j2", ".css", ".png", ".jpg", ".jpeg", ".svg"}
# Sent to every page: reload when the server says the preview changed.
RELOAD_SCRIPT = """<script>
(function () {
  var source = new EventSource("/events");
  var seen = null;
  source.onmessage = function (event) {
    if (seen !== null && event.data !== seen) { window.location.reload(); }
    seen = event.data;
  };
})();
</script>"""


@dataclass
class Preview:
    """The current rendering of one input file, rebuilt on demand."""

    path: Path
    templates: Path | None = None
    version: int = 0
    page: str = ""
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        """Render the HTML again; on a problem keep the message for the page instead."""
        from plangen.pipeline.build import produce, render_file

        try:
            doc = render_file(self.path, self.templates)
            data = next(iter(produce(doc, Path("."), ["html"], self.templates).values()))
            page, problems = data.decode("utf-8"), []
        except PlanError as exc:
            page, problems = "", [str(p) for p in exc.problems]
        with self.lock:
            self.page, self.problems = page, problems
            self.version += 1

    def download(self, fmt: str) -> tuple[str, bytes]:
        """The current state as DOCX or PDF, built in memory: (file name, bytes)."""
        from plangen.pipeline.build import produce, render_file

        doc = render_file(self.path, self.templates)
        target, data = next(iter(produce(doc, Path("."), [fmt], self.templates).items()))
        return target.name, data

    def html(self) -> str:
        """The page a browser gets: the plan, or the problems, with the reload script."""
        with self.lock:
            page, problems = self.page, list(self.problems)
        docx_label, pdf_label = html.escape(_("download DOCX")), html.escape(_("download PDF"))
        bar = (
            '<nav class="plangen-serve" style="position:sticky;top:0;z-index:9;'
            'background:#f4f4f4;border-bottom:1px solid #ccc;padding:4px 1em;font:14px sans-serif">'
            f"{html.escape(self.path.name)} · "
            f'<a href="/download/docx">{docx_label}</a> · '
            f'<a href="/download/pdf">{pdf_label}</a></nav>'
        )
        if problems:
            items = "".join(f"<pre>{html.escape(p)}</pre>" for p in problems)
            title = html.escape(
                _("{file} has problems; the preview waits for a fix", file=self.path)
            )
            return (
                '<!DOCTYPE html><html><head><meta charset="utf-8"><title>plangen</title></head>'
                f'<body>{bar}<section id="plangen-problems" style="padding:1em;color:#a00">'
                f"<h1>{title}</h1>{items}</section>{RELOAD_SCRIPT}</body></html>"
            )
        head = page.find("<body")
        head = page.find(">", head) + 1 if head >= 0 else 0
        page = page[:head] + bar + page[head:]
        return page.replace("</body>", RELOAD_SCRIPT + "</body>", 1)


def missing_packages() -> list[str]:
    """The serve extra's packages that are not installed."""
    from importlib.util import find_spec

    return [name for name in ("watchfiles", "starlette", "uvicorn") if find_spec(name) is None]


def watched_paths(preview: Preview) -> list[Path]:
    """The input's folder and the override templates' folder."""
    paths = [preview.path.resolve().parent]
    if preview.templates is not None:
        paths.append(preview.templates.resolve())
    return paths


def make_app(preview: Preview, stop: asyncio.Event | None = None):  # noqa: ANN201 - Starlette
    """The ASGI application: the page, the event stream and the downloads."""
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
    from starlette.routing import Route
    from watchfiles import awatch

    stop = stop or asyncio.Event()
    changed = asyncio.Condition()

    async def page(_request):  # noqa: ANN001, ANN202
        return HTMLResponse(preview.html(), headers={"Cache-Control": "no-store"})

    async def events(_request):  # noqa: ANN001, ANN202
        async def stream() -> AsyncIterator[str]:
            version, quiet = -1, 0
            while not stop.is_set():
                if preview.version != version:
                    version = preview.version
                    yield f"data: {version}\n\n"
                async with changed:
                    try:  # wake at least twice a second to notice Ctrl-C
                        await asyncio.wait_for(changed.wait(), timeout=0.5)
                    except TimeoutError:
                        quiet += 1
                if quiet >= 30:
                    quiet = 0
                    yield ": keep-alive\n\n"

        return StreamingResponse(
            stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    async def download(request):  # noqa: ANN001, ANN202
        fmt = request.path_params["fmt"]
        if fmt not in ("docx", "pdf"):
            return PlainTextResponse("not found", status_code=404)
        try:
            name, data = await asyncio.to_thread(preview.download, fmt)
        except PlanError as exc:
            text = "\n".join(str(p) for p in exc.problems)
            return PlainTextResponse(text, status_code=409)
        media = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
        }[fmt]
        return Response(
            data,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def watch() -> None:
        def relevant(_change, name: str) -> bool:  # noqa: ANN001
            return Path(name).suffix.lower() in WATCHED

        async for _changes in awatch(
            *watched_paths(preview),
            watch_filter=relevant,
            debounce=50,
            step=20,
            stop_event=stop,
        ):
            await asyncio.to_thread(preview.rebuild)
            async with changed:
                changed.notify_all()

    async def lifespan(_app):  # noqa: ANN001, ANN202
        task = asyncio.create_task(watch())
        yield
        stop.set()
        async with changed:
            changed.notify_all()
        task.cancel()

    from contextlib import asynccontextmanager

    return Starlette(
        routes=[
            Route("/", page),
            Route("/events", events),
            Route("/download/{fmt}", download),
        ],
        lifespan=asynccontextmanager(lifespan),
    )


def serve(path: Path, port: int, templates: Path | None = None) -> None:
    """Build once, then serve on 127.0.0.1:port until Ctrl-C."""
    import uvicorn

    if not path.is_file():
        raise PlanError.single(path, _("file not found"), _("check the path"))
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise PlanError.single(
                f"{HOST}:{port}",
                _("port {port} is in use", port=port),
                _("choose another with --port, e.g. --port {other}", other=port + 1),
            ) from None
    preview = Preview(path, templates)
    preview.rebuild()
    stop = asyncio.Event()
    config = uvicorn.Config(
        make_app(preview, stop),
        host=HOST,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    original = server.handle_exit

    def handle_exit(sig, frame) -> None:  # noqa: ANN001 - signal handler
        stop.set()  # ends the event streams, so shutdown does not wait for browsers
        original(sig, frame)

    server.handle_exit = handle_exit  # type: ignore[method-assign]
    server.run()
