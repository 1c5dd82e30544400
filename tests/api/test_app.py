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


def test_the_apps_store_tells_what_the_store_tells(store):
    """read_batched asks the store for max_params_bytes (FalkorDB-Bolt crashes on large
    parameters); the app's watched store must answer as the store itself does."""
    watched = StoreHandle(None, store).current()
    assert watched is not None
    assert getattr(watched, "max_params_bytes", None) == getattr(store, "max_params_bytes", None)
