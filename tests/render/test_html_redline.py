"""The HTML redline (`avtale diff --format html`): exactly the marks expected for made pairs of each element,
a change list whose links all resolve, nothing loaded from elsewhere, the real pairs, and the CLI."""

from __future__ import annotations

import re

import lxml.html
import pytest
import strategies
from conftest import AGREEMENTS, run_cli
from hypothesis import HealthCheck, given, settings
from render_samples import agreement

from avtale import agreements, layout
from avtale.diff.compare import compare
from avtale.diff.tree import CHANGED, SAME, AgreementDiff, Block, Item, SectionDiff, Text
from avtale.render import html_redline

SECTIONS = [
    {"title": "Formål", "blocks": ["Første avsnitt handler om formålet.", {"bullets": ["en", "to"]}]},
    {"title": "Plikter", "blocks": [{"numbered": ["alfa", "beta", "gamma"], "style": "a)"}],
     "subsections": [{"title": "Detaljer", "blocks": ["Om detaljer."],
                      "subsections": [{"title": "Mer", "blocks": ["Dypt nede."]}]}]},
]
TABLE = {"table": {"caption": "Midler", "header": ["Område", "2026"], "rows": [["Skole", "10"], ["Barnehage", "20"]]}}


def page(old, new) -> str:
    diff = compare(old, new)
    return html_redline.render(diff, old, new, layout.load())


def dom(html: str):
    return lxml.html.document_fromstring(html)


def article(html: str):
    return dom(html).find(".//article")


def marks(root, tag: str, moved: bool = False) -> list[str]:
    """The text of every `tag` element under root (moved ones only, or only not moved)."""
    return [e.text_content() for e in root.iter(tag) if ("moved" in (e.get("class") or "").split()) == moved]


def with_sections(sections=None, **kw):
    return agreement(sections=sections or SECTIONS, **kw)


def edit(change) -> list:
    import copy

    sections = copy.deepcopy(SECTIONS)
    change(sections)
    return sections


# --- made pairs of each element -------------------------------------------------------------------------------


def test_a_word_inserted_and_one_deleted_in_a_paragraph():
    new = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Andre nye avsnitt handler om formålet.")))
    a = article(page(with_sections(), new))
    assert marks(a, "ins") == ["Andre nye"] and marks(a, "del") == ["Første"]
    p = a.xpath("//p[ins]")[0]
    assert p.text_content() == "FørsteAndre nye avsnitt handler om formålet." and p.get("id", "").startswith("c-")


def test_whole_paragraph_added_and_removed_are_marked_as_such():
    new = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Helt annen tekst om noe annet her.")))
    a = article(page(with_sections(), new))
    assert [p.get("class") for p in a.xpath("//p[@class='added' or @class='removed']")] == ["removed", "added"]
    assert marks(a, "del") == ["Første avsnitt handler om formålet."] and marks(a, "ins") == ["Helt annen tekst om noe annet her."]


MOVE_LIST = ["Partene samarbeider om tiltak i hele perioden.", "Partene følger opp barnehagene og skolene.",
             "Partene evaluerer avtalen hvert år sammen.", "Dette punktet blir fjernet fra listen."]


def test_a_removed_item_after_a_moved_one_keeps_its_old_number():
    old = with_sections([{"title": "A", "blocks": [{"numbered": MOVE_LIST}]}])
    new = with_sections([{"title": "A", "blocks": [{"numbered": [MOVE_LIST[2], *MOVE_LIST[:2]]}]}])
    ol = article(page(old, new)).xpath("//ol")[-1]  # the agreement's list (the change list stands first)
    markers = [(li.get("class"), li.get("data-marker")) for li in ol.findall("li")]
    assert markers == [("moved", None), (None, None), (None, None), ("moved-away", "3."), ("removed", "4.")]  # the item moved up counts in OLD at its old place, not again at its new one


