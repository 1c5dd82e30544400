"""Scanned PDFs and page images (.png .jpg .tif) -> numbered lines, by Tesseract OCR.

Each page is rendered (a PDF's by pdfium, at 150 dpi) and read by the `tesseract` command
with its Simplified Chinese data, one page at a time so memory holds one page image.
Tesseract's lines, with their positions, then go through the same unwrapping as a PDF's
text layer (pdf.paragraphs): running headers and page numbers out, paragraphs whole.
Lines Tesseract is unsure of are named in warnings with their confidence.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import shutil
import statistics
import subprocess
from collections.abc import Iterator

import pypdfium2
from PIL import Image, UnidentifiedImageError

from dutygraph.errors import InputError

from .budgets import Reading
from .numerals import chinese_number, chinese_value
from .pdf import PAGE_LINES, Numbered, PrintedLine, paragraphs, without_running_lines
from .progress import pages_bar
from .vocabulary import LEAD_LABELS, RESPONSIBLE_LABELS, SUPPORT_LABELS, alternation

# Scans are read at 150 dpi: a 16 pt character is then ~33 pixels high, what Tesseract
# reads best, and a page takes a quarter of the time it takes at 300 dpi.
_DPI = 150
_LANGUAGE = "chi_sim"
_LOW_CONFIDENCE = 60  # Tesseract's word confidence, 0-100: below this a line is doubtful
_WARNED_LINES = 20  # low-confidence lines named one by one; the rest are counted
_INSTALL = (
    "OCR needs Tesseract with its Simplified Chinese data (Debian: apt-get install "
    "tesseract-ocr tesseract-ocr-chi-sim; or run scripts/install-system-deps)"
)


def read_image(data: bytes, reading: Reading) -> Numbered:
    """A page image, or each frame of a multi-page TIFF, read by OCR."""
    try:
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(f"{reading.name}: truncated or corrupt image") from exc
    reading.count(count, "pages", "pages")

    def frames() -> Iterator[Image.Image]:
        for index in range(count):
            image.seek(index)
            yield image.convert("L")

    return _ocr_pages(frames(), count, reading)


def read_scanned_pdf(data: bytes, reading: Reading) -> Numbered:
    """A PDF whose pages are pictures of text."""
    _tesseract(reading.name, "a PDF with no text layer (a scan)")
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"{reading.name}: truncated or corrupt PDF ({exc})") from exc
    count = len(pdf)

    def rendered() -> Iterator[Image.Image]:
        for index in range(count):
            page = pdf[index]
            yield page.render(scale=_DPI / 72, grayscale=True).to_pil()
            page.close()

    try:
        return _ocr_pages(rendered(), count, reading)
    finally:
        pdf.close()


def _tesseract(name: str, what: str) -> str:
    binary = shutil.which("tesseract")
    if binary is None:
        raise InputError(f"{name}: {what}: {_INSTALL}")
    return binary


def _ocr_pages(images: Iterator[Image.Image], count: int, reading: Reading) -> Numbered:
    binary = _tesseract(reading.name, "a page image")
    lines: list[PrintedLine] = []
    sizes: list[tuple[float, float]] = []
    doubtful: list[tuple[int, float, str]] = []
    with pages_bar(count, reading.name, "OCR") as bar:
        for number, image in zip(bar, images, strict=False):
            found = _ocr(binary, image, number, reading)
            lines.extend(line for line, _ in found)
            doubtful.extend(
                (line.number, conf, line.text) for line, conf in found if conf < _LOW_CONFIDENCE
            )
            sizes.append((float(image.width), float(image.height)))
            reading.check_time()
    if not lines:
        raise InputError(f"{reading.name}: OCR found no text on its {count} page(s)")
    kept = {line.number for line in without_running_lines(lines, sizes)}
    _warn_doubtful([d for d in doubtful if d[0] in kept], reading)
    repaired = [(number, _repaired(text)) for number, text in paragraphs(list(lines), sizes)]
    return _heading_numbers_restored(repaired)


def _ocr(
    binary: str, image: Image.Image, page: int, reading: Reading
) -> list[tuple[PrintedLine, float]]:
    """One page's lines with their mean word confidence."""
    png = io.BytesIO()
    _binarized(image).save(png, format="PNG")
    try:
        done = subprocess.run(
            [binary, "stdin", "stdout", "-l", _LANGUAGE, "--dpi", str(_DPI), "tsv"],
            input=png.getvalue(),
            capture_output=True,
            timeout=max(reading.seconds_left(), 1),
            # One thread: pages are read one after another, and Tesseract's own threads
            # cost more than they give on a machine with other work (4x wall time here).
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise reading.refuse(f"OCR of page {page} took too long", "parse_seconds") from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines() or ["no message"]
        if "chi_sim" in reason[-1] or "language" in reason[-1].lower():
            raise InputError(f"{reading.name}: {_INSTALL}")
        raise InputError(f"{reading.name}: Tesseract failed on page {page} ({reason[-1][:120]})")
    return _tsv_lines(done.stdout.decode("utf-8", errors="replace"), page)


def _binarized(image: Image.Image) -> Image.Image:
    """Black text on white at the page's own Otsu threshold: on grey scans Tesseract
    drops small marks (the 、 of 二、, the left half of （) that it reads once binarized."""
    grey = image.convert("L")
    histogram = grey.histogram()
    total = sum(histogram)
    weighted = sum(i * n for i, n in enumerate(histogram))
    best, threshold = -1.0, 128
    below = below_weighted = 0
    for level, n in enumerate(histogram):
        below += n
        below_weighted += level * n
        above = total - below
        if below == 0 or above == 0:
            continue
        mean_below = below_weighted / below
        mean_above = (weighted - below_weighted) / above
        spread = below * above * (mean_below - mean_above) ** 2
        if spread > best:
            best, threshold = spread, level
    return grey.point(lambda v: 255 if v > threshold else 0)


def _tsv_lines(tsv: str, page: int) -> list[tuple[PrintedLine, float]]:
    """Tesseract's words grouped into its lines, in reading order."""
    words: dict[tuple[int, int, int], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
            words.setdefault(key, []).append(row)
    found = []
    for index, key in enumerate(sorted(words), start=1):
        line = words[key]
        text = _join([w["text"].strip() for w in line])
        x0 = min(int(w["left"]) for w in line)
        x1 = max(int(w["left"]) + int(w["width"]) for w in line)
        top = min(int(w["top"]) for w in line)
        conf = statistics.mean(float(w["conf"]) for w in line)
        found.append((PrintedLine(page, page * PAGE_LINES + index, text, x0, x1, top, 0.0), conf))
    return _sized(found)


def _sized(found: list[tuple[PrintedLine, float]]) -> list[tuple[PrintedLine, float]]:
    """Each line's type size, as the PDF rules want it, from its character pitch: box
    heights vary with the characters a line holds (a ） stands taller than 局), the width a
    character takes does not. A pitch within a fifth of the page's usual one is the usual."""
    pitches = [_pitch(line) for line, _ in found]
    usual = statistics.median(pitches) if pitches else 0.0
    sized = []
    for (line, conf), pitch in zip(found, pitches, strict=True):
        size = usual if abs(pitch - usual) < 0.2 * usual else pitch
        sized.append((dataclasses.replace(line, size=size), conf))
    return sized


def _pitch(line: PrintedLine) -> float:
    width = sum(1.0 if ord(c) >= 0x2E80 else 0.5 for c in line.text)
    return (line.x1 - line.x0) / max(width, 1.0)


# Tesseract reads a full-width （ as 《 or 〈 more often than not: one that a ) or ） closes
# with no 》 or 〉 in between was a parenthesis.
_MISREAD_PAREN = re.compile(r"[《〈<]([^《〈<》〉>()（）]{0,200}[)）])")


# And a label's colon as ; , . or 、 (责任单位;县财政局): after a clause label opening a
# clause or one of its parts (the labels of vocabulary.py ending in 单位/部门) it was a colon.
_LABELS = tuple(
    w for w in (*RESPONSIBLE_LABELS, *LEAD_LABELS, *SUPPORT_LABELS) if w.endswith(("单位", "部门"))
)
_MISREAD_COLON = re.compile(rf"(?<=[（(；;])({alternation(_LABELS)})[;；,，.、]")
# And the （ before a clause lost altogether: a label straight after a sentence's end,
# its list closed by a ) that nothing opened.
_LOST_PAREN = re.compile(rf"(?<=[。！？])((?:{alternation(_LABELS)})[:：][^（()）]{{1,300}}[)）])")


def _repaired(text: str) -> str:
    text = _MISREAD_PAREN.sub(r"（\1", text)
    text = _MISREAD_COLON.sub(r"\1：", text)
    return _LOST_PAREN.sub(r"（\1", text)


# A heading's number in brackets: （六）, (十二); OCR may give anything in its place.
_BRACKETED = re.compile(r"^[（(]([^（()）]{1,3})[)）]")
_NUMERAL = re.compile("^[一二三四五六七八九十]+$")


def _heading_numbers_restored(lines: Numbered) -> Numbered:
    """A bracketed heading number OCR could not read (（和A）), between headings numbered
    N and N + 2, is N + 1: the plan numbers its headings in order."""
    heads = [(i, m) for i, (_, text) in enumerate(lines) if (m := _BRACKETED.match(text))]
    values = [chinese_value(m[1]) if _NUMERAL.match(m[1]) else None for _, m in heads]
    out = list(lines)
    for k in range(1, len(heads) - 1):
        before, after = values[k - 1], values[k + 1]
        if values[k] is None and before is not None and after == before + 2:
            index, head = heads[k]
            number, text = out[index]
            out[index] = (number, f"（{chinese_number(before + 1)}）{text[head.end() :]}")
    return out


def _join(words: list[str]) -> str:
    """Tesseract separates Chinese characters by spaces that are not in the text; a space
    stays only between two Latin words or numbers."""
    text = ""
    for word in words:
        if (
            text
            and text[-1].isascii()
            and text[-1].isalnum()
            and word[0].isascii()
            and (word[0].isalnum())
        ):
            text += " "
        text += word
    return text


def _warn_doubtful(doubtful: list[tuple[int, float, str]], reading: Reading) -> None:
    for number, conf, text in doubtful[:_WARNED_LINES]:
        reading.warn(number, f"OCR confidence {conf:.0f}%: {text[:40]}")
    if len(doubtful) > _WARNED_LINES:
        rest = len(doubtful) - _WARNED_LINES
        reading.warn(
            doubtful[_WARNED_LINES][0],
            f"{rest} more lines with OCR confidence under {_LOW_CONFIDENCE}%",
        )
