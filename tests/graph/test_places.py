"""Two counties' plans loaded together: each county's relatively named offices are its own
nodes, with their own workloads; units whose names carry their place stay shared."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dutygraph.errors import ArgumentError
from dutygraph.graph import nodes, task_filter, workload
from dutygraph.graph.load import load_plan, stats, unload_document
from dutygraph.graph.model import document_uid, unit_uid
from dutygraph.graph.store import Store
from tests.factories import make_plan

CITY_BUREAU = "汕尾市生态环境局"  # named with its place: one unit for both counties
LUHE_TASKS = {
    "巩固拓展脱贫攻坚成果": [
        ("争取对口帮扶。", ["县发展改革局", "县委组织部", "各镇人民政府"]),
        ("建设现代农业产业园。", ["县农业农村局", "县发展改革局"]),
    ],
    "生态保护": [("保护水源。", [CITY_BUREAU, "县发展改革局"])],
}
HAIFENG_TASKS = {
    "基础设施": [("推进高速公路前期工作。", ["县发展改革局", "各镇人民政府"])],
    "生态保护": [("治理河流。", [CITY_BUREAU, "县水务局"])],
}
LUHE = document_uid("luhe/工作方案.txt")
HAIFENG = document_uid("haifeng/方案.txt")
NDRC = "县发展改革局"


@pytest.fixture
def counties(store: Store) -> Store:
    load_plan(
        store,
        make_plan("luhe/工作方案.txt", LUHE_TASKS, title="陆河县工作方案", place="陆河县"),
    )
    load_plan(
        store,
        make_plan("haifeng/方案.txt", HAIFENG_TASKS, title="海丰县工作方案", place="海丰县"),
    )
    return store


def test_each_county_has_its_own_relatively_named_units(counties: Store) -> None:
    rows = counties.read(
        "MATCH (u:Unit {name: $name}) RETURN u.uid AS uid, u.place AS place ORDER BY uid",
        {"name": NDRC},
    )
    assert rows == [
        {"uid": "unit:海丰县/县发展改革局", "place": "海丰县"},
        {"uid": "unit:陆河县/县发展改革局", "place": "陆河县"},
    ]
    assert unit_uid(NDRC, "陆河县") == "unit:陆河县/县发展改革局"
    luhe = workload.unit_workload(counties, unit_uid(NDRC, "陆河县"))
    haifeng = workload.unit_workload(counties, unit_uid(NDRC, "海丰县"))
    assert (luhe["total"], luhe["lead"]) == (3, 1)
    assert (haifeng["total"], haifeng["lead"]) == (1, 1)
    assert [d["document"] for d in luhe["by_document"]] == [LUHE]
    assert [d["document"] for d in haifeng["by_document"]] == [HAIFENG]
    ranking = [
        (r["unit"], r["total"])
        for r in workload.workload_ranking(counties, limit=20)
        if r["name"] == NDRC
    ]
    assert ranking == [(unit_uid(NDRC, "陆河县"), 3), (unit_uid(NDRC, "海丰县"), 1)]
    # Partners stay within the county: 陆河县's bureau shares no task with 海丰县's towns.
    partners = {r["unit"] for r in workload.partners(counties, unit_uid(NDRC, "陆河县"), 20)}
    assert unit_uid("各镇人民政府", "陆河县") in partners
    assert unit_uid("各镇人民政府", "海丰县") not in partners


def test_names_that_carry_their_place_stay_shared(counties: Store) -> None:
    [row] = nodes.units_by_name(counties, CITY_BUREAU)
    assert (row["uid"], row["place"]) == (unit_uid(CITY_BUREAU), None)
    load = workload.unit_workload(counties, row["uid"])
    assert (load["total"], {d["document"] for d in load["by_document"]}) == (2, {LUHE, HAIFENG})


def test_documents_and_units_keep_their_place(counties: Store) -> None:
    docs = {r["uid"]: r["place"] for r in nodes.documents_by_uid(counties, [LUHE, HAIFENG])}
    assert docs == {LUHE: "陆河县", HAIFENG: "海丰县"}
    office = nodes.units_by_uid(counties, [unit_uid("县老区办", "海丰县")])[0]
    assert (office["place"], office["hosted_by"]) == ("海丰县", unit_uid(NDRC, "海丰县"))


def test_a_name_of_several_places_needs_a_place(counties: Store) -> None:
    ambiguous = r"named in 2 places \(海丰县, 陆河县\): give place"
    for name in (NDRC, "县发改局"):  # canonical name or alias
        with pytest.raises(ArgumentError, match=ambiguous):
            nodes.unit_by_name(counties, name)
        assert nodes.unit_by_name(counties, name, "海丰县")["uid"] == unit_uid(NDRC, "海丰县")
    assert nodes.unit_by_name(counties, NDRC, "潮南区") is None
    assert nodes.unit_by_name(counties, "县水务局")["uid"] == unit_uid("县水务局", "海丰县")
    assert [r["place"] for r in nodes.units_by_name(counties, NDRC)] == ["海丰县", "陆河县"]
    tasks, total = task_filter.find_tasks(
        counties, units=[r["uid"] for r in nodes.units_by_name(counties, NDRC)], limit=20
    )
    assert total == 4 and {t["document"] for t in tasks} == {LUHE, HAIFENG}


def test_a_spelling_no_plan_wrote_is_found_by_the_built_in_abbreviations(store: Store) -> None:
    tasks = {"就业": [("开展职业技能培训。", ["县人力资源社会保障局", "各镇人民政府"])]}
    load_plan(store, make_plan("haifeng/方案.txt", tasks, title="海丰县工作方案", place="海丰县"))
    expected = unit_uid("县人力资源社会保障局", "海丰县")

    for spelling in ("县人社局", "縣人社局", "县人力资源社会保障局"):
        assert nodes.unit_by_name(store, spelling)["uid"] == expected
    assert nodes.unit_by_name(store, "县人社局", "海丰县")["uid"] == expected
    assert nodes.unit_by_name(store, "县人社局", "陆河县") is None


def test_an_alias_one_county_wrote_is_ambiguous_when_it_abbreviates_another_county_unit(
    store: Store,
) -> None:
    load_plan(store, make_plan("luhe/工作方案.txt", LUHE_TASKS, place="陆河县"))  # wrote 县发改局
    haifeng = make_plan("haifeng/方案.txt", HAIFENG_TASKS, place="海丰县")
    unwritten = tuple(replace(u, aliases=()) for u in haifeng.units)  # wrote only the full name
    load_plan(store, replace(haifeng, units=unwritten))
    with pytest.raises(ArgumentError, match=r"named in 2 places \(海丰县, 陆河县\): give place"):
        nodes.unit_by_name(store, "县发改局")
    assert nodes.unit_by_name(store, "县发改局", "海丰县")["uid"] == unit_uid(NDRC, "海丰县")
    assert nodes.unit_by_name(store, NDRC, "陆河县")["uid"] == unit_uid(NDRC, "陆河县")


def test_a_plan_of_no_place_is_told_apart_too(counties: Store) -> None:
    load_plan(counties, make_plan("plans/a.txt"))  # 某县工作方案: no place
    with pytest.raises(ArgumentError, match=r"in 3 places \(no place, 海丰县, 陆河县\)"):
        nodes.unit_by_name(counties, NDRC)


def test_unloading_one_county_leaves_the_other_whole(counties: Store) -> None:
    before = stats(counties)["nodes"]["Unit"]
    unload_document(counties, LUHE)
    units = {r["uid"] for r in counties.read("MATCH (u:Unit) RETURN u.uid AS uid")}
    assert unit_uid(NDRC, "海丰县") in units and unit_uid(CITY_BUREAU) in units
    assert not any(u.startswith("unit:陆河县/") for u in units)
    assert len(units) == before - 5  # 陆河县's 发改局, 组织部, 各镇, 农业农村局, 老区办
