"""The README's drafter's workflow, command by command as written there, in a repository made by `avtale init`."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import AGREEMENTS, ROOT, require_tool, run_cli

NEW = "avtale new 2026-2029 --from 2022-2025 --start 2026-01-01 --end 2029-12-31"
DIFF = "avtale diff agreements/2022-2025.yaml agreements/2026-2029.yaml"
DIFF_REV = "avtale diff agreements/2026-2029.yaml --rev main"
SIGN = "avtale sign-off agreements/2026-2029.yaml"


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return " ".join(text.split("### The drafter's workflow", 1)[1].split("\n### ", 1)[0].split())


@pytest.mark.parametrize("command", [NEW, "avtale fmt", "avtale validate", DIFF, DIFF_REV, SIGN])
def test_the_readme_shows_these_commands(command):
    assert f"`{command}`" in _readme_section()


@pytest.fixture
def repo(tmp_path):
    git = require_tool("git")
    assert run_cli("init", "r", "--from", AGREEMENTS / "2022-2025.yaml", cwd=tmp_path).returncode == 0
    root = tmp_path / "r"
    env = {**os.environ, "GIT_AUTHOR_NAME": "R", "GIT_AUTHOR_EMAIL": "r@example.invalid",
           "GIT_COMMITTER_NAME": "R", "GIT_COMMITTER_EMAIL": "r@example.invalid"}

    def sh(*args):
        subprocess.run([git, *args], cwd=root, env=env, check=True, capture_output=True)

    sh("init", "-q", "-b", "main")
    sh("add", ".")
    sh("commit", "-q", "-m", "Avtaler")
    sh("checkout", "-q", "-b", "ny-avtale")
    return root, sh


def _avtale(command: str, cwd):
    return run_cli(*command.split()[1:], cwd=cwd)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_drafters_workflow_as_the_readme_writes_it(repo):
    repo, git = repo
    r = _avtale(NEW, repo)
    assert (r.returncode, r.stdout) == (0, "agreements/2026-2029.yaml\n")
    target = repo / "agreements" / "2026-2029.yaml"
    assert r.stderr == ("agreements/2026-2029.yaml:66:9: AV301 the text says «til 31. desember 2025» but "
                        "`period.end` is 2029-12-31; make them agree\n")
    _edit(target, "til 31. desember 2025", "til 31. desember 2029")
    _edit(target, "Avtalen er en del av konsultasjonsordningen", "Avtalen er en viktig del av konsultasjonsordningen")
    assert _avtale("avtale fmt", repo).returncode == 0
    assert _avtale("avtale validate", repo).returncode == 0

    diff = _avtale(DIFF, repo)
    assert diff.returncode == 0 and diff.stdout.startswith(
        "Endringer fra 2022-2025 (agreements/2022-2025.yaml) til 2026-2029 (agreements/2026-2029.yaml)\n")
    assert "Avtalen er en{+ viktig+} del av" in diff.stdout  # the old agreement first: the new word is added
    assert "fram til 31. desember [-2025-]{+2029+}," in diff.stdout

    git("add", ".")
    git("commit", "-q", "-m", "Ny avtale")
    git("checkout", "-q", "main")
    git("merge", "-q", "--ff-only", "ny-avtale")
    git("checkout", "-q", "-b", "endring")
    _edit(target, "en viktig del", "en svært viktig del")
    since_main = _avtale(DIFF_REV, repo)
    assert since_main.returncode == 0
    assert since_main.stdout.startswith(
        "Endringer fra 2026-2029 (main:agreements/2026-2029.yaml) til 2026-2029 (agreements/2026-2029.yaml)\n")
    assert "Avtalen er en{+ svært+} viktig del av" in since_main.stdout

    assert _avtale(SIGN, repo).returncode == 0
    assert _avtale("avtale validate", repo).returncode == 0
    _edit(target, "en svært viktig del", "en viktig del")
    frozen = _avtale("avtale validate", repo)
    assert frozen.returncode == 1 and ": AV401 this agreement was signed off on " in frozen.stdout
