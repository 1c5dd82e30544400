"""A progress bar on stderr for readers that work page by page (PDF, OCR, folders)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator

import click

_SHOWN_FROM = 10  # pages: a shorter file is read before a bar would say anything


@contextlib.contextmanager
def pages_bar(count: int, name: str, what: str = "reading") -> Iterator[Iterable[int]]:
    """Pages 1..count, with a bar on stderr when there are many of them."""
    pages = range(1, count + 1)
    if count < _SHOWN_FROM:
        yield pages
        return
    with click.progressbar(pages, label=f"{what} {name}", file=sys.stderr, show_pos=True) as bar:
        yield bar
