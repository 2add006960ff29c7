"""Run the CLI on every bad input in tests/corpus/: exit code, message, nothing changed, bounded cost."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import resource
import shutil
import struct
import subprocess
import threading
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from avtale import store
import corpus_makers
from conftest import AGREEMENTS, ROOT, SEED_2022

CORPUS = ROOT / "tests" / "corpus"
# The first round's cases in cases.yaml; later rounds in cases/NAME.yaml, one file per class of input.
CASES = [case for path in [CORPUS / "cases.yaml", *sorted((CORPUS / "cases").glob("*.yaml"))]
         for case in store.load_plain(path)]
TIME_LIMIT = 10  # seconds
MEMORY_LIMIT = 512 * 1024 * 1024  # bytes of address space


# --- inputs too large or too odd to commit -----------------------------------------


def big_scalar(path: Path) -> None:
    """A 50 MB file: one flow sequence, nested past the depth limit, then a huge scalar."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[" * 100 + "x" * (50 * 1024 * 1024) + "]" * 100 + "\n")


def directory(path: Path) -> None:
    path.mkdir()


def symlink_logo(path: Path) -> None:
    (path.parent / "ks-logo.png").symlink_to("/etc/passwd")


def seed_text(path: Path) -> None:
    shutil.copy(SEED_2022, path)


# --- DOCX and PDF: built from a real agreement, then broken --------------------------

GIB = 1 << 30


@functools.cache
def _built(fmt: str) -> bytes:
    from avtale import agreements, render

    return render.render(agreements.read(AGREEMENTS / "2014-2017.yaml"), fmt)


