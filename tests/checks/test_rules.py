"""Every rule: one agreement that trips it, one that passes. Codes and messages are stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from avtale import checks
from avtale.model import Agreement

BASE = {
    "id": "2030-2033",
    "title": "Avtale om kvalitetsutvikling",
    "language": "nb",
    "parties": [{"id": "kd", "name": "Kunnskapsdepartementet"}, {"id": "ks", "name": "KS"}],
    "period": {"start": "2030-01-01", "end": "2033-12-31"},
    "status": "draft",
    "sections": [
        {"title": "Formål", "blocks": ["Avtalen gjelder fram til 31. desember 2033."]},
        {"title": "Økonomi", "blocks": ["Tekst.", {"bullets": ["En.", "To."]}]},
    ],
    "signing": {
        "place": "Oslo",
        "date": "2029-11-07",
        "signatories": [
            {"party": "kd", "name": "Kari Nordmann", "title": "Kunnskapsminister"},
            {"party": "ks", "name": "Ola Nordmann", "title": "Leder KS"},
        ],
    },
}


def agreement(**changes) -> Agreement:
    data = {**BASE, **changes}
    return Agreement.model_validate(data)


def sealed(**changes) -> dict:
    """The changes, plus status signed and the seal of the base agreement's content."""
    from avtale.workflow import content_hash

    return {"status": "signed", "seal": {"sha256": content_hash(agreement()), "date": "2029-11-07"}, **changes}


def findings(model: Agreement, name: str = "2030-2033.yaml"):
    return [(f.code, f.loc, f.message, f.severity) for f in checks.run(model, checks.Context(Path(name)))]


def test_the_base_agreement_passes_every_rule():
    assert findings(agreement()) == []


def test_rule_codes_are_unique_and_named():
    codes = [r.code for r in checks.RULES]
    assert len(codes) == len(set(codes))
    assert all(r.name and r.summary for r in checks.RULES)


CASES = [
    (
        {"parties": [{"id": "kd", "name": "Kunnskaps\u202edepartementet"}, BASE["parties"][1]]},
        None,
        [("AV102", ("parties", 0, "name"), "a right-to-left override (U+202E) cannot stand in an agreement: it changes "
                                           "the order in which the text is shown, so the printed agreement can read "
                                           "differently from the file; delete it", "error")],
    ),
    (
        {},
        "2030-2034.yaml",
        [("AV201", ("id",), "`id` is «2030-2033» but the file is named «2030-2034.yaml»; they must match", "error")],
    ),
    (
        {"period": {"start": "2034-01-01", "end": "2033-12-31"}, "sections": [{"title": "A", "blocks": ["x"]}], "signing": None},
        None,
        [("AV202", ("period", "end"), "period ends (2033-12-31) before it starts (2034-01-01)", "error")],
    ),
    (
        {"parties": [{"id": "kd", "name": "A"}, {"id": "kd", "name": "B"}], "signing": None},
        None,
        [("AV203", ("parties", 1, "id"), "party id «kd» is used twice", "error")],
    ),
    (
        {"signing": {**BASE["signing"], "signatories": [{"party": "ud", "name": "N N", "title": "T"}]}},
        None,
        [("AV204", ("signing", "signatories", 0, "party"), "signatory N N signs for «ud», which is not a party (parties: kd, ks)", "error")],
    ),
    (
        {"signing": {**BASE["signing"], "signatories": [BASE["signing"]["signatories"][0]] * 2}},
        None,
        [("AV205", ("signing", "signatories", 1, "party"), "party «kd» signs more than once", "error")],
    ),
    (
        {"sections": [{"title": "A", "blocks": ["x"]}, {"title": "a", "blocks": ["y"]}]},
        None,
        [("AV207", ("sections", 1, "title"), "section title «a» repeats section 1", "error")],
    ),
    (
        {"sections": [{"title": "A"}, {"title": "B", "subsections": [{"title": "B1"}]}]},
        None,
        [
            ("AV208", ("sections", 0, "title"), "section «A» has no text", "error"),
            ("AV208", ("sections", 1, "subsections", 0, "title"), "subsection «B1» has no text", "error"),
        ],
    ),
    (
        {"sections": [{"title": "A", "blocks": [{"bullets": ["x"]}, {"bullets": ["y"]}]}]},
        None,
        [("AV209", ("sections", 0, "blocks", 1), "two bullet lists stand back to back; merge them into one", "warning")],
    ),
    (
        {"sections": [{"title": "A", "blocks": ["Samarbeid fram til 31. desember 2017."]}]},
        None,
        [("AV301", ("sections", 0, "blocks", 0), "the text says «til 31. desember 2017» but `period.end` is 2033-12-31; make them agree", "error")],
    ),
    (
        {"sections": [{"title": "A", "blocks": ["[bookmark: _GoBack]Torbjørn"]}]},
        None,
        [("AV302", ("sections", 0, "blocks", 0), "a Word bookmark marker «[bookmark: _GoBack]» left from an export: delete it", "error")],
    ),
    (
        {"sections": [{"title": "A", "blocks": ["Logo image1.jpeg"]}, {"title": "B", "blocks": ["To  mellomrom"]}, {"title": "C\tD", "blocks": ["x"]}]},
        None,
        [
            ("AV302", ("sections", 0, "blocks", 0), "an image file name «image1.jpeg» left from an export: delete it", "error"),
            ("AV302", ("sections", 1, "blocks", 0), "two spaces in a row: delete one", "error"),
            ("AV302", ("sections", 2, "title"), "a tab inside the text: replace it with a space", "error"),
        ],
    ),
    (
        {"sections": [{"title": "A", "blocks": ['Programmet "Den gode skoleeier".']}]},
        None,
        [("AV303", ("sections", 0, "blocks", 0), "use «…» for quotations in Norwegian, not '\"Den gode skoleeier\"'", "warning")],
    ),
    (
        {"sections": [{"title": "A", "blocks": ["Møte 07.11.2014 i Oslo."]}]},
        None,
        [("AV304", ("sections", 0, "blocks", 0), "write the date '07.11.2014' in words, as «7. november 2014»", "warning")],
    ),
    (
        {"signing": {**BASE["signing"], "date": "2034-02-01"}},
        None,
        [("AV305", ("signing", "date"), "signed 1. februar 2034, after the period ends (31. desember 2033)", "error")],
    ),
]


