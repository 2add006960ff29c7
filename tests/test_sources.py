"""avtale.sources: an agreement read from git (`REV:PATH`, `diff --rev`) keeps the file-size limit (the object's
size is asked first, and git's output is never read past it), and a revision never reaches git as an option."""

from __future__ import annotations

import os
import subprocess

import pytest

from avtale import limits, sources
from avtale.errors import UsageError, YamlError
from conftest import AGREEMENTS, require_tool, run_cli

MIB = 1024 * 1024


def _git(root, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "R", "GIT_AUTHOR_EMAIL": "r@example.invalid", "GIT_COMMITTER_NAME": "R",
           "GIT_COMMITTER_EMAIL": "r@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with 2014-2017.yaml and big.yaml (3 MB, over the 2 MB limit) committed; the working
    directory is the repository's."""
    require_tool("git")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    (root / "2014-2017.yaml").write_bytes((AGREEMENTS / "2014-2017.yaml").read_bytes())
    (root / "big.yaml").write_bytes(b"# x\n" * (3 * MIB // 4))
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--no-gpg-sign", "-m", "1")
    monkeypatch.chdir(root)
    saved = limits.Limits(**vars(limits.current))
    yield root
    limits.set_limits(**vars(saved))


def test_a_revision_within_the_limit_reads_as_before(repo):
    assert sources.git_show("main", "2014-2017.yaml") == (repo / "2014-2017.yaml").read_text(encoding="utf-8")
    assert sources.read_agreement("main:2014-2017.yaml").id == "2014-2017"


def test_an_object_over_the_limit_is_refused_without_reading_it(repo, monkeypatch):
    monkeypatch.setattr(sources, "git_bounded", lambda *a, **k: pytest.fail("the object was read"))
    with pytest.raises(YamlError) as caught:
        sources.git_show("main", "big.yaml")
    assert str(caught.value) == "main:big.yaml: AV001 file is larger than the limit of 2097152 bytes (see --max-file-size)"
    assert caught.value.exit_code == 1


def test_the_limit_is_the_file_size_option(repo):
    limits.set_limits(yaml_bytes=4 * MIB)
    assert len(sources.git_show("main", "big.yaml")) == 3 * MIB
    r = run_cli("--max-file-size", "0.001", "diff", "--rev", "main", "2014-2017.yaml", cwd=repo)
    assert (r.returncode, r.stdout, r.stderr) == (
        1, "", "main:2014-2017.yaml: AV001 file is larger than the limit of 1048 bytes (see --max-file-size)\n")


def test_git_output_is_never_read_past_the_limit(repo):
    oid = subprocess.run(["git", "rev-parse", "main:big.yaml"], cwd=repo, capture_output=True, text=True).stdout.strip()
    with pytest.raises(sources.OutputTooLarge):
        sources.git_bounded(["cat-file", "blob", oid], 1000)
    out = sources.git_bounded(["cat-file", "--batch-check"], 100, input=b"main:big.yaml\n")
    assert (out.returncode, out.stdout) == (0, f"{oid} blob {3 * MIB}\n".encode())
    assert sources.git_bounded(["cat-file", "-e", "nosuch"], 100).stderr.startswith(b"fatal: ")


@pytest.mark.parametrize("rev, path, message", [
    ("-p", "a.yaml", "-p:a.yaml: AV002 «-p» cannot be a git revision: it starts with «-»; name a branch, tag or commit"),
    ("--output=/tmp/x", "a.yaml", "--output=/tmp/x:a.yaml: AV002 «--output=/tmp/x» cannot be a git revision: it starts "
                                  "with «-»; name a branch, tag or commit"),
    ("main\n--output=x", "a.yaml", "main\\u000a--output=x:a.yaml: AV002 a git revision and its path cannot hold control "
                                   "characters (line breaks, tabs …)"),
    ("main", "a\x1b[2J.yaml", "main:a\\u001b[2J.yaml: AV002 a git revision and its path cannot hold control characters "
                              "(line breaks, tabs …)"),
])
def test_a_revision_that_git_could_take_as_an_option_is_refused(rev, path, message):
    with pytest.raises(UsageError) as caught:
        sources.check_revision(rev, path)
    assert (str(caught.value), caught.value.exit_code) == (message, 2)


def test_a_revision_like_an_option_writes_nothing(repo, tmp_path):
    written = tmp_path / "written.txt"
    for args in (["diff", f"--rev=--output={written}", "2014-2017.yaml"],
                 ["diff", f"--output={written}:2014-2017.yaml", "2014-2017.yaml"],
                 ["diff", "2014-2017.yaml", f"--rev=-o{written}"]):
        r = run_cli(*args, cwd=repo)
        assert r.returncode == 2 and r.stdout == "" and len(r.stderr.splitlines()) == 1, (args, r.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_what_git_does_not_have(repo):
    with pytest.raises(UsageError, match=r"^main:nosuch.yaml: AV002 no such git revision or path \(fatal: path "
                                         r"'nosuch.yaml' does not exist in 'main'\)$"):
        sources.git_show("main", "nosuch.yaml")
    with pytest.raises(UsageError, match=r"^main:: AV002 a directory in git, not a file$"):
        sources.git_show("main", "")


def test_a_dangling_link_is_read_and_named_as_one(tmp_path):
    (tmp_path / "a.yaml").symlink_to("gone.yaml")
    r = run_cli("diff", tmp_path / "a.yaml", AGREEMENTS / "2014-2017.yaml")
    assert (r.returncode, r.stderr) == (2, f"{tmp_path}/a.yaml: AV003 is a symbolic link to gone.yaml, which does not exist\n")