def _zeros_deflated(size: int) -> bytes:
    """A raw deflate stream of `size` zero bytes, made in milliseconds: after a full flush
    every MiB of zeros compresses to the same block, so the block is repeated."""
    mib = bytes(1 << 20)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(mib) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(mib) + z.flush(zlib.Z_FULL_FLUSH)
    return first + block * (size // len(mib) - 1) + z.flush()


def _crc_zeros(size: int) -> int:
    crc, mib = 0, bytes(1 << 20)
    for _ in range(size // len(mib)):
        crc = zlib.crc32(mib, crc)
    return crc


def _zip(path: Path, parts: list[tuple[str, bytes, int, int]]) -> None:
    """Write a zip by hand from (name, deflated data, crc, size as the headers declare it)."""
    body, directory = b"", b""
    for name, data, crc, size in parts:
        n = name.encode()
        head = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x21, crc, len(data), size, len(n), 0)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + head + struct.pack("<HHHII", 0, 0, 0, 0, len(body)) + n
        body += b"PK\x03\x04" + head + n + data
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    path.write_bytes(body + directory + b"PK\x05\x06" + end)


def _bomb(path: Path, declared: int) -> None:
    """[Content_Types].xml and _rels/.rels of a real DOCX, and a word/document.xml of 1 GiB of zeros."""
    src = zipfile.ZipFile(io.BytesIO(_built("docx")))
    parts = []
    for name in ("[Content_Types].xml", "_rels/.rels"):
        raw = src.read(name)
        z = zlib.compressobj(9, zlib.DEFLATED, -15)
        parts.append((name, z.compress(raw) + z.flush(), zlib.crc32(raw), len(raw)))
    parts.append(("word/document.xml", _zeros_deflated(GIB), _crc_zeros(GIB), declared))
    _zip(path, parts)


def docx_zip_bomb(path: Path) -> None:
    _bomb(path, GIB)


def docx_zip_bomb_lying_header(path: Path) -> None:
    _bomb(path, 12_000)


def _rezip(path: Path, edit: dict[str, bytes | None]) -> None:
    """The built DOCX with parts replaced (bytes) or left out (None)."""
    src = zipfile.ZipFile(io.BytesIO(_built("docx")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = edit.get(name, src.read(name))
            if data is not None:
                out.writestr(name, data)


def _part(name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(_built("docx"))).read(name).decode("utf-8")


def docx_xxe(path: Path) -> None:
    xml = _part("word/document.xml").replace("<w:document ", '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<w:document ', 1)
    _rezip(path, {"word/document.xml": xml.replace("Formålet", "&xxe;Formålet", 1).encode()})


def docx_entity_bomb_in_content_types(path: Path) -> None:
    lol = '<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi")) + "]>"
    _rezip(path, {"[Content_Types].xml": _part("[Content_Types].xml").replace("<Types ", lol + "<Types ", 1).encode()})


def docx_missing_document(path: Path) -> None:
    _rezip(path, {"word/document.xml": None})


def docx_missing_content_types(path: Path) -> None:
    _rezip(path, {"[Content_Types].xml": None})


def docx_absurd_numbering(path: Path) -> None:
    """10,000 levels, junk and huge start values, list styles linking to each other, a list whose
    definition is missing, a numId that exists nowhere, styles based on each other in a loop."""
    levels = "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="{10**30}"/><w:lvlText w:val="%1."/></w:lvl>' for k in range(10_000))
    numbering = _part("word/numbering.xml").replace('<w:start w:val="1"/>', '<w:start w:val="abc"/>', 1).replace("</w:numbering>", (
        f'<w:abstractNum w:abstractNumId="5">{levels}<w:lvl w:ilvl="x"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="7"><w:numStyleLink w:val="LoopA"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="8"><w:numStyleLink w:val="LoopB"/></w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="5"/></w:num><w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num><w:num w:numId="9"><w:abstractNumId w:val="404"/></w:num>'
        "</w:numbering>"))
    loop = ''.join(f'<w:style w:type="paragraph" w:styleId="Loop{a}"><w:name w:val="Loop{a}"/><w:basedOn w:val="Loop{b}"/>'
                   f'<w:pPr><w:numPr><w:numId w:val="{n}"/></w:numPr></w:pPr></w:style>' for a, b, n in (("A", "B", 8), ("B", "A", 7)))
    styles = _part("word/styles.xml").replace("</w:styles>", loop + "</w:styles>")
    document = _part("word/document.xml")
    for num_id in ("7", "9", "12345", "5"):  # four of the bullet items (numId 2) point elsewhere
        document = document.replace('<w:numId w:val="2"/></w:numPr>', f'<w:numId w:val="{num_id}"/></w:numPr>', 1)
    document = document.replace('<w:pStyle w:val="ListParagraph"/>', '<w:pStyle w:val="LoopA"/>', 1)
    _rezip(path, {"word/numbering.xml": numbering.encode(), "word/styles.xml": styles.encode(), "word/document.xml": document.encode()})


def _pdf(path: Path, objects: list[bytes]) -> None:
    """Write a PDF by hand: objects 1..n (1 is the catalog), a correct cross-reference table."""
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    path.write_bytes(out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))


def pdf_thousand_pages(path: Path) -> None:
    kids = b" ".join(b"%d 0 R" % (3 + k) for k in range(1000))
    _pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1000 /Kids [" + kids + b"] >>"]
         + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * 1000)


def pdf_bomb_stream(path: Path) -> None:
    """One page whose content stream inflates to 1 GiB (zlib wrapper around the zero stream)."""
    data = b"\x78\xda" + _zeros_deflated(GIB) + b"\x00\x00\x00\x01"  # Adler-32 never reached
    _pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"])


def pdf_huge_page(path: Path) -> None:
    """A page without text (so read by OCR) 20,000 points square: 83,333 pixels a side at 300 dpi."""
    _pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 20000 20000] >>"])


def pdf_truncated(path: Path) -> None:
    raw = _built("pdf")
    path.write_bytes(raw[: len(raw) // 2])


def pdf_broken_xref(path: Path) -> None:
    """Every offset in the cross-reference table wrong by 7 bytes, and startxref pointing nowhere."""
    raw = _built("pdf")
    raw = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m.group(1)) + 7, m.group(2)), raw)
    path.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n999999", raw))


def pdf_encrypted(path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_built("pdf")))
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(path)


