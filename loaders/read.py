"""Readers: a file's bytes -> `SourceText` (cleaned lines with their offsets).

The format is decided by what the bytes are first (a Word file renamed .txt is still read
as Word, a PNG renamed .txt is refused) and by the extension second.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from dutygraph.errors import InputError

from .budgets import Budgets, FileBudget
from .clean import Numbered, clean_lines, finish, split_lines
from .docx import read_docx
from .encoding import decode
from .model import Line, SourceText
from .pasted import rewrite_pasted
from .pdf import read_pdf
from .sheets import read_csv, read_xlsx

SUPPORTED = (".txt", ".md", ".docx", ".xlsx", ".csv", ".pdf")
_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".csv": "csv"}
_TEXT_FORMATS = ("txt", "md")
_READERS = {"docx": read_docx, "xlsx": read_xlsx, "csv": read_csv, "pdf": read_pdf}
# Formats told by their first bytes alone.
_MAGIC = ((b"%PDF-", "pdf"),)

# Magic numbers of formats we are asked about but cannot read, with a hint for each.
_REFUSED = (
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls/.wps); save it as .docx or .xlsx"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
    (b"\x89PNG", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF8", "an image (GIF)"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)


def read_file(path: str | Path, budgets: Budgets | None = None) -> SourceText:
    """Read a plan file of any supported format; InputError names the file on failure."""
    path = Path(path)
    name = str(path)
    budget = FileBudget(name, budgets)
    data = _read_bytes(path, budget)
    fmt = _format(data, path, budget)
    if fmt in _TEXT_FORMATS:
        text = decode(data, name)
        if not text.strip():
            raise InputError(f"{name}: empty file (only blank lines)")
        lines = split_lines(text)
        budget.count(len(lines), "lines", "paragraphs")
    else:
        lines = _READERS[fmt](data, budget)
    source = _assemble(lines, name, hashlib.sha256(data).hexdigest(), fmt)
    if not any(line.text for line in source.lines):
        raise InputError(f"{name}: no text in the file")
    return source


def _format(data: bytes, path: Path, budget: FileBudget) -> str:
    """What the bytes are, then what the extension says; InputError for anything else."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    for magic, what in _REFUSED:
        if data.startswith(magic):
            raise InputError(f"{path}: unsupported format: the file is {what}")
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return _office_format(data, path, suffix, budget)
    if suffix in (".docx", ".xlsx"):
        raise InputError(f"{path}: not a valid {suffix} file (corrupt, or another format renamed)")
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    raise InputError(
        f"{path}: unsupported format {suffix or '(no extension)'}; supported: {' '.join(SUPPORTED)}"
    )


def _office_format(data: bytes, path: Path, suffix: str, budget: FileBudget) -> str:
    """A zip file: Word or Excel by the parts inside it, whatever its extension; a zip
    bomb is refused here, from the directory, before any reader inflates a member."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        what = suffix if suffix in (".docx", ".xlsx") else "zip archive"
        raise InputError(f"{path}: truncated or corrupt {what} ({exc})") from exc
    budget.zip(archive)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise InputError(
        f"{path}: unsupported format: a zip archive that is not a .docx or .xlsx; "
        f"supported: {' '.join(SUPPORTED)}"
    )


def read_text(
    text: str, path: str = "<text>", sha256: str | None = None, fmt: str = "txt"
) -> SourceText:
    """Clean and number a plan already in memory, as read_file does for a text file."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _assemble(split_lines(text), path, sha256, fmt)


def _assemble(lines: Numbered, path: str, sha256: str, fmt: str) -> SourceText:
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
        format=fmt,  # type: ignore[arg-type]
        text="\n".join(line.text for line in out),
        lines=tuple(out),
        metadata=metadata,
    )


def _read_bytes(path: Path, budget: FileBudget) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a plan file")
    try:
        budget.file_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if not data:
        raise InputError(f"{path}: empty file")
    return data
