"""Bytes of a text file -> str: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

The encoding is read from the bytes, never from the extension. GB18030 accepts most byte
soup, so a decoded text that is full of control, private-use or unassigned characters is
refused as binary rather than handed to the parser.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from dutygraph.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1a")
# Printable ASCII, Latin, general punctuation, CJK symbols and ideographs, full-width forms.
_UNCOMMON = re.compile(
    "[^\n\r\t -~\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
_BINARY_SHARE = 0.01  # more than 1 % junk characters: not a text file


def decode(data: bytes, name: str) -> str:
    """Decode a text file's bytes; InputError (naming the file) when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), name)
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), not a text plan")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), name)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: binary file or unknown encoding (expected UTF-8 or GB18030/GBK)")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} text after its byte-order mark") from exc


def _checked(text: str, name: str) -> str:
    # Only characters outside the common ranges can be junk; look those up one by one.
    junk = sum(
        1
        for char in _UNCOMMON.findall(text)
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in {"Cc", "Co", "Cn", "Cs"}
    )
    if text and junk > _BINARY_SHARE * len(text):
        raise InputError(f"{name}: binary file (not readable as text)")
    return text
