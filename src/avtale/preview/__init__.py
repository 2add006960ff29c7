"""`avtale preview FILE`: the agreement as it will look, and what is wrong with it, live in a browser.

A small web server on 127.0.0.1 (`server`, Starlette on uvicorn) shows one page: the PDF's pages (set by
Typst as SVG, `render/pdf_preview.py`), the HTML build, and, with `--against REV`, the redline against a
git revision; beside them the findings of `validate`, each with its line and column. The file is watched
(watchfiles: inotify where the system has it) and read again on every save (`snapshot`); the page is told
by server-sent events and swaps in what changed. Nothing is written anywhere.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from avtale.errors import Position, UsageError
from avtale.i18n import _

HOST = "127.0.0.1"


def run(path: Path, port: int = 0, open_browser: bool = True, view: str = "pdf", against: str | None = None) -> int:
    """Serve the preview of `path` until Ctrl-C (which raises KeyboardInterrupt: exit 130)."""
    import os

    from avtale import sources
    from avtale.preview.snapshot import Preview

    if not os.path.lexists(path):
        raise UsageError(_("no such file"), Position(path))
    if not os.path.isfile(path):
        raise UsageError(_("not a file: give the agreement's YAML file"), Position(path))
    old = None
    if against is not None:
        old = (f"{against}:{path}", sources.read_agreement(str(path), rev=against))
    preview = Preview(path, old)
    sock = _bind(port)
    preview.refresh()
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    print(_("avtale preview: {url} (Ctrl-C stops it)").format(url=url), flush=True)

    def ready() -> None:
        if open_browser and _has_a_browser():
            import threading
            import webbrowser

            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    from avtale.preview.server import serve

    serve(preview, sock, view, ready)
    return 0


def _has_a_browser() -> bool:
    """Whether opening a browser can show a window: on Linux without a display (a server, an SSH session)
    Python's `webbrowser` would start a text browser in this very terminal, over the server's output."""
    import os

    if os.environ.get("BROWSER") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _bind(port: int) -> socket.socket:
    """A listening socket on the loopback (port 0: a free one chosen by the system)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise UsageError(_("cannot listen on {host} port {port} ({reason}); choose another with --port, or leave "
                           "it out for a free one").format(host=HOST, port=port, reason=exc.strerror or exc)) from None
    sock.set_inheritable(True)
    return sock

