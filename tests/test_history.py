"""avtale.history reads a file's versions from git within the file-size limit: a version larger than the limit is
never read, and the others are read in batches whose size is bounded, however long the history."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest

from avtale import history, limits, workflow
from conftest import require_tool, small_agreement

MIB = 1024 * 1024


def _git(root, *args) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "R", "GIT_AUTHOR_EMAIL": "r@example.invalid", "GIT_COMMITTER_NAME": "R",
           "GIT_COMMITTER_EMAIL": "r@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def _commit(root, message: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--no-gpg-sign", "-m", message)


@pytest.fixture
def saved_limits():
    saved = limits.Limits(**vars(limits.current))
    yield limits.current
    limits.set_limits(**vars(saved))


@pytest.fixture
def signed_over_big(tmp_path, monkeypatch, saved_limits):
    """liten.yaml: the draft committed, then 3 MB committed over it, then the draft signed off (not committed)."""
    require_tool("git")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    path = tmp_path / "liten.yaml"
    path.write_text(small_agreement(), encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit(tmp_path, "Utkast")
    draft = _git(tmp_path, "rev-parse", "HEAD:liten.yaml").strip()
    path.write_bytes(b"id: liten\n" + b"# x\n" * (3 * MIB // 4))
    _commit(tmp_path, "Stor")
    big = _git(tmp_path, "rev-parse", "HEAD:liten.yaml").strip()
    path.write_text(small_agreement(), encoding="utf-8")
    sealed = workflow.sign_off(path, dt.date(2021, 1, 4))
    return path, sealed.seal.sha256, draft, big


def _spy(monkeypatch) -> list[bytes]:
    """What each `git cat-file --batch` was asked for."""
    asked = []
    real = history.git_bounded

    def spy(args, limit, **kwargs):
        asked.append(kwargs.get("input"))
        return real(args, limit, **kwargs)

    monkeypatch.setattr(history, "git_bounded", spy)
    return asked


def test_a_version_over_the_limit_is_never_read(signed_over_big, monkeypatch):
    path, sha, draft, big = signed_over_big
    asked = _spy(monkeypatch)
    found = history.sealed_version(path, sha)
    assert isinstance(found, history.Sealed) and found.blob == draft
    assert asked and not any(big.encode() in batch for batch in asked)


def test_the_limit_is_the_file_size_option(signed_over_big, monkeypatch):
    path, sha, draft, big = signed_over_big
    limits.set_limits(yaml_bytes=4 * MIB)
    asked = _spy(monkeypatch)
    assert history.sealed_version(path, sha).blob == draft
    assert any(big.encode() in batch for batch in asked)  # now within the limit: read (and found not to match)


def test_only_versions_over_the_limit_is_not_found_not_untracked(signed_over_big):
    path, sha, draft, big = signed_over_big
    limits.set_limits(yaml_bytes=100)
    assert history.sealed_version(path, sha) == history.NOT_FOUND


def test_a_long_history_is_read_in_bounded_batches(tmp_path, monkeypatch, saved_limits):
    """Twelve versions of about 1 KB with a limit of 1 KB: each batch holds at most BATCH_LIMITS KB."""
    require_tool("git")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    path = tmp_path / "liten.yaml"
    _git(tmp_path, "init", "-q", "-b", "main")
    for n in range(12):
        path.write_text(small_agreement() + f"# {n}\n" + "#\n" * 200, encoding="utf-8")
        _commit(tmp_path, f"{n}")
    limits.set_limits(yaml_bytes=len(path.read_bytes()) + 50)  # every version is within a few bytes of the last
    batches = []
    real = history.git_bounded
    monkeypatch.setattr(history, "git_bounded", lambda args, limit, **k: batches.append(limit) or real(args, limit, **k))
    assert history.sealed_version(path, "0" * 64) == history.NOT_FOUND
    budget = history.BATCH_LIMITS * limits.current.yaml_bytes
    assert len(batches) >= 2 * 3  # two passes (the seal's hash is in no text), three batches or more each
    assert all(limit <= budget + 100 * history.BATCH_LIMITS for limit in batches)
