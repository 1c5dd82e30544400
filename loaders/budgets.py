"""Input budgets: how much a reader may take on before it refuses the file (and the
`Reading` of one file that carries them to its reader).

A small file can still ask for a lot: a zip member that inflates a thousandfold, a sheet
whose one cell sits in its far corner, a merge over 200,000 rows. Each reader checks the
budget that applies *before* the work it would cost (sizes from the zip directory, a
sheet's cells and merges from a streaming pass over its XML), so a hostile file fails in
well under a second with one line naming the budget and how to raise it.

Every budget can be raised or lowered by an environment variable, read at each call so a
test or a server can set it without restarting anything.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from dutygraph.errors import InputError

from .model import Warning

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Budgets:
    file_mb: float = 50  # the file itself
    unzipped_mb: float = 100  # all members of a .docx/.xlsx together, once inflated
    zip_ratio: float = 100  # inflated / compressed, for any member over 1 MB inflated
    sheet_cells: int = 1_000_000  # a sheet's rows x columns, from the cells present
    merged_cells: int = 100_000  # cells covered by a sheet's merged ranges
    paragraphs: int = 100_000  # paragraphs, table rows or lines of one document
    pages: int = 2_000  # of a PDF
    parse_seconds: float = 120  # reading one file: pages, OCR, conversion

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Budgets:
        """The defaults with each DUTYGRAPH_MAX_<NAME> that is set applied on top."""
        # Fields chosen by name, each an int or a float as its field is: Any, since mypy
        # checks each keyword of cls(**values) against every field's type.
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(_variable(f.name))
            if raw is None:
                continue
            try:
                value = float(raw)
            except ValueError:
                raise InputError(f"{_variable(f.name)} must be a number; got {raw!r}") from None
            values[f.name] = int(value) if f.type == "int" else value
        return cls(**values)


def _variable(name: str) -> str:
    return f"DUTYGRAPH_MAX_{name.upper()}"


# What each budget counts, for the error message.
_UNITS = {
    "file_mb": "MB",
    "unzipped_mb": "MB inflated",
    "zip_ratio": "x compression",
    "sheet_cells": "cells",
    "merged_cells": "merged cells",
    "paragraphs": "paragraphs",
    "pages": "pages",
    "parse_seconds": "seconds",
}


def refuse(name: str, what: str, budget: str, budgets: Budgets) -> InputError:
    """The one-line error of a passed budget, naming the variable that raises it."""
    limit = getattr(budgets, budget)
    shown = f"{int(limit):,}" if float(limit).is_integer() else f"{limit:g}"
    return InputError(
        f"{name}: {what}, over the budget of {shown} {_UNITS[budget]} (raise {_variable(budget)})"
    )


class Reading:
    """One file being read: the budgets that apply, the clock of its time limit, and the
    warnings its reader leaves for the plan (a low OCR confidence, attachments named)."""

    def __init__(self, name: str, budgets: Budgets | None = None) -> None:
        self.name = name
        self.budgets = budgets or Budgets.from_env()
        self.started = time.monotonic()
        self.warnings: list[Warning] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning(line=line, message=message))

    def refuse(self, what: str, budget: str) -> InputError:
        return refuse(self.name, what, budget, self.budgets)

    def file_size(self, size: int) -> None:
        if size > self.budgets.file_mb * _MB:
            raise self.refuse(f"file of {size / _MB:.1f} MB", "file_mb")

    def count(self, count: int, what: str, budget: str) -> None:
        """A count (paragraphs, cells, pages) against its budget."""
        if count > getattr(self.budgets, budget):
            raise self.refuse(f"{count:,} {what}", budget)

    def seconds_left(self) -> float:
        return self.budgets.parse_seconds - (time.monotonic() - self.started)

    def check_time(self) -> None:
        """Called between units of work (pages, sheets) so a slow file stops in time."""
        if self.seconds_left() <= 0:
            raise self.refuse("reading took too long", "parse_seconds")

    def zip(self, archive: zipfile.ZipFile) -> None:
        """Refuse a zip bomb from its directory alone, before any member is inflated.

        zipfile stops reading a member at the size its directory declares, so checking
        the declared sizes bounds what extraction can produce.
        """
        total = 0
        for info in archive.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _MB and ratio > self.budgets.zip_ratio:
                raise self.refuse(f"member {info.filename} inflates {ratio:.0f}x", "zip_ratio")
        if total > self.budgets.unzipped_mb * _MB:
            raise self.refuse(f"members inflate to {total / _MB:.0f} MB", "unzipped_mb")
