"""The fast DOCX writer (`render/docx_fast`) against the python-docx writer (`render/docx`): the same bytes.

Differential, byte for byte: every agreement under agreements/ and every valid agreement fixture under tests/
and scripts/ (as `avtale build` renders them), the same under layouts changed in every value the DOCX reads,
200 of bench/generate.py's agreements, Hypothesis's agreements (tests/strategies.py), and logos of other
shapes (dpi, too wide, used twice, JPEG). A mismatch names the first part that differs and where. And the fast
writer imports neither python-docx, lxml, xml.etree nor zipfile.
"""

from __future__ import annotations

import copy
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import strategies
from avtale import agreements, layout
from avtale.model import Agreement
from avtale.render import RenderContext, docx, docx_fast

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted({*ROOT.glob("agreements/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *ROOT.glob("scripts/**/*.yaml")})


def first_difference(expected: bytes, got: bytes) -> str:
    """The first part (unzipped) where the two packages differ, and where in it; '' when the bytes are equal."""
    if expected == got:
        return ""
    a, b = zipfile.ZipFile(io.BytesIO(expected)), zipfile.ZipFile(io.BytesIO(got))
    if a.namelist() != b.namelist():
        return f"parts differ: python-docx {a.namelist()}, fast {b.namelist()}"
    for name in a.namelist():
        x, y = a.read(name), b.read(name)
        if x != y:
            at = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
            return (f"{name} differs at byte {at}:\n  python-docx: {x[max(0, at - 120):at + 120]!r}\n"
                    f"  fast:        {y[max(0, at - 120):at + 120]!r}")
    return "the parts are equal, the zip around them is not"


def assert_same(agreement: Agreement, context: RenderContext) -> None:
    expected = docx.render(agreement, context)
    got = docx_fast.render(agreement, context)
    assert got == expected, first_difference(expected, got)


def _valid(path: Path):
    result = agreements.validate_file(path)
    return result.agreement if result.ok() else None


VALID = [(path, agreement) for path in FILES if (agreement := _valid(path)) is not None]


def test_the_corpus_holds_every_feature():
    """The fixtures below are the ones the brief names: drafts, electronic signing, many parties, logos,
    footnotes, annexes, tables, nested lists, nynorsk."""
    names = {p.relative_to(ROOT).as_posix() for p, _a in VALID}
    assert {"agreements/2014-2017.yaml", "agreements/2022-2025.yaml", "agreements/eksempel-2026-2029.yaml",
            "tests/layout/fixtures/utkast.yaml", "tests/layout/fixtures/elektronisk.yaml",
            "tests/layout/fixtures/fem-parter.yaml", "tests/layout/fixtures/tolv-parter.yaml",
            "tests/layout/fixtures/lange-navn.yaml", "tests/layout/fixtures/nynorsk.yaml",
            "tests/layout/fixtures/vedlegg.yaml"} <= names
    everything = [a for _p, a in VALID]
    assert any(a.status == "draft" for a in everything) and any(a.language == "nn" for a in everything)
    assert any(a.footnotes for a in everything) and any(a.annexes for a in everything)
    assert any(any(p.logo for p in a.parties) for a in everything)
    assert len(VALID) >= 30


@pytest.mark.parametrize("path, agreement", VALID, ids=[p.relative_to(ROOT).as_posix() for p, _a in VALID])
def test_every_fixture_is_the_same_bytes(path, agreement):
    assert_same(agreement, RenderContext(base_dir=path.parent.resolve(), layout=layout.load()))


def _changed(**changes) -> dict:
    """The layout with `changes` ("section.key": value) made in a copy."""
    out = copy.deepcopy(layout.load())
    for dotted, value in changes.items():
        section, key = dotted.split(".")
        out[section][key] = value
    return out


def _hyphenate() -> dict:
    out = copy.deepcopy(layout.load())
    out["hyphenate"] = True
    return out


LAYOUTS = {
    "watermark": _changed(**{"draft.style": "watermark", "draft.watermark_size_pt": 96,
                             "draft.watermark_colour": "#CCCCCC"}),
    "header-mark": _changed(**{"draft.header_size_pt": 14, "draft.header_colour": "#123abc", "draft.mark_nb": "KLADD"}),
    "hyphenate": _hyphenate(),
    "no-page-numbers": _changed(**{"footer.page_numbers": False}),
    "footer-text": _changed(**{"footer.text_nb": "{page}\t/ {pages} & <side>", "footer.text_nn": "Side {page}"}),
    "url-notes": _changed(**{"links.print_urls": "footnote"}),
    "letter-page": _changed(**{"page.width_mm": 215.9, "page.height_mm": 279.4, "page.margin_left_mm": 30.5,
                               "page.margin_right_mm": 19, "page.margin_top_mm": 20, "page.margin_bottom_mm": 31}),
    "font": _changed(**{"font.docx": "Calibri"}),
    "sizes": _changed(**{"size_pt.body": 10.5, "size_pt.title": 18, "size_pt.heading": 12.5,
                         "size_pt.subheading": 10.75, "size_pt.letterhead": 9, "size_pt.footer": 8}),
    "spacing": _changed(**{"spacing.line": 1.3, "spacing.paragraph_after_pt": 7.5, "spacing.heading_before_pt": 16,
                           "spacing.heading_after_pt": 4, "spacing.title_after_pt": 9,
                           "spacing.subheading_before_pt": 8.25, "spacing.list_item_after_pt": 2}),
    "letterhead": _changed(**{"letterhead.logo_height_mm": 14, "letterhead.after_mm": 17, "letterhead.gap_mm": 4}),
    "headings-lists": _changed(**{"heading.number_indent_mm": 12.5, "lists.bullet": "\u2013",
                                  "lists.levels": [{"marker_mm": 2, "text_mm": 9},
                                                   {"marker_mm": 9, "text_mm": 15.5}]}),
    "signature": _changed(**{"signature.per_row": 2, "signature.place_date_before_mm": 9,
                             "signature.space_above_line_mm": 22, "signature.line_width_mm": 55,
                             "signature.column_gap_mm": 7, "signature.line_weight_pt": 1,
                             "signature.party_label": "På vegne av {party}", "signature.short_row": "center"}),
    "tables-notes": _changed(**{"table.size_pt": 9, "table.cell_padding_mm": 2.2, "table.rule_pt": 1.25,
                                "table.caption_nb": "Tab. {n} – {caption} (mill. «kr»)",
                                "footnotes.size_pt": 8}),
}
SHOWCASES = ["agreements/eksempel-2026-2029.yaml", "agreements/2014-2017.yaml", "tests/layout/fixtures/utkast.yaml",
             "tests/layout/fixtures/vedlegg.yaml", "tests/layout/fixtures/fem-parter.yaml",
             "tests/layout/fixtures/nynorsk.yaml", "tests/layout/fixtures/elektronisk.yaml"]


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_changed_layout_changes_both_writers_alike(name):
    """Every value the DOCX reads from the layout, changed: the fast writer reads it at run time as the
    python-docx writer does (nothing frozen from today's layout)."""
    differs = 0
    for showcase in SHOWCASES:
        path = ROOT / showcase
        agreement = agreements.validate_file(path).agreement
        context = RenderContext(base_dir=path.parent.resolve(), layout=LAYOUTS[name])
        assert_same(agreement, context)
        differs += docx_fast.render(agreement, context) != docx_fast.render(
            agreement, RenderContext(base_dir=path.parent.resolve(), layout=layout.load()))
    assert differs  # the change shows in the DOCX


def test_generated_agreements_are_the_same_bytes():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    context = RenderContext(base_dir=ROOT, layout=layout.load())
    for seed in range(200):
        agreement = generate.generate(seed)
        expected, got = docx.render(agreement, context), docx_fast.render(agreement, context)
        assert got == expected, f"seed {seed}: " + first_difference(expected, got)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreement=strategies.agreements())
def test_hypothesis_agreements_are_the_same_bytes(agreement):
    assert_same(agreement, RenderContext(base_dir=ROOT, layout=layout.load()))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreement=strategies.agreements())
def test_hypothesis_agreements_under_a_changed_layout(agreement):
    assert_same(agreement, RenderContext(base_dir=ROOT, layout=LAYOUTS["url-notes"]))


LOGOS = {
    "dpi": (("a.png", (400, 100), {"dpi": (300, 301)}), ("b.png", (90, 90), {"dpi": (96, 96)}), None),
    "wide": (("a.png", (4000, 100), {}), None, ("a.png", (4000, 100), {})),
    "twice": (("a.png", (200, 100), {}), ("a.png", (200, 100), {}), None),
    "jpeg": (("a.jpg", (300, 120), {"dpi": (150, 150)}), ("b.png", (50, 50), {}), ("c.jpg", (80, 200), {})),
    "jpeg-no-density": (None, ("a.jpeg", (300, 120), {}), None),
    "exif": (("a.jpg", (300, 120), {"exif": {282: 300, 283: 150, 296: 2, 305: "avtale"}}),
             ("b.jpg", (120, 300), {"exif": {282: 118, 283: 118, 296: 3}}), ("c.jpg", (50, 40), {"exif": {}})),
    "misnamed": (("a.jpg", (300, 120), {"format": "PNG"}), None, None),
    # eight parties in rows of three: logos in the later rows among names set once and copied
    "rows": (None, ("a.png", (500, 100), {}), None, None, ("b.jpg", (100, 100), {"dpi": (200, 200)}), None,
             None, ("a.png", (500, 100), {})),
}


@pytest.mark.parametrize("kind", LOGOS)
def test_logos_of_every_shape_are_the_same_bytes(tmp_path, kind):
    """PNGs with their own dpi, one wider than its column, one file for two parties, JFIF JPEGs with and
    without a density, Exif JPEGs (resolution in inches, in cm, none); a PNG named .jpg the fast writer
    leaves to python-docx's."""
    from PIL import Image

    from avtale.render.docx_fast.images import Unsupported
    from avtale.render.docx_fast.writer import Writer

    fixture = "atte-parter" if kind == "rows" else "tre-parter"
    data = agreements.validate_file(ROOT / f"tests/layout/fixtures/{fixture}.yaml").agreement.model_dump()
    assert len(data["parties"]) == len(LOGOS[kind])
    for party, logo in zip(data["parties"], LOGOS[kind]):
        party["logo"] = None
        if logo:
            name, size, options = logo
            options = dict(options)
            fmt = options.pop("format", "PNG" if name.endswith(".png") else "JPEG")
            if "exif" in options:
                exif = Image.Exif()
                exif.update(options["exif"])
                options["exif"] = exif.tobytes()
            Image.new("RGB", size, (200, 30, 30)).save(tmp_path / name, format=fmt, **options)
            if kind == "exif":  # Exif first, as a camera writes it: no JFIF segment
                raw = (tmp_path / name).read_bytes()
                assert raw[6:10] == b"JFIF"
                (tmp_path / name).write_bytes(raw[:2] + raw[4 + int.from_bytes(raw[4:6], "big"):])
                assert (tmp_path / name).read_bytes()[6:10] == b"Exif"
            party["logo"] = {"file": name, "alt": f'Logo & "{party["id"]}"\n\t<{kind}> '}
    agreement = Agreement.model_validate(data)
    context = RenderContext(base_dir=tmp_path, layout=layout.load())
    assert_same(agreement, context)
    if kind == "misnamed":  # a PNG named .jpg: python-docx names its part .jpg with PNG's content type
        with pytest.raises(Unsupported):
            Writer(agreement, tmp_path, layout.load()).write()
        return
    names = zipfile.ZipFile(io.BytesIO(Writer(agreement, tmp_path, layout.load()).write())).namelist()
    assert len([n for n in names if n.startswith("word/media/")]) == len({logo[0] for logo in LOGOS[kind] if logo})


@pytest.mark.parametrize("numbering", ["1.", "none"])
def test_annex_subsections_two_deep_are_the_same_bytes(numbering):
    """An annex's subsections with subsections of their own (1.1 in the annex), headings numbered or not."""
    path = ROOT / "agreements/eksempel-2026-2029.yaml"
    data = agreements.validate_file(path).agreement.model_dump()
    data["numbering"] = numbering
    data["annexes"][0]["subsections"] = [
        {"title": "Første del", "blocks": ["Tekst."],
         "subsections": [{"title": "Underdel", "blocks": ["Mer tekst.", {"bullets": ["a", "b"]}]},
                         {"title": "Andre underdel", "blocks": ["Siste."]}]},
        {"title": "Andre del", "blocks": ["Slutt."]},
    ]
    assert_same(Agreement.model_validate(data), RenderContext(base_dir=path.parent.resolve(), layout=layout.load()))


@pytest.mark.parametrize("target", ["https://a\x01b", "https://a\ufffeb", "#an\x02chor", "https://a\x0bb"])
def test_what_lxml_refuses_the_fast_writer_refuses(target):
    """A link's target is not cleaned as text is: where lxml refuses it, both writers raise its ValueError."""
    path = ROOT / "agreements/2014-2017.yaml"
    data = agreements.validate_file(path).agreement.model_dump()
    data["preamble"] = [f"Se [lenke]({target}) her."]
    agreement = Agreement.model_validate(data)
    context = RenderContext(base_dir=path.parent.resolve(), layout=layout.load())
    try:
        expected = docx.render(agreement, context)
    except ValueError as exc:
        with pytest.raises(ValueError, match=re.escape(str(exc))):
            docx_fast.render(agreement, context)
        return
    assert target.endswith("\x0bb")  # no link is made of it: written as text, cleaned
    assert docx_fast.render(agreement, context) == expected


IMPORTS = """
import sys
from pathlib import Path
from avtale import agreements, layout
from avtale.render import RenderContext, render

path = Path(sys.argv[1])
agreement = agreements.validate_file(path).agreement
context = RenderContext(base_dir=path.parent.resolve(), layout=layout.load())
BANNED = ("docx", "lxml", "xml.etree", "zipfile")

def banned(name):
    return any(name == b or name.startswith(b + ".") for b in BANNED)

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if banned(name):
            raise ImportError("the DOCX writer imported " + name)

# what loading the agreement brought in is not the writer's: forget it, and refuse it from here on
for name in [n for n in sys.modules if banned(n)]:
    del sys.modules[name]
sys.meta_path.insert(0, Refuse())
data = FAST(agreement, context)
assert data[:2] == b"PK", data[:20]
print(sorted(n for n in sys.modules if banned(n)))
"""


@pytest.mark.parametrize("fixture", ["agreements/eksempel-2026-2029.yaml", "tests/layout/fixtures/vedlegg.yaml",
                                     "tests/layout/fixtures/utkast.yaml"])
def test_the_fast_writer_imports_no_xml_library_nor_zipfile(fixture):
    code = IMPORTS.replace("FAST", "__import__('avtale.render.docx_fast', fromlist=['render']).render")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / fixture)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


