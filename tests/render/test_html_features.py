"""The HTML of issue 15's additions: exact markup per feature, escaping of hostile marks, and the example in Chromium."""

from __future__ import annotations

import json

from render_samples import agreement, context, dark_pixels
from test_html import chromium

from avtale.model import Agreement
from avtale.render import html

from conftest import AGREEMENTS


def page(a: Agreement) -> str:
    return html.render(a, context()).decode("utf-8")


def article(a: Agreement) -> str:
    text = page(a)
    return text[text.index("<h1>"):text.index("</article>")]


def section(a: Agreement, n: int = 0) -> str:
    """The markup of the n-th numbered section (without the signature block or annexes)."""
    body = article(a)
    parts = body.split("\n<section>\n")[1:]
    return "<section>\n" + parts[n].split("\n<section class=")[0]


def test_marks_links_and_annex_references():
    a = agreement(
        sections=[{"title": "Formål", "blocks": [
            "Partene skal **jevnlig** vurdere *tiltak*, **fet *og kursiv***, [Lovdata](https://lovdata.no/a?b=1&c=2), "
            "[#plan], [planen](#plan) og \\*ikke kursiv\\*."]}],
        annexes=[{"id": "plan", "title": "Plan", "blocks": ["Tekst."]}])
    assert section(a) == (
        '<section>\n<h2><span class="number">1.</span> Formål</h2>\n'
        "<p>Partene skal <strong>jevnlig</strong> vurdere <em>tiltak</em>, <strong>fet <em>og kursiv</em></strong>, "
        '<a href="https://lovdata.no/a?b=1&amp;c=2">Lovdata</a>, <a href="#plan">vedlegg 1</a>, '
        '<a href="#plan">planen</a> og *ikke kursiv*.</p>\n</section>')


def test_hostile_marks_stay_text():
    a = agreement(sections=[{"title": "Formål <b>", "blocks": [
        "[klikk](javascript:alert(1)) og **<script>alert(1)</script>** og [x](https://a.no/\"onmouseover=\"x)"]}])
    got = section(a)
    assert got == (
        '<section>\n<h2><span class="number">1.</span> Formål &lt;b&gt;</h2>\n'
        "<p>klikk og <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong> og "
        # an address ends before a quote, so this is no link: its brackets and quotes print as typed, escaped
        '[x](https://a.no/&#34;onmouseover=&#34;x)</p>\n</section>')


def test_footnotes_are_endnotes_with_back_links():
    a = agreement(sections=[{"title": "Formål", "blocks": ["Meldingen[^meld] og igjen[^meld], og KOSTRA[^kostra]."]}],
                  footnotes={"meld": "Meld. St. 6 *Tett på*.", "kostra": "Se [ssb.no](https://www.ssb.no)."})
    text = page(a)
    assert ('<p>Meldingen<sup><a href="#fn-meld" id="fnref-meld" role="doc-noteref">1</a></sup> og igjen'
            '<sup><a href="#fn-meld" id="fnref-meld-2" role="doc-noteref">1</a></sup>, og KOSTRA'
            '<sup><a href="#fn-kostra" id="fnref-kostra" role="doc-noteref">2</a></sup>.</p>') in text
    notes = text[text.index('<section class="notes"'):text.index("</article>")]
    assert notes == (
        '<section class="notes" role="doc-endnotes">\n<ol>\n'
        '  <li id="fn-meld">Meld. St. 6 <em>Tett på</em>. <a href="#fnref-meld" role="doc-backlink" '
        'aria-label="Tilbake til teksten">↩</a></li>\n'
        '  <li id="fn-kostra">Se <a href="https://www.ssb.no">ssb.no</a>. <a href="#fnref-kostra" '
        'role="doc-backlink" aria-label="Tilbake til teksten">↩</a></li>\n</ol>\n</section>\n')


