"""Cleaning: conversion noise, odd spaces, web-page chrome and a covering notice out of a plan.

Works on numbered lines `(number, text)` where number is the line in the original file, so
a dropped line simply disappears and every kept line keeps its own number.
"""

from __future__ import annotations

import re

from .model import Metadata
from .webpage import strip_web_page

Numbered = list[tuple[int, str]]

# Pandoc and Word leave these behind when a .docx is converted to text or Markdown.
_MARKUP = re.compile(
    r"\[bookmark:[^\]\n]*\]"  # pandoc plain: [bookmark: _GoBack]
    r"|\[comment:[^\]\n]*\]"
    r"|\[\]\{[^}\n]*\}"  # pandoc markdown: []{#_Toc123 .anchor}
    r"|\{#[^}\n]*\}"  # {#_Toc123 .anchor}
    r"|!\[[^\]\n]*\]\([^)\n]*\)"  # images: ![](media/image1.png)
    r"|<!--.*?-->"
)
# [text]{.underline} and friends keep their text.
_SPAN = re.compile(r"\[([^\]\n]*)\]\{\.[a-z-]+\}")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x0c\x0b]")
# Spaces with no meaning of their own; the ideographic space is kept until tables are found
# (a pasted table may use it between cells) and turned into a plain space by `finish`.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_SUSPECT = re.compile(
    "[\\[{!<\u200b\u200c\u200d\u2060\ufeff\u00ad\x0c\x0b\u00a0\u2000-\u200a\u202f\u205f]"
)
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_MD_EMPHASIS = re.compile(r"\*\*|__")


def split_lines(text: str) -> Numbered:
    """Number the lines the way an editor does (\\n, \\r\\n or \\r end a line)."""
    return list(enumerate(re.split(r"\r\n|\r|\n", text), start=1))


def clean_chars(text: str) -> str:
    """One line or cell without conversion markup, invisible characters and odd spaces."""
    if not _SUSPECT.search(text):  # most text has none of these: skip the four passes
        return text
    text = _SPAN.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def unmark(text: str) -> str:
    """A Markdown line as plain text: no heading hashes, quote marks, bullets or emphasis."""
    return _MD_EMPHASIS.sub("", _MD_PREFIX.sub("", text))


def clean_lines(lines: Numbered, fmt: str = "txt") -> tuple[Numbered, Metadata]:
    """Clean every line, then drop web-page chrome and the covering notice (kept as metadata)."""
    # One pass over the whole text is much faster than one per line; no pattern crosses a
    # line end, so the lines come back one for one.
    if not lines:
        return [], Metadata()
    texts = clean_chars("\n".join(text for _, text in lines)).split("\n")
    cleaned = [(number, text) for (number, _), text in zip(lines, texts, strict=True)]
    if fmt == "md":
        cleaned = [(number, unmark(text)) for number, text in cleaned]
    return strip_web_page(cleaned)


def finish(text: str) -> str:
    """The last step of every line: ideographic spaces become plain ones, ends are trimmed."""
    return text.replace("\u3000", " ").strip()
