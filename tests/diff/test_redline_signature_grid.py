"""The redline of a signature block drawn as a grid (`docx_signing`): each signatory's party, name, title and
own place and date tracked in its own cell of the rows of lines; a row of own places and dates that one
side has and the other not is a row inserted or deleted. Accept-all gives NEW's build, reject-all OLD's."""

from __future__ import annotations

from redline_helpers import W, document_xml
from test_compare import agreement
from test_redline import assert_round_trip, ops_inside

PARTIES = [{"id": f"p{i}", "name": name} for i, name in enumerate(
    ["Arbeids- og inkluderingsdepartementet", "Kommunal- og distriktsdepartementet", "Samferdselsdepartementet",
     "Kunnskapsdepartementet", "KS"])]


def five(**changes) -> dict:
    """Five signatories (3 + 2); `changes`: index -> fields of that signatory changed."""
    people = [{"party": f"p{i}", "name": f"Navn {i}", "title": "Statsråd"} for i in range(5)]
    for i, fields in changes.items():
        people[int(i[1:])].update(fields)
    return {"place": "Oslo", "date": "2024-01-05", "signatories": people}


def build(signing: dict):
    return agreement(parties=PARTIES, signing=signing)


def test_a_name_changed_in_the_short_row_is_tracked_in_its_cell():
    data = assert_round_trip(build(five()), build(five(s4={"name": "Anne-Kristine Bjørnstad-Haugland"})))
    assert "AnneKristine" in ops_inside(data, "ins") and "Navn 4" in ops_inside(data, "del")
    inserted = next(document_xml(data).iter(f"{W}ins"))
    assert len(inserted.findall(f".//{W}noBreakHyphen")) == 2, "the name's hyphens do not break, as in a build"
    tr = next(a for a in inserted.iterancestors(f"{W}tr"))
    assert len(tr.findall(f"{W}tc")) == 2, "in the short row"


def test_own_place_added_removed_and_moved_round_trip():
    plain, own_1 = five(), five(s1={"place": "Tromsø"})
    data = assert_round_trip(build(plain), build(own_1))  # a row of own places inserted
    rows = [tr for tr in document_xml(data).iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert ["".join(t.text for t in tr.iter(f"{W}t")) for tr in rows] == ["Tromsø"]
    data = assert_round_trip(build(own_1), build(plain))  # and deleted
    rows = [tr for tr in document_xml(data).iter(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is not None]
    assert ["".join(t.text for t in tr.iter(f"{W}delText")) for tr in rows] == ["Tromsø"]
    moved = five(s2={"place": "Bodø"})
    data = assert_round_trip(build(own_1), build(moved))  # the row stays; the cells change
    assert ops_inside(data, "ins") == "Bodø" and ops_inside(data, "del") == "Tromsø"
    assert not [tr for tr in document_xml(data).iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert_round_trip(build(own_1), build(five(s4={"place": "Bergen"})))  # from the first row to the short row
    assert_round_trip(build(five(s1={"place": "Tromsø"}, s2={"date": "2024-02-01"})),
                      build(five(s1={"place": "Tromsø", "date": "2024-02-02"})))
