"""Run a GitHub Actions workflow's steps here, as a runner would, and a fake `gh` for the comment step.

Only the forms the workflow `avtale init` writes are understood; any other
fails the test instead of being guessed at: `${{ context.path }}` (in `env:`
values and the concurrency group), `if:` conditions made of `path == 'text'`,
`!=` and `&&`, `run:` steps in bash, and `uses:` of checkout, setup-python
(both set up by the test) and upload-artifact (checked: every path it names
exists when it runs).
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
CONTEXT_PATH = re.compile(r"(?:github|secrets)(?:\.[A-Za-z_][A-Za-z0-9_-]*)+")
OPERAND = re.compile(rf"'[^']*'|{CONTEXT_PATH.pattern}")
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]  # what `shell: bash` runs
USES = {"checkout": "actions/checkout@v4", "python": "actions/setup-python@v5", "upload": "actions/upload-artifact@v4"}


def lookup(context: dict, path: str) -> str:
    """The value of a context path such as github.event.pull_request.number ('' when absent, as in Actions)."""
    if not CONTEXT_PATH.fullmatch(path):
        pytest.fail(f"expression form the test does not know: {path!r}")
    value = context
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return "" if value is None else str(value)


def substitute(text: str, context: dict) -> str:
    """Replace every ${{ context.path }} in `text`."""
    return EXPRESSION.sub(lambda m: lookup(context, m[1].strip()), text)


def condition(text: str, context: dict) -> bool:
    """Evaluate an `if:` made of `a == b`, `a != b` and `&&`; operands are 'text' or a context path."""
    text = text.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    results = []
    for part in text.split("&&"):
        m = re.fullmatch(rf"\s*({OPERAND.pattern})\s*(==|!=)\s*({OPERAND.pattern})\s*", part)
        if not m:
            pytest.fail(f"if: form the test does not know: {part!r}")
        left, op, right = m[1], m[2], m[3]
        value = [v[1:-1] if v.startswith("'") else lookup(context, v) for v in (left, right)]
        results.append((value[0] == value[1]) == (op == "=="))
    return all(results)


def expressions(node, where: tuple = ()) -> list[tuple[tuple, str]]:
    """(key path, text) of every string holding ${{ … }} anywhere in the workflow."""
    if isinstance(node, dict):
        return [e for k, v in node.items() for e in expressions(v, (*where, k))]
    if isinstance(node, list):
        return [e for i, v in enumerate(node) for e in expressions(v, (*where, i))]
    return [(where, node)] if isinstance(node, str) and "${{" in node else []


def pull_request_context(number=7, repository="kd/avtaler", head_repository=None, base_ref="main") -> dict:
    return {
        "github": {
            "event_name": "pull_request", "base_ref": base_ref, "ref": f"refs/pull/{number}/merge",
            "repository": repository, "workflow": "avtaler",
            "event": {"pull_request": {"number": number,
                                       "head": {"repo": {"full_name": head_repository or repository}}}},
        },
        "secrets": {"GITHUB_TOKEN": "ghs_test"},
    }


def push_context(before: str, ref="refs/heads/main", repository="kd/avtaler") -> dict:
    return {
        "github": {"event_name": "push", "base_ref": "", "ref": ref, "repository": repository, "workflow": "avtaler",
                   "event": {"before": before}},
        "secrets": {"GITHUB_TOKEN": "ghs_test"},
    }


@dataclass
class StepResult:
    name: str
    ran: bool
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""


@dataclass
class Runner:
    """One job of a workflow, run step by step in `workspace` with `path` first on PATH."""

    workflow: dict
    workspace: Path
    context: dict
    path: list[Path]
    temp: Path
    env_overrides: dict = field(default_factory=dict)
    artifacts: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)

    def job(self) -> dict:
        (job,) = self.workflow["jobs"].values()
        return job

    def steps(self) -> list[dict]:
        return self.job()["steps"]

    def base_env(self) -> dict:
        g = self.context["github"]
        self.temp.mkdir(parents=True, exist_ok=True)
        names = ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH")
        files = {k: self.temp / k.lower() for k in names}
        for f in files.values():
            f.touch()
        outer = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "avtale").exists()]
        env = {
            "PATH": os.pathsep.join([*map(str, self.path), *outer]),
            "HOME": os.environ.get("HOME", str(self.temp)), "LANG": "C.UTF-8",
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_EVENT_NAME": g["event_name"], "GITHUB_BASE_REF": g.get("base_ref", ""), "GITHUB_REF": g["ref"],
            "GITHUB_REPOSITORY": g["repository"], "GITHUB_WORKFLOW": g["workflow"],
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "4242", "RUNNER_TEMP": str(self.temp),
            **{k: str(v) for k, v in files.items()},
        }
        for source in (self.workflow.get("env", {}), self.job().get("env", {})):
            env.update({k: substitute(str(v), self.context) for k, v in source.items()})
        env.update(self.env_overrides)
        return env

    def run(self, only: set[str] | None = None) -> list[StepResult]:
        """Run the steps in order (or only those named); stops at the first that fails, as a runner does."""
        assert self.workflow["defaults"] == {"run": {"shell": "bash"}}
        results = []
        for step in self.steps():
            name = step.get("name") or step.get("uses")
            if only is not None and name not in only:
                continue
            if results and results[-1].returncode != 0:
                results.append(StepResult(name, ran=False))
                continue
            if "if" in step and not condition(step["if"], self.context):
                results.append(StepResult(name, ran=False))
                continue
            assert set(step) <= {"name", "uses", "with", "run", "env", "if"}, step
            results.append(self._uses(name, step) if "uses" in step else self._run(name, step))
        return results

    def _run(self, name: str, step: dict) -> StepResult:
        env = self.base_env()
        env.update({k: substitute(str(v), self.context) for k, v in step.get("env", {}).items()})
        assert "${{" not in step["run"], f"{name}: an expression in run: (put it in env:)"
        script = self.temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        p = subprocess.run([*BASH, str(script)], cwd=self.workspace, env=env, capture_output=True, text=True,
                           timeout=600)
        for unsupported in ("GITHUB_ENV", "GITHUB_PATH"):
            assert Path(env[unsupported]).read_text() == "", f"{name} writes {unsupported}, which this runner ignores"
        return StepResult(name, True, p.returncode, p.stdout, p.stderr)

    def _uses(self, name: str, step: dict) -> StepResult:
        uses, options = step["uses"], step.get("with", {})
        if uses == USES["checkout"]:  # the test made the workspace as checkout does
            assert options == {"fetch-depth": 0}
        elif uses == USES["python"]:  # the test puts a Python first on PATH
            assert set(options) == {"python-version"}
        elif uses == USES["upload"]:
            self._upload(options["name"], options["path"].split("\n"))
        else:
            pytest.fail(f"an action the test does not know: {uses}")
        return StepResult(name, True)

    def _upload(self, artifact: str, patterns: list[str]) -> None:
        """What upload-artifact would take: the files each pattern names, less the `!` exclusions."""
        files = set()
        for pattern in (p.strip() for p in patterns if p.strip() and not p.strip().startswith("!")):
            found = [p for p in self.workspace.glob(pattern.rstrip("/") + ("/**/*" if pattern.endswith("/") else ""))
                     if p.is_file()]
            if not found:
                self.missing.append((artifact, pattern))
            files |= {p.relative_to(self.workspace).as_posix() for p in found}
        excluded = [p.strip()[1:] for p in patterns if p.strip().startswith("!")]
        self.artifacts[artifact] = sorted(f for f in files if not any(fnmatch.fnmatch(f, x) for x in excluded))


FAKE_GH = r'''
"""A fake `gh`: `gh api` for an issue's comments (list, create, update), kept in the JSON file $FAKE_GH_STATE."""
import json, os, re, sys

