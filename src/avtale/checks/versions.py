"""Rules on versions: signed means frozen, and `supersedes` names a real agreement."""

from __future__ import annotations

from avtale.checks import rule
from avtale.dates import format_date


@rule("AV401", "signed-is-frozen", "a signed agreement's content matches the hash recorded at sign-off")
def signed_is_frozen(agreement, ctx):
    from avtale.workflow import content_hash

    seal = agreement.seal
    if seal and content_hash(agreement) != seal.sha256:
        yield ("seal", "sha256"), (
            f"this agreement was signed off on {format_date(seal.date)} and its text has changed since; "
            f"signed text is frozen: undo the change, or start a new version with "
            f"`avtale new NEW-ID --from {ctx.path}`"
        )


@rule("AV402", "signed-is-sealed", "a signed agreement carries the seal of `avtale sign-off`", severity="warning")
def signed_is_sealed(agreement, ctx):
    if agreement.status == "signed" and agreement.seal is None:
        yield ("status",), f"status is «signed» but the content is not sealed; run `avtale sign-off {ctx.path}`"


@rule("AV403", "sealed-is-signed", "only a signed agreement carries a seal")
def sealed_is_signed(agreement, ctx):
    if agreement.seal and agreement.status != "signed":
        yield ("seal",), "a draft cannot carry a seal; remove `seal` (it is set by `avtale sign-off`)"


@rule("AV404", "supersedes-resolves", "`supersedes` names an agreement in the same directory")
def supersedes_resolves(agreement, ctx):
    target = agreement.supersedes
    if target is None:
        return
    if target == agreement.id:
        yield ("supersedes",), "an agreement cannot supersede itself"
    elif not (ctx.path.parent / f"{target}.yaml").is_file():
        yield ("supersedes",), f"`supersedes` names «{target}», but there is no {target}.yaml beside this file"
