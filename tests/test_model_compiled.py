"""The model every command uses (`avtale.model`: plain classes validated by pydantic-core from the stored
`model_core.py`) against the pydantic definition it is made from (`avtale.definition`): the same result and
the same findings, on every agreement of the test corpus, on every value of the real agreements replaced by
every wrong kind of value, and on Hypothesis's agreements and mutations of them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtale import agreements, definition, model, model_compile, schema_errors, store
from tests.strategies import agreement_data
from tests.plain_data import paths, replaced

ROOT = Path(__file__).resolve().parents[1]
CLASSES = [name for name, value in vars(definition).items()
           if isinstance(value, type) and issubclass(value, definition.BaseModel) and not name.startswith("_")
           and value.__module__ == definition.__name__]
WRONG_VALUES = [None, 2026, 1.5, True, "", "tekst", ["tekst"], {"Mål for avtalen": "tekst"}, {"ukjent": "x"},
                "2014-13-45", dt.date(2020, 1, 1), "a" * 81, "KD", "nn", "signed", "§ 1", "x)", 0, -1.0, 1001]


def _corpus() -> list[Path]:
    files = sorted((ROOT / "agreements").glob("*.yaml"))
    files += sorted((ROOT / "tests").rglob("*.yaml"))
    shared = ROOT.parent / "shared" / "extract-corpus" / "gold"
    files += sorted(shared.glob("*.yaml"))
    return files


def _runtime(value):
    """A definition instance as the model's own classes (no validation): what the reference run checks."""
    if isinstance(value, definition.BaseModel):
        cls = getattr(model, type(value).__name__)
        out = object.__new__(cls)
        object.__setattr__(out, "__dict__", {k: _runtime(v) for k, v in value.__dict__.items()})
        object.__setattr__(out, "__pydantic_fields_set__", set(value.model_fields_set))
        return out
    if isinstance(value, list):
        return [_runtime(v) for v in value]
    if isinstance(value, dict):
        return {k: _runtime(v) for k, v in value.items()}
    return value


class _Reference:
    """Stands for `avtale.model.Agreement` in `agreements.validate_file`: validates with the definition."""

    @staticmethod
    def model_validate(data):
        return _runtime(definition.Agreement.model_validate(data))


def _errors(exc) -> list:
    return [{**e, "ctx": {k: str(v) for k, v in e.get("ctx", {}).items()}} for e in exc.errors(include_url=False)]


def _outcome(cls_name: str, data, which) -> tuple:
    cls = getattr(which, cls_name)
    try:
        made = cls.model_validate(data)
    except model.ValidationError as exc:
        return ("invalid", _errors(exc))
    first, *_rest = type(made).model_fields
    return ("valid", made.model_dump(mode="json"), made.model_dump(mode="python", exclude_defaults=True),
            made.model_dump(mode="json", exclude_none=True), made.model_dump(exclude_unset=True),
            made.model_dump(mode="json", exclude={first, "status", "seal"}, exclude_defaults=True),
            made.model_dump(exclude={"sections": {0: True}, "parties": {0: {"name"}}}))


def _same(cls_name: str, data) -> None:
    assert _outcome(cls_name, data, model) == _outcome(cls_name, data, definition)


def _findings(path: Path, text: str | None) -> list[tuple]:
    result = agreements.validate_file(path, text=text)
    return [(f.code, f.severity, tuple(f.loc), f.line, f.col, f.message) for f in result.findings]


def _same_findings(path: Path, text: str | None = None) -> list[tuple]:
    fast = _findings(path, text)
    real = agreements.Agreement
    agreements.Agreement = _Reference
    try:
        reference = _findings(path, text)
    finally:
        agreements.Agreement = real
    assert fast == reference, path
    return fast


def test_the_stored_schema_is_current():
    """`scripts/compile-model` was run after the last change to the definition."""
    assert (ROOT / "src" / "avtale" / "model_core.py").read_text(encoding="utf-8") == model_compile.source()


def test_every_class_of_the_definition_is_in_the_model_with_its_fields():
    for name in CLASSES:
        assert list(getattr(model, name).model_fields) == list(getattr(definition, name).model_fields), name
    assert len(CLASSES) == 16


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_every_file_of_the_corpus_gives_the_same_result_and_findings(path):
    try:
        plain = store.load(path).plain
    except Exception:  # a file the store refuses never reaches the model: the findings say so, the same way
        plain = None
    if isinstance(plain, dict):
        _same("Agreement", plain)
    _same_findings(path)


