"""The diff shown as terminal text and as Markdown."""

from __future__ import annotations

from avtale.diff import compare, show
from test_compare import agreement, sections


def changed():
    return agreement(sections=sections(
        ("Formål", ["Avtalen skal styrke kvaliteten i barnehagen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]),
        ("Evaluering", ["Avtalen evalueres <script>alert(1)</script> *hvert* år."]),
    ))


def test_text_format_exact():
    assert show.text(compare(agreement(), changed())) == (
        "Endringer fra a til a\n"
        "3 kapitler: 1 endret, 1 nytt og 1 fjernet.\n"
        "\n"
        "~ 1 Formål (endret)\n"
        "  ~ Avtalen skal styrke kvaliteten i [-skolen-]{+barnehagen+}.\n"
        "\n"
        "- 3 Økonomi (fjernet)\n"
        "  - [-Ingen nye midler.-]\n"
        "\n"
        "+ 3 Evaluering (nytt)\n"
        "  + {+Avtalen evalueres <script>alert(1)</script> *hvert* år.+}\n"
    )


def test_text_colour_uses_red_and_green():
    out = show.text(compare(agreement(), changed()), colour=True)
    assert "\033[31mskolen\033[0m\033[32mbarnehagen\033[0m." in out


def test_no_changes():
    assert show.text(compare(agreement(), agreement())) == "Endringer fra a til a\nIngen endringer i avtalen.\n"
    assert "Ingen endringer" in show.markdown(compare(agreement(), agreement()))


def test_markdown_exact_and_escaped():
    assert show.markdown(compare(agreement(), changed())) == (
        "## Endringer fra a til a\n"
        "\n"
        "3 kapitler: 1 endret, 1 nytt og 1 fjernet.\n"
        "Slettet tekst er ~~gjennomstreket~~, ny tekst er **uthevet**.\n"
        "\n"
        "### 1 Formål (endret)\n"
        "\n"
        "- *endret:* Avtalen skal styrke kvaliteten i ~~skolen~~**barnehagen**.\n"
        "\n"
        "### 3 Økonomi (fjernet)\n"
        "\n"
        "- *fjernet:* ~~Ingen nye midler.~~\n"
        "\n"
        "### 3 Evaluering (nytt)\n"
        "\n"
        "- *ny:* **Avtalen evalueres \\<script\\>alert(1)\\</script\\> \\*hvert\\* år.**\n"
    )
