"""Readers: a file's bytes -> `SourceText` (cleaned lines with their offsets)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dutygraph.errors import InputError

from .model import Line, Metadata, SourceText


def read_file(path: str | Path) -> SourceText:
    """Read a plan file of any supported format."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    return read_text(_decode(data, path), path=str(path), sha256=hashlib.sha256(data).hexdigest())


def read_text(
    text: str, path: str = "<text>", sha256: str | None = None, fmt: str = "txt"
) -> SourceText:
    """Split text into numbered lines; the entry point for plans already in memory."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines: list[Line] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        lines.append(Line(number=number, start=offset, text=raw))
        offset += len(raw) + 1
    return SourceText(
        path=path,
        sha256=sha256,
        format=fmt,  # type: ignore[arg-type]
        text="\n".join(line.text for line in lines),
        lines=tuple(lines),
        metadata=Metadata(),
    )


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: not text in UTF-8 or GB18030")
