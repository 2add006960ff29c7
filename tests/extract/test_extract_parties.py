"""The parties (`avtale.extract.parties`): which names, spelled how, in which order; each rule on small
realistic texts as the stages before hand them on (the outline's texts, the preamble, the signers, the
letterhead's names)."""

from __future__ import annotations

from avtale.extract.lines import Notes
from avtale.extract.outline import Signer
from avtale.extract.parties import find, mentions


def names(texts, preamble, signers=(), orgs=()):
    parties, _ = find(list(texts), list(preamble), list(signers), list(orgs), Notes())
    return [p.name for p in parties]


def test_a_compound_name_that_lost_its_hyphen_in_a_justified_line():
    """pdftotext's plain text of a justified line: «Klimaog miljødepartementet»."""
    assert [n for _, n in mentions("mellom Energidepartementet, Klimaog\nmiljødepartementet og KS.")] == [
        "Energidepartementet", "Klima- og miljødepartementet", "KS"]
    assert [n for _, n in mentions("Katalog over tiltak fra Kunnskapsdepartementet")] == ["Kunnskapsdepartementet"]


def test_a_name_written_without_its_og_is_the_party_a_title_spells_whole():
    """«Helseomsorgsdepartementet» (pdftotext lost «- og ») and the minister's title name one party."""
    pre = "Avtalen er inngått mellom Kunnskapsdepartementet, Helseomsorgsdepartementet og KS."
    signers = [Signer("Kari Nordmann", "Kunnskapsminister", 20), Signer("Ola Hansen", "Helse- og omsorgsminister", 21),
               Signer("Per Olsen", "Styreleder i KS", 22)]
    assert names([pre], [pre], signers) == ["Kunnskapsdepartementet", "Helse- og omsorgsdepartementet", "KS"]


def test_the_preamble_orders_the_parties_before_the_letterhead():
    pre = "Avtalen er inngått mellom Kunnskapsdepartementet og KS."
    assert names([pre], [pre], orgs=["KS", "Kunnskapsdepartementet"]) == ["Kunnskapsdepartementet", "KS"]


def test_a_list_of_parties_the_exporter_broke_into_two_paragraphs():
    pre = ["Avtalen er inngått mellom KS, Kommunal- og distriktsdepartementet,",
           "Forsvarsdepartementet og Finansdepartementet. Partane møtest to gonger i året."]
    signers = [Signer("A B", "Finansminister", 30), Signer("C D", "Forsvarsminister", 31),
               Signer("E F", "Kommunal- og distriktsminister", 32), Signer("G H", "Styreleiar i KS", 33)]
    assert names(pre, pre, signers) == ["KS", "Kommunal- og distriktsdepartementet", "Forsvarsdepartementet",
                                        "Finansdepartementet"]


def test_a_letterhead_naming_more_in_the_preamble_order_orders_them_all():
    """The preamble lost a name (pdftotext moved a broken line away); the letterhead names all four in an
    order that agrees with the preamble's."""
    pre = "Avtalen er inngått mellom Utenriksdepartementet, Kunnskapsdepartementet og KS."
    orgs = ["Kommunal- og distriktsdepartementet", "Utenriksdepartementet", "Kunnskapsdepartementet", "KS"]
    assert names([pre], [pre], orgs=orgs) == orgs


def test_a_letterhead_that_disagrees_with_the_preamble_does_not_order_it():
    pre = "Avtalen er inngått mellom Utenriksdepartementet, Kunnskapsdepartementet og KS."
    orgs = ["KS", "Kunnskapsdepartementet", "Utenriksdepartementet", "Finansdepartementet"]
    assert names([pre], [pre], orgs=orgs) == ["Utenriksdepartementet", "Kunnskapsdepartementet", "KS",
                                              "Finansdepartementet"]


