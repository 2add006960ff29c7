"""AV401 shows what changed in a signed agreement, from the sealed version in git history.

Each test builds a real git repository as a drafter's would be: the draft
committed, `sign-off`, the signed version committed, then one edit. The
finding must stand at the first changed word (line and column in the file
as edited) with the old and new wording; where git cannot give the sealed
version, it stays at the seal and says why.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import pytest

from avtale import agreements, history, workflow
from conftest import require_tool, run_cli

DRAFT = """\
id: 2030-2033
title: Avtale om kvalitetsutvikling i skolen
language: nb
parties:
  - id: kd
    name: Kunnskapsdepartementet
  - id: ks
    name: KS
period:
  start: 2030-01-01
  end: 2033-12-31
status: draft
sections:
  - title: Formål
    blocks:
      - Avtalen skal styrke kvaliteten i skolen.
      - >-
        Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.
        Partene møtes to ganger i året.
  - title: Økonomi
    blocks:
      - Partene dekker egne kostnader.
      - bullets:
          - En felles statusrapport.
          - Et årlig møte.
          - En sluttrapport.
signing:
  place: Oslo
  date: 2029-11-07
  signatories:
    - party: kd
      name: Kari Nordmann
      title: Kunnskapsminister
    - party: ks
      name: Ola Nordmann
      title: Leder KS
"""
# sign-off puts the schema line first, so the signed file's lines are the draft's plus one; the seal's hash is at 39:11
SEAL = "39:11"
FIX = "signed text is frozen: undo the change, or start a new version with `avtale new NEW-ID --from {path}`"


def frozen(path, change: str) -> str:
    return f"this agreement was signed off on 7. november 2029 and its text has changed since: {change}; " + FIX.format(path=path)


class Repo:
    """A git repository in `root` with the agreement at `root/agreements/2030-2033.yaml`."""

    def __init__(self, root):
        self.root = root
        self.path = root / "agreements" / "2030-2033.yaml"
        self.git_exe = require_tool("git")

    def git(self, *args: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "R", "GIT_AUTHOR_EMAIL": "r@example.invalid",
               "GIT_COMMITTER_NAME": "R", "GIT_COMMITTER_EMAIL": "r@example.invalid"}
        subprocess.run([self.git_exe, *args], cwd=self.root, env=env, check=True, capture_output=True)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def edit(self, old: str, new: str, path=None) -> None:
        path = path or self.path
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")


def av401(path) -> list[str]:
    """The AV401 findings of a file, as «line:col message»."""
    return [f"{f.line}:{f.col} {f.message}" for f in agreements.validate_file(path).findings if f.code == "AV401"]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """The draft committed, signed off on 7 November 2029, and the signed version committed."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # a temporary directory inside a repository
    r = Repo(tmp_path / "repo")
    r.path.parent.mkdir(parents=True)
    r.path.write_text(DRAFT, encoding="utf-8")
    r.git("init", "-q", "-b", "main")
    r.commit("Utkast")
    workflow.sign_off(r.path, dt.date(2029, 11, 7))
    r.commit("Signert")
    assert av401(r.path) == []
    return r


def test_a_changed_word_is_shown_at_its_place_with_the_old_and_new_wording(repo):
    repo.edit("tiltak og måloppnåelse.", "tiltak og resultater.")
    assert av401(repo.path) == [
        "19:59 " + frozen(repo.path, "the text here was «…om tiltak og måloppnåelse. Partene…», is now «…om tiltak og resultater. Partene…»")
    ]


def test_a_word_changed_on_the_second_line_of_a_folded_paragraph(repo):
    repo.edit("to ganger i året", "tre ganger i året")
    assert av401(repo.path) == [
        "20:23 " + frozen(repo.path, "the text here was «…Partene møtes to ganger…», is now «…Partene møtes tre ganger…»")
    ]


def test_an_added_paragraph_is_shown_where_it_stands(repo):
    repo.edit("        Partene møtes to ganger i året.\n", "        Partene møtes to ganger i året.\n"
              "      - Partene kan be om ekstra møter.\n")
    assert av401(repo.path) == [
        "21:9 " + frozen(repo.path, "the text here was added: «Partene kan be om ekstra møter.»")
    ]


