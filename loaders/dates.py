"""Dates as plans print them (2022年3月15日, 二〇二二年三月十五日, 2022-03-15) -> yyyy-mm-dd."""

from __future__ import annotations

import datetime
import re

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "Ｏ": 0}
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
        year = int("".join(str(_DIGITS[c]) for c in match.group(1)))
        month, day = _small_number(match.group(2)), _small_number(match.group(3))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_date_line(text: str) -> bool:
    """A line holding only a date, as under a notice's signature."""
    return bool(_DATE_LINE.match(text))


def _small_number(text: str) -> int:
    """十 = 10, 十五 = 15, 二十 = 20, 二十一 = 21, 三 = 3."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
