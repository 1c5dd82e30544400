"""End to end over HTTP: `dutygraph serve` on the sample, over the embedded store and over
the Neo4j code path (FalkorDB's Bolt endpoint)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from dutygraph.graph.model import unit_uid

GRAPHQL_RESPONSE = "application/graphql-response+json"
NDRC = unit_uid("县发展改革局", "陆河县")  # the sample is 陆河县's plan
HEALTH = unit_uid("县卫生健康局", "陆河县")


def post(base: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(
        f"{base}/graphql", json={"query": query, "variables": variables}, timeout=30
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


@pytest.mark.parametrize("name", ["县发展改革局", "县发改局"])
def test_tasks_of_a_unit_by_name_or_alias(server_url, name):
    data = post(
        server_url,
        "query ($n: String!) { tasks(filter: {unit: $n}, first: 100) "
        "{ totalCount edges { node { code } } } }",
        {"n": name},
    )
    assert data["tasks"]["totalCount"] == 22
    assert len(data["tasks"]["edges"]) == 22


def test_workload_of_a_unit(server_url):
    data = post(server_url, '{ unit(name: "县发改局") { name workload { total lead support } } }')
    assert data["unit"]["name"] == "县发展改革局"
    assert data["unit"]["workload"] == {"total": 22, "lead": 9, "support": 13}


def test_workload_ranking_starts_with_towns_then_the_development_bureau(server_url):
    data = post(server_url, "{ workload(first: 3) { total unit { name } } }")
    top = [(row["unit"]["name"], row["total"]) for row in data["workload"]]
    assert top[:2] == [("各镇人民政府", 24), ("县发展改革局", 22)]


def test_policy_by_doc_number_is_the_state_council_opinion(server_url):
    data = post(server_url, '{ policy(docNumber: "国发[2021]3号") { title issuer docNumber } }')
    assert data["policy"] == {
        "title": "国务院关于新时代支持革命老区振兴发展的意见",
        "issuer": "国务院",
        "docNumber": "国发〔2021〕3号",
    }


def test_funding_policy_to_school_project_to_both_tasks(server_url):
    data = post(
        server_url,
        "{ policies(kind: FUNDING) { amount projects { name tasks { code text } } } }",
    )
    (school,) = [p for p in data["policies"] if p["amount"] and "1000万元" in p["amount"]]
    (project,) = school["projects"]
    assert "幼儿园或中小学" in project["name"]
    assert sorted(t["code"] for t in project["tasks"]) == ["二（九）4", "二（五）1"]


@pytest.mark.parametrize("text", ["抽水蓄能", "产业园"])
def test_search_finds_tasks(server_url, text):
    data = post(
        server_url,
        "query ($t: String!) { search(text: $t) { __typename ... on Task { text } } }",
        {"t": text},
    )
    tasks = [hit["text"] for hit in data["search"] if hit["__typename"] == "Task"]
    assert tasks and all(text in t for t in tasks)


def test_neighborhood_of_the_development_bureau_holds_its_22_tasks(server_url):
    data = post(
        server_url,
        "query ($u: ID!) { neighborhood(uid: $u, depth: 1, limit: 200) "
        "{ nodes { uid label } edges { source target type role } } }",
        {"u": NDRC},
    )
    view = data["neighborhood"]
    tasks = [n for n in view["nodes"] if n["label"] == "Task"]
    assert len(tasks) == 22
    duties = [e for e in view["edges"] if e["type"] == "RESPONSIBLE_FOR"]
    assert sum(e["role"] == "lead" for e in duties) == 9


def test_path_between_two_units_is_connected(server_url):
    data = post(
        server_url,
        "query ($a: ID!, $b: ID!) { path(from: $a, to: $b) "
        "{ nodes { uid } edges { source target type } } }",
        {"a": NDRC, "b": HEALTH},
    )
    view = data["path"]
    ends = {NDRC, HEALTH}
    assert ends <= {n["uid"] for n in view["nodes"]}
    assert len(view["edges"]) == len(view["nodes"]) - 1
    reach, frontier = {NDRC}, [NDRC]
    while frontier:
        here = frontier.pop()
        for e in view["edges"]:
            ends_of_edge = {e["source"], e["target"]}
            if here in ends_of_edge:
                new = ends_of_edge - reach
                reach |= new
                frontier += new
    assert HEALTH in reach


def test_get_query(server_url):
    response = httpx.get(
        f"{server_url}/graphql",
        params={"query": '{ unit(name: "县发改局") { name } }'},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert response.json() == {"data": {"unit": {"name": "县发展改革局"}}}


def test_malformed_json_is_a_400_with_a_graphql_error(server_url):
    response = httpx.post(
        f"{server_url}/graphql",
        content=b'{"query": "{ documents { uid }',
        headers={"Content-Type": "application/json", "Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_refused(server_url, ctype):
    headers = {"Accept": GRAPHQL_RESPONSE} | ({"Content-Type": ctype} if ctype else {})
    response = httpx.post(
        f"{server_url}/graphql", content=b'{"query": "{ __typename }"}', headers=headers
    )
    assert response.status_code == 415
    assert "Content-Type: application/json" in response.json()["errors"][0]["message"]


def test_validation_failure_is_400_without_data(server_url):
    response = httpx.post(
        f"{server_url}/graphql",
        json={"query": "{ nosuchfield }"},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body and "nosuchfield" in body["errors"][0]["message"]


def test_abusive_requests_are_refused_over_http(server_url):
    big = "{ __typename }\n#" + "x" * 1_000_000
    response = httpx.post(f"{server_url}/graphql", json={"query": big})
    assert response.status_code == 413

    def chunked():  # no Content-Length: the size is counted as the body arrives
        yield b'{"query": "{ __typename }", "pad": "'
        yield from (b"x" * 10_000 for _ in range(100))
        yield b'"}'

    response = httpx.post(
        f"{server_url}/graphql", content=chunked(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "larger than" in response.json()["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    response = httpx.post(
        f"{server_url}/graphql", json={"query": aliases}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 400 and "aliases" in response.json()["errors"][0]["message"]
    response = httpx.post(
        f"{server_url}/graphql", json={"query": "{ tasks(first: 1000000) { totalCount } }"}
    )
    assert "between 0 and 100" in response.json()["errors"][0]["message"]


def test_health_endpoints(server_url):
    assert httpx.get(f"{server_url}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{server_url}/readyz").json() == {"status": "ok"}


def test_browser_pages_are_never_blank(server_url):
    for path in ("/", "/graphql"):
        response = httpx.get(f"{server_url}{path}", headers={"Accept": "text/html"})
        assert response.headers["content-type"].startswith("text/html")
        assert "<" in response.text and len(response.text) > 100
        if response.status_code != 200:  # web/dist not built: the page says how to build it
            assert response.status_code == 503 and "npm" in response.text
