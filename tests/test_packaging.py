"""avtale as users install it: the sdist and wheel built, the wheel installed into a fresh environment.

No constraints file: one environment gets the newest versions the declared
bounds allow, another the lowest (every `>=` bound pinned), so the bounds in
pyproject.toml are bounds the code is tested against. The CLI then runs from a
directory outside the checkout, so nothing can come from the source tree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import AGREEMENTS, ROOT

pytestmark = pytest.mark.slow
SKIP = shutil.ignore_patterns(".venv", ".git", "build", "dist", "__pycache__", "*.egg-info", ".pytest_cache",
                              ".hypothesis")


def _run(argv, **kwargs):
    kwargs.setdefault("timeout", 900)
    r = subprocess.run([str(a) for a in argv], capture_output=True, text=True, **kwargs)
    assert r.returncode == 0, (argv, r.stdout[-2000:], r.stderr[-4000:])
    return r


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist, and the wheel built from it (so the sdist must hold everything), from a copy of the tree."""
    work = tmp_path_factory.mktemp("dist")
    tree = work / "tree"
    shutil.copytree(ROOT, tree, symlinks=True, ignore=SKIP)
    _run([sys.executable, "-m", "build", "--outdir", work / "out", tree], cwd=work)
    return work / "out"


def _wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("avtale-*.whl")
    return wheel


