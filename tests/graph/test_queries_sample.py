"""The named read queries on the sample plan, against what its gold file says.

Expectations come from tests/data/luhe-old-area-plan.gold.json (every task with its units
in printed order; the sample names no lead, so the first listed unit is the inferred lead).
The sample is parsed and loaded once per store kind for the whole module.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from dutygraph.graph import explore, nodes, relations, search, task_filter, workload
from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store
from dutygraph.loaders import parse_file

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests/data/luhe-old-area-plan.gold.json").read_text("utf-8"))
NDRC = "县发展改革局"


def code(task: dict[str, Any]) -> str:
    return "".join(task["path"])


def gold_tasks_of(unit: str) -> list[dict[str, Any]]:
    return [t for t in GOLD["tasks"] if unit in t["units"]]


def gold_ranking() -> list[tuple[str, int]]:
    counts = Counter(u for t in GOLD["tasks"] for u in t["units"])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@pytest.fixture(scope="module", params=["embedded", "bolt", "neo4j"])
def sample(request: pytest.FixtureRequest) -> Store:
    store: Store = request.getfixturevalue(f"{request.param}_store")
    store.write("MATCH (n) DETACH DELETE n")
    load_plan(store, parse_file(ROOT / "samples/luhe-old-area-plan.txt"))
    return store


def ndrc_uid(store: Store) -> str:
    row = nodes.unit_by_name(store, NDRC)
    assert row is not None
    return row["uid"]


def test_unit_by_name_takes_the_gold_aliases(sample: Store) -> None:
    for alias, canonical in GOLD["unit_aliases"].items():
        row = nodes.unit_by_name(sample, alias)
        assert row is not None and row["name"] == canonical, alias


def test_tasks_of_ndrc_and_its_workload(sample: Store) -> None:
    mine = gold_tasks_of(NDRC)
    lead = [t for t in mine if t["units"][0] == NDRC]
    uid = ndrc_uid(sample)
    rows, total = task_filter.find_tasks(sample, units=[uid], limit=100)
    assert total == len(mine) == 22
    assert [r["code"] for r in rows] == [code(t) for t in mine]
    assert task_filter.find_tasks(sample, units=[uid], role="lead", limit=100)[1] == len(lead) == 9
    load = workload.unit_workload(sample, uid)
    assert (load["total"], load["lead"], load["support"]) == (22, 9, 13)
    by_section = Counter(code({"path": t["path"][:2]}) for t in mine)
    assert {s["code"]: s["total"] for s in load["by_section"]} == dict(by_section)
    assert [d["total"] for d in load["by_document"]] == [22]
    assert all(
        a["inferred"] for a in relations.assignments_of_tasks(sample, [r["uid"] for r in rows])
    )


def test_workload_ranking_and_partners(sample: Store) -> None:
    ranking = workload.workload_ranking(sample, limit=3)
    assert [(r["name"], r["total"]) for r in ranking] == gold_ranking()[:3]
    assert [(r["name"], r["total"]) for r in ranking[:2]] == [("各镇人民政府", 24), (NDRC, 22)]
    shared = Counter(u for t in gold_tasks_of(NDRC) for u in t["units"] if u != NDRC)
    expected = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert [
        (r["name"], r["shared"]) for r in workload.partners(sample, ndrc_uid(sample), 5)
    ] == expected


@pytest.mark.parametrize("words", ["抽水蓄能", "产业园"])
def test_search_finds_the_tasks_holding_the_words(sample: Store, words: str) -> None:
    expected = {code(t) for t in GOLD["tasks"] if words in t["text"]}
    assert expected
    hits = search.search(sample, words, 50)
    found = {h["name"].split()[0] for h in hits if h["label"] == "Task"}
    assert found == expected
    assert all(words in h["snippet"] for h in hits)


def test_policy_by_doc_number_in_every_bracket_style(sample: Store) -> None:
    gold = next(p for p in GOLD["policies_cited"] if p["doc_number"].startswith("国发"))
    for written in (*gold["written_as"], "国发［2021］3号", "国发(2021)3号"):
        row = nodes.policy_by_doc_number(sample, written)
        assert row is not None, written
        assert (row["title"], row["issuer"], row["year"]) == (
            gold["title"], gold["issuer"], gold["year"]
        )  # fmt: skip


def test_the_1000_wan_funding_reaches_the_school_project_and_both_tasks(sample: Store) -> None:
    gold = next(p for p in GOLD["funding_policies"] if p.get("amount") == "1000万元")
    [policy] = [
        p for p in nodes.policies(sample, kind="funding", limit=100) if "1000万元" in p["name"]
    ]
    [project] = relations.projects_of_policies(sample, [policy["uid"]])
    assert gold["project"][-7:] in project["name"]  # 幼儿园或中小学
    tasks = relations.tasks_of_projects(sample, [project["uid"]])
    assert sorted(t["code"] for t in tasks) == sorted([gold["task"], gold["also_in_task"]])
    assert gold["task"] in [t["code"] for t in relations.tasks_of_policies(sample, [policy["uid"]])]


def test_neighborhood_of_ndrc_holds_its_tasks(sample: Store) -> None:
    around = explore.neighborhood(sample, ndrc_uid(sample), 1, 200)
    tasks = {n["name"].split()[0] for n in around["nodes"] if n["label"] == "Task"}
    assert tasks == {code(t) for t in gold_tasks_of(NDRC)}
    roles = Counter(e["role"] for e in around["edges"] if e["type"] == "RESPONSIBLE_FOR")
    assert roles == {"lead": 9, "support": 13}


def test_a_path_joins_two_units_that_share_no_task(sample: Store) -> None:
    names = sorted({u for t in GOLD["tasks"] for u in t["units"]})
    a, b = next(
        (a, b)
        for a in names
        for b in names
        if a < b and not any(a in t["units"] and b in t["units"] for t in GOLD["tasks"])
    )
    ends = [nodes.unit_by_name(sample, a)["uid"], nodes.unit_by_name(sample, b)["uid"]]
    path = explore.shortest_path(sample, *ends, 6)
    assert path is not None
    on_path = [n["uid"] for n in path["nodes"]]
    assert [on_path[0], on_path[-1]] == ends
    assert len(path["edges"]) == len(on_path) - 1 >= 4  # unit-task-unit-task-unit at least
    for edge, (x, y) in zip(path["edges"], pairwise(on_path), strict=True):
        assert {edge["source"], edge["target"]} == {x, y}
