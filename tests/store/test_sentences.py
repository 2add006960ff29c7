"""`fmt` puts one sentence per line: where it breaks a line (issue 13, part 5).

A line break in a folded (`>-`) text reads back as one space, so a break in the wrong place changes no
word, but it cuts a sentence in two for the reader of a diff. The split never breaks after a Norwegian
abbreviation or after the number of a date, an ordinal or a heading; where a sentence may really end at
an abbreviation, it does not break either (a missed break is harmless).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtale import store
from avtale.store.write import ABBREVIATIONS

NAMED = ["bl.a.", "f.eks.", "jf.", "mv.", "m.m.", "osv.", "pkt.", "nr.", "kap.", "ca.", "dvs.", "o.l.", "evt.",
         "ev.", "pr.", "kl.", "ref.", "iht.", "mht.", "vedr.", "s.", "tlf.", "etc.", "jfr.", "m.fl.", "t.o.m.",
         "f.o.m.", "inkl.", "hhv.", "pga.", "st.", "prop.", "meld.", "innst.", "kr.", "mill.", "t.d.", "m.a."]


@pytest.mark.parametrize("abbreviation", NAMED)
def test_no_break_after_an_abbreviation(abbreviation):
    text = f"Dette gjelder {abbreviation} KS og kommunene. Neste setning."
    assert store.sentences(text) == [f"Dette gjelder {abbreviation} KS og kommunene.", "Neste setning."]


@pytest.mark.parametrize("abbreviation", ["Bl.a.", "F.eks.", "Jf.", "MV.", "Ca.", "Dvs.", "Evt.", "Kap.", "Nr."])
def test_abbreviations_are_known_in_capitals_too(abbreviation):
    assert store.sentences(f"Partene møtes. {abbreviation} Kommunene deltar.") == [
        "Partene møtes.", f"{abbreviation} Kommunene deltar."]


def test_the_named_abbreviations_are_in_the_documented_list():
    single_or_dotted = {"bl.a.", "f.eks.", "m.m.", "o.l.", "s.", "m.fl.", "t.o.m.", "f.o.m.", "t.d.", "m.a."}
    assert set(NAMED) - ABBREVIATIONS == set() and single_or_dotted <= ABBREVIATIONS


@pytest.mark.parametrize("text, expected", [
    ("Dette gjelder bl.a. KS. Avtalen gjelder.", ["Dette gjelder bl.a. KS.", "Avtalen gjelder."]),
    ("Jf. Meld. St. 21 (2016–2017). Partene er enige.", ["Jf. Meld. St. 21 (2016–2017).", "Partene er enige."]),
    ("Se St.meld. nr. 31. Partene er enige.", ["Se St.meld. nr. 31. Partene er enige."]),
    ("Underskrevet av Gunn M. Helgesen. Leder av KS.", ["Underskrevet av Gunn M. Helgesen.", "Leder av KS."]),
    ("Se www.udir.no. Der står det.", ["Se www.udir.no.", "Der står det."]),
    ("Publisert på KS.no. Partene møtes.", ["Publisert på KS.no.", "Partene møtes."]),
    # a sentence that really ends at an abbreviation keeps the next one on its line
    ("Det gjelder skoler mv. Partene skal møtes.", ["Det gjelder skoler mv. Partene skal møtes."]),
    # an ordinary word is no abbreviation, nor an acronym
    ("Vi møtes før jul. Partene skal møtes.", ["Vi møtes før jul.", "Partene skal møtes."]),
    ("Representert ved KS. Avtalen gjelder.", ["Representert ved KS.", "Avtalen gjelder."]),
    ("Han gjør alt. Partene skal møtes.", ["Han gjør alt.", "Partene skal møtes."]),
])
def test_abbreviations_and_sentence_ends(text, expected):
    assert store.sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Avtalen ble signert 7. november 2014. Den gjelder fra 1. januar 2015.",
     ["Avtalen ble signert 7. november 2014.", "Den gjelder fra 1. januar 2015."]),
    ("Se 2. ledd. Partene er enige.", ["Se 2. ledd.", "Partene er enige."]),
    ("Vi feirer 17. Mai. Det er fint.", ["Vi feirer 17. Mai.", "Det er fint."]),
    ("Møtet er 3. Nov. i år. Alle kommer.", ["Møtet er 3. Nov. i år.", "Alle kommer."]),
    ("§ 3. Formål med avtalen er dette. Neste.", ["§ 3. Formål med avtalen er dette.", "Neste."]),
    ("Se §3. Formål. Neste.", ["Se §3. Formål.", "Neste."]),
    ("Se kap. 2. Partene er enige.", ["Se kap. 2. Partene er enige."]),
    ("Jf. punkt 3. Partene er enige.", ["Jf. punkt 3. Partene er enige."]),
    ("Se kapittel 2.1. Mål for avtalen.", ["Se kapittel 2.1. Mål for avtalen."]),
    ("Møtet er kl. 12.00. Alle kommer.", ["Møtet er kl. 12.00. Alle kommer."]),
    ("Målene er: 1. Bedre læring. 2. Færre frafall.", ["Målene er: 1. Bedre læring. 2. Færre frafall."]),
    ("3. Partene skal møtes.", ["3. Partene skal møtes."]),
    # a year, or any number in running text, before a capital word that is no month ends its sentence
    ("Planen ble vedtatt i 2014. Neste plan kom i 2018.", ["Planen ble vedtatt i 2014.", "Neste plan kom i 2018."]),
    ("Den ble endret i 2014. Januar 2015 kom en ny.", ["Den ble endret i 2014.", "Januar 2015 kom en ny."]),
    ("Tallet var 12. Neste år blir det flere.", ["Tallet var 12.", "Neste år blir det flere."]),
    ("Vi møtes kl. 12. Møtet varer.", ["Vi møtes kl. 12.", "Møtet varer."]),
    ("Se Meld. St. 21. Avtalen gjelder.", ["Se Meld. St. 21.", "Avtalen gjelder."]),
    ("Se LK 2020. «Sitat» her.", ["Se LK 2020.", "«Sitat» her."]),
    ("Planen (2014). Neste.", ["Planen (2014).", "Neste."]),
    ("Tallet " + "9" * 5000 + ". Neste.", ["Tallet " + "9" * 5000 + ".", "Neste."]),
])
def test_dates_ordinals_and_numbers(text, expected):
    assert store.sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Han sa: «Vi er enige.» Partene skrev under.", ["Han sa:", "«Vi er enige.»", "Partene skrev under."]),
    ("Programmet «Den gode skoleeier» Kommunene deltar.", ["Programmet «Den gode skoleeier» Kommunene deltar."]),
    ("Statens ansvar (KD) Kommunene deltar.", ["Statens ansvar (KD) Kommunene deltar."]),
    ("Se vedlegget (side 3.) Partene er enige.", ["Se vedlegget (side 3.)", "Partene er enige."]),
    ("Hva nå? Partene vet! Så: Slutt", ["Hva nå?", "Partene vet!", "Så:", "Slutt"]),
    ("Ingen stor. bokstav. etter. punktum", ["Ingen stor. bokstav. etter. punktum"]),
    ("  Mange   mellomrom.\n Og linjeskift.  ", ["Mange mellomrom.", "Og linjeskift."]),
    ("", [""]),
])
def test_quotes_brackets_and_white_space(text, expected):
    assert store.sentences(text) == expected


WORDS = st.sampled_from([
    "Avtalen", "partene", "KS", "KD.", "skal", "møtes", "Neste", "januar", "Mai", "mai.", "ledd", "§", "§3.",
    "2014.", "7.", "17.", "1.", "2.1.", "12.00.", "«Den", "gode»", "skoleeier».", "(KD)", "(jf.", "3.)", "ja!",
    "nei?", "Slik:", "jul.", "alt.", "Ærlig", "Øst.", "Å", "M.", "x", "-", "–", "...", "#1", "'sitat'", "\"sitat\"",
    "«", "»", ".", "ks.no.", "www.regjeringen.no.",
    *sorted(ABBREVIATIONS), *(a.capitalize() for a in sorted(ABBREVIATIONS)[::3]),
])
SPACE = st.sampled_from([" ", " ", " ", "  ", "\n", " \n  ", "\t"])
TEXTS = st.lists(st.tuples(WORDS, SPACE), max_size=40).map(lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(TEXTS, st.text(max_size=80)))
def test_the_parts_joined_by_one_space_are_the_text(text):
    parts = store.sentences(text)
    assert " ".join(parts) == store.normalise_space(text)
    assert all(p and p == p.strip() for p in parts) or parts == [""]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(TEXTS)
def test_never_a_break_right_after_an_abbreviation(text):
    for part in store.sentences(text)[:-1]:
        last = part.split(" ")[-1].lstrip("«“‘\"'([").lower()
        assert last not in ABBREVIATIONS, part


@settings(max_examples=200, deadline=None, derandomize=True)
@given(TEXTS.filter(lambda t: t.strip()))
def test_a_folded_text_reads_back_as_the_text(text):
    """What `fmt` writes reads back word for word: the line breaks it adds are spaces again."""
    written = store.dump({"text": [text]}, schema_comment=None)
    assert store.parse(written) == {"text": [store.normalise_space(text)]}
