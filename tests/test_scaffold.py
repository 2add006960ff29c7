"""`avtale init`: the files it writes, when it refuses, the two ways it pins avtale, its pre-commit hooks for real."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from avtale import __version__, agreements, schema, scaffold, store, workflow
from avtale.errors import AvtaleError, InvalidAgreement, OutputError, OutputExists, UsageError
from avtale.store.write import SCHEMA_COMMENT
from ci_helpers import git
from conftest import AGREEMENTS, ROOT, require_tool, run_cli
from render.render_samples import write_png  # tests/render/render_samples.py

FILES = [
    "schema/agreement.schema.json",
    ".pre-commit-config.yaml",
    ".github/workflows/agreements.yml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".gitignore",
    "README.md",
]
EMPTY = ["agreements/.gitkeep", *FILES]
HOOKS = store.load_plain(ROOT / ".pre-commit-hooks.yaml")


def refusal(target: Path) -> str:
    return f"{target}: AV600 already there: {', '.join(EMPTY)}; nothing written (--force overwrites)"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, relative path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def workflow_env(repo: Path) -> dict:
    return store.load_plain(repo / ".github/workflows/agreements.yml")["env"]


def test_init_writes_exactly_the_files_in_order(tmp_path):
    target = tmp_path / "avtaler"
    written = scaffold.init(target)
    assert written == [target / rel for rel in EMPTY]
    assert sorted(tree(target)) == sorted(EMPTY)
    assert (target / "agreements/.gitkeep").read_bytes() == b""
    assert (target / "schema/agreement.schema.json").read_text(encoding="utf-8") == schema.text()
    assert "build/\n" in (target / ".gitignore").read_text(encoding="utf-8")
    assert "@@" not in "".join(t.decode("utf-8") for t in tree(target).values())


def test_init_again_refuses_names_every_file_and_changes_nothing(tmp_path):
    scaffold.init(tmp_path)
    before = tree(tmp_path)
    with pytest.raises(OutputExists) as caught:
        scaffold.init(tmp_path, pin="9.9.9")
    assert caught.value.paths == [tmp_path / rel for rel in EMPTY]
    assert str(caught.value) == refusal(tmp_path)
    assert tree(tmp_path) == before


def test_one_file_in_the_way_means_none_is_written(tmp_path):
    (tmp_path / "README.md").write_text("Våre avtaler\n", encoding="utf-8")
    with pytest.raises(OutputExists) as caught:
        scaffold.init(tmp_path)
    assert caught.value.paths == [tmp_path / "README.md"]
    assert tree(tmp_path) == {"README.md": "Våre avtaler\n".encode()}


def test_force_overwrites(tmp_path):
    scaffold.init(tmp_path)
    fresh = tree(tmp_path)
    (tmp_path / "README.md").write_text("endret\n", encoding="utf-8")
    (tmp_path / "schema/agreement.schema.json").write_text("{}\n", encoding="utf-8")
    assert scaffold.init(tmp_path, force=True) == [tmp_path / rel for rel in EMPTY]
    assert tree(tmp_path) == fresh


def test_a_directory_where_a_file_goes_is_refused_even_with_force(tmp_path):
    (tmp_path / "README.md").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        scaffold.init(tmp_path, force=True)
    (tmp_path / "README.md").rmdir()
    (tmp_path / ".vscode").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match=r"is a file, but \.vscode/settings\.json goes inside it"):
        scaffold.init(tmp_path, force=True)
    assert tree(tmp_path) == {".vscode": b""}


def test_target_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a directory"):
        scaffold.init(tmp_path / "fil")


def test_from_copies_the_agreement_and_it_validates_there(tmp_path):
    source = AGREEMENTS / "2022-2025.yaml"
    written = scaffold.init(tmp_path, from_file=source)
    assert written == [tmp_path / rel for rel in ["agreements/2022-2025.yaml", *FILES]]
    copy = tmp_path / "agreements/2022-2025.yaml"
    assert copy.read_bytes() == source.read_bytes()  # its first line is already the modeline
    assert agreements.validate_file(copy).findings == []
    r = run_cli("validate", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "1 file checked, 0 invalid\n")


@pytest.mark.parametrize("first_line", ["# yaml-language-server: $schema=https://example.invalid/s.json\n", ""])
def test_from_sets_the_modeline(tmp_path, first_line):
    original = (AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8")
    body = original.partition("\n")[2]
    source = tmp_path / "kilde" / "2022-2025.yaml"
    source.parent.mkdir()
    source.write_text(first_line + body, encoding="utf-8")
    scaffold.init(tmp_path / "repo", from_file=source)
    assert (tmp_path / "repo/agreements/2022-2025.yaml").read_text(encoding="utf-8") == SCHEMA_COMMENT + "\n" + body


def test_from_brings_the_logos_along(tmp_path):
    text = (AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8").replace("status: signed", "status: draft")
    text = text.partition("\nseal:")[0].replace(
        "    short: KD\n", "    short: KD\n    logo: {file: logos/kd.png, alt: Kunnskapsdepartementets logo}\n")
    (tmp_path / "kilde/logos").mkdir(parents=True)
    (tmp_path / "kilde/2022-2025.yaml").write_text(text + "\n", encoding="utf-8")
    logo = write_png(tmp_path / "kilde/logos/kd.png").read_bytes()
    written = scaffold.init(tmp_path / "repo", from_file=tmp_path / "kilde/2022-2025.yaml")
    assert written[:2] == [tmp_path / "repo/agreements/2022-2025.yaml", tmp_path / "repo/agreements/logos/kd.png"]
    assert (tmp_path / "repo/agreements/logos/kd.png").read_bytes() == logo
    r = run_cli("validate", cwd=tmp_path / "repo")
    assert (r.returncode, r.stdout) == (0, ""), r.stderr


def test_from_an_invalid_agreement_writes_nothing(tmp_path):
    bad = tmp_path / "2022-2025.yaml"
    bad.write_text((AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8").replace("language: nb", "language: en"))
    with pytest.raises(InvalidAgreement) as caught:
        scaffold.init(tmp_path / "repo", from_file=bad)
    assert [f.code for f in caught.value.findings] == ["AV100"]
    with pytest.raises(AvtaleError) as missing:
        scaffold.init(tmp_path / "repo", from_file=tmp_path / "finnes-ikke.yaml")
    assert missing.value.exit_code == 2
    assert not (tmp_path / "repo").exists()


def test_from_an_agreement_that_supersedes_one_not_there(tmp_path):
    shutil.copy(AGREEMENTS / "2022-2025.yaml", tmp_path / "2022-2025.yaml")
    newer = workflow.new_version(tmp_path / "2022-2025.yaml", "2026-2029", dt.date(2029, 12, 31), dt.date(2026, 1, 1))
    newer.write_text(newer.read_text(encoding="utf-8").replace("31. desember 2025", "31. desember 2029"))
    with pytest.raises(InvalidAgreement) as caught:
        scaffold.init(tmp_path / "repo", from_file=newer)
    assert [f.code for f in caught.value.findings] == ["AV404"]
    assert not (tmp_path / "repo").exists()
    scaffold.init(tmp_path / "repo", from_file=tmp_path / "2022-2025.yaml")
    written = scaffold.init(tmp_path / "repo", from_file=newer, force=True)
    assert written[0] == tmp_path / "repo/agreements/2026-2029.yaml"


def test_index_pin_pre_commit_and_workflow(tmp_path):
    scaffold.init(tmp_path / "a")
    scaffold.init(tmp_path / "b", pin="0.2.0rc1")
    for repo, requirement in ((tmp_path / "a", f"avtale=={__version__}"), (tmp_path / "b", "avtale==0.2.0rc1")):
        config = store.load_plain(repo / ".pre-commit-config.yaml")
        assert config == {"repos": [{"repo": "local", "hooks": [
            {"id": h["id"], "name": h["name"], "entry": h["entry"], "language": "python",
             "additional_dependencies": [requirement], "files": h["files"]} for h in HOOKS]}]}
        assert workflow_env(repo) == {"AVTALE": requirement}
        assert f'pip install "{requirement}" pre-commit' in (repo / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("url", "pin", "rev", "pip_url"), [
    ("https://github.com/kd/avtale", "3f2c1ab", "3f2c1ab", "https://github.com/kd/avtale"),
    ("https://github.com/kd/avtale", None, f"v{__version__}", "https://github.com/kd/avtale"),
    ("git@github.com:kd/avtale.git", "v0.2.0", "v0.2.0", "ssh://git@github.com/kd/avtale.git"),
    (str(ROOT), "main", "main", ROOT.as_uri()),
])
def test_git_pin_pre_commit_and_workflow(tmp_path, url, pin, rev, pip_url):
    scaffold.init(tmp_path, git=url, pin=pin)
    assert store.load_plain(tmp_path / ".pre-commit-config.yaml") == {
        "repos": [{"repo": url, "rev": rev, "hooks": [{"id": "avtale-validate"}, {"id": "avtale-fmt"}]}]}
    assert workflow_env(tmp_path) == {"AVTALE": f"avtale @ git+{pip_url}@{rev}"}
    assert [h["id"] for h in HOOKS] == ["avtale-validate", "avtale-fmt"]


@pytest.mark.parametrize(("options", "message"), [
    ({"pin": "1.0 beta"}, "--pin «1.0 beta» is not a version of avtale"),
    ({"pin": "main"}, "--pin «main» is not a version of avtale"),
    ({"git": "https://github.com/kd/avtale", "pin": "-x"}, "--pin «-x» is not a git revision"),
    ({"git": "ikke/en/mappe"}, "--git «ikke/en/mappe» is neither a URL"),
    ({"git": "https://github.com/kd/avtale\nrun: x"}, "is not a repository URL"),
])
def test_bad_pins_are_usage_errors(tmp_path, options, message):
    with pytest.raises(UsageError, match=message):
        scaffold.init(tmp_path / "repo", **options)
    assert not (tmp_path / "repo").exists()


def test_editor_settings_map_the_schema_onto_the_agreements(tmp_path):
    scaffold.init(tmp_path, from_file=AGREEMENTS / "2022-2025.yaml")
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    ((schema_path, globs),) = settings["yaml.schemas"].items()
    assert (tmp_path / schema_path).read_text(encoding="utf-8") == schema.text()
    assert any(fnmatch.fnmatch("/agreements/2022-2025.yaml", g) for g in globs)
    assert json.loads((tmp_path / ".vscode/extensions.json").read_text()) == {"recommendations": ["redhat.vscode-yaml"]}


def test_readme_names_commands_that_exist(tmp_path):
    scaffold.init(tmp_path)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for words in ("avtale validate", "avtale fmt", "avtale build", "avtale diff GAMMEL NY", "den gamle først",
                  "avtale diff agreements/2026-2029.yaml --rev main", "--format docx -o", "pre-commit install"):
        assert words in readme, words
    for command in ("validate", "fmt", "build", "diff", "new", "sign-off"):
        assert run_cli(command, "--help").returncode == 0, command


# --- the command line --------------------------------------------------------


def test_cli_init_prints_what_it_wrote(tmp_path):
    r = run_cli("init", tmp_path / "avtaler")
    assert (r.returncode, r.stdout) == (0, "")
    assert r.stderr == "".join(f"wrote {tmp_path / 'avtaler' / rel}\n" for rel in EMPTY)
    again = run_cli("init", tmp_path / "avtaler")
    assert again.returncode == 1
    assert again.stderr == refusal(tmp_path / "avtaler") + "\n"
    assert run_cli("init", tmp_path / "avtaler", "--force").returncode == 0


def test_cli_init_defaults_to_the_current_directory(tmp_path):
    r = run_cli("init", "--from", AGREEMENTS / "2022-2025.yaml", cwd=tmp_path)
    assert r.returncode == 0
    assert r.stderr == "".join(f"wrote {rel}\n" for rel in ["agreements/2022-2025.yaml", *FILES])


def test_cli_init_git_and_pin(tmp_path):
    r = run_cli("init", tmp_path, "--git", "https://github.com/kd/avtale", "--pin", "v0.2.0")
    assert r.returncode == 0, r.stderr
    assert workflow_env(tmp_path) == {"AVTALE": "avtale @ git+https://github.com/kd/avtale@v0.2.0"}


def test_cli_init_bad_input(tmp_path):
    r = run_cli("init", tmp_path / "repo", "--pin", "1.0 beta")
    assert (r.returncode, r.stderr) == (2, f"AV002 --pin «1.0 beta» is not a version of avtale (like {__version__}); "
                                           "a git revision needs --git\n")
    bad = tmp_path / "2022-2025.yaml"
    bad.write_text((AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8").replace("language: nb", "language: en"))
    r = run_cli("init", tmp_path / "repo", "--from", bad)
    assert (r.returncode, r.stderr) == (1, f"{bad}:4:11: AV100 «en» is not a choice for «language:»: write «nb» or «nn»\n")
    assert not (tmp_path / "repo").exists()


# --- pre-commit, for real -------------------------------------------------------


def snapshot(dest: Path) -> str:
    """A clone of this checkout with its uncommitted work committed: what the hooks are pinned to."""
    git(dest.parent, "clone", "-q", str(ROOT), dest.name)
    listed = git(ROOT, "ls-files", "-z", "--modified", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, listed):
        (dest / rel).unlink(missing_ok=True)
        if (ROOT / rel).exists() or (ROOT / rel).is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel, follow_symlinks=False)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "--allow-empty", "-m", "the working tree under test")
    return git(dest, "rev-parse", "HEAD")


def run_pre_commit(repo: Path, home: Path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_pre_commit_hooks_from_git_pass_and_fail_for_real(tmp_path):
    require_tool("git")
    try:
        import pre_commit  # noqa: F401  (a test dependency)
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("pre-commit is not installed (it is in the test extras)")
        pytest.skip("pre-commit is not installed")
    rev = snapshot(tmp_path / "avtale")
    repo = tmp_path / "avtaler"
    scaffold.init(repo, from_file=AGREEMENTS / "2022-2025.yaml", git=str(tmp_path / "avtale"), pin=rev)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    good = run_pre_commit(repo, tmp_path / "pre-commit-home")
    assert good.returncode == 0, good.stdout + good.stderr
    assert [line.split(".")[0] for line in good.stdout.splitlines() if line.endswith("Passed")] == [
        "avtale validate", "avtale fmt --check"]

    agreement = repo / "agreements/2022-2025.yaml"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("    short: KD", "    shrot: KD"))
    git(repo, "add", "-A")
    bad = run_pre_commit(repo, tmp_path / "pre-commit-home")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "agreements/2022-2025.yaml:8:5: AV100 «shrot:» is not a key here: did you mean «short:»?" in bad.stdout.splitlines()
