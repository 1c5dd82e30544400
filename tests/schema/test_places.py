"""Two counties' plans, parsed from short texts and loaded together, through GraphQL: a
name both counties use needs a place; names that carry their place are shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutygraph.graph.load import load_plan
from dutygraph.graph.model import unit_uid
from dutygraph.graph.store import Store
from dutygraph.loaders import parse_file
from tests.schema.schema_runner import Runner

LUHE = """陆河县革命老区振兴发展工作方案
一、重点任务
1.争取对口帮扶。（责任单位：县发改局、县委组织部，各镇人民政府）
2.建设现代农业产业园。（责任单位：县农业农村局、县发展改革局）
3.保护水源。（责任单位：汕尾市生态环境局、县发展改革局）
"""
HAIFENG = """海丰县贯彻落实老区振兴实施意见的工作方案
一、重点任务
1.推进高速公路前期工作。（牵头单位：县发改局；配合单位：各镇人民政府）
2.治理河流。（责任单位：汕尾市生态环境局、县水务局）
"""
NDRC = "县发展改革局"


@pytest.fixture
def gql(store: Store, tmp_path: Path) -> Runner:
    for name, text in (("luhe.txt", LUHE), ("haifeng.txt", HAIFENG)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        load_plan(store, parse_file(tmp_path / name))
    return Runner(store)


UNIT = """query ($name: String!, $place: String) {
  unit(name: $name, place: $place) { uid name place workload { total lead } } }"""


def test_a_name_of_two_counties_needs_a_place(gql: Runner) -> None:
    for name in (NDRC, "县发改局"):
        assert gql.errors(UNIT, {"name": name}) == [
            f"{name} is named in 2 places (海丰县, 陆河县): give place"
        ]
    luhe = gql.ok(UNIT, {"name": "县发改局", "place": "陆河县"})["unit"]
    assert luhe == {
        "uid": unit_uid(NDRC, "陆河县"), "name": NDRC, "place": "陆河县",
        "workload": {"total": 3, "lead": 1},
    }  # fmt: skip
    haifeng = gql.ok(UNIT, {"name": NDRC, "place": "海丰县"})["unit"]
    assert (haifeng["place"], haifeng["workload"]) == ("海丰县", {"total": 1, "lead": 1})
    assert gql.ok(UNIT, {"name": NDRC, "place": "潮南区"})["unit"] is None
    assert gql.errors(f'{{ unit(uid: "{unit_uid(NDRC, "陆河县")}", place: "陆河县") {{ name }} }}')


def test_the_task_filter_takes_every_place_unless_given_one(gql: Runner) -> None:
    query = "query ($f: TaskFilter) { tasks(filter: $f) { totalCount } }"
    count = lambda f: gql.ok(query, {"f": f})["tasks"]["totalCount"]  # noqa: E731
    assert count({"unit": NDRC}) == 4
    assert count({"unit": "县发改局", "place": "陆河县"}) == 3
    assert count({"unit": NDRC, "place": "海丰县", "role": "LEAD"}) == 1
    assert "give `unit` too" in gql.errors(query, {"f": {"place": "陆河县"}})[0]
    assert "in 潮南区" in gql.errors(query, {"f": {"unit": NDRC, "place": "潮南区"}})[0]


def test_workload_partners_and_documents_show_places(gql: Runner) -> None:
    ranking = gql.ok("{ workload(first: 20) { total unit { name place } } }")["workload"]
    mine = [(w["unit"]["place"], w["total"]) for w in ranking if w["unit"]["name"] == NDRC]
    assert mine == [("陆河县", 3), ("海丰县", 1)]
    shared = gql.ok(
        '{ unit(name: "汕尾市生态环境局") { uid place workload { total byDocument { total } } } }'
    )["unit"]
    assert (shared["uid"], shared["place"]) == (unit_uid("汕尾市生态环境局"), None)
    assert shared["workload"]["total"] == 2 and len(shared["workload"]["byDocument"]) == 2
    partners = '{ partners(unit: "县发展改革局", place: "海丰县") { shared unit { name place } } }'
    assert gql.ok(partners)["partners"] == [
        {"shared": 1, "unit": {"name": "各镇人民政府", "place": "海丰县"}}
    ]
    assert "give place" in gql.errors('{ partners(unit: "县发展改革局") { shared } }')[0]
    docs = gql.ok("{ documents { edges { node { title place } } } }")["documents"]["edges"]
    assert {d["node"]["place"] for d in docs} == {"陆河县", "海丰县"}


def test_the_sample_alone_answers_by_name_as_before(sample_schema: Runner) -> None:
    unit = sample_schema.ok(UNIT, {"name": "县发改局"})["unit"]
    assert (unit["uid"], unit["place"]) == (unit_uid(NDRC, "陆河县"), "陆河县")
    assert unit["workload"] == {"total": 22, "lead": 9}
    top = sample_schema.ok("{ workload(first: 3) { total unit { name place } } }")["workload"]
    assert [(w["unit"]["name"], w["total"]) for w in top[:2]] == [("各镇人民政府", 24), (NDRC, 22)]


def test_units_filter_by_place(gql: Runner) -> None:
    query = """query ($place: String) {
      units(filter: {text: "县", place: $place}) { name place } }"""
    haifeng = gql.ok(query, {"place": "海丰县"})["units"]
    assert {u["name"] for u in haifeng} == {NDRC, "县水务局"}
    assert {u["place"] for u in haifeng} == {"海丰县"}
    everywhere = gql.ok(query, {"place": None})["units"]
    assert [u["name"] for u in everywhere].count(NDRC) == 2
