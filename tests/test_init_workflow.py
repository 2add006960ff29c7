"""The workflow `avtale init` writes: its shape, and its steps run as a runner would, in a repository it made.

The runs (marked slow) use a fresh virtual environment standing in for
setup-python's Python: avtale is installed into it from this checkout (not
editable, so the packaged templates are what `init` reads), and the workflow's
own install step runs for real with AVTALE set to this checkout's path, since
an unpublished version cannot come from the package index. `gh` is a fake
(ci_helpers.FAKE_GH) keeping the pull request's comments in a JSON file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from avtale import __version__, scaffold, store
from ci_helpers import (
    Runner, condition, expressions, fake_gh, git, pull_request_context, push_context, read_state, substitute,
    write_state,
)
from conftest import AGREEMENTS, ROOT, require_tool, run_cli

WORKFLOW = ".github/workflows/agreements.yml"
REPOSITORY = "kd/avtaler"
MARKER = "<!-- avtale-diff -->"
DIFF_STEP = "Sammenlign med forrige versjon"
COMMENT_STEP = "Kommenter endringene på pull requesten"
STEPS = [
    "actions/checkout@v4", "actions/setup-python@v5", "Installer avtale", "Valider avtalene", "Sjekk kanonisk form",
    "Bygg DOCX, PDF, HTML og Markdown", DIFF_STEP, "Last opp dokumentene", "Last opp endringene", COMMENT_STEP,
]
FIRST = ("Avtalepartene skal ha jevnlig dialog", "Avtalepartene skal ha årlig dialog")
SECOND = ("Oppsigelse skal gis med minst en måneds varsel.", "Oppsigelse skal gis med minst tre måneders varsel.")
HUMAN = {"id": 5, "issue": 7, "body": "Ser bra ut, men se på kapittel 2.", "user": {"login": "saksbehandler"}}
INIT = ("import sys; from pathlib import Path; from avtale.scaffold import init; "
        "init(Path(sys.argv[1]), from_file=Path(sys.argv[2]))")


def load_workflow(repo: Path) -> dict:
    return store.load_plain(repo / WORKFLOW)


# --- the shape of the workflow -----------------------------------------------------


def test_triggers_permissions_and_the_one_install_line(tmp_path):
    scaffold.init(tmp_path)
    wf = load_workflow(tmp_path)
    assert wf["on"] == {"push": {"branches": ["main"]}, "pull_request": None}
    assert wf["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert wf["concurrency"]["cancel-in-progress"] is True
    assert substitute(wf["concurrency"]["group"], pull_request_context()) == "avtaler-refs/pull/7/merge"
    assert substitute(wf["concurrency"]["group"], push_context("0" * 40)) == "avtaler-refs/heads/main"
    assert wf["env"] == {"AVTALE": f"avtale=={__version__}"}
    assert (tmp_path / WORKFLOW).read_text(encoding="utf-8").count(f"avtale=={__version__}") == 1
    steps = Runner(wf, tmp_path, pull_request_context(), [], tmp_path).steps()
    assert [s.get("name") or s["uses"] for s in steps] == STEPS
    assert [s["run"] for s in steps[2:6]] == [
        'pip install "$AVTALE"', "avtale validate --format github agreements/", "avtale fmt --check agreements/",
        "avtale build agreements/ --out build/"]


def test_expressions_only_in_env_if_and_the_concurrency_group(tmp_path):
    scaffold.init(tmp_path)
    wf = load_workflow(tmp_path)
    for where, text in expressions(wf):
        assert where == ("concurrency", "group") or where[-2] == "env", where
        for context in (pull_request_context(), push_context("0" * 40)):
            substitute(text, context)  # fails the test on any form but a context path
    conditions = [s["if"] for s in wf["jobs"]["avtaler"]["steps"] if "if" in s]
    assert conditions == ["github.event_name == 'pull_request'"]
    assert condition(conditions[0], pull_request_context()) is True
    assert condition(conditions[0], push_context("0" * 40)) is False


def test_the_commands_and_options_it_calls_exist(tmp_path):
    scaffold.init(tmp_path)
    text = (tmp_path / WORKFLOW).read_text(encoding="utf-8")
    calls = re.findall(r"\bavtale (validate|fmt|build|diff)\b(.*)", text)
    assert {c for c, _ in calls} == {"validate", "fmt", "build", "diff"}
    for command, rest in calls:
        help_text = run_cli(command, "--help")
        assert help_text.returncode == 0, command
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest):
            assert option in help_text.stdout, (command, option)


# --- the comment step on its own --------------------------------------------------


def comment_run(tmp_path, diff: str, comments=(), deny="", head_repository=None):
    """Run only the comment step, in a workspace whose build/endringer.md holds `diff`; returns (result, state)."""
    scaffold.init(tmp_path / "ws")
    (tmp_path / "ws/build").mkdir()
    (tmp_path / "ws/build/endringer.md").write_text(diff, encoding="utf-8")
    fake_gh(tmp_path / "bin")
    state = tmp_path / "gh.json"
    write_state(state, {"repository": REPOSITORY, "comments": list(comments), "next_id": 1000, "deny": deny,
                        "calls": []})
    context = pull_request_context(head_repository=head_repository)
    runner = Runner(load_workflow(tmp_path / "ws"), tmp_path / "ws", context, [tmp_path / "bin"], tmp_path / "temp",
                    env_overrides={"FAKE_GH_STATE": str(state)})
    (result,) = runner.run(only={COMMENT_STEP})
    assert result.ran
    return result, read_state(state)


def calls(state: dict) -> list[tuple[str, str]]:
    return [(c["method"], c["endpoint"]) for c in state["calls"]]


LIST = ("GET", f"repos/{REPOSITORY}/issues/7/comments?per_page=100")
POST = ("POST", f"repos/{REPOSITORY}/issues/7/comments")


def test_comment_is_posted_once_with_the_marker(tmp_path):
    result, state = comment_run(tmp_path, "**Endringer i avtalene**\n", comments=[HUMAN])
    assert (result.returncode, result.stdout) == (0, "La inn en kommentar.\n"), result.stderr
    assert calls(state) == [LIST, POST]
    assert state["comments"][0] == HUMAN
    assert state["comments"][1]["body"] == (
        f"{MARKER}\n**Endringer i avtalene**\n\nDokumentene og Word-filer med sporede endringer ligger som artefakter "
        f"på [kjøringen](https://github.com/{REPOSITORY}/actions/runs/4242).\n")


def test_comment_found_on_a_later_page_is_updated(tmp_path):
    others = [{**HUMAN, "id": i} for i in range(1, 6)]
    ours = {"id": 9, "issue": 7, "body": f"{MARKER}\ngammelt", "user": {"login": "github-actions[bot]"}}
    result, state = comment_run(tmp_path, "nytt\n", comments=[*others, ours])
    assert (result.returncode, result.stdout) == (0, "Oppdaterte kommentaren 9.\n"), result.stderr
    assert state["calls"][0]["paginate"] is True
    assert calls(state) == [LIST, ("PATCH", f"repos/{REPOSITORY}/issues/comments/9")]
    assert [c["body"].split("\n")[:2] for c in state["comments"] if c["id"] == 9] == [[MARKER, "nytt"]]


def test_no_change_updates_the_comment_or_posts_nothing(tmp_path):
    result, state = comment_run(tmp_path / "a", "")
    assert (result.returncode, result.stdout, calls(state)) == (0, "Ingen avtale er endret: ingen kommentar.\n", [LIST])
    ours = {"id": 9, "issue": 7, "body": f"{MARKER}\ngammelt", "user": {"login": "github-actions[bot]"}}
    result, state = comment_run(tmp_path / "b", "", comments=[ours])
    assert result.returncode == 0
    assert state["comments"][0]["body"] == f"{MARKER}\nIngen avtale er endret i denne pull requesten.\n"


def test_a_fork_is_not_commented_on(tmp_path):
    result, state = comment_run(tmp_path, "**Endringer**\n", head_repository="noen/avtaler")
    assert result.returncode == 0
    assert result.stdout.startswith("::notice::Pull requesten kommer fra en fork (noen/avtaler)")
    assert calls(state) == []


@pytest.mark.parametrize(("deny", "made"), [("write", [LIST, POST]), ("all", [LIST])])
def test_a_token_that_may_not_write_gives_a_notice(tmp_path, deny, made):
    result, state = comment_run(tmp_path, "**Endringer**\n", comments=[HUMAN], deny=deny)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "::notice::Kjøringen har ikke lov til å kommentere på pull requesten (HTTP 403).")
    assert calls(state) == made
    assert state["comments"] == [HUMAN]


def test_other_api_errors_fail_the_step(tmp_path):
    result, state = comment_run(tmp_path, "**Endringer**\n", deny="error")
    assert result.returncode == 1
    assert "gh: Bad Gateway (HTTP 502)" in result.stderr
    assert "::notice::" not in result.stdout


# --- whole runs ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def python_bin(tmp_path_factory):
    """The runner's Python (setup-python's): a fresh venv with avtale installed from this checkout."""
    require_tool("git")
    require_tool("bash")
    venv = tmp_path_factory.mktemp("setup-python") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    p = subprocess.run([str(venv / "bin/pip"), "install", "-q", str(ROOT)], capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    return venv / "bin"


@pytest.fixture
def repos(tmp_path, python_bin):
    """origin.git with main (a draft of 2022-2025 in a repository `init` made) and the branch `endring`
    (a sentence of it changed, 2014-2017 added); `local` is the drafter's clone."""
    draft = tmp_path / "kilde/2022-2025.yaml"
    draft.parent.mkdir()
    text = (AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8").replace("status: signed", "status: draft")
    draft.write_text(text.partition("\nseal:")[0] + "\n", encoding="utf-8")
    local = tmp_path / "lokal"
    subprocess.run([str(python_bin / "python"), "-c", INIT, str(local), str(draft)], check=True, timeout=120)
    git(local, "init", "-q", "-b", "main")
    git(local, "add", "-A")
    git(local, "commit", "-q", "-m", "Avtalen for 2022–2025")
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "origin.git")
    git(local, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(local, "push", "-q", "origin", "main")
    git(local, "checkout", "-q", "-b", "endring")
    edit(local / "agreements/2022-2025.yaml", *FIRST)
    shutil.copy(AGREEMENTS / "2014-2017.yaml", local / "agreements")
    push(local, "Årlig dialog, og avtalen for 2014–2017")
    return SimpleNamespace(origin=tmp_path / "origin.git", local=local, python=python_bin, tmp=tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def push(local: Path, message: str) -> None:
    git(local, "add", "-A")
    git(local, "commit", "-q", "-m", message)
    git(local, "push", "-q", "origin", "HEAD")


def checkout(repos, name: str, *revs: str) -> Path:
    """actions/checkout with fetch-depth 0: a clone with origin/*, HEAD at revs[0] (with revs[1:] merged in, as
    refs/pull/N/merge is the pull request merged into its base)."""
    ws = repos.tmp / name
    git(repos.tmp, "clone", "-q", str(repos.origin), name)
    git(ws, "checkout", "-q", "--detach", revs[0])
    for rev in revs[1:]:
        git(ws, "merge", "-q", "--no-ff", "--no-edit", rev)
    return ws


def workflow_run(repos, ws: Path, context: dict, state: Path, only=None):
    fake_gh(repos.tmp / "bin")
    runner = Runner(load_workflow(ws), ws, context, [repos.tmp / "bin", repos.python], repos.tmp / f"temp-{ws.name}",
                    env_overrides={"AVTALE": str(ROOT), "FAKE_GH_STATE": str(state)})
    return runner, runner.run(only)


def assert_all_ran(results, skipped=()):
    assert [(s.name, s.ran, s.returncode) for s in results] == [(n, n not in skipped, 0) for n in STEPS], [
        (s.name, s.returncode, s.stdout[-2000:], s.stderr[-2000:]) for s in results if s.returncode]


def built(ws: Path, ids) -> set[str]:
    return {f"build/{i}.{ext}" for i in ids for ext in ("docx", "pdf", "html", "md")}


@pytest.mark.slow
def test_pull_request_runs_and_one_comment_follows_the_pushes(repos):
    state = repos.tmp / "gh.json"
    write_state(state, {"repository": REPOSITORY, "comments": [HUMAN], "next_id": 1000, "deny": "", "calls": []})
    ws = checkout(repos, "run1", "origin/main", "origin/endring")
    runner, results = workflow_run(repos, ws, pull_request_context(), state)
    assert_all_ran(results)
    by_name = {s.name: s for s in results}
    assert by_name["Valider avtalene"].stdout == ""  # no annotations
    assert runner.missing == []
    assert runner.artifacts["dokumenter"] == sorted(built(ws, ["2014-2017", "2022-2025"]))
    assert runner.artifacts["endringer"] == [f"build/2022-2025-endringer.{ext}" for ext in ("docx", "html", "pdf")] \
        + ["build/endringer.md"]
    changes = (ws / "build/endringer.md").read_text(encoding="utf-8")
    assert changes.startswith("**Endringer i avtalene** (sammenlignet med `main`)\n\n"
                              "- Ny avtale: `agreements/2014-2017.yaml`\n\n"
                              "## Endringer fra 2022-2025 (")
    assert "- *endret:* Avtalepartene skal ha ~~jevnlig~~**årlig** dialog om tiltak og måloppnåelse." in changes
    assert changes in (repos.tmp / "temp-run1/github_step_summary").read_text(encoding="utf-8")
    with zipfile.ZipFile(ws / "build/2022-2025-endringer.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert re.search(r"<w:del\b.*?jevnlig.*?</w:del>", document, re.S)
    assert re.search(r"<w:ins\b.*?årlig.*?</w:ins>", document, re.S)
    page = (ws / "build/2022-2025-endringer.html").read_text(encoding="utf-8")
    assert re.search(r"<del\b[^>]*>[^<]*jevnlig", page) and re.search(r"<ins\b[^>]*>[^<]*årlig", page)
    assert (ws / "build/2022-2025-endringer.pdf").read_bytes().startswith(b"%PDF-")
    first = read_state(state)
    assert calls(first) == [LIST, POST]
    (ours,) = [c for c in first["comments"] if c["body"].startswith(MARKER)]
    assert ours["body"].startswith(f"{MARKER}\n{changes}")

    edit(repos.local / "agreements/2022-2025.yaml", *SECOND)
    push(repos.local, "Tre måneders varsel")
    ws = checkout(repos, "run2", "origin/main", "origin/endring")
    runner, results = workflow_run(repos, ws, pull_request_context(), state)
    assert_all_ran(results)
    second = read_state(state)
    assert calls(second) == [LIST, POST, LIST, ("PATCH", f"repos/{REPOSITORY}/issues/comments/{ours['id']}")]
    assert [c["id"] for c in second["comments"]] == [HUMAN["id"], ours["id"]]
    body = second["comments"][1]["body"]
    assert "~~jevnlig~~**årlig**" in body and "~~en måneds~~**tre måneders**" in body


@pytest.mark.slow
def test_push_to_main_builds_and_compares_without_commenting(repos):
    before = git(repos.local, "rev-parse", "main")
    git(repos.local, "checkout", "-q", "main")
    git(repos.local, "merge", "-q", "--no-ff", "--no-edit", "endring")
    git(repos.local, "push", "-q", "origin", "main")
    ws = checkout(repos, "main-run", "origin/main")
    state = repos.tmp / "gh.json"
    write_state(state, {"repository": REPOSITORY, "comments": [], "next_id": 1000, "deny": "", "calls": []})
    runner, results = workflow_run(repos, ws, push_context(before), state)
    assert_all_ran(results, skipped={COMMENT_STEP})
    assert built(ws, ["2014-2017", "2022-2025"]) <= {p.relative_to(ws).as_posix() for p in ws.glob("build/*")}
    changes = (ws / "build/endringer.md").read_text(encoding="utf-8")
    assert changes.startswith(f"**Endringer i avtalene** (sammenlignet med `{before[:7]}`)\n\n"
                              "- Ny avtale: `agreements/2014-2017.yaml`\n")
    assert "~~jevnlig~~**årlig**" in changes
    assert all((ws / f"build/2022-2025-endringer.{ext}").is_file() for ext in ("docx", "html", "pdf"))
    assert read_state(state)["calls"] == []


FIRST_VERSION = "**Endringer i avtalene** (første versjon)\n\n- Ny avtale: `agreements/2022-2025.yaml`\n\n"


@pytest.mark.slow
@pytest.mark.parametrize(("before", "at", "expected"), [
    ("0" * 40, "origin/main", FIRST_VERSION),  # a new branch
    ("1" * 40, "origin/main", FIRST_VERSION),  # a force-push that left no commit before
    ("1" * 40, "origin/endring", "**Endringer i avtalene** (sammenlignet med forrige commit)\n\n"
                                 "- Ny avtale: `agreements/2014-2017.yaml`\n\n## Endringer fra 2022-2025 ("),
])
def test_push_of_a_new_branch_or_after_a_force_push(repos, before, at, expected):
    ws = checkout(repos, "push-run", at)
    state = repos.tmp / "gh.json"
    write_state(state, {"repository": REPOSITORY, "comments": [], "next_id": 1000, "deny": "", "calls": []})
    runner, results = workflow_run(repos, ws, push_context(before), state, only={DIFF_STEP})
    assert [(s.name, s.returncode) for s in results] == [(DIFF_STEP, 0)], results
    assert (ws / "build/endringer.md").read_text(encoding="utf-8").startswith(expected)
