"""The CI that ships with the repo: its hooks and workflow call commands that exist and pass here."""

from __future__ import annotations

import re
import shlex

from avtale import store
from conftest import ROOT, run_cli


def test_pre_commit_hooks_run_clean_on_the_agreements():
    hooks = store.load_plain(ROOT / ".pre-commit-hooks.yaml")
    assert [h["id"] for h in hooks] == ["avtale-validate", "avtale-fmt"]
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "agreements").glob("*.yaml"))
    for hook in hooks:
        assert all(re.search(hook["files"], f) for f in files)
        argv = shlex.split(hook["entry"])
        assert argv[0] == "avtale"
        r = run_cli(*argv[1:], *files)
        assert r.returncode == 0, (hook["id"], r.stdout, r.stderr)


def test_workflow_uses_existing_commands_and_options():
    lines = (ROOT / "templates" / "init" / "agreements.yml").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))  # commands, not comments
    calls = re.findall(r"(?m)(?:^\s*(?:run:\s*)?|[;&|{(!]\s*)avtale (\w[\w-]*)((?: --?[\w-]+)*)", text)
    assert {c for c, _ in calls} >= {"validate", "fmt", "build", "diff"}
    for command, _ in calls:
        help_text = run_cli(command, "--help")
        assert help_text.returncode == 0, command
    for option in ("--format github", "--check", "--rev", "--format md", "--format docx"):
        assert option in text
