"""Numbers as plans print them (十二, 一百零五, 二〇二五, ２０２５), read and written in one place:
heading numbers, printed table numbering, years and days in dates and deadlines."""

from __future__ import annotations

# 〇 and 零 are both zero; ○ and the letter O stand in for 〇 in typed and scanned years.
DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "Ｏ": 0}
_WRITTEN = "零一二三四五六七八九"
_POWERS = ((10**8, "亿"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"))
_POWER_OF = {name: power for power, name in _POWERS}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, 300000 -> 三十万."""
    if n < 10:
        return _WRITTEN[n]
    if n < 20:
        return "十" + (_WRITTEN[n - 10] if n > 10 else "")
    for power, name in _POWERS:
        if n >= power:
            high, low = divmod(n, power)
            gap = "零" if 0 < low < power // 10 else ""
            return chinese_number(high) + name + gap + (_low(low) if low else "")
    return _WRITTEN[n]


def _low(n: int) -> str:
    """The rest after a power: 一十五 reads 十五 only at the start (一百一十五)."""
    return "一" + chinese_number(n) if 10 <= n < 20 else chinese_number(n)


def chinese_value(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 一百零五 -> 105, 三十万 -> 300000 (inverts chinese_number);
    other characters are passed over."""
    total = section = current = 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char] or current
            continue
        power = _POWER_OF.get(char)
        if power is None:
            continue
        if power >= 10**4:
            total = (total + section + current) * power
            section = current = 0
        else:
            section += (current or 1) * power
            current = 0
    return total + section + current


def counting_value(text: str) -> int | None:
    """The number a heading counts (三 -> 3, 二十四 -> 24), or None when `text` is not a number
    written the usual way (十十, 二二): the one chinese_number would write for it."""
    if not text or any(c not in DIGITS and c not in _POWER_OF for c in text):
        return None
    value = chinese_value(text)
    return value if value and chinese_number(value) == text else None


def read_number(text: str) -> int:
    """2025, ２０２５, 二〇二五, 6, 六, 十, 十二, 二十一 as a number: digits without a power
    (十, 百) are read one by one, as years are printed."""
    text = text.translate(_FULL_WIDTH)
    if text.isdigit():
        return int(text)
    if any(c in _POWER_OF for c in text):
        return chinese_value(text)
    return int("".join(str(DIGITS[c]) for c in text))
