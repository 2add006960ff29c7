"""What `avtale --help`, `avtale validate FILE` and `avtale build FILE --format docx` import, in fresh processes.

Start-up is what a pre-commit hook, an editor's save hook or a CI step pays on every run (issue 19), and
imports are most of it. Each command runs under `python -X importtime` and the modules it imported are
read from that list (its nesting tells who imported whom); the test then holds them to explicit sets:

- the third-party packages each command imports, exactly;
- none of the heavy standard-library modules in FORBIDDEN, but for those still pulled in by a part that
  issue 19 is replacing (`NOT_YET`, each with the part that removes it);
- avtale's own modules each command imports, exactly, so a new import on these paths is seen and decided on.

A failure names the module and the chain of modules that imported it («imported at run time» where a
function imported it, with the module imported just before it for a hint). No timings: a list of modules
is the same on a slow and a fast machine.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

AGREEMENT = "agreements/2014-2017.yaml"

# --- what each command may import -------------------------------------------------------------------------

# pydantic-core's compiled module is loaded by avtale.model_runtime from its file, not by an import statement,
# so `-X importtime` does not list it (tests/test_model_compiled.py checks it is all of pydantic that is loaded)
THIRD_PARTY = {
    "help": set(),
    "validate": set(),
    "build-docx": set(),
}

# heavy modules of the standard library that none of these commands needs
FORBIDDEN = {
    "asyncio", "concurrent.futures", "multiprocessing", "subprocess", "threading", "socket", "selectors", "ssl",
    "http", "http.client", "urllib.request", "urllib.error", "email", "email.message", "email.utils", "xml",
    "xml.sax", "xml.sax.saxutils", "xml.dom", "xml.etree.ElementTree", "importlib.metadata", "importlib.resources",
    "importlib.util", "inspect", "ast", "dis", "tokenize", "dataclasses", "typing", "tempfile", "shutil", "zipfile",
    "gzip", "bz2", "lzma", "tarfile", "csv", "platform", "uuid", "secrets", "random", "hmac", "zoneinfo", "decimal",
    "fractions", "logging", "pickle", "pprint", "difflib", "unittest", "doctest", "string", "calendar", "glob",
    "sysconfig", "json", "hashlib", "datetime", "pathlib", "signal", "unicodedata", "copy", "weakref", "struct",
    "base64", "binascii", "argparse", "gettext", "urllib.parse", "ipaddress",
    "locale",  # (here in the C locale, as conftest sets it; in a Norwegian one gettext imports it to find
    # avtale's catalogue)
}
_VALIDATE = {  # what validating one signed agreement needs (its paths are strings: no pathlib; the seal's hash
    # is written without json: avtale.sealing.canonical_json)
    "datetime",  # dates in the agreement
    "unicodedata",  # the model's NFC check, logos' names
}
_PARSER = {  # the full command line (help, every command but a plain `validate`: avtale.cli_quick)
    "argparse", "gettext",
}
NOT_YET = {
    "help": _PARSER,
    "validate": _VALIDATE,
}
NOT_YET["build-docx"] = NOT_YET["validate"] | _PARSER | {
    "pathlib", "urllib.parse", "ipaddress",  # the output directory and the files' paths
    "binascii",  # the zip's checksums
    "struct",  # the zip's headers
    "json",  # the parties in the document's custom properties
}

_START = {"avtale", "avtale.cli", "avtale.cli_quick", "avtale.errors", "avtale.characters", "avtale.records",
          "avtale.regex", "avtale.i18n", "avtale.limits", "avtale.pathnames"}
_VALIDATING = _START | {
    "avtale.validate", "avtale.agreements", "avtale.report", "avtale.findings", "avtale.model", "avtale.model_runtime",
    "avtale.model_fast",
    "avtale.model_core", "avtale.checks",
    "avtale.checks.safety", "avtale.checks.structure", "avtale.checks.text", "avtale.checks.format",
    "avtale.checks.versions", "avtale.checks.paths", "avtale.dates", "avtale.inline", "avtale.sealing",
    "avtale.schema", "avtale.files", "avtale.assets",
    "avtale.store", "avtale.store.fast", "avtale.store.fast_text", "avtale.store.may_hide",
    "avtale.store.scalars", "avtale.store.places",  # (avtale.store.silent only where the cheap test leaves a doubt)
}
_PARSING = {"avtale.cli_args", "avtale.cli_parser", "avtale.cli_values"}  # the argparse grammar (not a plain validate)
AVTALE = {
    "help": _START | _PARSING,
    "validate": _VALIDATING,
    "build-docx": (_VALIDATING - {"avtale.validate"}) | _PARSING | {
        "avtale.build", "avtale.writer", "avtale.layout", "avtale.render", "avtale.render.common",
        "avtale.render.tree", "avtale.numbering", "avtale.render.draft", "avtale.render.list_levels",
        "avtale.render.letterhead_plan", "avtale.render.signature_grid",
        "avtale.render.docx_columns", *(f"avtale.render.docx_fast{m}" for m in (
            ".draft", ".images", ".inline", ".letterhead", ".notes", ".numbering", ".package", ".roots",
            ".signing", ".styles", ".table", ".units", ".writer", ".xml", ".zip")),
    },
}


# --- reading `-X importtime` --------------------------------------------------------------------------------

_LINE = re.compile(r"import time:\s+\d+ \|\s+\d+ \|( *)(\S+)$")


class Imports:
    """The modules a command imported, in order, each with the module whose import statement imported it
    (None: imported at run time, by a function). Modules imported before `avtale` (the interpreter's start,
    `site`, `runpy`) are not the command's and are left out. `-X importtime` lists an import that failed too
    (a probe such as copy's `org.python.core`): those are imported by the standard library and ignored below."""

    def __init__(self, stderr: str):
        rows = [(len(m.group(1)), m.group(2)) for m in map(_LINE.match, stderr.splitlines()) if m]
        parents = []
        for i, (depth, _name) in enumerate(rows):  # a module's imports are listed before it, one level deeper
            parents.append(next((rows[j][1] for j in range(i + 1, len(rows)) if rows[j][0] < depth), None))
        names = [name for _depth, name in rows]
        start = names.index("avtale")
        self.rows = rows[start:]
        self.order = names[start:]
        self.parent = {}
        for name, parent in zip(names[start:], parents[start:]):
            self.parent.setdefault(name, parent)

    def __contains__(self, name: str) -> bool:
        return name in self.parent

    def third_party(self) -> set[str]:
        """The top-level packages, not the standard library's or avtale's, that avtale or such a package
        imported (not the standard library's own probes)."""
        return {name.split(".")[0] for name in self.order
                if not _stdlib(name) and not name.startswith("avtale") and not _stdlib(self._importer(name) or "")}

    def _importer(self, name: str) -> str | None:
        """The module outside `name`'s package that imported it (its package's first module imported)."""
        top, parent, seen = name.split(".")[0], self.parent.get(name), {name}
        while parent is not None and parent.split(".")[0] == top and parent not in seen:
            seen.add(parent)
            parent = self.parent.get(parent)
        return parent

    def own(self) -> set[str]:
        return {name for name in self.order if name == "avtale" or name.startswith("avtale.")}

    def chain(self, name: str) -> str:
        """`name` and who imported it: «email.utils <- email.message <- … <- avtale.model (imported at run
        time, after avtale.report)»."""
        links, seen = [name], {name}
        while self.parent.get(links[-1]) is not None and self.parent[links[-1]] not in seen:
            links.append(self.parent[links[-1]])
            seen.add(links[-1])
        at = self.order.index(links[-1])
        depth = self.rows[at][0]
        before = next((n for d, n in reversed(self.rows[:at]) if d <= depth), None)  # (its own imports come
        # before it, one level deeper)
        return " <- ".join(links) + f" (imported at run time{f', after {before}' if before else ''})"


def _stdlib(name: str) -> bool:
    top = name.split(".")[0]
    return top in sys.stdlib_module_names or top.startswith("_sysconfigdata")


def run_imports(*args: str) -> tuple[subprocess.CompletedProcess, Imports]:
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "avtale", *args], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    return r, Imports(r.stderr)


