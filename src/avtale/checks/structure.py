"""Rules on the shape of an agreement: ids, parties, signatories, sections, period."""

from __future__ import annotations

from avtale.checks import rule
from avtale.i18n import _
from avtale.model import Bullets
from avtale.pathnames import name as file_name


@rule("AV201", "id-matches-file", "`id` equals the file name without .yaml")
def id_matches_file(agreement, ctx):
    stem = file_name(ctx.path).removesuffix(".yaml").removesuffix(".yml")
    if agreement.id != stem:
        yield ("id",), _("`id` is «{id}» but the file is named «{name}»; they must match").format(
            id=agreement.id, name=file_name(ctx.path))


@rule("AV202", "period-order", "the period does not end before it starts")
def period_order(agreement, ctx):
    p = agreement.period
    if p.start and p.end < p.start:
        yield ("period", "end"), _("period ends ({end}) before it starts ({start})").format(end=p.end, start=p.start)


@rule("AV203", "unique-party-ids", "each party has its own id")
def unique_party_ids(agreement, ctx):
    seen = set()
    for i, party in enumerate(agreement.parties):
        if party.id in seen:
            yield ("parties", i, "id"), _("party id «{id}» is used twice").format(id=party.id)
        seen.add(party.id)


@rule("AV204", "signatory-party", "every signatory signs for a declared party")
def signatory_party(agreement, ctx):
    if not agreement.signing:
        return
    ids = [p.id for p in agreement.parties]
    for i, s in enumerate(agreement.signing.signatories):
        if s.party not in ids:
            yield ("signing", "signatories", i, "party"), _(
                "signatory {name} signs for «{party}», which is not a party (parties: {parties})"
            ).format(name=s.name, party=s.party, parties=", ".join(ids))


@rule("AV205", "party-signs-once", "each party signs once")
def party_signs_once(agreement, ctx):
    if not agreement.signing:
        return
    seen = set()
    for i, s in enumerate(agreement.signing.signatories):
        if s.party in seen:
            yield ("signing", "signatories", i, "party"), _("party «{party}» signs more than once").format(party=s.party)
        seen.add(s.party)


@rule("AV207", "unique-section-titles", "no two sections share a title, nor two subsections of one section, nor "
                                         "two annexes")
def unique_section_titles(agreement, ctx):
    def unique(prefix, parts, message, number):
        seen = {}
        for i, part in enumerate(parts):
            key = part.title.strip().casefold()
            if key in seen:
                yield (*prefix, i, "title"), message.format(title=part.title, number=number(seen[key]))
            else:
                seen[key] = i

    def subsections(prefix, part, number):
        message = _("subsection title «{title}» repeats subsection {number}")
        yield from unique((*prefix, "subsections"), part.subsections, message, lambda j: f"{number}.{j + 1}")
        for j, sub in enumerate(part.subsections):
            yield from subsections((*prefix, "subsections", j), sub, f"{number}.{j + 1}")

    yield from unique(("sections",), agreement.sections, _("section title «{title}» repeats section {number}"),
                      lambda i: i + 1)
    for i, section in enumerate(agreement.sections):
        yield from subsections(("sections", i), section, str(i + 1))
    yield from unique(("annexes",), agreement.annexes, _("annex title «{title}» repeats annex {number}"),
                      lambda i: i + 1)
    for i, annex in enumerate(agreement.annexes):
        yield from subsections(("annexes", i), annex, _("annex {n}").format(n=i + 1))


def _parts(agreement):
    """(loc, part) of every section, annex and subsection (at any depth), in reading order."""
    def inside(prefix, part):
        for j, sub in enumerate(part.subsections):
            yield (*prefix, "subsections", j), sub
            yield from inside((*prefix, "subsections", j), sub)

    for i, section in enumerate(agreement.sections):
        yield ("sections", i), section
        yield from inside(("sections", i), section)
    for i, annex in enumerate(agreement.annexes):
        yield ("annexes", i), annex
        yield from inside(("annexes", i), annex)


@rule("AV208", "no-empty-section", "every section, subsection and annex has text")
def no_empty_section(agreement, ctx):
    for loc, part in _parts(agreement):
        if part.blocks or part.subsections:
            continue
        if loc[-2] == "sections":
            message = _("section «{title}» has no text")
        elif loc[-2] == "annexes":
            message = _("annex «{title}» has no text")
        else:
            message = _("subsection «{title}» has no text")
        yield (*loc, "title"), message.format(title=part.title)


@rule("AV209", "split-bullet-list", "no two bullet lists stand back to back", severity="warning")
def split_bullet_list(agreement, ctx):
    def scan(prefix, blocks):
        for k in range(1, len(blocks)):
            if isinstance(blocks[k - 1], Bullets) and isinstance(blocks[k], Bullets):
                yield (*prefix, k), _("two bullet lists stand back to back; merge them into one")

    yield from scan(("preamble",), agreement.preamble)
    for loc, part in _parts(agreement):
        yield from scan((*loc, "blocks"), part.blocks)
