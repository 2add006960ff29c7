"""Export DOCX files with real tools, exactly as tests/data/extract-corpus was made.

| kind | file | made by |
| --- | --- | --- |
| docx | NAME.docx | (the input) |
| pdf | NAME.pdf | LibreOffice (`soffice --convert-to pdf`) |
| pdftotext | NAME.pdftotext.txt | `pdftotext NAME.pdf` |
| pdftotext-layout | NAME.pdftotext-layout.txt | `pdftotext -layout NAME.pdf` |
| pypdf | NAME.pypdf.txt | pypdf's `extract_text()`, pages joined by "\\n" |
| lo | NAME.lo.txt | LibreOffice (`--convert-to "txt:Text (encoded):UTF8"`) |
| pandoc | NAME.pandoc.txt | `pandoc -f docx -t plain NAME.docx` |
| ocr | NAME.ocr.txt | `tesseract -l nor` on `pdftoppm -r 200 -gray` pages, joined by form feeds |
| scan | NAME.scan.pdf | those page images only, no text layer (Typst puts them on A4 pages) |

LibreOffice starts slowly, so `export_many` converts all files in one `soffice` call per target
(PDF and text, the two at once), each in a private profile under /tmp.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

KINDS = ("docx", "pdf", "pdftotext", "pdftotext-layout", "pypdf", "lo", "pandoc", "ocr", "scan")
SUFFIX = {"docx": ".docx", "pdf": ".pdf", "pdftotext": ".pdftotext.txt", "pdftotext-layout": ".pdftotext-layout.txt",
          "pypdf": ".pypdf.txt", "lo": ".lo.txt", "pandoc": ".pandoc.txt", "ocr": ".ocr.txt", "scan": ".scan.pdf"}
NEEDS_PDF = {"pdf", "pdftotext", "pdftotext-layout", "pypdf", "ocr", "scan"}
TOOLS = {"soffice": {"pdf", "lo"}, "pdftotext": {"pdftotext", "pdftotext-layout"}, "pandoc": {"pandoc"},
         "pdftoppm": {"ocr", "scan"}, "tesseract": {"ocr"}}


class ExportError(RuntimeError):
    pass


def missing_tools(kinds) -> list[str]:
    """The external programs `kinds` need that are not installed."""
    need = {tool for tool, made in TOOLS.items() if made & set(kinds)}
    if NEEDS_PDF & set(kinds):
        need.add("soffice")
    return sorted(t for t in need if not shutil.which(t))


def target(docx_path: Path, kind: str) -> Path:
    docx_path = Path(docx_path)
    return docx_path.with_name(docx_path.name[: -len(".docx")] + SUFFIX[kind])


def export(docx_path: Path | str, kinds=KINDS) -> dict[str, Path]:
    """Export one DOCX to each of `kinds`, beside it: {kind: path}."""
    return export_many([Path(docx_path)], kinds)[0]


def export_many(docx_paths: list[Path], kinds=KINDS, jobs: int = 2, ocr: set[Path] | None = None,
                timeout: float = 1800) -> list[dict[str, Path]]:
    """Export many DOCX files; `ocr` limits the kinds ocr and scan to those files (default: all).

    Returns one {kind: path} per input, in order; a kind that failed for a file is left out
    (a one-line message stands under kind + ".error" instead).
    """
    docx_paths = [Path(p) for p in docx_paths]
    kinds = [k for k in KINDS if k in set(kinds)]
    missing = missing_tools(kinds)
    if missing:
        raise ExportError(f"not installed: {', '.join(missing)}")
    results: list[dict] = [{"docx": p} if "docx" in kinds else {} for p in docx_paths]
    lo_targets = (["pdf"] if NEEDS_PDF & set(kinds) else []) + (["lo"] if "lo" in kinds else [])
    with ThreadPoolExecutor(max(1, min(jobs, len(lo_targets) or 1))) as pool:
        list(pool.map(lambda k: _soffice(docx_paths, k, timeout), lo_targets))
    for res, path in zip(results, docx_paths):
        for k in lo_targets:
            made = target(path, k)
            if made.exists() and made.stat().st_size:
                res[k] = made
            else:
                res[k + ".error"] = f"LibreOffice made no {k}"
    ocr_set = set(docx_paths) if ocr is None else {Path(p) for p in ocr}

    def rest(i: int):
        path, res = docx_paths[i], results[i]
        for kind in kinds:
            if kind in ("docx", "pdf", "lo") or (kind in ("ocr", "scan") and path not in ocr_set):
                continue
            if kind in NEEDS_PDF and "pdf" not in res:
                continue
            try:
                res[kind] = _one(path, kind, res, kinds)
            except (subprocess.SubprocessError, OSError, ValueError) as exc:
                res[kind + ".error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        if "pdf" in res and "pdf" not in kinds:
            res.pop("pdf")

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        list(pool.map(rest, range(len(docx_paths))))
    return results


def _soffice(docx_paths: list[Path], kind: str, timeout: float) -> None:
    """One LibreOffice run converting every file, in a private profile; results beside the inputs."""
    with tempfile.TemporaryDirectory(prefix="foreign-lo-") as tmp:
        out = Path(tmp) / "out"
        convert = "pdf" if kind == "pdf" else "txt:Text (encoded):UTF8"
        by_dir: dict[Path, list[Path]] = {}
        for p in docx_paths:
            by_dir.setdefault(p.parent, []).append(p)
        for folder, paths in by_dir.items():
            cmd = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                   "--convert-to", convert, "--outdir", str(out), *map(str, paths)]
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
            for p in paths:
                made = out / (p.stem + (".pdf" if kind == "pdf" else ".txt"))
                if made.exists():
                    shutil.move(str(made), str(target(p, kind)))


def _one(path: Path, kind: str, res: dict, kinds) -> Path:
    out = target(path, kind)
    pdf = res.get("pdf")
    if kind == "pdftotext":
        subprocess.run(["pdftotext", str(pdf), str(out)], check=True, capture_output=True, timeout=120)
    elif kind == "pdftotext-layout":
        subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, capture_output=True, timeout=120)
    elif kind == "pypdf":
        from pypdf import PdfReader

        out.write_text("\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages), encoding="utf-8")
    elif kind == "pandoc":
        subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(path), "-o", str(out)], check=True,
                       capture_output=True, timeout=120)
    elif kind in ("ocr", "scan"):
        pages = _pages(pdf)
        if kind == "ocr":
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
            texts = [subprocess.run(["tesseract", str(page), "stdout", "-l", "nor"], check=True, capture_output=True,
                                    timeout=300, env=env).stdout.decode("utf-8") for page in pages]
            out.write_text("\f".join(t.rstrip("\f") for t in texts), encoding="utf-8")
        else:
            _scan_pdf(pages, out)
    return out


def _pages(pdf: Path) -> list[Path]:
    """200-dpi grey page images of the PDF, made once and kept beside it (NAME.pages/p-N.png)."""
    folder = pdf.with_name(pdf.name[: -len(".pdf")] + ".pages")
    pages = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])) if folder.exists() else []
    if not pages:
        folder.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(folder / "p")], check=True,
                       capture_output=True, timeout=300)
        pages = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    if not pages:
        raise ValueError(f"pdftoppm made no pages of {pdf.name}")
    return pages


def _scan_pdf(pages: list[Path], out: Path) -> None:
    """An image-only PDF of the page images (A4 at 200 dpi), as the corpus's scans: Typst places them."""
    import typst

    body = "\n#pagebreak()\n".join(f'#image("{p.name}", width: 100%, height: 100%)' for p in pages)
    source = "#set page(width: 210mm, height: 297mm, margin: 0pt)\n" + body + "\n"
    typ = pages[0].parent / "scan.typ"
    typ.write_text(source, encoding="utf-8")
    out.write_bytes(typst.compile(str(typ), root=str(typ.parent), format="pdf"))
