"""Numbers as plans print them, read and written by loaders/numerals.py."""

from __future__ import annotations

from dutygraph.loaders.numerals import chinese_number, chinese_value, counting_value, read_number


def test_chinese_value_inverts_chinese_number():
    assert [chinese_value(chinese_number(n)) for n in range(1, 100)] == list(range(1, 100))
    big = [100, 101, 110, 115, 999, 1000, 1001, 1010, 10000, 10010, 120034, 300000]
    assert [chinese_value(chinese_number(n)) for n in big] == big


def test_chinese_number():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 35, 105, 110, 300000)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "三十五",
        "一百零五",
        "一百一十",
        "三十万",
    ]


def test_counting_value_reads_only_numbers_written_the_usual_way():
    assert [counting_value(t) for t in ("一", "九", "十", "十二", "二十四", "一百零五")] == [
        1,
        9,
        10,
        12,
        24,
        105,
    ]
    assert [counting_value(t) for t in ("十十", "二二", "〇", "", "一a")] == [None] * 5


def test_read_number_reads_years_digit_by_digit_and_counts_with_powers():
    assert [read_number(t) for t in ("2025", "２０２５", "二〇二五", "二O二四", "二○二三")] == [
        2025,
        2025,
        2025,
        2024,
        2023,
    ]
    assert [read_number(t) for t in ("六", "十", "十二", "二十一", "三十")] == [6, 10, 12, 21, 30]