def test_list_items_added_and_removed_keep_their_real_markers():
    new = with_sections(edit(lambda s: s[1]["blocks"].__setitem__(0, {"numbered": ["alfa", "gamma", "delta"],
                                                                          "style": "a)"})))
    a = article(page(with_sections(), new))
    ol = a.xpath("//ol[contains(@class, 'list-alpha')]")[0]
    items = [(li.get("class"), li.get("data-marker"), li.text_content()) for li in ol.findall("li")]
    assert items == [(None, None, "alfa"), ("removed", "b)", "beta"), (None, None, "gamma"), ("added", None, "delta")]
    assert marks(a, "ins") == ["delta"] and marks(a, "del") == ["beta"]


def test_nested_list_item_changed():
    old = with_sections([{"title": "A", "blocks": [{"numbered": [{"text": "topp", "numbered": ["under en", "under to"]}]}]}])
    new = with_sections([{"title": "A", "blocks": [{"numbered": [{"text": "topp", "numbered": ["under en", "under tre"]}]}]}])
    a = article(page(old, new))
    assert marks(a, "ins") == ["tre"] and marks(a, "del") == ["to"]
    assert a.xpath("//li/ol/li[del]")[0].text_content() == "under totre"


def test_table_row_added_cell_changed_caption_and_header():
    old = with_sections([{"title": "A", "blocks": [TABLE]}])
    t = {"table": {"caption": "Midler i alt", "header": ["Felt", "2026"],
                   "rows": [["Skole", "15"], ["Barnehage", "20"], ["SFO", "5"]]}}
    a = article(page(old, with_sections([{"title": "A", "blocks": [t]}])))
    assert marks(a, "ins") == [" i alt", "Felt", "15", "SFO", "5"]
    assert marks(a, "del") == ["Område", "10"]
    assert [tr.get("class") for tr in a.xpath("//tbody/tr")] == [None, None, "added"]
    assert a.xpath("//caption")[0].text_content() == "Tabell 1: Midler i alt"


def test_table_row_removed():
    old = with_sections([{"title": "A", "blocks": [TABLE]}])
    t = {"table": {"caption": "Midler", "header": ["Område", "2026"], "rows": [["Barnehage", "20"]]}}
    a = article(page(old, with_sections([{"title": "A", "blocks": [t]}])))
    assert [tr.get("class") for tr in a.xpath("//tbody/tr")] == ["removed", None]
    assert marks(a, "del") == ["Skole", "10"] and marks(a, "ins") == []


def test_sections_added_removed_and_subsection_numbers():
    new_sections = edit(lambda s: (s.pop(0), s.append({"title": "Ny del", "blocks": ["Nytt innhold."]})))
    a = article(page(with_sections(), with_sections(new_sections)))
    secs = [(s.get("class"), s.find("h2").text_content()) for s in a.xpath("section[h2]")]
    assert secs == [("removed", "1. Formål"), (None, "1. Plikter"), ("added", "2. Ny del")]
    assert [h.text_content() for h in a.iter("h3", "h4")] == ["1.1 Detaljer", "1.1.1 Mer"]


def test_moved_section_marked_at_both_places_and_linked():
    moved = edit(lambda s: s.reverse())
    html = page(with_sections(), with_sections(moved))
    a = article(html)
    to, frm = a.xpath("//ins[@class='moved']"), a.xpath("//del[@class='moved']")
    assert [e.text_content() for e in to] == ["1. Plikter"] and [e.text_content() for e in frm] == ["2. Plikter"]
    assert to[0].get("id") == "move-s1-to" and frm[0].get("id") == "move-s1-from"
    assert a.xpath("//a[@href='#move-s1-from']") and a.xpath("//a[@href='#move-s1-to']")
    assert marks(a, "ins") == [] and marks(a, "del") == []


def test_bold_added_is_a_format_change_not_a_deletion():
    new = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Første **avsnitt** handler om formålet.")))
    a = article(page(with_sections(), new))
    assert marks(a, "ins") == [] and marks(a, "del") == []
    span = a.xpath("//span[@class='format']")[0]
    assert span.get("title") == "fet skrift lagt til" and span.find("strong").text == "avsnitt"


