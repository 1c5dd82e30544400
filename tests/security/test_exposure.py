"""What the API shows another site, a DNS-rebinding page or a careless client: the app
in-process (httpx's ASGI transport) on a real embedded store."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dutygraph.api.app import STORE_DOWN, create_app
from dutygraph.api.settings import Settings
from dutygraph.graph.embedded import EmbeddedStore
from dutygraph.graph.store import Store

GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ __typename }"


def call(app, method: str, path: str, host: str = "127.0.0.1:8000", **kwargs) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as http:
            return await http.request(method, path, **kwargs)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore.open(tmp_path_factory.mktemp("exposure") / "db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def app(own_store: Store):
    # The store is the module's: the app closes it only on a shutdown these tests never run.
    return create_app(Settings(allowed_hosts=("plans.example.org",)), own_store)


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "10.0.0.7", "plans.example.org"]
)
def test_the_host_names_the_server_answers_to(app, host: str) -> None:
    assert call(app, "GET", "/healthz", host=host).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil"])
def test_another_host_name_is_refused_dns_rebinding(app, host: str) -> None:
    response = call(app, "POST", "/graphql", host=host, json={"query": QUERY})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "This server does not answer to that Host name."}]
    }


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/", {"Accept": "text/html"}),
        ("GET", "/graphql", {"Accept": "text/html"}),
        ("GET", "/healthz", {}),
        ("GET", "/assets/none.js", {}),
        ("POST", "/graphql", {"Content-Type": "application/json"}),
    ],
)
def test_security_headers_on_every_answer(app, method, path, headers) -> None:
    response = call(app, method, path, headers=headers, content=b'{"query": "{ __typename }"}')
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy  # no inline script anywhere: default-src governs
    if path != "/graphql" or method != "GET":
        assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "accept",
    [
        "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",  # an <img>
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",  # a link
        None,
    ],
)
def test_a_get_query_an_image_or_a_link_could_send_is_refused(app, accept) -> None:
    headers = {"Accept": accept} if accept else {}
    response = call(app, "GET", "/graphql", params={"query": QUERY}, headers=headers)
    assert response.status_code == 400
    assert "image or a link" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "headers", [{"Accept": GRAPHQL_RESPONSE}, {"Accept": "application/json"},
                {"X-GraphQL-Client": "curl"}],
)  # fmt: skip
def test_a_get_query_of_a_graphql_client_runs(app, headers) -> None:
    response = call(app, "GET", "/graphql", params={"query": QUERY}, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "body",
    [b'"x"', b"1", b"null", b"true", b"\xff\xfe{", b'{"query": "\\ud800"}', b"{", b"",
     '{"query": "{ __typename }"}'.encode("utf-16"), b'{"query": 1}', b"[]"],
)  # fmt: skip
def test_every_malformed_body_is_a_4xx_json_answer(app, body: bytes) -> None:
    for accept in ("application/json", GRAPHQL_RESPONSE):
        response = call(
            app, "POST", "/graphql", content=body,
            headers={"Content-Type": "application/json", "Accept": accept},
        )  # fmt: skip
        assert 400 <= response.status_code < 500, (body, response.status_code, response.text)
        [error] = response.json()["errors"]
        assert "codec" not in error["message"] and "Traceback" not in response.text


def test_a_store_that_cannot_open_names_no_path(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    app = create_app(Settings(db=str(blocked / "db")))
    response = call(app, "POST", "/graphql", json={"query": QUERY})
    assert response.status_code == 503
    assert response.json() == {"errors": [{"message": STORE_DOWN}]}
    ready = call(app, "GET", "/readyz")
    assert ready.status_code == 503
    assert str(tmp_path) not in ready.text


def test_readyz_answers_503_within_2_s_when_the_store_hangs(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path / "db")
    app = create_app(Settings(), store)
    try:
        assert call(app, "GET", "/readyz").status_code == 200
        os.kill(store.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            ready = call(app, "GET", "/readyz")
            took = time.monotonic() - started
        finally:
            os.kill(store.pid, signal.SIGCONT)
        assert ready.status_code == 503, ready.text
        assert ready.json() == {"status": "unavailable", "reason": STORE_DOWN}
        assert took < 2.5
        assert call(app, "GET", "/readyz").status_code == 200  # back once the store is
    finally:
        store.close()