def _lowest_constraints(path: Path) -> Path:
    """Every `name>=X` of the declared dependencies pinned to X."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for dep in deps:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)>=([^,]+),.*", dep.replace(" ", ""))
        assert m, f"dependency without a lower and an upper bound: {dep}"
        pins.append(f"{m.group(1)}=={m.group(2)}")
    path.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["newest", "lowest"])
def venv(request, dist, tmp_path_factory) -> Path:
    """A fresh virtual environment with only the wheel and what it declares."""
    where = tmp_path_factory.mktemp(f"venv-{request.param}")
    env = where / "v"
    _run([sys.executable, "-m", "venv", env])
    pip = [env / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if request.param == "lowest":
        pip += ["-c", _lowest_constraints(where / "lowest.txt")]
    _run([*pip, _wheel(dist)], env=_clean_env())
    return env


def _clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PIP_CONSTRAINT")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    env.update(extra)
    return env


def test_wheel_holds_templates_fonts_and_schema(dist):
    names = set(zipfile.ZipFile(_wheel(dist)).namelist())
    for name in ("avtale/templates/layout.yaml", "avtale/templates/agreement.typ",
                 "avtale/templates/preview/page.html", "avtale/templates/preview/preview.js",
                 "avtale/templates/preview/preview.css",
                 "avtale/templates/docx/styles.xml", "avtale/render/html_page.py", "avtale/model_core.py", "avtale/templates/redline.typ",
                 "avtale/templates/fonts/LiberationSans-Regular.ttf",
                 "avtale/templates/fonts/LiberationSans-Bold.ttf", "avtale/agreement.schema.json",
                 "avtale/templates/init/agreements.yml", "avtale/templates/init/README.md",
                 "avtale/templates/init/pre-commit-index.yaml", "avtale/templates/init/pre-commit-git.yaml"):
        assert name in names, name
    assert not any(n.startswith(("tests/", "agreements/", "bench/")) for n in names)
    metadata = zipfile.ZipFile(_wheel(dist)).read(f"avtale-{_version()}.dist-info/METADATA").decode()
    requires = re.findall(r"^Requires-Dist: ([^;\n]+)$", metadata, re.M)
    assert not any(r.startswith(("click", "typer")) for r in requires), requires
    assert {r.split(">")[0].split("<")[0].split("=")[0] for r in requires} >= {
        "pydantic", "ruamel.yaml", "python-docx", "markupsafe", "typst", "pypdf", "lxml"}


def _version() -> str:
    from avtale import __version__

    return __version__


def test_quick_start_with_the_installed_wheel(venv, tmp_path):
    """The README's quick start, step by step, with the installed avtale, outside the checkout."""
    avtale = venv / "bin" / "avtale"
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(AGREEMENTS / "2022-2025.yaml", old)
    env = _clean_env(GIT_AUTHOR_NAME="Rådgiver", GIT_AUTHOR_EMAIL="r@example.invalid",
                     GIT_COMMITTER_NAME="Rådgiver", GIT_COMMITTER_EMAIL="r@example.invalid")

    def run(*args, cwd=tmp_path, code=0):
        r = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == code, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        return r

    assert run(avtale, "--version").stdout == f"avtale {_version()}\n"
    assert run(avtale, "--help").stdout.startswith("usage: avtale ")
    where = run(venv / "bin" / "python", "-c", "import avtale.layout as l; print(l.templates_dir())").stdout.strip()
    assert Path(where).is_relative_to(venv), where

    wrote = run(avtale, "init", "avtaler", "--from", "old/2022-2025.yaml").stderr.splitlines()
    assert wrote[:2] == ["wrote avtaler/agreements/2022-2025.yaml", "wrote avtaler/schema/agreement.schema.json"]
    assert "wrote avtaler/.github/workflows/agreements.yml" in wrote and "wrote avtaler/README.md" in wrote
    repo = tmp_path / "avtaler"
    run("git", "init", "-q", "-b", "main", cwd=repo)
    run("git", "add", ".", cwd=repo)
    run("git", "commit", "-q", "-m", "Avtaler", cwd=repo)
    assert run(avtale, "validate", "--strict", cwd=repo).stderr == "1 file checked, 0 invalid\n"
    assert run(avtale, "--lang", "nb", "validate", cwd=repo).stderr == "1 fil kontrollert, 0 ugyldige\n"  # the .mo ships
    run(avtale, "build", cwd=repo)
    out = repo / "build"
    assert sorted(p.name for p in out.iterdir()) == ["2022-2025.docx", "2022-2025.html", "2022-2025.md", "2022-2025.pdf"]
    assert (out / "2022-2025.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(out / "2022-2025.docx") as z:
        assert "Kunnskapsdepartementet" in z.read("word/document.xml").decode()
    assert '<html lang="nb">' in (out / "2022-2025.html").read_text(encoding="utf-8")
    assert (out / "2022-2025.md").read_text(encoding="utf-8").startswith(
        "# Avtale om kvalitetsutvikling i barnehagen, grunnskolen og videregående opplæring\n")
    assert run("git", "status", "--porcelain", cwd=repo).stdout == ""  # build/ is ignored

    # the diff in every format, from the installed wheel: a draft of the next text against the signed one
    text = (old / "2022-2025.yaml").read_text(encoding="utf-8")
    draft = text[:text.index("seal:")].replace("status: signed", "status: draft").replace("jevnlig", "årlig")
    (tmp_path / "ny").mkdir()
    (tmp_path / "ny" / "2022-2025.yaml").write_text(draft, encoding="utf-8")
    pair = ("old/2022-2025.yaml", "ny/2022-2025.yaml")
    assert "Avtalepartene skal ha [-jevnlig-]{+årlig+} dialog" in run(avtale, "diff", *pair).stdout
    assert "~~jevnlig~~**årlig**" in run(avtale, "diff", *pair, "--format", "md").stdout
    for kind in ("html", "pdf", "docx"):
        assert run(avtale, "diff", *pair, "--format", kind, "-o", f"endringer.{kind}").stderr == \
            f"wrote endringer.{kind}\n"
    page = (tmp_path / "endringer.html").read_text(encoding="utf-8")
    assert re.search(r"<del\b[^>]*>jevnlig</del>", page) and re.search(r"<ins\b[^>]*>årlig</ins>", page)
    assert (tmp_path / "endringer.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(tmp_path / "endringer.docx") as z:
        assert re.search(r"<w:del\b.*?jevnlig.*?</w:del>", z.read("word/document.xml").decode(), re.S)

    _preview_from_the_wheel(avtale, repo, env)

    schema_file = repo / "schema" / "agreement.schema.json"
    assert schema_file.read_bytes() == (ROOT / "schema" / "agreement.schema.json").read_bytes()
    run(avtale, "schema", "--check", cwd=repo)
    schema_file.unlink()
    schema_file.parent.rmdir()
    warned = run(avtale, "validate", cwd=repo).stdout
    assert warned.startswith("agreements/2022-2025.yaml:1:33: AV406 ") and "`avtale schema`" in warned
    assert run(avtale, "schema", cwd=repo).stderr == "wrote schema/agreement.schema.json\n"
    assert run(avtale, "validate", "--strict", cwd=repo).returncode == 0

    bad = run(avtale, "validate", "--format", "xml", cwd=repo, code=2)
    assert bad.stderr == ("avtale validate: --format: «xml» is not one of text, json, github "
                          "(see `avtale validate --help`)\n")
    assert run(avtale, "nosuch", cwd=repo, code=2).stderr.startswith("avtale: no such command «nosuch»")
    assert run(avtale, "build", "--bogus", cwd=repo, code=2).stderr == (
        "avtale build: unknown option --bogus (see `avtale build --help`)\n")


def _preview_from_the_wheel(avtale: Path, repo: Path, env: dict) -> None:
    """`avtale preview --against HEAD` from the installed wheel (Starlette, uvicorn and watchfiles as the bounds
    allow): the page, the pages, a save seen, the redline, and Ctrl-C."""
    import json
    import signal
    import time
    import urllib.request

    path = repo / "agreements" / "2022-2025.yaml"
    text = path.read_text(encoding="utf-8")
    process = subprocess.Popen([str(avtale), "preview", "agreements/2022-2025.yaml", "--no-open", "--against", "HEAD"],
                               cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)

        def get(route: str) -> bytes:
            with urllib.request.urlopen(url + route, timeout=30) as response:
                return response.read()

        assert b'<script src="/preview.js" defer></script>' in get("")
        assert get("page/1.svg").startswith(b"<svg") and b"EventSource" in get("preview.js")
        assert json.loads(get("state"))["version"] == 1
        path.write_text(text.replace("jevnlig", "årlig"), encoding="utf-8")
        end = time.monotonic() + 30
        while json.loads(get("state"))["version"] < 2:
            assert time.monotonic() < end, "the save was not seen"
            time.sleep(0.05)
        redline = get("redline.html").decode("utf-8")
        assert re.search(r"<del\b[^>]*>jevnlig</del>", redline) and re.search(r"<ins\b[^>]*>årlig</ins>", redline)
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        path.write_text(text, encoding="utf-8")
    assert process.returncode == 130 and err == "avtale: interrupted\n"
