"""Readers: a file's bytes -> `SourceText` (cleaned lines with their offsets).

The format is decided by what the bytes are first (a Word file renamed .txt is still read
as Word, a PNG renamed .txt as a page image) and by the extension second. Formats
LibreOffice reads (.doc .wps .rtf .odt .xls .et .ods) are converted to .docx/.xlsx first.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from dutygraph.errors import InputError

from .budgets import Budgets, Reading
from .clean import Numbered, clean_lines, finish, split_lines
from .docx import read_docx
from .encoding import decode
from .html import is_html, is_mhtml, read_html
from .model import Format, Line, SourceText, Warning
from .ocr import read_image
from .office import convert
from .pasted import rewrite_pasted
from .pdf import read_pdf
from .sheets import read_csv, read_xlsx

SUPPORTED = (
    ".txt",
    ".md",
    ".docx",
    ".xlsx",
    ".csv",
    ".pdf",
    ".png",
    ".jpg",
    ".tif",
    ".html",
    ".htm",
    ".shtml",
    ".mhtml",
    ".doc",
    ".wps",
    ".rtf",
    ".odt",
    ".xls",
    ".et",
    ".ods",
)
_SUFFIXES: dict[str, Format] = {".txt": "txt", ".md": "md", ".markdown": "md", ".csv": "csv"}
_TEXT_FORMATS = ("txt", "md")
_READERS: dict[Format, Callable[[bytes, Reading], Numbered]] = {
    "docx": read_docx,
    "xlsx": read_xlsx,
    "csv": read_csv,
    "pdf": read_pdf,
    "image": read_image,
    "html": read_html,
}
# Formats LibreOffice converts, and what into.
_CONVERTED: dict[Format, Format] = {
    "doc": "docx",
    "wps": "docx",
    "rtf": "docx",
    "odt": "docx",
    "xls": "xlsx",
    "et": "xlsx",
    "ods": "xlsx",
}
# Formats told by their first bytes alone.
_MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"{\\rtf", "rtf"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_SUFFIXES: dict[str, Format] = {".wps": "wps", ".et": "et", ".xls": "xls"}  # else a .doc
_ODF: dict[bytes, Format] = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}

# Magic numbers of formats we are asked about but cannot read, with a hint for each.
_REFUSED = (
    (b"GIF8", "an image (GIF); save it as PNG"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)


def read_file(path: str | Path, budgets: Budgets | None = None) -> SourceText:
    """Read a plan file of any supported format; InputError names the file on failure."""
    path = Path(path)
    name = str(path)
    reading = Reading(name, budgets)
    data = _read_bytes(path, reading)
    fmt = _format(data, path, reading)
    if fmt in _TEXT_FORMATS:
        text = decode(data, name)
        if not text.strip():
            raise InputError(f"{name}: empty file (only blank lines)")
        lines = split_lines(text)
        reading.count(len(lines), "lines", "paragraphs")
    elif fmt in _CONVERTED:
        target = _CONVERTED[fmt]
        converted = convert(data, f".{fmt}", target, reading)
        reading.zip(zipfile.ZipFile(io.BytesIO(converted)))  # the budget holds for it too
        lines = _READERS[target](converted, reading)
    else:
        lines = _READERS[fmt](data, reading)
    source = _assemble(lines, name, hashlib.sha256(data).hexdigest(), fmt, reading.warnings)
    if not any(line.text for line in source.lines):
        raise InputError(f"{name}: no text in the file")
    return source


def _format(data: bytes, path: Path, reading: Reading) -> Format:
    """What the bytes are, then what the extension says; InputError for anything else."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    for magic, what in _REFUSED:
        if data.startswith(magic):
            raise InputError(f"{path}: unsupported format: the file is {what}")
    suffix = path.suffix.lower()
    if data.startswith(_OLE):
        return _ole_format(data, suffix)
    if data.startswith(b"PK\x03\x04"):
        return _office_format(data, path, suffix, reading)
    if is_html(data) or is_mhtml(data):
        return "html"
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix in SUPPORTED:  # a format known by its bytes, and these are not its
        raise InputError(f"{path}: not a valid {suffix} file (corrupt, or another format renamed)")
    raise InputError(
        f"{path}: unsupported format {suffix or '(no extension)'}; supported: {' '.join(SUPPORTED)}"
    )


def _ole_format(data: bytes, suffix: str) -> Format:
    """A legacy Office file (Word, Excel, WPS, ET): the streams it names tell which."""
    if "WordDocument".encode("utf-16-le") in data:
        return "wps" if suffix == ".wps" else "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "et" if suffix == ".et" else "xls"
    return _OLE_SUFFIXES.get(suffix, "doc")


def _office_format(data: bytes, path: Path, suffix: str, reading: Reading) -> Format:
    """A zip file: Word, Excel or OpenDocument by the parts inside it, whatever its
    extension; a zip bomb is refused here, from the directory, before a member is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        what = suffix if suffix in (".docx", ".xlsx") else "zip archive"
        raise InputError(f"{path}: truncated or corrupt {what} ({exc})") from exc
    reading.zip(archive)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        fmt = _ODF.get(archive.read("mimetype").strip())
        if fmt:
            return fmt
    raise InputError(
        f"{path}: unsupported format: a zip archive that is not a .docx, .xlsx, .odt or .ods; "
        f"supported: {' '.join(SUPPORTED)}"
    )


def read_text(
    text: str, path: str = "<text>", sha256: str | None = None, fmt: Format = "txt"
) -> SourceText:
    """Clean and number a plan already in memory, as read_file does for a text file."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _assemble(split_lines(text), path, sha256, fmt)


def _assemble(
    lines: Numbered, path: str, sha256: str, fmt: Format, warnings: list[Warning] | None = None
) -> SourceText:
    """Clean the lines, rewrite pasted tables, and give each kept line its offset."""
    cleaned, metadata = clean_lines(lines, fmt)
    out: list[Line] = []
    offset = 0
    for number, raw in rewrite_pasted(cleaned):
        text = finish(raw)
        out.append(Line(number=number, start=offset, text=text))
        offset += len(text) + 1
    return SourceText(
        path=path,
        sha256=sha256,
        format=fmt,
        text="\n".join(line.text for line in out),
        lines=tuple(out),
        metadata=metadata,
        warnings=tuple(warnings or ()),
    )


def _read_bytes(path: Path, reading: Reading) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a plan file")
    try:
        reading.file_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if not data:
        raise InputError(f"{path}: empty file")
    return data
