"""`make extract-score`: run `avtale extract` on every source of the extraction corpus and score it.

Prints one line per source (exact or what differs, by area: meta, parties, body,
signing) and a table per source kind (exact count, word similarity of the body).
A source the corpus README names as unable to hold the whole gold is held to
what it does hold (see `HELD`). A text export of a PDF whose only differences are
paragraph ends it does not show (`avtale.extract.compare.unsure_breaks`: no blank line,
and a line as long as lines that wrap) is counted «held», apart from «exact»; so is an OCR source
whose structure is exact (`compare.structure`: every block, list item, party and signatory where
the gold has it) and whose words are 98 % right or more (issue 12's bar for OCR). Usage:

    python bench/extract_score.py [CORPUS_DIR] [--jobs N] [--only d01,d02] [--kinds docx,pdf]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from avtale.extract.compare import OCR_KINDS, OCR_WORDS  # issue 12's bar for OCR

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "data" / "extract-corpus"
KINDS = ("docx", "pdf", "pdftotext", "pdftotext-layout", "pypdf", "lo", "pandoc", "ocr", "scan")


def _flatten(want):
    """Headings only, no numbers: every subsection becomes a section of its own (pandoc drops Word's automatic numbers)."""
    from avtale.model import Section

    sections = []
    for s in want.sections:
        sections.append(Section(title=s.title, blocks=s.blocks))
        sections += [Section(title=b.title, blocks=b.blocks) for b in s.subsections]
    return want.model_copy(update={"numbering": "none", "sections": sections})


# What a source cannot hold (the corpus README's «What some sources cannot hold"):
# either a changed gold, or areas that are excused (scored by word similarity only).
HELD = {
    ("d01", "pandoc"): _flatten,
    ("d06", "pandoc"): _flatten,
    ("d01", "pdftotext"): ("body",),
}


@dataclass
class Score:
    doc: str
    kind: str
    exact: bool = False
    similarity: float = 0.0
    differs: dict[str, str] = field(default_factory=dict)
    excused: tuple[str, ...] = ()
    error: str = ""
    seconds: float = 0.0
    unsure: bool = False  # exact but for paragraph ends the exported text does not show (compare.unsure_breaks)
    shaped: bool = False  # OCR: the structure exact (compare.structure), words aside

    @property
    def held(self) -> bool:
        return self.exact or self.unsure or self.shaped and self.similarity >= OCR_WORDS


def source_path(corpus: Path, doc: str, kind: str) -> Path:
    name = {"docx": f"{doc}.docx", "pdf": f"{doc}.pdf", "scan": f"{doc}.scan.pdf"}.get(kind, f"{doc}.{kind}.txt")
    return corpus / "src" / name


def score_one(corpus: Path, doc: str, kind: str, jobs: int = 1) -> Score:
    from avtale import agreements
    from avtale.errors import AvtaleError
    from avtale.extract import extract
    from avtale.extract.compare import PDF_TEXT_KINDS, differences, merge_unsure, structure, unsure_breaks, word_similarity

    out = Score(doc, kind)
    want = agreements.read(corpus / "gold" / f"{doc}.yaml")
    held = HELD.get((doc, kind))
    if callable(held):
        want = held(want)
    elif held:
        out.excused = held
    t0 = time.perf_counter()
    try:
        got = extract(source_path(corpus, doc, kind), id=doc, jobs=jobs).agreement
    except AvtaleError as exc:
        out.error = str(exc)
        return out
    except Exception:  # noqa: BLE001 — a crash is a result here, shown with its last frame
        out.error = "crash: " + traceback.format_exc().strip().splitlines()[-1]
        return out
    finally:
        out.seconds = time.perf_counter() - t0
    out.differs = differences(got, want)
    out.similarity = word_similarity(got, want)
    out.exact = not (set(out.differs) - set(out.excused))
    if not out.exact and kind in PDF_TEXT_KINDS:
        breaks = unsure_breaks(source_path(corpus, doc, kind).read_text(encoding="utf-8", errors="replace"))
        out.unsure = bool(breaks) and not differences(merge_unsure(got, breaks), merge_unsure(want, breaks))
    if not out.exact and kind in OCR_KINDS:
        out.shaped = structure(got) == structure(want)
    return out


def docs(corpus: Path) -> list[str]:
    return sorted(p.stem for p in (corpus / "gold").glob("d*.yaml"))


def run(corpus: Path = DEFAULT_CORPUS, kinds=KINDS, only=None, jobs: int = 2) -> list[Score]:
    tasks = [(d, k) for d in docs(corpus) if not only or d in only for k in kinds if source_path(corpus, d, k).exists()]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(score_one, corpus, d, k) for d, k in tasks]
        return [f.result() for f in futures]


def report(scores: list[Score], out=sys.stdout) -> None:
    for s in scores:
        if s.error:
            status = f"ERROR  {s.error}"
        elif s.exact:
            status = "exact" + (f"  (held to what it holds; {', '.join(s.excused)} by words: {s.similarity:.3f})" if s.excused else "")
        elif s.held and s.shaped:
            status = f"held     structure exact, words {s.similarity:.3f}; " + "; ".join(
                f"{a}: {d}" for a, d in s.differs.items() if a not in s.excused)
        elif s.unsure:
            status = "held     exact but for paragraph ends the text does not show; " + "; ".join(
                f"{a}: {d}" for a, d in s.differs.items() if a not in s.excused)
        else:
            status = "differs  " + "; ".join(f"{a}: {d}" for a, d in s.differs.items() if a not in s.excused)
        print(f"{s.doc} {s.kind:<17} {s.similarity:.3f} {s.seconds:5.1f}s  {status}", file=out)
    print(file=out)
    by_kind: dict[str, list[Score]] = defaultdict(list)
    for s in scores:
        by_kind[s.kind].append(s)
    print(f"{'kind':<17} {'exact':>7} {'held':>7} {'words':>6}  " + "  ".join(f"{a:>7}" for a in ("meta", "parties", "body", "signing")), file=out)
    for kind in list(KINDS) + ["all"]:
        rows = scores if kind == "all" else by_kind.get(kind, [])
        if not rows:
            continue
        exact = sum(s.exact for s in rows)
        held = sum(s.held for s in rows)
        sim = sum(s.similarity for s in rows) / len(rows)
        wrong = {a: sum(1 for s in rows if a in s.differs and a not in s.excused or s.error) for a in ("meta", "parties", "body", "signing")}
        print(f"{kind:<17} {exact:>3}/{len(rows):<3} {held:>3}/{len(rows):<3} {sim:6.3f}  " + "  ".join(f"{wrong[a]:>7}" for a in wrong), file=out)
    print("(held: exact on what the source holds, paragraph ends a PDF's text export does not show left open;"
          f" OCR: structure exact and words ≥ {OCR_WORDS}; area columns: sources where that area differs)", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=Path(os.environ.get("CORPUS", DEFAULT_CORPUS)))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only", default="")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args(argv)
    only = set(filter(None, args.only.split(",")))
    t0 = time.perf_counter()
    scores = run(args.corpus, tuple(args.kinds.split(",")), only, args.jobs)
    report(scores)
    print(f"corpus: {sum(s.exact for s in scores)} of {len(scores)} sources exact, {sum(s.held for s in scores)} on what"
          f" they hold, in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
