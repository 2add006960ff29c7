"""The preview's server as a user starts it: loopback only, nothing but the preview served (path traversal
tried every way), a Host other than the loopback refused, events on every save to every open page, clean
exits on Ctrl-C and SIGTERM, clear one-line errors, and nothing written."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import run_cli
from preview_process import started

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "agreements" / "eksempel-2026-2029.yaml"
SECRET = "hemmelig-innhold-som-aldri-skal-ut"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview for the read-only tests: the example beside a file that must never be served."""
    root = tmp_path_factory.mktemp("served")
    (root / "agreements").mkdir()
    path = root / "agreements" / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "agreements" / "secret.txt").write_text(SECRET, encoding="utf-8")
    with started(path, cwd=root) as running:
        yield running, path


def _listing(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")}


def test_it_listens_on_the_loopback_only(served):
    running, _ = served
    port = int(running.url.rsplit(":", 1)[1].strip("/"))
    listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[3] == "0A"]  # state LISTEN
    assert f"0100007F:{port:04X}" in listening  # 127.0.0.1
    assert f"00000000:{port:04X}" not in listening  # not 0.0.0.0
    assert not any(a.endswith(f":{port:04X}") for a in _ipv6_listening())


def _ipv6_listening() -> list[str]:
    try:
        lines = Path("/proc/net/tcp6").read_text().splitlines()[1:]
    except OSError:
        return []
    return [line.split()[1] for line in lines if line.split()[3] == "0A"]


