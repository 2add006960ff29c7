"""Rules on the shape of an agreement: ids, parties, signatories, sections, period."""

from __future__ import annotations

from avtale.checks import rule
from avtale.i18n import _
from avtale.model import Bullets


@rule("AV201", "id-matches-file", "`id` equals the file name without .yaml")
def id_matches_file(agreement, ctx):
    stem = ctx.path.name.removesuffix(".yaml").removesuffix(".yml")
    if agreement.id != stem:
        yield ("id",), _("`id` is «{id}» but the file is named «{name}»; they must match").format(
            id=agreement.id, name=ctx.path.name)


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


@rule("AV207", "unique-section-titles", "no two sections share a title")
def unique_section_titles(agreement, ctx):
    seen = {}
    for i, section in enumerate(agreement.sections):
        key = section.title.strip().casefold()
        if key in seen:
            yield ("sections", i, "title"), _("section title «{title}» repeats section {number}").format(
                title=section.title, number=seen[key] + 1)
        else:
            seen[key] = i


@rule("AV208", "no-empty-section", "every section has text")
def no_empty_section(agreement, ctx):
    for i, section in enumerate(agreement.sections):
        if not section.blocks and not section.subsections:
            yield ("sections", i, "title"), _("section «{title}» has no text").format(title=section.title)
        for j, sub in enumerate(section.subsections):
            if not sub.blocks:
                yield ("sections", i, "subsections", j, "title"), _("subsection «{title}» has no text").format(
                    title=sub.title)


@rule("AV209", "split-bullet-list", "no two bullet lists stand back to back", severity="warning")
def split_bullet_list(agreement, ctx):
    def scan(prefix, blocks):
        for k in range(1, len(blocks)):
            if isinstance(blocks[k - 1], Bullets) and isinstance(blocks[k], Bullets):
                yield (*prefix, k), _("two bullet lists stand back to back; merge them into one")

    yield from scan(("preamble",), agreement.preamble)
    for i, s in enumerate(agreement.sections):
        yield from scan(("sections", i, "blocks"), s.blocks)
