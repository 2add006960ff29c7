"""Every message avtale prints goes through gettext: no English text handed straight to the user.

Walks the syntax tree of every module of avtale and fails on a string literal or
f-string with words in it passed as the message of an error avtale raises (its
`AvtaleError` classes and `ReadProblem`), to the CLI's `_echo`, to `print(...,
file=…)` or `sys.stderr.write`, or as a note or `# TODO` of `extract` — a message
that would stay English in bokmål. A wrapped message is `_("…")`, `_("…").format(…)`
or `ngettext(…)`; a variable is not judged here (its text is checked where it is made).
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src" / "avtale"

# Modules whose messages are being wrapped elsewhere; empty this list as they are done.
NOT_YET: set[str] = set()
# Functions of a module that are being wrapped elsewhere, as "module:function".
NOT_YET_FUNCTIONS: set[str] = set()

WRAPPERS = {"_", "ngettext"}
NOTE_METHODS = {"uncertain": 1, "meta": 0, "ocr": 1, "dropped": 2}  # the message's position in each


def _error_classes() -> set[str]:
    tree = ast.parse((SRC / "errors.py").read_text(encoding="utf-8"))
    known = {"AvtaleError"}
    for node in tree.body:  # in order: a subclass follows its base
        if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in known for b in node.bases):
            known.add(node.name)
    return known | {"ReadProblem"}


ERRORS = _error_classes()


def _has_words(text: str) -> bool:
    return re.search(r"[A-Za-z]{2}", text) is not None


def _bare(node: ast.AST) -> bool:
    """True when `node` is English text not passed through gettext."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return _has_words(literal) or any(_bare(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.BinOp):
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.IfExp):
        return _bare(node.body) or _bare(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _bare(node.func.value)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _messages(call: ast.Call) -> list[ast.AST]:
    """The arguments of `call` that a user reads as a message."""
    name = _name(call.func)
    owner = _dotted(call.func.value) if isinstance(call.func, ast.Attribute) else ""
    if name in ERRORS or name == "_echo":
        return call.args[:1] + [k.value for k in call.keywords if k.arg == "message"]
    if name == "print" and any(k.arg == "file" for k in call.keywords):
        return list(call.args)
    if _dotted(call.func) == "sys.stderr.write":
        return list(call.args)
    if name in NOTE_METHODS and owner.split(".")[-1] == "notes":
        at = NOTE_METHODS[name]
        return call.args[at : at + 1]
    if name == "append" and owner.split(".")[-1] in ("notes", "todos") and call.args:
        item = call.args[0]
        return item.elts[-1:] if isinstance(item, ast.Tuple) else []
    return []


def bare_messages(source: str, module: str = "<test>") -> list[str]:
    """'module:line: text' of every unwrapped message in `source`."""
    tree = ast.parse(source)
    skip = {f.split(":")[1] for f in NOT_YET_FUNCTIONS if f.split(":")[0] == module}
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in skip:
            skipped |= {id(n) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in skipped:
            for arg in _messages(node):
                if _bare(arg):
                    found.append(f"{module}:{arg.lineno}: {ast.unparse(arg)[:90]}")
    return found


def test_every_message_goes_through_gettext():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        if module not in NOT_YET:
            found += bare_messages(path.read_text(encoding="utf-8"), module)
    assert found == []


@pytest.mark.parametrize("code", [
    'raise UsageError("no such file")',
    'raise ExtractError(f"{n} pages, more than {most}", Position(path))',
    'raise LogoError(what + " is a directory")',
    'raise OutputExists("exists; " "use --force")',
    'raise InvalidAgreement(message="does not validate")',
    '_echo(f"wrote {path}")',
    'print(f"{path}: the agreement does not validate", file=err)',
    'print("interrupted", file=sys.stderr)',
    'sys.stderr.write("building " + str(n))',
    'notes.uncertain(line, f"no title under «{name}»")',
    'self.notes.dropped(line, text, "page metadata" if meta else "a link alone")',
    'notes.meta("reading the pages with OCR")',
    'notes.append((i, f"«{t}» read as a list item"))',
    'out.todos.append((("title",), "write the title"))',
    'raise UsageError("unknown format «{name}»".format(name=name))',
])
def test_an_unwrapped_message_is_found(code):
    assert len(bare_messages(code)) == 1


@pytest.mark.parametrize("code", [
    'raise UsageError(_("no such file"))',
    'raise ExtractError(_("{n} pages, more than {most}").format(n=n, most=most), Position(path))',
    'raise ExtractError(ngettext("{n} page", "{n} pages", n).format(n=n))',
    '_echo(str(exc))',
    '_echo(f"{finding}")',
    'print(f"{path}: {message}", file=err)',
    'print(line, file=err)',
    'sys.stderr.write("\\r\\033[K")',
    'notes.uncertain(line, message)',
    'notes.dropped(line, "---", _("YAML front matter"))',
    'print(f"{path}: reformatted")',  # standard output: data, not a message to stderr
    'raise ValueError("internal")',  # not an error avtale reports
])
def test_a_wrapped_message_or_data_passes(code):
    assert bare_messages(code) == []


def test_a_function_another_helper_owns_is_skipped():
    code = 'def cmd_fmt(a):\n    _echo("x would reformat")\ndef cmd_new(a):\n    _echo("x written")\n'
    assert bare_messages(code, "cli.py") == ["cli.py:2: 'x would reformat'", "cli.py:4: 'x written'"]


def _binds_underscore(tree: ast.AST) -> list[int]:
    """Lines where a module or function (not a comprehension, which has its own scope) binds the name `_`."""
    found = []

    def visit(node, in_comprehension=False):
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            in_comprehension = True
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            in_comprehension = False
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store) and not in_comprehension:
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_comprehension)

    visit(tree)
    return found


def test_no_module_that_translates_uses_the_name_of_gettext_for_a_throwaway():
    """`for _ in …` or `a, _ = …` in a function that calls `_("…")` makes `_` a local: the call then fails."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(isinstance(n, ast.ImportFrom) and n.module == "avtale.i18n" and "_" in [a.name for a in n.names]
                      for n in ast.walk(tree))
        if imports:
            found += [f"{path.relative_to(SRC).as_posix()}:{line}" for line in _binds_underscore(tree)]
    assert found == []