def test_the_page_its_script_and_style(served):
    running, _ = served
    status, headers, body = running.get("/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    page = body.decode("utf-8")
    assert '<html lang="en">' in page and "<title>Preview: eksempel-2026-2029.yaml</title>" in page
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert running.get("/preview.js")[1]["content-type"] == "text/javascript; charset=utf-8"
    assert running.get("/preview.css")[1]["content-type"] == "text/css; charset=utf-8"


def test_state_pages_and_views(served):
    running, _ = served
    status, _, body = running.get("/state")
    state = json.loads(body)
    assert status == 200 and state["version"] >= 1 and state["banner"] is None
    assert len(state["pages"]) == 4 and state["page"]["width"] == pytest.approx(595.28, abs=0.01)
    for n in range(1, 5):
        status, headers, svg = running.get(f"/page/{n}.svg")
        assert status == 200 and headers["content-type"] == "image/svg+xml" and svg.startswith(b"<svg")
    for bad in ("/page/0.svg", "/page/5.svg", "/page/-1.svg", "/page/1.png", "/redline.html"):
        assert running.get(bad)[0] == 404, bad
    status, headers, html = running.get("/view.html")
    assert status == 200 and b"<h1>Eksempel: Avtale om samarbeid" in html
    assert headers["content-security-policy"].startswith("default-src 'none'")  # the agreement runs no script


TRAVERSALS = [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2Fetc%2Fpasswd", "//etc/passwd", "/page/../../../etc/passwd", "/preview.js/../../secret.txt",
    "/..\\..\\secret.txt", "/%5c..%5c..%5csecret.txt", "/secret.txt", "/../secret.txt", "/%2e%2e/secret.txt",
    "/eksempel-2026-2029.yaml", "/agreements/eksempel-2026-2029.yaml", "/layout.yaml", "/page.html",
    "/agreement.typ", "/preview/page.html", "/fonts/", "/view.html/../secret.txt", "/page/1.svg/..%2f..%2fsecret.txt",
    "/preview.js%00.txt", "/PREVIEW.JS", "/preview.js?../../secret.txt", "/.git/config", "/~root",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_else_of_the_file_system_is_served(served, path):
    running, agreement = served
    status, _, body = running.get(path)
    if path.startswith("/preview.js?"):  # the query is not part of the path: the script itself
        assert status == 200 and body == (ROOT / "templates" / "preview" / "preview.js").read_bytes()
        return
    assert status in (400, 404), (path, status)
    assert SECRET.encode() not in body and b"root:" not in body and b"id: eksempel" not in body


def test_a_host_other_than_the_loopback_is_refused(served):
    """A page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) gets nothing."""
    running, _ = served
    import http.client

    host, port = running.url.split("//")[1].rstrip("/").split(":")
    for name in ("evil.example", "127.0.0.1.evil.example", ""):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.putrequest("GET", "/state", skip_host=True)
        conn.putheader("Host", f"{name}:{port}" if name else "")
        conn.endheaders()
        response = conn.getresponse()
        assert response.status == 400 and b"version" not in response.read(), name
        conn.close()
    for name in ("localhost", "127.0.0.1"):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.putrequest("GET", "/state", skip_host=True)
        conn.putheader("Host", f"{name}:{port}")
        conn.endheaders()
        assert conn.getresponse().status == 200
        conn.close()


def test_only_get(served):
    running, _ = served
    import http.client

    host, port = running.url.split("//")[1].rstrip("/").split(":")
    for method in ("POST", "PUT", "DELETE"):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request(method, "/state", body=b"x")
        assert conn.getresponse().status == 405
        conn.close()


class Events:
    """An /events stream read in a thread: the `version` numbers it has received."""

    def __init__(self, url: str):
        import urllib.request

        self.versions: list[int] = []
        self.arrived = threading.Condition()
        self.response = urllib.request.urlopen(url + "events", timeout=30)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    with self.arrived:
                        self.versions.append(int(line[6:]))
                        self.arrived.notify_all()
        except (OSError, ValueError):
            pass

    def wait_for(self, version: int, timeout: float = 10) -> list[int]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: self.versions and self.versions[-1] >= version, timeout), \
                f"no version {version} within {timeout} s: {self.versions}"
            return list(self.versions)


def test_every_open_page_hears_of_each_save_and_ctrl_c_stops_cleanly(tmp_path):
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    before = _listing(tmp_path)
    with started(path) as running:
        first, second = Events(running.url), Events(running.url)
        assert first.wait_for(1) == [1] and second.wait_for(1) == [1]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Tidlig innsats", "Tidleg innsats"), encoding="utf-8")
        assert first.wait_for(2)[-1] >= 2 and second.wait_for(2)[-1] >= 2
        _until(lambda: b"Tidleg innsats" in running.get("/view.html")[2])  # (a version may catch the file half-written)
        # as editors save: a new file renamed over the old one
        new = tmp_path / ".eksempel.swp"
        new.write_text(text, encoding="utf-8")
        new.replace(path)
        _until(lambda: b"Tidleg innsats" not in running.get("/view.html")[2])
        now = first.wait_for(3)[-1]
        assert json.loads(running.get("/state")[2])["version"] == now
        before[path.name] = (path.stat().st_size, path.stat().st_mtime_ns)
        code, out, err = running.stop(signal.SIGINT)
    assert code == 130
    assert err == "avtale: interrupted\n"  # one line, no traceback, though two pages were still open
    assert _listing(tmp_path) == before


def _until(condition, timeout: float = 10) -> None:
    import time

    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "not within the time"
        time.sleep(0.02)


def test_sigterm_stops_it_too(tmp_path):
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    with started(path) as running:
        Events(running.url).wait_for(1)
        code, _, err = running.stop(signal.SIGTERM)
    assert code == 143 and err == "avtale: terminated\n"


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        result = run_cli("preview", path, "--no-open", "--port", str(port), timeout=60)
    finally:
        taken.close()
    assert result.returncode == 2 and result.stdout == ""  # the command line asked for it: a usage error
    assert result.stderr.startswith(f"AV002 cannot listen on 127.0.0.1 port {port} (")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("args, code, message", [
    (["missing.yaml"], 2, "missing.yaml: AV002 no such file\n"),
    (["."], 2, ".: AV002 not a file: give the agreement's YAML file\n"),
    (["x.yaml", "--port", "http"], 2, "avtale preview: --port: «http» is not a port (0–65535) (see "),
    (["x.yaml", "--port", "70000"], 2, "avtale preview: --port: «70000» is not a port (0–65535) (see "),
    (["x.yaml", "--format", "docx"], 2, "avtale preview: --format: «docx» is not one of pdf, html (see "),
])
def test_usage_mistakes(tmp_path, args, code, message):
    result = run_cli("preview", *args, "--no-open", cwd=tmp_path, timeout=60)
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_against_a_revision_git_does_not_have(tmp_path):
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run_cli("preview", path.name, "--no-open", "--against", "no-such-rev", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith("no-such-rev:eksempel-2026-2029.yaml: AV002 no such git revision or path") and "Traceback" not in result.stderr


def test_help_names_the_options():
    result = subprocess.run([sys.executable, "-m", "avtale", "preview", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for option in ("--port", "--no-open", "--format", "--against"):
        assert option in result.stdout


def test_in_bokmal_the_page_and_its_messages_are_norwegian(tmp_path):
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    path.write_text(path.read_text(encoding="utf-8").replace("    - party: hod\n", "    - party: hdd\n"),
                    encoding="utf-8")
    with started(path, env={"LANG": "nb_NO.UTF-8"}) as running:
        page = running.get("/")[2].decode("utf-8")
        state = json.loads(running.get("/state")[2])
        code, _, err = running.stop()
    assert '<html lang="nb">' in page and "<title>Forhåndsvisning: eksempel-2026-2029.yaml</title>" in page
    assert ">Som PDF<" in page and ">Funn <" in page and "Oppdateres av seg selv når filen lagres." in page
    errors = [f for f in state["findings"] if f["severity"] == "error"]
    assert errors[0]["code"] == "AV204" and "hdd" in errors[0]["message"]
    import os

    validated = subprocess.run([sys.executable, "-m", "avtale", "validate", str(path), "--format", "json"],
                               capture_output=True, text=True, env={**os.environ, "LANG": "nb_NO.UTF-8"})
    said = json.loads(validated.stdout)["findings"]
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in said if f["severity"] == "error"] == \
        [(f["code"], f["line"], f["col"], f["message"]) for f in errors]
    assert code == 130 and err == "avtale: avbrutt\n"


def test_a_changed_logo_is_a_new_version_with_new_pages(tmp_path):
    """The logos the agreement names are watched too, in their own directory: a new logo shows at once."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_samples_png", ROOT / "tests" / "render" / "render_samples.py")
    samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(samples)
    (tmp_path / "logoer").mkdir()
    samples.write_png(tmp_path / "logoer" / "kd.png", rgb=(0, 51, 160))
    path = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("    name: Kunnskapsdepartementet\n    short: KD\n") == 1
    path.write_text(text.replace("    name: Kunnskapsdepartementet\n    short: KD\n",
                                 "    name: Kunnskapsdepartementet\n    short: KD\n    logo:\n      file: logoer/kd.png\n"
                                 "      alt: Kunnskapsdepartementets logo\n"), encoding="utf-8")
    with started(path) as running:
        events = Events(running.url)
        events.wait_for(1)
        first = json.loads(running.get("/state")[2])
        assert first["banner"] is None
        samples.write_png(tmp_path / "logoer" / ".kd.tmp", rgb=(200, 16, 46)).replace(tmp_path / "logoer" / "kd.png")
        events.wait_for(2)  # (saved whole, by rename: a half-written picture would be a version of its own)
        second = json.loads(running.get("/state")[2])
        samples.write_png(tmp_path / "logoer" / "annen.png", rgb=(0, 0, 0))  # not named: no new version
        (tmp_path / "notes.txt").write_text("ikke avtalen", encoding="utf-8")
        import time

        time.sleep(0.5)  # so the watcher could not report these together with the save below
        new = tmp_path / ".avtale.tmp"
        new.write_text(path.read_text(encoding="utf-8").replace("Tidlig innsats", "Tidleg innsats"), encoding="utf-8")
        new.replace(path)
        events.wait_for(3)
        assert b"Tidleg innsats" in running.get("/view.html")[2]
        assert json.loads(running.get("/state")[2])["version"] == 3  # the other two files made none
        code, _, err = running.stop()
    assert second["pages"][0] != first["pages"][0]  # the letterhead on page 1 has the new colour
    assert second["pages"][1:] == first["pages"][1:] and second["html_key"] != first["html_key"]
    assert code == 130 and err == "avtale: interrupted\n"