state_path = os.environ["FAKE_GH_STATE"]
state = json.load(open(state_path, encoding="utf-8"))
args = sys.argv[1:]
if not os.environ.get("GH_TOKEN"):
    sys.exit("gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.")
if not args or args.pop(0) != "api":
    sys.exit(f"fake gh: only `gh api` is emulated, not {sys.argv[1:]}")
method, body_file, paginate, endpoint = None, None, False, None
while args:
    arg = args.pop(0)
    if arg in ("--method", "-X"):
        method = args.pop(0)
    elif arg == "--input":
        body_file = args.pop(0)
    elif arg == "--paginate":
        paginate = True
    elif arg.startswith("-") or endpoint is not None:
        sys.exit(f"fake gh: unknown argument {arg}")
    else:
        endpoint = arg
method = method or ("POST" if body_file else "GET")
body = json.load(open(body_file, encoding="utf-8")) if body_file else None
state["calls"].append({"method": method, "endpoint": endpoint, "paginate": paginate, "body": body})

def answer(status, payload, message=""):
    json.dump(state, open(state_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(json.dumps(payload))
    if status >= 400:
        print(f"gh: {message} (HTTP {status})", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)

deny = state.get("deny", "")
if deny == "all" or (deny == "write" and method != "GET"):
    message = "Resource not accessible by integration"
    answer(403, {"message": message, "status": "403"}, message)
if deny == "error":
    answer(502, {"message": "Bad Gateway"}, "Bad Gateway")
repo = state["repository"]
listing = re.fullmatch(rf"repos/{repo}/issues/(\d+)/comments(\?per_page=\d+)?", endpoint or "")
single = re.fullmatch(rf"repos/{repo}/issues/comments/(\d+)", endpoint or "")
comments = state["comments"]
if listing and method == "GET":
    found = [c for c in comments if c["issue"] == int(listing[1])]
    if not paginate:
        answer(200, found[:3])
    json.dump(state, open(state_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print("".join(json.dumps(found[i:i + 3]) for i in range(0, max(len(found), 1), 3)))  # pages of 3, back to back
    sys.exit(0)
if listing and method == "POST" and body_file and not listing[2]:
    state["next_id"] += 1
    comment = {"id": state["next_id"], "issue": int(listing[1]), "body": body["body"],
               "user": {"login": "github-actions[bot]"}}
    comments.append(comment)
    answer(201, comment)
if single and method == "PATCH" and body_file:
    for comment in comments:
        if comment["id"] == int(single[1]):
            comment["body"] = body["body"]
            answer(200, comment)
answer(404, {"message": "Not Found"}, "Not Found")
'''


def fake_gh(bin_dir: Path) -> Path:
    """Write the fake `gh` into bin_dir; its state (see write_state) is the file $FAKE_GH_STATE names."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    return gh


def read_state(state: Path) -> dict:
    return json.loads(state.read_text(encoding="utf-8"))


def write_state(state: Path, data: dict) -> None:
    """data: repository, comments (each with id, issue, body), next_id, deny ('', 'write' or 'all' for HTTP 403,
    'error' for HTTP 502) and calls (each gh api call: method, endpoint, paginate, body)."""
    state.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Saksbehandler", "GIT_AUTHOR_EMAIL": "sb@example.invalid",
           "GIT_COMMITTER_NAME": "Saksbehandler", "GIT_COMMITTER_EMAIL": "sb@example.invalid",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    p = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, (args, p.stderr)
    return p.stdout.strip()