@pytest.fixture(scope="module")
def commands(tmp_path_factory) -> dict[str, Imports]:
    out = tmp_path_factory.mktemp("built")
    runs = {
        "help": (("--help",), "usage: avtale "),
        "validate": (("validate", AGREEMENT), ""),
        "build-docx": (("build", AGREEMENT, "--format", "docx", "--out", str(out)), str(out / "2014-2017.docx")),
    }
    found = {}
    for name, (args, stdout) in runs.items():
        r, imports = run_imports(*args)
        assert r.returncode == 0 and r.stdout.startswith(stdout), (name, r.stdout, r.stderr[-2000:])
        found[name] = imports
    return found


COMMANDS = ("help", "validate", "build-docx")


def _differences(imports: Imports, found: set[str], expected: set[str], what: str) -> list[str]:
    lines = [f"imports {what} it is not expected to: {imports.chain(m)}" for m in sorted(found - expected)]
    lines += [f"no longer imports {what} {m}: take it out of the expected set" for m in sorted(expected - found)]
    return lines


@pytest.mark.parametrize("command", COMMANDS)
def test_third_party_packages(commands, command):
    imports = commands[command]
    assert not _differences(imports, imports.third_party(), THIRD_PARTY[command], "the package")


@pytest.mark.parametrize("command", COMMANDS)
def test_no_heavy_standard_module(commands, command):
    imports = commands[command]
    found = {m for m in FORBIDDEN if m in imports}
    assert not _differences(imports, found, NOT_YET[command] & FORBIDDEN, "the standard module")


@pytest.mark.parametrize("command", COMMANDS)
def test_own_modules(commands, command):
    imports = commands[command]
    assert not _differences(imports, imports.own(), AVTALE[command], "avtale's module")


def test_a_failure_names_who_imported_the_module():
    """The chain a failure shows, read from importtime's nesting (a made-up listing)."""
    stderr = "\n".join([
        "import time: self [us] | cumulative | imported package",
        "import time:       100 |        100 | site",
        "import time:        10 |         10 | avtale",
        "import time:         5 |          5 |       email.utils",
        "import time:         5 |         10 |     email.message",
        "import time:         5 |         15 |   pydantic",
        "import time:         5 |         20 | avtale.model",
        "import time:         5 |          5 |   _sysconfigdata__linux",
        "import time:         5 |          5 |   org",
        "import time:         5 |         10 | sysconfig",
        "1 file checked, 0 invalid",
    ])
    imports = Imports(stderr)
    assert imports.chain("email.utils") == ("email.utils <- email.message <- pydantic <- avtale.model "
                                            "(imported at run time, after avtale)")
    assert "site" not in imports and imports.third_party() == {"pydantic"}
    assert imports.own() == {"avtale", "avtale.model"}
    assert _differences(imports, {"email.utils", "json"}, {"json", "csv"}, "the standard module") == [
        "imports the standard module it is not expected to: email.utils <- email.message <- pydantic <- "
        "avtale.model (imported at run time, after avtale)",
        "no longer imports the standard module csv: take it out of the expected set",
    ]