@pytest.mark.parametrize("base", ["2014-2017", "2022-2025", "eksempel-2026-2029"])
def test_every_value_replaced_by_every_wrong_kind_gives_the_same_result(base):
    """Every value of a real agreement replaced by every wrong kind of value: the same outcome, the same
    pydantic errors and the same findings told from them (`schema_errors`)."""
    path = ROOT / "agreements" / f"{base}.yaml"
    doc = store.load(path)
    count = 0
    for where in list(paths(doc.plain))[1:]:
        for value in WRONG_VALUES:
            data = replaced(doc.plain, where, value)
            fast, reference = _outcome("Agreement", data, model), _outcome("Agreement", data, definition)
            assert fast == reference, (where, value)
            if fast[0] == "invalid":
                count += 1
                told = [schema_errors.findings(_raised(cls, data), doc) for cls in (model.Agreement,
                                                                                    definition.Agreement)]
                assert [f.__dict__ for f in told[0]] == [f.__dict__ for f in told[1]], (where, value)
    assert count > 300


def _raised(cls, data):
    try:
        cls.model_validate(data)
    except model.ValidationError as exc:
        return exc
    raise AssertionError("valid")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=agreement_data(), pick=st.data())
def test_generated_agreements_and_their_parts_give_the_same_result(data, pick):
    _same("Agreement", data)
    agreement = model.Agreement.model_validate(data)
    assert agreement.model_dump(mode="json") == definition.Agreement.model_validate(data).model_dump(mode="json")
    for section in data["sections"]:  # the classes `extract` validates parts with
        _same("Section", section)
        for block in section.get("blocks", []):
            if isinstance(block, dict) and "table" in block:
                _same("Table", block)
            for item in (block.get("bullets") or block.get("numbered") or []) if isinstance(block, dict) else []:
                if isinstance(item, dict):
                    _same("Item", item)
    # and a mutation of it: one value anywhere replaced by a wrong one
    places = list(paths(data))[1:]
    where = pick.draw(st.sampled_from(places))
    value = pick.draw(st.sampled_from(WRONG_VALUES))
    _same("Agreement", replaced(data, where, value))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=agreement_data())
def test_generated_agreements_give_the_same_findings(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("m") / f"{data['id']}.yaml"
    path.write_text(store.dump(data), encoding="utf-8")
    _same_findings(path)


def test_instances_behave_as_pydantic_s():
    """What the rest of avtale (and its tests) use of an instance: frozen, equal by value, copy with an update,
    construction by keywords validated, pickled across processes, repr as pydantic's."""
    import pickle

    party = model.Party(id="kd", name="Kunnskapsdepartementet", short="KD")
    assert repr(party) == repr(definition.Party(id="kd", name="Kunnskapsdepartementet", short="KD"))
    assert party == model.Party.model_validate({"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD"})
    assert party != model.Party(id="ks", name="KS")
    assert pickle.loads(pickle.dumps(party)) == party
    assert party.model_copy(update={"short": None}).short is None and party.short == "KD"
    assert dict(party) == {"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD", "logo": None}
    with pytest.raises(TypeError):
        party.name = "KS"
    with pytest.raises(model.ValidationError) as caught:
        model.Party(id="KD", name="x")
    assert caught.value.errors(include_url=False)[0]["type"] == "string_pattern_mismatch"
    import pydantic

    assert model.ValidationError is pydantic.ValidationError


def test_reading_an_agreement_imports_no_pydantic(tmp_path):
    """The point of it all: validating a valid file loads nothing of pydantic (avtale.model_fast); one the
    schema refuses is told by pydantic-core, and its findings worded with pydantic's help (schema_errors)."""
    bad = tmp_path / "2014-2017.yaml"
    bad.write_text((ROOT / "agreements" / "2014-2017.yaml").read_text(encoding="utf-8").replace(
        "\ntitle:", "\ntitel: x\ntitle:", 1), encoding="utf-8")
    for path, ok, loaded in (("agreements/2014-2017.yaml", True, "[]"),  # (refused: pydantic too, for the words)
                             (str(bad), False, "['annotated_types', 'pydantic', ")):
        code = ("import sys\nfrom avtale import agreements\n"
                f"r = agreements.validate_file({path!r})\nassert r.ok() is {ok}, r.findings\n"
                "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core', "
                "'typing_extensions', 'annotated_types')))\n")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        assert out.stdout.split("\n")[-2].startswith(loaded) and ("pydantic_core._pydantic_core" in out.stdout) is not ok, path


def test_another_pydantic_core_builds_the_schema_from_the_definition():
    """Where the installed pydantic-core is not the one `model_core.py` was made with, the schema is made
    from the definition at run time, and gives the same results."""
    code = ("from avtale import model_core\nmodel_core.PYDANTIC_CORE = 'other'\n"
            "import sys\nfrom avtale import agreements, model\n"
            "r = agreements.validate_file('agreements/eksempel-2026-2029.yaml')\nassert r.ok(), r.findings\n"
            "core = model.Agreement._core_validator().validate_python(  # (valid data: pydantic-core asked directly)\n"
            "    agreements.store.load('agreements/eksempel-2026-2029.yaml').plain)\n"
            "print('pydantic' in sys.modules, r.agreement.model_dump(mode='json') == core.model_dump(mode='json'))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]