CASES += [
    (
        sealed(title="Avtale om noe annet"),
        None,
        [("AV401", ("seal", "sha256"), "this agreement was signed off on 7. november 2029 and its text has changed since; signed text is frozen: undo the change, or start a new version with `avtale new NEW-ID --from 2030-2033.yaml`", "error")],
    ),
    (
        {"status": "signed"},
        None,
        [("AV402", ("status",), "status is «signed» but the content is not sealed; run `avtale sign-off 2030-2033.yaml`", "warning")],
    ),
    (
        {**sealed(), "status": "draft"},
        None,
        [("AV403", ("seal",), "a draft cannot carry a seal; remove `seal` (it is set by `avtale sign-off`)", "error")],
    ),
    (
        {"supersedes": "2026-2029"},
        None,
        [("AV404", ("supersedes",), "`supersedes` names «2026-2029», but there is no 2026-2029.yaml beside this file", "error")],
    ),
    (
        {"parties": [{"id": "kd", "name": "KD", "logo": {"file": "../kd.png", "alt": "Logo"}}, BASE["parties"][1]]},
        None,
        [("AV405", ("parties", 0, "logo", "file"), "logo of party «kd» (../kd.png) lies outside the agreement's directory; put the image in it or below it", "error")],
    ),
]


@pytest.mark.parametrize("changes, name, expected", CASES, ids=[c[2][0][0] for c in CASES])
def test_rule_fires_with_code_location_and_message(changes, name, expected):
    assert findings(agreement(**changes), name or "2030-2033.yaml") == expected


def test_sealed_unchanged_agreement_passes():
    assert findings(agreement(**sealed())) == []


def test_supersedes_resolves_beside_the_file(tmp_path):
    (tmp_path / "2026-2029.yaml").write_text("id: 2026-2029\n")
    model = agreement(supersedes="2026-2029")
    assert checks.run(model, checks.Context(tmp_path / "2030-2033.yaml")) == []


def test_every_rule_has_a_failing_case():
    # AV406 reads the file's first line and the schema it names: tests/checks/test_schema_current.py;
    # AV101 reads the file's text: tests/checks/test_text_as_typed.py; AV310–AV315, the format's richer parts:
    # tests/checks/test_format_rules.py
    format_rules = {"AV310", "AV311", "AV312", "AV313", "AV314", "AV315"}
    assert {r.code for r in checks.RULES} == {c[2][0][0] for c in CASES} | {"AV406", "AV101"} | format_rules
