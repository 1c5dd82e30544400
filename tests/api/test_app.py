"""The app in-process (httpx's ASGI transport, no server): settings from the environment,
CORS, the pages when web/dist is not built."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from dutygraph.api.app import create_app
from dutygraph.api.settings import Settings
from dutygraph.api.storehandle import StoreHandle
from dutygraph.errors import ArgumentError
from dutygraph.graph import nodes
from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store


def client(settings: Settings, store) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(settings, store))
    return httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")


def test_settings_from_the_environment():
    env = {
        "DUTYGRAPH_HOST": "0.0.0.0",
        "DUTYGRAPH_PORT": "9000",
        "DUTYGRAPH_DB": "bolt://db:7687",
        "DUTYGRAPH_CORS_ORIGINS": "http://a.test, http://b.test",
        "DUTYGRAPH_MAX_FIRST": "50",
        "DUTYGRAPH_TIMEOUT": "2.5",
    }
    s = Settings.from_env(env)
    assert (s.host, s.port, s.db) == ("0.0.0.0", 9000, "bolt://db:7687")
    assert s.cors_origins == ("http://a.test", "http://b.test")
    assert (s.limits.max_first, s.limits.timeout_seconds) == (50, 2.5)
    defaults = Settings.from_env({})
    assert (defaults.host, defaults.port, defaults.cors_origins) == ("127.0.0.1", 8000, ())


def test_a_bad_setting_is_a_clear_error():
    with pytest.raises(ArgumentError, match="DUTYGRAPH_PORT"):
        Settings.from_env({"DUTYGRAPH_PORT": "eighty"})


def test_cors_only_for_the_configured_origins(store):
    asyncio.run(_cors(store))


async def _cors(store) -> None:
    settings = Settings(cors_origins=("http://allowed.test",))
    preflight = {"Access-Control-Request-Method": "POST"}
    async with client(settings, store) as http:
        ok = await http.options("/graphql", headers={"Origin": "http://allowed.test", **preflight})
        assert ok.headers["access-control-allow-origin"] == "http://allowed.test"
        other = await http.options("/graphql", headers={"Origin": "http://evil.test", **preflight})
        assert "access-control-allow-origin" not in other.headers
    async with client(Settings(), store) as http:
        response = await http.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"Origin": "http://a.test"}
        )
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers


def test_pages_say_how_to_build_the_web_app_when_it_is_not_built(store, tmp_path: Path):
    asyncio.run(_unbuilt(store, tmp_path / "dist"))


async def _unbuilt(store, dist: Path) -> None:
    async with client(Settings(web_dist=dist), store) as http:
        for path in ("/", "/graphql"):
            response = await http.get(path, headers={"Accept": "text/html"})
            assert response.status_code == 503
            assert "npm run build --prefix web" in response.text
        assert (await http.get("/assets/app.js")).status_code == 404


def test_the_apps_watched_store_works_as_its_store_does(store, plan):
    """The app reads and writes through the handle's watched store. It is a Store, says
    what its store says of itself, loads a plan (one transaction on Bolt, one statement
    embedded) and splits a long uid list under the store's parameter limit: FalkorDB's
    Bolt endpoint crashes on one 8 KB parameter, so a watched store that did not pass the
    limit on would fail here."""
    watched = StoreHandle(None, store).current()
    assert isinstance(watched, Store)
    says = (watched.dialect, watched.max_params_bytes, watched.transactions, watched.nested_unions)
    assert says == (store.dialect, store.max_params_bytes, store.transactions, store.nested_unions)
    loaded = load_plan(watched, plan)
    assert loaded.tasks == len(plan.tasks)
    tasks = [f"{loaded.uid}/{t.id}" for t in plan.tasks]
    unknown = [f"{loaded.uid}/t{i:040d}" for i in range(200)]  # 200 x 50 bytes of uids
    before = store.round_trips
    rows = nodes.tasks_by_uid(watched, tasks + unknown)
    assert sorted(r["uid"] for r in rows) == sorted(tasks)
    calls = store.round_trips - before
    assert calls == 1 if store.max_params_bytes is None else calls > 1