def test_a_removed_item_is_shown_at_the_item_that_now_stands_in_its_place(repo):
    repo.edit("          - Et årlig møte.\n", "")
    assert av401(repo.path) == ["26:13 " + frozen(repo.path, "«Et årlig møte.» was removed here")]


def test_a_removed_last_item_is_shown_at_the_end_of_the_item_before_it(repo):
    repo.edit("          - En sluttrapport.\n", "")
    assert av401(repo.path) == ["26:27 " + frozen(repo.path, "«En sluttrapport.» was removed here")]


def test_a_changed_section_title(repo):
    repo.edit("title: Økonomi", "title: Finansiering")
    assert av401(repo.path) == ["21:12 " + frozen(repo.path, "the text here was «Økonomi», is now «Finansiering»")]


def test_a_changed_agreement_title(repo):
    repo.edit("i skolen\n", "i grunnskolen\n")
    assert av401(repo.path) == [
        "3:39 " + frozen(repo.path, "the text here was «…kvalitetsutvikling i skolen», is now «…kvalitetsutvikling i grunnskolen»")
    ]


def test_a_changed_date_outside_the_prose(repo):
    repo.edit("end: 2033-12-31", "end: 2034-12-31")
    assert av401(repo.path) == ["12:8 " + frozen(repo.path, "the text here was «2033-12-31», is now «2034-12-31»")]


def test_long_wording_is_cut_to_sixty_characters(repo):
    long = "Partene dekker egne kostnader til reise, opphold, møtelokaler, bevertning og alt annet som følger av avtalen."
    repo.edit("      - Partene dekker egne kostnader.\n", f"      - {long}\n")
    assert av401(repo.path) == [
        "23:29 " + frozen(repo.path, "the text here was «…dekker egne kostnader.», "
                          "is now «…dekker egne kostnader til reise, opphold, møtelokaler,…»")
    ]


def reseal(repo, old: str, new: str) -> None:
    """Write `new` for `old` in the signed file and seal the result, as if it had been signed so."""
    repo.edit(old, new)
    agreement = agreements.validate_file(repo.path).agreement
    repo.edit(agreement.seal.sha256, workflow.content_hash(agreement))
    repo.commit("Signert")
    assert av401(repo.path) == []


@pytest.mark.parametrize(("written", "at"), [
    ("'Partene dekker egne kostnader, jf. KS'' regler.'", "23:50"),
    ('"Partene dekker \\"egne\\" kostnader, jf. KS\' regler."', "23:53"),
    ("|-\n        Partene dekker egne kostnader,\n        jf. KS' regler.", "25:17"),
    (">\n        Partene dekker egne kostnader,\n\n        jf.   KS' regler.", "26:19"),
])
def test_the_column_follows_quotes_and_blocks_as_written(repo, written, at):
    """The signed text written in another YAML style keeps the column exact: quotes, escapes, line breaks."""
    reseal(repo, "Partene dekker egne kostnader.", written)
    repo.edit(" regler.", " retningslinjer.")
    assert av401(repo.path) == [f"{at} " + frozen(repo.path, "the text here was «…kostnader, jf. KS' regler.», "
                                                      "is now «…kostnader, jf. KS' retningslinjer.»")]


def test_a_renamed_file_is_followed_to_its_sealed_version(repo):
    """Moved (to a folder with spaces and «ø» in its name) and edited in one commit: the signed version is
    under the old name only."""
    moved = repo.root / "avtaler for skolen ø" / "2030-2033.yaml"
    moved.parent.mkdir()
    repo.git("mv", "agreements/2030-2033.yaml", str(moved))
    repo.edit("to ganger i året", "tre ganger i året", path=moved)
    repo.commit("Ny mappe")
    assert av401(moved) == ["20:23 " + frozen(moved, "the text here was «…Partene møtes to ganger…», is now «…Partene møtes tre ganger…»")]


def test_a_sign_off_not_yet_committed_is_found_in_the_draft_it_sealed(repo):
    """Only the draft is in git: its words are the sealed words, so it serves as the sealed version."""
    repo.git("reset", "-q", "--hard", "HEAD~1")
    workflow.sign_off(repo.path, dt.date(2029, 11, 7))
    repo.edit("to ganger i året", "tre ganger i året")
    assert av401(repo.path) == ["20:23 " + frozen(repo.path, "the text here was «…Partene møtes to ganger…», is now «…Partene møtes tre ganger…»")]