MAKERS = {f.__name__: f for f in (
    big_scalar, directory, symlink_logo, seed_text, docx_zip_bomb, docx_zip_bomb_lying_header, docx_xxe,
    docx_entity_bomb_in_content_types, docx_missing_document, docx_missing_content_types, docx_absurd_numbering,
    pdf_thousand_pages, pdf_bomb_stream, pdf_huge_page, pdf_truncated, pdf_broken_xref, pdf_encrypted,
)}
MAKERS.update(corpus_makers.ALL)  # later rounds' generators, one module per class of input


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        elif not p.is_file():  # a FIFO or a socket a case made: never opened (a read could block)
            out[rel] = "special"
        else:
            with p.open("rb") as fh:  # in pieces: a case's file may be a sparse 700 MB one
                out[rel] = hashlib.file_digest(fh, "sha256").hexdigest() + f":{p.stat().st_mtime_ns}"
    return out


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# The command run as `python -m avtale` does, writing its peak memory to a file as it exits: the high-water mark
# of its own memory (VmHWM) and of the children it waited for (a converter, a reader). The peak that wait4 gives
# would not do: a child forked from this test process starts as a copy of it, and Linux counts that copy's
# resident pages in the child's peak, so every command measured as large as the test run had grown (585 MB).
_MEASURED = """\
import atexit, os, resource, runpy, sys
def _peak():
    with open("/proc/self/status") as status:
        own = int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["AVTALE_TEST_PEAK"], "w") as out:
        out.write(str(max(own, children)))
atexit.register(_peak)
sys.argv = ["avtale", *sys.argv[1:]]
runpy.run_module("avtale", run_name="__main__", alter_sys=True)
"""


def run_bounded(args: list[str], cwd: Path, peak_file: Path) -> tuple[int, str, float, int]:
    """Run the CLI under the time and memory limits; (exit code, output, seconds, peak RSS in KB, as the
    command itself measured it into `peak_file`)."""
    start = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1",  # findings before the summary
           "AVTALE_TEST_PEAK": str(peak_file)}
    proc = subprocess.Popen([sys.executable, "-c", _MEASURED, *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, preexec_fn=_limit_memory, env=env)
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        proc.kill()

    timer = threading.Timer(TIME_LIMIT, kill)
    timer.start()
    try:
        out = proc.stdout.read()
        proc.wait()
    finally:
        timer.cancel()
    proc.stdout.close()
    if timed_out.is_set():
        pytest.fail(f"took more than {TIME_LIMIT} s: {args}")
    if not peak_file.exists():
        pytest.fail(f"the command did not report its peak memory: {args}\n{out.decode('utf-8', 'replace')}")
    return proc.returncode, out.decode("utf-8", "replace"), time.monotonic() - start, int(peak_file.read_text())


def _id(case):
    return f"{case['file']}:{case['run'][0] if not case['run'][0].startswith('--') else case['run'][2]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_corpus_case(case, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(CORPUS, work, ignore=shutil.ignore_patterns("cases.yaml", "cases"))
    target = work / case["file"]
    if "make" in case:
        MAKERS[case["make"]](target)
    folder = target.parent
    name = target.name
    before = snapshot(work)
    args = [a.replace("{file}", name) for a in case["run"]]
    code, out, seconds, peak_kb = run_bounded(args, folder, tmp_path / "peak")
    lines = out.splitlines()
    assert "Traceback" not in out, out
    assert code == case["exit"], out
    assert lines and lines[0] == case["says"].replace("{file}", name), out
    after = snapshot(work)
    made = case.get("creates", [])  # files the command is meant to write (relative to the case's folder)
    for rel in made:
        key = str((folder / rel).relative_to(work))
        assert key in after and after[key] != before.get(key), f"{rel} was not written"
        before[key] = after[key]
    assert after == before, "a file was created or changed"
    assert 5_000 < peak_kb and peak_kb * 1024 < MEMORY_LIMIT  # (an interpreter alone holds more than 5 MB)


def test_every_committed_corpus_file_has_a_case():
    named = {c["file"] for c in CASES}
    committed = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")
                 if p.is_file() and p.name not in ("cases.yaml", "README.md") and p.parent.name != "cases"}
    assert committed <= named, committed - named
