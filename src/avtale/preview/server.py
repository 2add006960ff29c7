"""The preview's web server: Starlette on uvicorn, bound to the loopback only, with watchfiles watching the file.

reads: the agreement file (via `snapshot.Preview`), the page's own three files in templates/preview/
writes: nothing on disk; HTTP responses

Routes (GET only; anything else is 404 or 405, and a Host other than 127.0.0.1 or localhost is refused):
  /                   the page              /preview.js, /preview.css   its script and style
  /state              the current version as JSON (findings, banner, page keys, heading places)
  /events             server-sent events: `version` with the number of each new version
  /page/N.svg         the N-th page (from 1) of the last good rendering
  /view.html          the HTML build of it;  /redline.html  the redline against --against REV
No path from a request ever reaches the file system: every response comes from memory or from a fixed name.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import anyio
import uvicorn
import watchfiles
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from avtale import layout
from avtale.i18n import _, language
from avtale.preview.snapshot import Preview

STEP_MS = 20  # how long watchfiles waits for more changes after one before reporting them
PING_S = 15  # a comment on the event stream this often, so a closed tab is noticed
HOSTS = ["127.0.0.1", "localhost"]
PAGE_FILES = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
# The page runs only its own script; the agreement's HTML (in a frame) runs none and loads nothing.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
VIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'self'"
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


class Hub:
    """The current version, and a way for each event stream to wait for the next one."""

    def __init__(self, preview: Preview):
        self.preview = preview
        self.closing = asyncio.Event()
        self._changed = asyncio.Condition()

    async def publish(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def close(self) -> None:
        self.closing.set()
        await self.publish()

    async def wait(self, seen: int) -> None:
        """Until a version after `seen`, the server closing, or PING_S (whichever first)."""
        async with self._changed:
            with anyio.move_on_after(PING_S):
                await self._changed.wait_for(lambda: self.preview.snapshot.version != seen or self.closing.is_set())


def app(preview: Preview, view: str, hub: Hub, on_ready=None) -> Starlette:
    """The application serving `preview`; `view` (pdf or html) is the one the page opens with. The page and
    its two files are read once, here; every other response comes from `preview.snapshot`."""
    templates = layout.templates_dir() / "preview"
    page_text = (templates / "page.html").read_text(encoding="utf-8")
    for key, value in _page_words(preview, view).items():
        page_text = page_text.replace("{{" + key + "}}", _escape(value))
    files = {name: (templates / name).read_bytes() for name in PAGE_FILES}

    async def page(request):
        return Response(page_text, media_type="text/html; charset=utf-8",
                        headers={**HEADERS, "Content-Security-Policy": PAGE_POLICY})

    async def asset(request):
        name = request.path_params["name"]
        if name not in files:
            return _not_found()
        return Response(files[name], media_type=PAGE_FILES[name], headers=HEADERS)

    async def state(request):
        return Response(json.dumps(preview.snapshot.state(), ensure_ascii=False),
                        media_type="application/json", headers=HEADERS)

    async def page_svg(request):
        rendering = preview.snapshot.rendering
        number = request.path_params["number"]
        if rendering is None or not 1 <= number <= len(rendering.pages):
            return _not_found()
        return Response(rendering.pages[number - 1], media_type="image/svg+xml", headers=HEADERS)

    async def view_html(request):
        rendering = preview.snapshot.rendering
        return _view(None if rendering is None else rendering.html)

    async def redline_html(request):
        rendering = preview.snapshot.rendering
        return _view(None if rendering is None else rendering.redline)

    async def events(request):
        async def stream():
            seen = None
            while not hub.closing.is_set():
                version = preview.snapshot.version
                if version != seen:
                    seen = version
                    yield f"event: version\ndata: {version}\n\n"
                else:
                    yield ": ping\n\n"
                await hub.wait(seen)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=HEADERS)

    async def watch():
        """Read the file again whenever it is saved (also by renaming a new file over it, as many editors do),
        or a logo it names changes (in the directories those logos were in when the preview started)."""
        agreement = preview.path.resolve()
        folders = {agreement.parent} | {logo.parent for logo in preview.logos if logo.parent.is_dir()}

        def ours(change, path: str) -> bool:
            changed = Path(path)
            return changed == agreement or changed in preview.logos

        async for _changes in watchfiles.awatch(*sorted(folders), watch_filter=ours, recursive=False,
                                                step=STEP_MS, stop_event=hub.closing):
            try:
                await anyio.to_thread.run_sync(preview.refresh)
            except Exception as exc:  # a bug: say it in one line and keep watching, the last version still shown
                _say(_("avtale preview: internal error: {kind}: {error}").format(
                    kind=type(exc).__name__, error=" ".join(str(exc).split())))
                continue
            await hub.publish()

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(application):
        task = asyncio.get_running_loop().create_task(watch())
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            await hub.close()
            task.cancel()

    routes = [
        Route("/", page),
        Route("/state", state),
        Route("/events", events),
        Route("/page/{number:int}.svg", page_svg),
        Route("/view.html", view_html),
        Route("/redline.html", redline_html),
        Route("/{name:str}", asset),
    ]
    application = Starlette(routes=routes, lifespan=lifespan,
                            middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=HOSTS)])
    application.router.redirect_slashes = False  # «/x/» is not found, never sent on to «/x»
    return application


def _say(line: str) -> None:
    import sys

    from avtale.characters import shown

    print(shown(line), file=sys.stderr, flush=True)


def _view(text: str | None) -> Response:
    if text is None:
        return _not_found()
    return Response(text, media_type="text/html; charset=utf-8",
                    headers={**HEADERS, "Content-Security-Policy": VIEW_POLICY})


def _not_found() -> Response:
    return Response(_("Not found"), status_code=404, media_type="text/plain; charset=utf-8", headers=HEADERS)


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def _page_words(preview: Preview, view: str) -> dict:
    """The page's own words, in the user's language, and its settings."""
    return {
        "lang": {"nb": "nb", "nn": "nn"}.get(language(), "en"),
        "title": _("Preview: {file}").format(file=preview.path.name),
        "file": str(preview.path),
        "view": view,
        "against": "yes" if preview.against is not None else "",
        "page": _("Page"),
        "pdf": _("As PDF"),
        "html": _("As HTML"),
        "redline": _("Changes"),
        "findings": _("Findings"),
        "none": _("No findings: the agreement is valid."),
        "live": _("Updates itself when the file is saved."),
        "lost": _("The connection to avtale is lost; start `avtale preview` again."),
    }


class Server(uvicorn.Server):
    """uvicorn's server, which also ends the event streams when it is told to stop (Ctrl-C), so it need not
    wait for open pages to close them."""

    def __init__(self, config: uvicorn.Config, hub: Hub):
        super().__init__(config)
        self.hub = hub

    def handle_exit(self, sig, frame) -> None:
        super().handle_exit(sig, frame)
        asyncio.get_event_loop().call_soon_threadsafe(lambda: asyncio.ensure_future(self.hub.close()))


def serve(preview: Preview, sock, view: str, on_ready=None) -> None:
    """Serve until Ctrl-C (KeyboardInterrupt from uvicorn's re-raised signal) on the bound socket `sock`."""
    hub = Hub(preview)  # (asyncio's Event and Condition take their loop when first used, in the server's)
    config = uvicorn.Config(app(preview, view, hub, on_ready), log_level="warning", access_log=False,
                            lifespan="on", timeout_graceful_shutdown=1, ws="none")
    Server(config, hub).run(sockets=[sock])
