"""Deadline text -> due date: dated, undated (the plan's year), standing, recurring."""

from __future__ import annotations

import datetime

import pytest

from dutygraph.loaders.deadlines import due, plan_year

D = datetime.date


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2025年底", None, D(2025, 12, 31)),
        ("2025年年底前", None, D(2025, 12, 31)),
        ("二〇二四年末", None, D(2024, 12, 31)),
        ("2026年6月底前", None, D(2026, 6, 30)),
        ("2024年2月底", None, D(2024, 2, 29)),
        ("2025年3月15日前", None, D(2025, 3, 15)),
        ("2027年上半年", None, D(2027, 6, 30)),
        ("2027年下半年", None, D(2027, 12, 31)),
        ("2025年第三季度", None, D(2025, 9, 30)),
        ("2025年", None, D(2025, 12, 31)),
        ("2023年底前取得突破，2025年底前全面完成", None, D(2025, 12, 31)),
        ("6月底前", 2024, D(2024, 6, 30)),
        ("十一月底前", 2024, D(2024, 11, 30)),
        ("年底前", 2023, D(2023, 12, 31)),
        ("二季度", 2023, D(2023, 6, 30)),
    ],
)
def test_a_deadline_that_names_a_date_gets_it(text, year, expected):
    found = due(text, year)
    assert found is not None
    assert found.date == expected
    assert found.text == text  # the text as printed is kept


def test_without_the_plan_year_a_month_has_no_date():
    found = due("6月底前", None)
    assert found is not None and found.date is None and found.recurrence is None


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "常态化开展"])
def test_standing_duties_have_no_due_date(text):
    found = due(text, 2024)
    assert found is not None and found.date is None and found.recurrence is None


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("每季度", "quarterly"),
        ("每月10日前报送", "monthly"),
        ("每半年", "half-yearly"),
        ("每年", "yearly"),
    ],
)
def test_recurring_duties_say_their_cycle(text, recurrence):
    found = due(text, 2024)
    assert found is not None and found.recurrence == recurrence and found.date is None


def test_no_text_no_due():
    assert due(None) is None
    assert due("  ") is None


def test_an_impossible_date_is_none_not_an_error():
    found = due("2025年13月底")
    assert found is not None and found.date is None


def test_plan_year_from_its_date_else_its_title():
    assert plan_year("2024-03-01", "2025年工作方案") == 2024
    assert plan_year(None, "某县2025年重点工作方案") == 2025
    assert plan_year(None, "某县工作方案") is None
