"""Character folding: one spelling for full/half width and Traditional/Simplified.

The parser matches on a folded copy of the text. Folding maps every character to exactly
one character, so an offset in the folded copy is the same offset in the original: spans
and printed text (`written`, task text) come from the original, while matching and
canonical names come from the folded copy.
"""

from __future__ import annotations

import re

from hanziconv.charmap import simplified_charmap, traditional_charmap

# Half-width punctuation becomes the full-width form these plans mostly print.
_WIDTH = {
    "(": "（",
    ")": "）",
    ":": "：",
    ";": "；",
    ",": "，",
    "?": "？",
    "!": "！",
    "／": "/",  # a list of units split by the slash (A／B), as by the half-width one
    "\u3000": " ",
    "\u00a0": " ",
    # Small and half-width forms of the same marks (1﹒, ﹑, ｡).
    "﹒": "．",
    "﹐": "，",
    "﹑": "、",
    "﹔": "；",
    "﹕": "：",
    "﹙": "（",
    "﹚": "）",
    "｡": "。",
    "､": "、",
}
# Full-width digits and Latin letters become ASCII.
_WIDTH.update({chr(0xFF10 + i): str(i) for i in range(10)})
_WIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_WIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})

# Traditional characters become Simplified ones, one for one (hanziconv's character map:
# a plan printed in Traditional characters names the same units as a Simplified one).
_TRADITIONAL_TO_SIMPLIFIED = dict(zip(traditional_charmap, simplified_charmap, strict=True))

_TABLE = str.maketrans({**_TRADITIONAL_TO_SIMPLIFIED, **_WIDTH})

# `【责任单位】A、B` is the bracketed spelling of `责任单位：A、B`; rewriting it in place
# (open bracket -> space, close bracket -> colon) keeps every offset.
_BRACKET_LABEL = re.compile(r"[【〔\[［]([一-龥]{2,8}?(?:单位|部门|领导|时限|时间|主体))[】〕\]］]")


def fold(text: str) -> str:
    """Return `text` folded character by character (same length, same offsets)."""
    folded = text.translate(_TABLE)
    return _BRACKET_LABEL.sub(lambda m: " " + m.group(1) + "：", folded)
