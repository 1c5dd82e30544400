"""Folders of plans: every plan file under a folder, in a stable order.

`dutygraph load DIR` and `serve DIR` take what a person would: files of a format dutygraph
reads, recursively, sorted by their path, without hidden files and folders (`.git`,
`.DS_Store`) and without the temporary files office programs leave beside an open file
(`~$方案.docx`, `.~lock.方案.docx#`, `方案.docx~`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .read import SUPPORTED

_TEMPORARY_PREFIXES = ("~$", ".~lock", "~WRL")
_TEMPORARY_SUFFIXES = ("~", ".tmp", ".crdownload", ".part")


@dataclass(frozen=True, slots=True)
class Found:
    files: tuple[Path, ...]  # to read, in order
    skipped: tuple[tuple[Path, str], ...]  # left out of a folder, with why


def plan_files(paths: tuple[Path, ...] | list[Path]) -> Found:
    """The given files as they are, and each given folder's plan files in sorted order."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for file in sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink()):
            why = _skip_reason(file.relative_to(path))
            if why:
                skipped.append((file, why))
            else:
                files.append(file)
    return Found(tuple(files), tuple(skipped))


def _skip_reason(relative: Path) -> str | None:
    name = relative.name
    if name.startswith(_TEMPORARY_PREFIXES) or name.endswith(_TEMPORARY_SUFFIXES):
        return "a temporary file"
    if any(part.startswith(".") for part in relative.parts):
        return "hidden"
    if relative.suffix.lower() not in SUPPORTED:
        return f"not a plan format ({relative.suffix or 'no extension'})"
    return None