def test_a_staged_sign_off_is_found(repo):
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.edit("Avtalen skal styrke", "Avtalen skal bidra til å styrke")
    workflow.sign_off(repo.path, dt.date(2029, 11, 7))
    repo.git("add", "-A")  # the signed text is staged, never committed
    repo.edit("bidra til å styrke", "bidra til å bedre")
    assert av401(repo.path) == [
        "17:34 " + frozen(repo.path, "the text here was «…bidra til å styrke kvaliteten…», is now «…bidra til å bedre kvaliteten…»")
    ]


def test_a_seal_changed_by_hand_to_a_hash_no_version_has(repo):
    sha = agreements.read(repo.path).seal.sha256
    repo.edit(sha, "f" * 64)
    repo.commit("Endret seglet")
    assert av401(repo.path) == [
        f"{SEAL} " + frozen(repo.path, "the signed version is not in this repository's git history, so the change cannot be shown")
    ]


def test_an_untracked_file(repo):
    untracked = repo.root / "utkast" / "2030-2033.yaml"
    untracked.parent.mkdir()
    shutil.copy(repo.path, untracked)
    repo.edit("to ganger i året", "tre ganger i året", path=untracked)
    assert av401(untracked) == [
        f"{SEAL} " + frozen(untracked, "the file has never been committed to git, so the change cannot be shown")
    ]


def test_no_git_repository(repo, tmp_path):
    elsewhere = tmp_path / "kopi" / "2030-2033.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(repo.path, elsewhere)
    repo.edit("to ganger i året", "tre ganger i året", path=elsewhere)
    assert av401(elsewhere) == [
        f"{SEAL} " + frozen(elsewhere, "the file is not in a git repository, so the change cannot be shown")
    ]


def test_git_not_installed(repo, tmp_path, monkeypatch):
    repo.edit("to ganger i året", "tre ganger i året")
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert av401(repo.path) == [f"{SEAL} " + frozen(repo.path, "git is not installed, so the change cannot be shown")]


def test_git_that_hangs_is_given_up(repo, monkeypatch):
    repo.edit("to ganger i året", "tre ganger i året")

    def too_slow(*args, **kwargs):
        raise subprocess.TimeoutExpired("git", 20)

    monkeypatch.setattr(history, "git", too_slow)
    assert av401(repo.path) == [
        f"{SEAL} " + frozen(repo.path, "git could not read the file's history, so the change cannot be shown")
    ]


def test_text_from_a_git_revision_looks_up_no_history(repo, monkeypatch):
    repo.edit("to ganger i året", "tre ganger i året")
    monkeypatch.setattr(history, "sealed_version", lambda *a: pytest.fail("history looked up"))
    result = agreements.validate_file(repo.path, text=repo.path.read_text(encoding="utf-8"))
    assert [f"{f.line}:{f.col} {f.message}" for f in result.findings if f.code == "AV401"] == [
        f"{SEAL} this agreement was signed off on 7. november 2029 and its text has changed since; "
        + FIX.format(path=repo.path)
    ]


def test_an_intact_seal_looks_up_no_history(repo, monkeypatch):
    monkeypatch.setattr(history, "sealed_version", lambda *a: pytest.fail("history looked up"))
    assert av401(repo.path) == []


def test_the_history_walk_is_bounded(repo):
    """Only the newest `limit` commits are read: a seal set longer ago is not looked for."""
    repo.edit("to ganger i året", "tre ganger i året")
    repo.commit("Endring etter signering")
    sha = agreements.validate_file(repo.path).agreement.seal.sha256
    assert isinstance(history.sealed_version(repo.path, sha), history.Sealed)
    assert history.sealed_version(repo.path, sha, limit=1) == history.NOT_FOUND


def test_validate_shows_the_change_on_the_command_line(repo):
    repo.edit("tiltak og måloppnåelse.", "tiltak og resultater.")
    r = run_cli("validate", "agreements/2030-2033.yaml", cwd=repo.root)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == "agreements/2030-2033.yaml:19:59: AV401 " + frozen(
        "agreements/2030-2033.yaml", "the text here was «…om tiltak og måloppnåelse. Partene…», is now «…om tiltak og resultater. Partene…»")
    assert "Traceback" not in r.stderr
