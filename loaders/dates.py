"""Dates as plans print them (2022年3月15日, 二〇二二年三月十五日, 2022-03-15) -> yyyy-mm-dd."""

from __future__ import annotations

import datetime
import re

from .numerals import read_number

_CN = "〇○零OＯ一二三四五六七八九十"
_ARABIC = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CHINESE = re.compile(f"([{_CN}]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日")
_DATE_LINE = re.compile(f"^\\s*[（(]?\\s*(?:{_ARABIC.pattern}|{_CHINESE.pattern})\\s*[）)]?\\s*$")


def iso_date(text: str) -> str | None:
    """The first date in text as yyyy-mm-dd, or None when there is none or it is impossible."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    match = _ARABIC.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _CHINESE.search(text)
        if not match:
            return None
        year = read_number(match.group(1))
        month, day = read_number(match.group(2)), read_number(match.group(3))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_date_line(text: str) -> bool:
    """A line holding only a date, as under a notice's signature."""
    return bool(_DATE_LINE.match(text))
