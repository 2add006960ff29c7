"""The README's review section shows what `avtale diff` really prints for the pair in docs/review/."""

from pathlib import Path

from avtale import agreements
from avtale.diff import compare, show

ROOT = Path(__file__).resolve().parents[2]
PAIR = ROOT / "docs/review"


def example_diff():
    old = agreements.read(PAIR / "gammel/2022-2025.yaml")
    new = agreements.read(PAIR / "ny/2022-2025.yaml")
    diff = compare(old, new)
    diff.old_label, diff.new_label = "gammel/2022-2025.yaml", "ny/2022-2025.yaml"
    return diff


def test_the_committed_text_and_markdown_are_what_diff_prints():
    diff = example_diff()
    assert (PAIR / "diff.txt").read_text(encoding="utf-8") == show.text(diff)
    assert (PAIR / "diff.md").read_text(encoding="utf-8") == show.markdown(diff)


def test_the_readme_shows_the_text_diff_and_every_redline():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Reviewing changes"):readme.index("### Vanlige feil")]
    shown = "\n".join(line[2:] for line in section.split("```")[1].strip("\n").split("\n"))
    assert shown.strip() == show.text(example_diff()).strip()
    for picture in ("review-html.png", "review-pdf.png", "review-docx.png"):
        assert f"](docs/{picture})" in section and (ROOT / "docs" / picture).stat().st_size > 10_000
    for option in ("--format md", "--format html", "--format pdf", "--format docx"):
        assert option in section
