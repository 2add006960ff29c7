"""`avtale preview` in a process of its own, as a user starts it, for the preview's tests and its benchmark.

`started(path, *options)` is a context manager: it starts `avtale preview PATH --no-open`, reads the address
from the first line it prints, yields a `Running` (its url, its process), and stops it with Ctrl-C (SIGINT)
at the end, failing if it does not stop in time.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

START_S = 30  # a cold start imports Starlette, uvicorn and Typst and sets the agreement once


@dataclass
class Running:
    url: str
    process: subprocess.Popen

    def get(self, path: str, timeout: float = 10) -> tuple[int, dict, bytes]:
        """GET `path` (as given: never normalised) and return status, headers and body."""
        import http.client

        host, port = self.url.split("//")[1].rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def stop(self, sig: int = signal.SIGINT, timeout: float = 15) -> tuple[int, str, str]:
        """Send `sig` (Ctrl-C by default) and wait; returns exit code, stdout and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err


@contextlib.contextmanager
def started(path: Path, *options: str, cwd: Path | None = None, env: dict | None = None):
    command = [sys.executable, "-m", "avtale", "preview", str(path), "--no-open", *options]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    try:
        line = _first_line(process)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not found:
            process.kill()
            out, err = process.communicate(timeout=10)
            raise AssertionError(f"avtale preview printed no address: {line!r} {out!r} {err!r}")
        running = Running(found.group(0), process)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise AssertionError("avtale preview did not stop on Ctrl-C within 15 s") from None


def _first_line(process: subprocess.Popen) -> str:
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if not selector.select(START_S):
        process.kill()
        raise AssertionError(f"avtale preview printed nothing within {START_S} s")
    return process.stdout.readline()


def fetch(url: str, timeout: float = 10) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()
