"""Readers: a file's bytes -> `SourceText` (cleaned lines with their offsets).

The format is decided by what the bytes are first (a Word file renamed .txt is still read
as Word, a PNG renamed .txt is refused) and by the extension second.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dutygraph.errors import InputError

from .clean import Numbered, clean_lines, finish, split_lines
from .encoding import decode
from .model import Line, Metadata, SourceText
from .pasted import rewrite_pasted

SUPPORTED = (".txt", ".md", ".docx", ".xlsx", ".csv")
_TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}

# Magic numbers of formats we are asked about but cannot read, with a hint for each.
_REFUSED = (
    (b"%PDF-", "a PDF; save it as .docx or .txt"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls/.wps); save it as .docx or .xlsx"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
    (b"\x89PNG", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF8", "an image (GIF)"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)


def read_file(path: str | Path) -> SourceText:
    """Read a plan file of any supported format; InputError names the file on failure."""
    path = Path(path)
    data = _read_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    for magic, what in _REFUSED:
        if data.startswith(magic):
            raise InputError(f"{path}: unsupported format: the file is {what}")
    suffix = path.suffix.lower()
    if suffix not in _TEXT_SUFFIXES:
        raise InputError(
            f"{path}: unsupported format {suffix or '(no extension)'}; "
            f"supported: {' '.join(SUPPORTED)}"
        )
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty file (only blank lines)")
    return read_text(text, path=str(path), sha256=sha256, fmt=_TEXT_SUFFIXES[suffix])


def read_text(
    text: str, path: str = "<text>", sha256: str | None = None, fmt: str = "txt"
) -> SourceText:
    """Clean and number a plan already in memory, as read_file does for a text file."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines, metadata = clean_lines(split_lines(text), fmt)
    return source_text(rewrite_pasted(lines), path, sha256, fmt, metadata)


def source_text(
    lines: Numbered, path: str, sha256: str, fmt: str, metadata: Metadata
) -> SourceText:
    """Give each kept line its offset in the joined text."""
    out: list[Line] = []
    offset = 0
    for number, raw in lines:
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


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a plan file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if not data:
        raise InputError(f"{path}: empty file")
    return data
