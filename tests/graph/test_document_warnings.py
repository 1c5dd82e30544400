"""What a load keeps beside the plan: the document's parse warnings, and the audit entry
an API load or unload writes in the same atomic write."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from dutygraph.errors import StoreError
from dutygraph.graph.audit import audit_row, entries
from dutygraph.graph.load import load_plan, unload_document, write_rows
from dutygraph.graph.model import STORED_WARNINGS, plan_rows
from dutygraph.graph.nodes import documents_by_uid
from dutygraph.graph.store import Store
from dutygraph.loaders.model import Warning
from tests.factories import make_plan
from tests.graph.test_load import broken

AT = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)


def test_a_document_keeps_its_first_warnings_and_counts_them_all(store: Store) -> None:
    many = tuple(Warning(line=n, message=f"第 {n} 项没有责任单位") for n in range(1, 131))
    plan = dataclasses.replace(make_plan("plans/w.txt"), warnings=many)
    uid = load_plan(store, plan).uid
    [row] = documents_by_uid(store, [uid])
    assert row["warning_count"] == 130
    assert row["warning_lines"] == list(range(1, STORED_WARNINGS + 1))
    assert row["warning_texts"][-1] == f"第 {STORED_WARNINGS} 项没有责任单位"

    # a clean new edition drops them
    load_plan(store, make_plan("plans/w.txt", version="2"))
    [row] = documents_by_uid(store, [uid])
    assert (row["warning_count"], row["warning_lines"], row["warning_texts"]) == (0, None, None)


def test_an_audited_load_and_unload_write_their_entries(store: Store) -> None:
    plan = make_plan("plans/a.txt")
    uid = load_plan(store, plan, audit_row("root", "loadDocument uid=x", "127.0.0.1", AT)).uid
    unload_document(store, uid, audit_row("root", f"unloadDocument uid={uid}", None, AT))
    rows, total = entries(store, 10)
    assert total == 2
    assert [(r["who"], r["what"]) for r in rows] == [
        ("root", f"unloadDocument uid={uid}"),
        ("root", "loadDocument uid=x"),
    ]


def test_a_failed_load_writes_no_audit_entry(store: Store) -> None:
    rows = broken(plan_rows(make_plan("plans/a.txt")))
    with pytest.raises(StoreError):
        write_rows(store, rows, audit_row("root", "loadDocument uid=x", None, AT))
    assert entries(store, 10) == ([], 0)