def test_nested_lists_with_markers_per_level():
    a = agreement(sections=[{"title": "Formål", "blocks": [
        {"numbered": ["en", {"text": "to", "numbered": ["a", {"text": "b", "numbered": ["i", "ii"]}]},
                      {"text": "tre", "bullets": ["x"]}]}]}])
    assert section(a) == (
        '<section>\n<h2><span class="number">1.</span> Formål</h2>\n'
        '<ol type="1" class="list-dot">\n  <li>en</li>\n'
        '  <li>to\n<ol type="a" class="list-alpha">\n    <li>a</li>\n'
        '    <li>b\n<ol type="i" class="list-roman">\n      <li>i</li>\n      <li>ii</li>\n    </ol>\n    </li>\n'
        '  </ol>\n  </li>\n'
        '  <li>tre\n<ul>\n    <li>x</li>\n  </ul>\n  </li>\n</ol>\n</section>')
    assert 'ol.list-roman > li::before { content: counter(list-item, lower-roman) ")"; }' in page(a)


def test_table_with_caption_widths_and_alignment():
    a = agreement(sections=[{"title": "Økonomi", "blocks": [{"table": {
        "caption": "Midler (mill. *kroner*)", "columns": [{"width": 3}, {"width": 1, "align": "right"}],
        "header": ["Område", "2026"], "rows": [["Tidlig <innsats>", "120"], ["**Sum**", ""]]}}]}])
    assert section(a) == (
        '<section>\n<h2><span class="number">1.</span> Økonomi</h2>\n<table class="data">\n'
        '<caption><span class="label">Tabell 1: </span>Midler (mill. <em>kroner</em>)</caption>\n'
        '<colgroup><col style="width: 75.00%" data-width="3"><col style="width: 25.00%" data-width="1"></colgroup>\n'
        '<thead>\n<tr><th scope="col">Område</th><th scope="col" class="align-right">2026</th></tr>\n</thead>\n'
        '<tbody>\n<tr><td>Tidlig &lt;innsats&gt;</td><td class="align-right">120</td></tr>\n'
        '<tr><td><strong>Sum</strong></td><td class="align-right"></td></tr>\n</tbody>\n</table>\n</section>')


def test_three_heading_levels():
    a = agreement(sections=[{"title": "Formål", "subsections": [
        {"title": "Oppfølging", "subsections": [{"title": "Rapportering", "blocks": ["Tekst."]}]}]}])
    body = article(a)
    assert body[body.index("<section>"):body.index('<section class="signing"')] == (
        '<section>\n<h2><span class="number">1.</span> Formål</h2>\n'
        '<section>\n<h3><span class="number">1.1</span> Oppfølging</h3>\n'
        '<section>\n<h4><span class="number">1.1.1</span> Rapportering</h4>\n<p>Tekst.</p>\n'
        '</section>\n</section>\n</section>\n')


def test_annexes_after_the_signatures_on_a_new_page():
    a = agreement(annexes=[{"id": "mandat", "title": "Mandat", "blocks": ["Tekst."],
                            "subsections": [{"title": "Oppgaver", "blocks": ["Mer."]}]},
                           {"title": "Uten id", "blocks": ["Slutt."]}])
    body = article(a)
    assert body.index('<section class="signing"') < body.index('<section class="annex"')
    assert body[body.index('<section class="annex"'):] == (
        '<section class="annex" id="mandat">\n<h2><span class="label">Vedlegg 1:</span> Mandat</h2>\n<p>Tekst.</p>\n'
        '<section>\n<h3><span class="number">1</span> Oppgaver</h3>\n<p>Mer.</p>\n</section>\n</section>\n'
        '<section class="annex">\n<h2><span class="label">Vedlegg 2:</span> Uten id</h2>\n<p>Slutt.</p>\n</section>\n')
    assert ".annex { break-before: page; margin-top: 0; }" in page(a)


def _signing(a: Agreement) -> str:
    body = article(a)
    return body[body.index('<section class="signing'):body.index("</section>", body.index('<section class="signing'))]