HAZARDS = ["\t", "\n", "\r", "\r\n", " ", "  ", "&", "<", ">", '"', "'", "&quot;", "]]>", "\x00", "\x0b", "\x1f",
           "\ufffe", "\u00a0", "\u200b", "\u2028", "«»", "æøå", "-", "Anne-Kari", "{page}", "%1", "\\", "\U0001f600"]
_KEEP = {"id", "party", "file", "style", "numbering", "language", "status", "start", "end", "date", "logo", "width",
         "align", "columns"}


def _salted(value, salt: list[str], at: list[int]):
    """`value` with a hazard appended to every text (ids, references and dates left alone)."""
    if isinstance(value, str):
        at[0] += 1
        return value + salt[at[0] % len(salt)]
    if isinstance(value, list):
        return [_salted(v, salt, at) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in _KEEP else _salted(v, salt, at)) for k, v in value.items()}
    return value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=strategies.agreement_data(),
       salt=strategies.st.lists(strategies.st.sampled_from(HAZARDS) | strategies.st.text(max_size=4), min_size=1,
                                max_size=6))
def test_texts_with_breaks_escapes_and_forbidden_characters_are_the_same_bytes(data, salt):
    """Tabs, line breaks, characters XML escapes or forbids, spaces at the ends, in every text of the agreement."""
    try:
        agreement = Agreement.model_validate(_salted(data, salt, [0]))
    except ValueError:
        return  # the model refuses it: no writer sees it
    context = RenderContext(base_dir=ROOT, layout=layout.load())
    try:
        expected = docx.render(agreement, context)
    except Exception as exc:  # the python-docx writer refuses it: so must the fast one
        with pytest.raises(type(exc)):
            docx_fast.render(agreement, context)
        return
    got = docx_fast.render(agreement, context)
    assert got == expected, first_difference(expected, got)


def test_render_docx_is_the_fast_writer_and_imports_no_xml_library():
    """`render.render(…, "docx")` (what `avtale build --format docx` calls) goes through the fast writer."""
    code = IMPORTS.replace("FAST(agreement, context)", "render(agreement, 'docx', context)")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "tests/layout/fixtures/lange-navn.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    from avtale.render import renderer

    assert renderer("docx") is docx_fast.render