def test_format_change_in_nynorsk():
    new = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Første **avsnitt** handler om formålet.")),
                        language="nn")
    span = article(page(with_sections(language="nn"), new)).xpath("//span[@class='format']")[0]
    assert span.get("title") == "feit skrift lagd til"


def test_link_changed_is_a_format_change():
    old = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Se [Lovdata](https://lovdata.no).")))
    new = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Se [Lovdata](https://lovdata.no/ny).")))
    span = article(page(old, new)).xpath("//span[@class='format']")[0]
    assert span.find("a").get("href") == "https://lovdata.no/ny" and "lenke endret" in span.get("title")


def test_footnote_changed_and_added():
    old = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Teksten om saken står her[^a].")), footnotes={"a": "Gammel note."})
    new = with_sections(edit(lambda s: s[0]["blocks"].__setitem__(0, "Teksten om saken står her[^a] og mer[^b].")),
                        footnotes={"a": "Ny note.", "b": "Helt ny."})
    a = article(page(old, new))
    notes = a.xpath("//section[@class='notes']//li")
    assert [(li.get("id"), li.get("class"), li.text_content()) for li in notes] == [
        ("fn-a", "changed", "GammelNy note."), ("fn-b", "added", "Helt ny.")]
    assert [s.text_content() for s in a.xpath("//sup")] == ["1", "2"]


def test_annex_added_and_annex_title_changed():
    old = with_sections(annexes=[{"id": "x", "title": "Mandat", "blocks": ["Tekst."]}])
    new = with_sections(annexes=[{"id": "x", "title": "Mandat for gruppen", "blocks": ["Tekst."]},
                                 {"id": "y", "title": "Plan", "blocks": ["Planen."]}])
    a = article(page(old, new))
    annexes = a.xpath("//section[contains(@class, 'annex')]")
    assert [(s.get("class"), s.get("id"), s.find("h2").text_content()) for s in annexes] == [
        ("annex", "x", "Vedlegg 1: Mandat for gruppen"), ("annex added", "y", "Vedlegg 2: Plan")]
    assert marks(a, "ins") == [" for gruppen", "Plan", "Planen."]


def test_metadata_and_signing_changes_in_before_after_tables():
    new = with_sections(status="signed", signing={"place": "Bergen", "date": "2020-03-02", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Statsråd"},
        {"party": "ks", "name": "Ola Nordmann", "title": "Leder"},
        {"party": "ks", "name": "Per Hansen", "title": "Direktør"}]})
    d = dom(page(with_sections(), new))
    rows = [[c.text_content() for c in tr] for tr in d.xpath("//table[@id='meta']/tbody/tr")]
    assert rows == [["status", "utkast", "signert"]]
    rows = [[c.text_content() for c in tr] for tr in d.xpath("//table[@id='signing-changes']/tbody/tr")]
    assert rows == [["sted og dato", "Oslo, 2. mars 2020", "Bergen, 2. mars 2020"],
                    ["Per Hansen (KS)", "(ingen)", "Direktør"]]
    assert [th.text for th in d.xpath("//table[@id='meta']/thead//th")] == ["Hva", "Før", "Etter"]
    assert marks(d.xpath("//section[contains(@class, 'signing')]")[0], "ins") == ["Per Hansen"]


def test_signatory_removed_and_changed_in_the_signing_block():
    new = with_sections(signing={"place": "Oslo", "date": "2020-03-02", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Minister"}]})
    d = dom(page(with_sections(), new))
    block = d.xpath("//section[contains(@class, 'signing')]")[0]
    assert marks(block, "del") == ["Ola Nordmann (KS)"] and marks(block, "ins") == []
    assert block.xpath(".//p[@class='name']/a/@href") == ["#signing-changes"]
    rows = [[c.text_content() for c in tr] for tr in d.xpath("//table[@id='signing-changes']/tbody/tr")]
    assert rows == [["Kari Nordmann (Kunnskapsdepartementet)", "Statsråd", "Minister"], ["Ola Nordmann (KS)", "Leder", "(ingen)"]]


def test_title_preamble_and_head():
    old = with_sections(preamble=["Innledning om avtalen og partene."])
    new = with_sections(title="Avtale om ny prøve", preamble=["Innledning om den nye avtalen og partene."])
    html = page(old, new)
    d = dom(html)
    assert d.get("lang") == "nb" and d.find(".//title").text == "Endringer: Avtale om ny prøve"
    assert marks(d.find(".//article"), "ins") == ["ny ", " den nye"]
    assert d.xpath("//section[@class='redline']/h2")[0].text == "Endringer fra liten til liten"


def test_nynorsk_when_both_are_nynorsk():
    old, new = with_sections(language="nn"), with_sections(language="nn", title="Avtale om ny prøve")
    d = dom(page(old, new))
    assert d.get("lang") == "nn" and d.find(".//title").text == "Endringar: Avtale om ny prøve"
    assert d.xpath("//h2[@id='changes']")[0].text == "Endringar"


def test_no_changes():
    d = dom(page(with_sections(), with_sections()))
    assert d.xpath("//section[@class='redline']/p")[0].text == "Ingen endringer i avtalen."
    assert not d.xpath("//ins | //del") and not d.xpath("//ol[@class='changes']")


# --- moves of paragraphs and list items (the tree protocol of issue 17) ---------------------------------------


def moved_tree(new) -> AgreementDiff:
    """A hand-made diff: a paragraph moved from section 1 to section 2 with one word changed, an item moved
    within its list."""
    para_to = Block("paragraph", "moved", Text([("=", "Første "), ("+", "nye "), ("=", "avsnitt handler om formålet.")]))
    para_from = Block("paragraph", "moved-away", Text.removed("Første avsnitt handler om formålet."))
    para_to.move = para_from.move = 1
    item_to, item_from = Item(Text.same("en"), "moved"), Item(Text.removed("en"), "moved-away")
    item_to.move = item_from.move = 2
    bullets = Block("bullets", CHANGED, items=[Item(Text.same("to"), SAME), item_to])
    bullets.items.insert(0, item_from)
    s1 = SectionDiff(Text.same("Formål"), CHANGED, [para_from, bullets], [], 1, 1)
    s2 = SectionDiff(Text.same("Plikter"), CHANGED, [para_to], [], 2, 2)
    return AgreementDiff("liten", "liten", Text.same(new.title), [], [Block("paragraph", SAME, Text.same("Innledning."))],
                         [s1, s2], [])


def test_moved_paragraph_and_item_are_moves_linked_both_ways():
    new = with_sections()
    html = html_redline.render(moved_tree(new), new, new, layout.load())
    a = article(html)
    assert marks(a, "ins", moved=True) == ["en", "Første nye avsnitt handler om formålet."]
    assert marks(a, "del", moved=True) == ["Første avsnitt handler om formålet.", "en"]
    assert marks(a, "ins") == [" nye"] and marks(a, "del") == []
    for n in (1, 2):
        assert a.xpath(f"//*[@id='move-{n}-to']") and a.xpath(f"//*[@id='move-{n}-from']")
        assert a.xpath(f"//a[@href='#move-{n}-to']") and a.xpath(f"//a[@href='#move-{n}-from']")
    assert [x.text_content() for x in a.xpath("//a[@class='move-link']")] == [
        "↓ flyttet til 2. Plikter", "↓ flyttet til 1. Formål", "↑ flyttet hit fra 1. Formål",
        "↑ flyttet hit fra 1. Formål"]
    lis = a.xpath("//ul/li")
    assert [li.get("class") for li in lis] == ["moved-away", None, "moved"]
    entries = [li.text_content() for li in dom(html).xpath("//ol[@class='changes']/li")]
    assert entries == ["1. Formål: avsnitt flyttet herfra: Første avsnitt handler om formålet.",
                       "1. Formål: punkt flyttet herfra: en", "1. Formål: flyttet punkt: en",
                       "2. Plikter: flyttet avsnitt: Første nye avsnitt handler om formålet."]


# --- the whole page ---------------------------------------------------------------------------------------------


def edited_example(tmp_path):
    text = (AGREEMENTS / "eksempel-2026-2029.yaml").read_text(encoding="utf-8")
    for a, b in [("uansett hvilken kommune", "uansett hvilken kommune eller fylke"),
                 ("*jevnlig* vurdere", "**jevnlig** vurdere"),
                 ("[Tidlig innsats, '120', '125']", "[Tidlig innsats, '130', '125']\n            - [SFO, '10', '10']"),
                 ("              - veiledning av nyutdannede.\n", ""),
                 ("Meld. St. 6 (2019–2020)", "Meld. St. 6 (2019–2020), kapittel 3,"),
                 ("title: Fremdriftsplan", "title: Fremdriftsplan for avtalen"),
                 ("title: Styreleder i KS", "title: Leder av KS"),
                 ("status: draft", "status: signed")]:
        assert a in text
        text = text.replace(a, b, 1)
    path = tmp_path / "eksempel-2026-2029.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def pairs(tmp_path):
    return [(AGREEMENTS / "2014-2017.yaml", AGREEMENTS / "2022-2025.yaml"),
            (AGREEMENTS / "eksempel-2026-2029.yaml", edited_example(tmp_path))]


def check_page(html: str) -> None:
    d = dom(html)
    ids = {e.get("id") for e in d.iter() if e.get("id")}
    links = [a.get("href") for a in d.xpath("//ol[@class='changes']//a")]
    assert (links or "Ingen endringer i avtalen." in html or "Ingen endringar i avtalen." in html) and all(h.startswith("#") and h[1:] in ids for h in links)
    for a in d.xpath("//a[starts-with(@href, '#')]"):
        assert a.get("href")[1:] in ids, a.get("href")
    assert not d.xpath("//script")
    for e in d.iter():
        for attr in ("src", "srcset", "poster", "data"):
            assert not re.match(r"\s*(https?:)?//", e.get(attr) or ""), (e.tag, attr)
    assert not d.xpath("//link")
    assert not re.search(r"url\(|@import", d.find(".//style").text)


def test_real_pairs(tmp_path):
    for old_path, new_path in pairs(tmp_path):
        old, new = agreements.read(old_path), agreements.read(new_path)
        html = page(old, new)
        check_page(html)
        a = article(html)
        assert marks(a, "ins") and marks(a, "del")
    # the edited example: each edit marked as expected
    old, new = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml"), agreements.read(edited_example(tmp_path))
    html = page(old, new)
    a = article(html)
    assert marks(a, "ins") == ["eller fylke ", "130", "SFO", "10", "10", " for avtalen", ", kapittel 3,"]
    assert marks(a, "del") == ["veiledning av nyutdannede.", "120"]
    assert [s.find("strong").text for s in a.xpath("//span[@class='format']")] == ["jevnlig"]
    d = dom(html)
    assert [[c.text_content() for c in tr] for tr in d.xpath("//table[@id='meta']/tbody/tr")] == [
        ["status", "utkast", "signert"]]
    assert [[c.text_content() for c in tr] for tr in d.xpath("//table[@id='signing-changes']/tbody/tr")] == [
        ["Bjørn Arild Gram (KS)", "Styreleder i KS, Bodø, 15. januar 2026", "Leder av KS, Bodø, 15. januar 2026"]]


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("name", sorted(html_redline.COLOURS))
def test_mark_colours_have_contrast(name):
    fg, bg = html_redline.COLOURS[name]
    light, dark = sorted([luminance(fg), luminance(bg)], reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
    assert (1 + 0.05) / (luminance(fg) + 0.05) >= 4.5  # on white too (print without backgrounds)


# --- the CLI ------------------------------------------------------------------------------------------------------


def test_cli_writes_html_to_stdout_and_to_a_file(tmp_path):
    old, new = AGREEMENTS / "2014-2017.yaml", AGREEMENTS / "2022-2025.yaml"
    result = run_cli("diff", old, new, "--format", "html")
    assert result.returncode == 0 and result.stdout.startswith("<!DOCTYPE html>")
    out = tmp_path / "r.html"
    result = run_cli("diff", old, new, "--format", "html", "--out", out)
    assert result.returncode == 0 and out.read_text(encoding="utf-8") == run_cli(
        "diff", old, new, "--format", "html").stdout
    again = run_cli("diff", old, new, "--format", "html", "--out", out)
    assert again.returncode == 1 and "exists" in again.stderr  # never overwritten without --force
    missing = run_cli("diff", old, tmp_path / "nope.yaml", "--format", "html")
    assert missing.returncode == 2 and not missing.stdout and "no such file" in missing.stderr


def test_an_unchanged_agreement_reads_as_the_html_build():
    """NEW in the official layout: the same headings (numbers, annex labels), paragraphs, list items, table
    cells and notes, with the same text, as `avtale build --format html`."""
    from render_samples import context

    from avtale.render import html as html_build

    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    built = dom(html_build.render(a, context(AGREEMENTS)).decode("utf-8")).find(".//article")
    red = article(page(a, a))

    def outline(root):
        return [(e.tag, " ".join(e.text_content().replace("↩", "").split()))
                for e in root.iter("h1", "h2", "h3", "h4", "p", "li", "td", "th", "caption")]

    assert outline(red) == outline(built)
    assert not red.xpath("//ins | //del | //*[@class='format']")


def test_a_section_moved_in_the_example():
    import yaml

    from avtale.model import Agreement

    text = (AGREEMENTS / "eksempel-2026-2029.yaml").read_text(encoding="utf-8")
    economy = text[text.index("  - title: Økonomi"):text.index("  - title: Tidsramme")]
    new = Agreement.model_validate(yaml.safe_load(text.replace(economy, "").replace("signing:\n", economy + "signing:\n", 1)))
    a = article(page(agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml"), new))
    to = [e.text_content() for e in a.xpath("//ins[@class='moved']")]
    frm = [e.text_content() for e in a.xpath("//del[@class='moved']")]
    # the matcher may see either of the two sections as the one that moved
    assert (to, frm) in ((["4. Økonomi"], ["3. Økonomi"]), (["3. Tidsramme og evaluering"], ["4. Tidsramme og evaluering"]))
    assert marks(a, "ins") == [] and marks(a, "del") == []
    assert [" ".join(h.text_content().split()) for h in a.xpath("section/h2")][:4] == [
        "1. Formålet med avtalen", "2. Samarbeidsområder",
        *(["3. Økonomi ↓ flyttet til 4. Økonomi", "3. Tidsramme og evaluering"] if frm == ["3. Økonomi"] else
          ["3. Tidsramme og evaluering ↑ flyttet hit fra 4. Tidsramme og evaluering", "4. Økonomi"])]


def test_a_section_added_whole_is_one_change():
    new_sections = edit(lambda s: s.append({"title": "Ny del", "blocks": ["Nytt innhold.", {"bullets": ["a", "b"]}],
                                            "subsections": [{"title": "Under", "blocks": ["Mer."]}]}))
    html = page(with_sections(), with_sections(new_sections))
    assert [li.text_content() for li in dom(html).xpath("//ol[@class='changes']/li")] == ["3. Ny del: nytt kapittel"]
    a = article(html)
    assert marks(a, "ins") == ["Ny del", "Nytt innhold.", "a", "b", "Under", "Mer."]
    assert [s.get("class") for s in a.xpath("//section[.//ins]")] == ["added", "added"]


def test_list_style_and_table_columns_changed_are_shown_and_listed():
    old = with_sections([{"title": "A", "blocks": [{"numbered": ["en", "to"], "style": "a)"}, TABLE]}])
    t = {"table": {**TABLE["table"], "columns": [{"width": 2}, {"width": 1, "align": "right"}]}}
    new = with_sections([{"title": "A", "blocks": [{"numbered": ["en", "to"], "style": "1."}, t]}])
    html = page(old, new)
    a = article(html)
    notes = [(e.getparent().tag, e.text) for e in a.xpath("//span[@class='format']")]
    assert notes == [("li", "nummerering a) → 1."), ("p", "kolonne 1: venstre → bredde 2, venstre"),
                     ("p", "kolonne 2: venstre → bredde 1, høyre")]
    assert marks(a, "ins") == [] and marks(a, "del") == []
    check_page(html)
    assert len(dom(html).xpath("//ol[@class='changes']/li")) == 3


def test_moved_list_and_table_blocks_are_moves():
    """A whole list and a whole table moved (hand-made tree): every item and cell in the move's marks, the
    two places linked, nothing shown as an ordinary insertion or deletion."""
    from avtale.diff.tree import Row

    new = with_sections()
    list_to = Block("bullets", "moved", items=[Item(Text.same("en"), SAME), Item(Text([("=", "to"), ("+", " og tre")]), CHANGED)])
    list_from = Block("bullets", "moved-away", items=[Item(Text.removed("en"), "removed"), Item(Text.removed("to"), "removed")])
    table_to = Block("table", "moved", header=Row(SAME, [Text.same("A"), Text.same("B")], 0, 0),
                     rows=[Row(SAME, [Text.same("1"), Text.same("2")], 1, 1)])
    table_from = Block("table", "moved-away", header=Row("removed", [Text.removed("A"), Text.removed("B")], 0, None),
                       rows=[Row("removed", [Text.removed("1"), Text.removed("2")], 1, None)])
    list_to.move = list_from.move = 1
    table_to.move = table_from.move = 2
    s1 = SectionDiff(Text.same("Formål"), CHANGED, [list_from, table_from], [], 1, 1)
    s2 = SectionDiff(Text.same("Plikter"), CHANGED, [list_to, table_to], [], 2, 2)
    diff = AgreementDiff("liten", "liten", Text.same(new.title), [], [], [s1, s2], [])
    html = html_redline.render(diff, new, new, layout.load())
    a = article(html)
    assert marks(a, "del", moved=True) == ["en", "to", "", "A", "B", "1", "2", ""]
    assert marks(a, "ins", moved=True) == ["en", "to og tre", "", "A", "B", "1", "2", ""]
    assert marks(a, "ins") == [" og tre"] and marks(a, "del") == []
    for n in (1, 2):
        assert a.xpath(f"//*[@id='move-{n}-to']") and a.xpath(f"//a[@href='#move-{n}-to']")
        assert a.xpath(f"//*[@id='move-{n}-from']") and a.xpath(f"//a[@href='#move-{n}-from']")
    assert [li.text_content() for li in dom(html).xpath("//ol[@class='changes']/li")] == [
        "1. Formål: punktliste flyttet herfra", "1. Formål: tabell flyttet herfra", "2. Plikter: flyttet punktliste",
        "2. Plikter: flyttet tabell"]
    check_page(html)


def test_agreement_text_never_becomes_markup():
    from render_samples import HOSTILE, hostile_agreement

    old, new = with_sections(), hostile_agreement()
    html = page(old, new)
    d = dom(html)
    assert not d.xpath("//script | //img[not(starts-with(@src, 'data:'))] | //iframe | //object")
    text = d.find(".//article").text_content()
    assert all(h in text for h in HOSTILE if "*" not in h and "[" not in h)
    check_page(html)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=strategies.agreements(), new=strategies.agreements())
def test_any_pair_gives_a_page_whose_links_resolve(old, new):
    """Any two agreements (every element, marks, notes, annexes): a well-formed page, every change-list and
    in-page link resolving, unique ids, and NEW's text where nothing is deleted."""
    html = page(old, new)
    check_page(html)
    d = dom(html)
    ids = [e.get("id") for e in d.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
