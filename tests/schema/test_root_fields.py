"""Each root field, executed in-process against the sample plan in a real store."""

from __future__ import annotations

import pytest


@pytest.fixture
def gql(sample_schema):
    """The schema over the sample (tests/conftest.py), by a short name."""
    return sample_schema


UNIT_TASKS = """
query ($name: String!, $role: Role) {
  unit(name: $name) {
    uid name aliases
    tasks(role: $role, first: 100) { totalCount edges { role node { code } } }
    workload { total lead support bySection { code total } byDocument { total } }
  }
}
"""


def test_unit_by_name_and_alias_has_22_tasks_9_led(gql):
    canonical = gql.ok(UNIT_TASKS, {"name": "县发展改革局"})["unit"]
    alias = gql.ok(UNIT_TASKS, {"name": "县发改局"})["unit"]
    assert canonical == alias
    assert canonical["name"] == "县发展改革局"
    assert "县发改局" in canonical["aliases"]
    assert canonical["tasks"]["totalCount"] == 22
    assert len(canonical["tasks"]["edges"]) == 22
    work = canonical["workload"]
    assert (work["total"], work["lead"], work["support"]) == (22, 9, 13)
    assert sum(s["total"] for s in work["bySection"]) == 22
    assert [d["total"] for d in work["byDocument"]] == [22]
    led = gql.ok(UNIT_TASKS, {"name": "县发改局", "role": "LEAD"})["unit"]["tasks"]
    assert led["totalCount"] == 9
    assert {e["role"] for e in led["edges"]} == {"LEAD"}


def test_unknown_unit_is_null(gql):
    assert gql.ok('{ unit(name: "县不存在局") { uid } }')["unit"] is None