def test_a_preamble_sentence_an_exporter_broke_after_a_comma():
    """The first half names one party and ends in a comma; the sentence goes on in the next paragraph."""
    pre = ["Partene i denne avtalen er Landbruks- og matdepartementet,", "Finansdepartementet og KS."]
    signers = [Signer("A B", "Styreleder i KS", 30), Signer("C D", "Finansminister", 31),
               Signer("E F", "Landbruks- og matminister", 32)]
    assert names(pre, pre, signers) == ["Landbruks- og matdepartementet", "Finansdepartementet", "KS"]


def test_signers_whose_cells_cut_the_name_short():
    """A «For» row that opens a name only (the rest of the cell is the line to sign on), a title whose
    first line the reader lost («forvaltningsminister», «utdanningsminister»): the names the text names."""
    pre = "Avtalen er inngått mellom Arbeids- og inkluderingsdepartementet, Digitaliserings- og forvaltningsdepartementet, Kunnskapsdepartementet og KS."
    signers = [Signer("A B", "Statsråd", 30, party="Arbeids- og ______________________"),
               Signer("C D", "forvaltningsminister", 31), Signer("E F", "utdanningsminister", 32),
               Signer("G H", "Styreleder i KS", 33, party="KS")]
    parties, which = find([pre], [pre], signers, [], Notes())
    assert [p.name for p in parties] == ["Arbeids- og inkluderingsdepartementet",
                                         "Digitaliserings- og forvaltningsdepartementet", "Kunnskapsdepartementet", "KS"]
    assert which == [0, 1, 2, 3]


def test_two_minister_titles_run_together_name_no_ministry():
    from avtale.extract.parties import ministry_of

    assert ministry_of("Forskings- og høgare utdanningsminister") == "Kunnskapsdepartementet"
    assert ministry_of("Landbruks- og matminister Digitaliserings- og forvaltningsminister") is None
    assert ministry_of("Landbruks- og matminister") == "Landbruks- og matdepartementet"


def test_a_title_left_in_the_preamble_does_not_join_the_sentence_after_it():
    """A title in capitals the stages left in the preamble names KS; the sentence after it, opening with
    a capital, orders the parties."""
    pre = ["AVTALE MELLOM STATEN OG KS OM BEREDSKAP I KOMMUNANE",
           "Avtalen er inngått mellom Forsvarsdepartementet, Kultur- og likestillingsdepartementet og KS."]
    assert names(pre, pre) == ["Forsvarsdepartementet", "Kultur- og likestillingsdepartementet", "KS"]


def test_a_letterhead_name_with_its_og_glued_is_the_party_the_text_names():
    """A letterhead's cells broken by pdftotext: «Digitaliseringsog» / «forvaltningsdep» / «artementet»."""
    pre = "Avtalen er inngått mellom Digitaliserings- og forvaltningsdepartementet og KS."
    assert names([pre], [pre], orgs=["Digitaliseringsogforvaltningsdepartementet", "KS"]) == [
        "Digitaliserings- og forvaltningsdepartementet", "KS"]


def test_a_name_made_of_two_parties_halves_is_no_party():
    """Foreign seed 137: pdftotext reads two narrow cells heading the signatures across, «Barne- og» / «Justis- og»
    over «familiedepartementet beredskapsdepartem…»: «Justis- og familiedepartementet» is no party of its own."""
    pre = "Denne avtalen er inngått mellom Barne- og familiedepartementet, Justis- og beredskapsdepartementet og KS."
    crossed = ["Barne- og familiedepartementet", "Justis- og familiedepartementet", "KS"]
    notes = Notes()
    parties, _ = find([pre], [pre], [], crossed, notes)
    assert [p.name for p in parties] == ["Barne- og familiedepartementet", "Justis- og beredskapsdepartementet", "KS"]
    assert any("Justis- og familiedepartementet" in n.message for n in notes.items)
    # a party the preamble does not name is still added when it is whole
    assert names([pre], [pre], orgs=["Kunnskapsdepartementet"])[-1] == "Kunnskapsdepartementet"