def test_electronic_signing_with_many_signatories_and_own_dates():
    parties = [{"id": f"p{i}", "name": f"Part {i}"} for i in range(4)]
    a = agreement(parties=parties, signing={"electronic": True, "signatories": [
        {"party": f"p{i}", "name": f"Navn {i}", "title": "Leder", **({"date": "2026-01-1%d" % i} if i else {}),
         **({"place": "Bodø"} if i == 3 else {})} for i in range(4)]})
    def box(i, own=""):
        return (f'  <div class="signatory" role="group" aria-labelledby="signatory_sig-p{i}"><p class="party" '
                f'id="signatory_sig-p{i}">For Part {i}</p><p class="name">Navn {i}</p><p class="role">Leder</p>{own}</div>\n')

    assert _signing(a) == (
        '<section class="signing signed-electronically" aria-label="Underskrifter">\n'
        '<p class="electronic">Avtalen er signert elektronisk.</p>\n'
        '<div class="signature-row">\n' + box(0) + box(1, '<p class="place-date">11. januar 2026</p>')
        + box(2, '<p class="place-date">12. januar 2026</p>') + '</div>\n'
        '<div class="signature-row">\n' + box(3, '<p class="place-date">Bodø, 13. januar 2026</p>') + '</div>\n')


def test_paper_signing_keeps_its_lines_and_a_signatory_signs_elsewhere():
    a = agreement(signing={"place": "Oslo", "date": "2020-03-02", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Statsråd"},
        {"party": "ks", "name": "Ola Nordmann", "title": "Leder", "place": "Bergen", "date": "2020-03-05"}]})
    got = _signing(a)
    assert '<p class="place-date">Oslo, 2. mars 2020</p>' in got and "electronic" not in got
    assert ('<p class="party" id="signatory_sig-ks">For KS</p><div class="line" aria-hidden="true"></div>'
            '<p class="name">Ola Nordmann</p><p class="role">Leder</p><p class="place-date">Bergen, 5. mars 2020</p>'
            '</div>') in got
    assert got.count('<div class="line"') == 2 and got.count('<div class="signatory" role="group"') == 2


PROBE = """<script>
window.addEventListener("load", () => {
  const ref = document.querySelector("a[role=doc-noteref]");
  const note = document.getElementById(ref.getAttribute("href").slice(1));
  const before = note.getBoundingClientRect().top;
  ref.click();
  const table = document.querySelector("table.data");
  const cells = [...table.querySelectorAll("thead th")].map(th => th.getBoundingClientRect().width);
  const result = {hash: location.hash, before: before, height: window.innerHeight, noteTop: note.getBoundingClientRect().top, scrolled: window.scrollY,
    th: document.querySelectorAll("th[scope=col]").length,
    signatories: [...document.querySelectorAll(".signature-row")].map(r => r.querySelectorAll(".signatory").length), cells: cells, tableWidth: table.getBoundingClientRect().width,
    annexes: [...document.querySelectorAll("section.annex")].map(s => s.id),
    marker: getComputedStyle(document.querySelector("ol.list-roman > li"), "::before").content};
  document.body.setAttribute("data-probe", JSON.stringify(result));
});
</script>"""


def test_chromium_follows_the_note_and_lays_out_the_table(tmp_path):
    from avtale import agreements

    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    text = html.render(a, context(AGREEMENTS)).decode("utf-8")
    path = tmp_path / "probe.html"
    path.write_text(text.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    dom = chromium(tmp_path, path.as_uri(), "--window-size=1000,900", "--dump-dom").stdout
    from lxml import html as lxml_html

    probe = json.loads(lxml_html.fromstring(dom).body.get("data-probe"))
    assert probe["hash"] == "#fn-oppvekst"
    assert probe["before"] > probe["height"], probe  # the note was out of sight …
    assert probe["scrolled"] > 500 and 0 <= probe["noteTop"] < probe["height"] - 20, probe  # … and the link took us there
    assert probe["th"] == 3 + 3  # the table's header and the plan's
    assert probe["signatories"] == [3, 3]  # two rows of three signatories
    first, second, third = probe["cells"]
    assert abs(first / probe["tableWidth"] - 0.6) < 0.03 and abs(second - third) < 2, probe  # widths 3:1:1
    assert probe["annexes"] == ["mandat", "plan"]
    assert "roman" in probe["marker"] or probe["marker"].startswith('counter(list-item, lower-roman)'), probe
    shot = tmp_path / "shot.png"
    plain = tmp_path / "plain.html"
    plain.write_text(text, encoding="utf-8")
    chromium(tmp_path, plain.as_uri(), f"--screenshot={shot}", "--window-size=1000,900")
    assert dark_pixels(shot.read_bytes()) > 1000 * 900 * 0.01