def test_tasks_filter_by_unit_alias_role_and_text(gql):
    query = """query ($f: TaskFilter, $after: String) {
      tasks(filter: $f, first: 10, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { uid code text } }
      }
    }"""
    first = gql.ok(query, {"f": {"unit": "县发改局"}})["tasks"]
    assert first["totalCount"] == 22
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    codes = [e["node"]["code"] for e in first["edges"]]
    seen = list(codes)
    after = first["pageInfo"]["endCursor"]
    while after:
        page = gql.ok(query, {"f": {"unit": "县发改局"}, "after": after})["tasks"]
        seen += [e["node"]["code"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert len(seen) == len(set(seen)) == 22
    lead = gql.ok(query, {"f": {"unit": "县发展改革局", "role": "LEAD"}})["tasks"]
    assert lead["totalCount"] == 9
    pumped = gql.ok(query, {"f": {"text": "抽水蓄能"}})["tasks"]
    assert pumped["totalCount"] >= 1
    assert all("抽水蓄能" in e["node"]["text"] for e in pumped["edges"])
    everything = gql.ok("{ tasks(first: 100) { totalCount edges { node { uid } } } }")
    assert everything["tasks"]["totalCount"] == 47


def test_tasks_filter_by_unknown_unit_says_so(gql):
    (message,) = gql.errors('{ tasks(filter: {unit: "县不存在局"}) { totalCount } }')
    assert "县不存在局" in message


def test_documents_sections_and_tasks_both_ways(gql):
    docs = gql.ok(
        """{ documents { totalCount edges { node { uid title goals { year headline }
             policies { docNumber } sections { number title
             subsections { uid number title tasks { uid code } } } } } } }"""
    )["documents"]
    assert docs["totalCount"] == 1
    (doc,) = [edge["node"] for edge in docs["edges"]]
    assert doc["title"].startswith("陆河县贯彻落实")
    assert [s["number"] for s in doc["sections"]] == ["一", "二", "三"]
    assert {g["year"] for g in doc["goals"]} == {2025, 2035}
    assert "国发〔2021〕3号" in {p["docNumber"] for p in doc["policies"]}
    part2 = doc["sections"][1]
    tasks = [t for sub in part2["subsections"] for t in sub["tasks"]]
    assert len(tasks) == 47
    one = tasks[0]
    back = gql.ok(
        """query ($uid: ID!) { task(uid: $uid) { code text source { start end line text }
             section { title parent { number } document { uid } }
             assignments { role rank inferred written unit { name } } units { name } } }""",
        {"uid": one["uid"]},
    )["task"]
    assert back["code"] == one["code"] == "二（一）1"
    assert back["section"]["title"] == "巩固拓展脱贫攻坚成果"
    assert back["section"]["parent"]["number"] == "二"
    assert back["section"]["document"]["uid"] == doc["uid"]
    assert [a["unit"]["name"] for a in back["assignments"]] == ["县农业农村局", "各镇人民政府"]
    assert [a["role"] for a in back["assignments"]] == ["LEAD", "SUPPORT"]
    assert back["source"]["line"] == 12 and back["source"]["end"] > back["source"]["start"]
    passage = back["source"]["text"]
    assert passage.startswith("1.") and back["text"] in passage
    assert passage.endswith("（责任单位：县农业农村局，各镇人民政府）")
    assert len(passage) == back["source"]["end"] - back["source"]["start"]
    section = gql.ok(
        "query ($uid: ID!) { section(uid: $uid) { uid title } }",
        {"uid": part2["subsections"][0]["uid"]},
    )["section"]
    assert section["title"] == "巩固拓展脱贫攻坚成果"
    assert gql.ok('{ document(uid: "doc:nope") { uid } }')["document"] is None
    assert (
        gql.ok("query ($uid: ID!) { document(uid: $uid) { title } }", {"uid": doc["uid"]})[
            "document"
        ]["title"]
        == doc["title"]
    )


def test_units_filter(gql):
    towns = gql.ok('{ units(filter: {text: "发改"}) { name aliases kind level } }')["units"]
    assert "县发展改革局" in {u["name"] for u in towns}
    collectives = gql.ok("{ units(filter: {kind: COLLECTIVE}) { name kind } }")["units"]
    assert "各镇人民政府" in {u["name"] for u in collectives}
    assert {u["kind"] for u in collectives} == {"COLLECTIVE"}


def test_partners_of_a_unit_with_shared_counts(gql):
    rows = gql.ok('{ partners(unit: "县发改局", first: 5) { shared unit { name } } }')["partners"]
    assert 0 < len(rows) <= 5
    shared = [r["shared"] for r in rows]
    assert shared == sorted(shared, reverse=True)
    assert "县发展改革局" not in {r["unit"]["name"] for r in rows}
    nested = gql.ok(
        '{ unit(name: "县发展改革局") { partners(first: 5) { shared unit { name } } } }'
    )
    assert nested["unit"]["partners"] == rows


def test_policy_by_doc_number_in_any_bracket_style(gql):
    query = "query ($n: String!) { policy(docNumber: $n) { uid title issuer docNumber kind } }"
    square = gql.ok(query, {"n": "国发[2021]3号"})["policy"]
    assert square["title"] == "国务院关于新时代支持革命老区振兴发展的意见"
    assert square["issuer"] == "国务院"
    assert square["docNumber"] == "国发〔2021〕3号"
    assert gql.ok(query, {"n": "国发〔2021〕3号"})["policy"] == square
    by_uid = gql.ok("query ($u: ID!) { policy(uid: $u) { title } }", {"u": square["uid"]})["policy"]
    assert by_uid["title"] == square["title"]
    assert gql.ok(query, {"n": "国发[1999]1号"})["policy"] is None


def test_funding_policy_leads_to_school_project_and_both_tasks(gql):
    policies = gql.ok(
        """{ policies(kind: FUNDING, first: 50) { uid name kind amount
             projects { uid name tasks { code } policies { uid } units { name } }
             tasks { code } } }"""
    )["policies"]
    assert {p["kind"] for p in policies} == {"FUNDING"}
    (school,) = [p for p in policies if p["amount"] and "1000万元" in p["amount"]]
    (project,) = school["projects"]
    assert "幼儿园或中小学" in project["name"]
    assert {t["code"] for t in project["tasks"]} == {"二（五）1", "二（九）4"}
    assert school["uid"] in {p["uid"] for p in project["policies"]}
    assert project["units"]
    again = gql.ok("query ($u: ID!) { project(uid: $u) { name } }", {"u": project["uid"]})[
        "project"
    ]
    assert again["name"] == project["name"]
    found = gql.ok('{ projects(filter: {text: "抽水蓄能"}) { name tasks { code } } }')
    assert any("抽水蓄能电站" in p["name"] for p in found["projects"])


def test_search_finds_tasks_by_substring(gql):
    query = """query ($t: String!) { search(text: $t, first: 20) {
      __typename ... on Task { code text } ... on Unit { name } ... on Project { name }
      ... on Policy { name } ... on Section { title } } }"""
    for text in ("抽水蓄能", "产业园"):
        hits = gql.ok(query, {"t": text})["search"]
        tasks = [h for h in hits if h["__typename"] == "Task"]
        assert tasks, text
        assert all(text in t["text"] for t in tasks)
    assert gql.errors('{ search(text: "园") { __typename } }')


def test_workload_ranking(gql):
    rows = gql.ok("{ workload(first: 3) { total lead support unit { name } } }")["workload"]
    assert [(r["unit"]["name"], r["total"]) for r in rows[:2]] == [
        ("各镇人民政府", 24),
        ("县发展改革局", 22),
    ]
    assert len(rows) == 3
    assert all(r["lead"] + r["support"] == r["total"] for r in rows)


def test_neighborhood_of_a_unit_holds_its_tasks(gql):
    unit = gql.ok('{ unit(name: "县发改局") { uid tasks(first: 100) { edges { node { uid } } } } }')
    tasks = {e["node"]["uid"] for e in unit["unit"]["tasks"]["edges"]}
    view = gql.ok(
        "query ($u: ID!) { neighborhood(uid: $u, depth: 1, limit: 200) "
        "{ nodes { uid label name } edges { source target type role } } }",
        {"u": unit["unit"]["uid"]},
    )["neighborhood"]
    node_uids = {n["uid"] for n in view["nodes"]}
    assert tasks <= node_uids
    duties = [e for e in view["edges"] if e["type"] == "RESPONSIBLE_FOR"]
    assert {e["target"] for e in duties} >= tasks
    assert {e["role"] for e in duties} <= {"lead", "support"}


def test_path_between_two_units_is_connected(gql):
    a = gql.ok('{ unit(name: "县发改局") { uid } }')["unit"]["uid"]
    b = gql.ok('{ unit(name: "县农业农村局") { uid } }')["unit"]["uid"]
    view = gql.ok(
        "query ($a: ID!, $b: ID!) { path(from: $a, to: $b) "
        "{ nodes { uid label } edges { source target type } } }",
        {"a": a, "b": b},
    )["path"]
    uids = {n["uid"] for n in view["nodes"]}
    assert {a, b} <= uids
    assert len(view["edges"]) == len(view["nodes"]) - 1
    # every node on the path touches an edge, and the edges link a to b
    reach, frontier = {a}, [a]
    while frontier:
        here = frontier.pop()
        for e in view["edges"]:
            for x, y in ((e["source"], e["target"]), (e["target"], e["source"])):
                if x == here and y not in reach:
                    reach.add(y)
                    frontier.append(y)
    assert b in reach


def test_unit_matrix_counts_shared_tasks_of_the_ranking_top(gql):
    found = gql.ok(
        "{ workload(first: 4) { total unit { uid } } "
        "unitMatrix(first: 4) { units { total unit { uid name } } counts } }"
    )
    matrix = found["unitMatrix"]
    ranked = [w["unit"]["uid"] for w in found["workload"]]
    assert [u["unit"]["uid"] for u in matrix["units"]] == ranked
    counts = matrix["counts"]
    assert [counts[i][i] for i in range(4)] == [w["total"] for w in found["workload"]]
    assert all(counts[i][j] == counts[j][i] for i in range(4) for j in range(4))
    # each off-diagonal cell is the partners count of the same two units
    first = matrix["units"][0]["unit"]["name"]
    partners = gql.ok(
        "query ($u: String!) { partners(unit: $u, first: 100) { shared unit { uid } } }",
        {"u": first},
    )["partners"]
    shared = {p["unit"]["uid"]: p["shared"] for p in partners}
    assert counts[0][1:] == [shared.get(uid, 0) for uid in ranked[1:]]


def test_unit_matrix_of_a_section_counts_only_its_tasks(gql):
    rows = gql.ok('{ unitMatrix(first: 3, filter: {section: "x"}) { units { total } counts } }')
    assert rows["unitMatrix"] == {"units": [], "counts": []}


def test_documents_page_with_cursors_and_total(gql):
    page = gql.ok(
        "{ documents(first: 0) { totalCount pageInfo { hasNextPage } edges { cursor } } }"
    )
    assert page["documents"] == {"totalCount": 1, "pageInfo": {"hasNextPage": True}, "edges": []}
    first = gql.ok("{ documents(first: 1) { pageInfo { endCursor hasNextPage } } }")
    info = first["documents"]["pageInfo"]
    assert info["hasNextPage"] is False
    after = gql.ok(
        "query ($a: String) { documents(after: $a) { totalCount edges { node { uid } } } }",
        {"a": info["endCursor"]},
    )
    assert after["documents"] == {"totalCount": 1, "edges": []}


def test_a_units_task_list_pages_in_plan_order(gql):
    query = """query ($after: String) { unit(name: "县发展改革局") {
      tasks(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { code } } } } }"""
    codes, after = [], None
    while True:
        tasks = gql.ok(query, {"after": after})["unit"]["tasks"]
        assert tasks["totalCount"] == 22
        codes += [e["node"]["code"] for e in tasks["edges"]]
        if not tasks["pageInfo"]["hasNextPage"]:
            break
        after = tasks["pageInfo"]["endCursor"]
    whole = gql.ok(UNIT_TASKS, {"name": "县发展改革局"})["unit"]["tasks"]["edges"]
    assert codes == [e["node"]["code"] for e in whole]


def test_tasks_total_alone_and_page_alone_agree(gql):
    total = gql.ok('{ tasks(filter: {unit: "县发改局"}) { totalCount } }')["tasks"]["totalCount"]
    paged = gql.ok(
        '{ tasks(filter: {unit: "县发改局"}, first: 21) { pageInfo { hasNextPage } '
        "edges { cursor } } }"
    )["tasks"]
    assert total == 22
    assert (len(paged["edges"]), paged["pageInfo"]["hasNextPage"]) == (21, True)
