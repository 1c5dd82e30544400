"""A store that goes away: clear GraphQL errors and /readyz 503 while it is down, the
process stays up, and it serves again once the store is back."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx

from dutygraph.api.app import STORE_DOWN
from dutygraph.graph.load import load_plan
from dutygraph.graph.store import open_store
from dutygraph.loaders import parse_file
from tests.servers import SAMPLE, BoltServer, bolt_port, start_serve, stop_serve

QUERY = '{ unit(name: "县发改局") { workload { total } } }'


def ask(base: str) -> httpx.Response:
    return httpx.post(f"{base}/graphql", json={"query": QUERY}, timeout=60)


def store_error(response: httpx.Response) -> str:
    """The one error of a failed query; it says the store failed, naming no path or address."""
    body = response.json()
    assert not (body.get("data") or {}).get("unit"), body
    (error,) = body["errors"]
    message = error["message"]
    assert message != "Internal error."
    assert "store" in message, message
    assert not any(leak in message for leak in ("bolt://", "/tmp", str(Path.home()))), message
    return message


def answers(base: str) -> bool:
    response = ask(base)
    return response.status_code == 200 and response.json().get("data", {}) == {
        "unit": {"workload": {"total": 22}}
    }


def test_bolt_store_down_then_back(tmp_path: Path):
    falkordb = BoltServer(tmp_path, bolt_port())
    falkordb.start()
    served = start_serve(falkordb.uri, SAMPLE)
    try:
        assert answers(served.url)
        falkordb.stop()
        # the first query may spend the request's time in the driver's retries
        store_error(ask(served.url))
        ready = httpx.get(f"{served.url}/readyz", timeout=60)
        assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        assert ready.json()["reason"] == STORE_DOWN  # no address: the server's log has it
        response = ask(served.url)  # now known to be down: refused at once, before execution
        assert response.status_code == 503
        assert store_error(response) == STORE_DOWN
        assert httpx.get(f"{served.url}/healthz").status_code == 200
        assert served.process.poll() is None
        falkordb.start()  # empty: this server keeps no data across a restart
        assert httpx.get(f"{served.url}/readyz", timeout=60).status_code == 200
        reload = open_store(falkordb.uri)
        try:
            load_plan(reload, parse_file(SAMPLE))
        finally:
            reload.close()
        assert answers(served.url)
    finally:
        stop_serve(served.process)
        falkordb.kill()


def test_embedded_server_killed_then_restarted(tmp_path: Path):
    db = tmp_path / "db"
    served = start_serve(str(db), SAMPLE)
    try:
        assert answers(served.url)
        time.sleep(1.5)
        os.kill(int((db / "falkordb.pid").read_text()), signal.SIGKILL)
        time.sleep(0.2)
        store_error(ask(served.url))
        assert served.process.poll() is None
        # the next use pings, finds the server gone and starts it again on the same data
        assert httpx.get(f"{served.url}/readyz", timeout=60).status_code == 200
        assert answers(served.url)
    finally:
        stop_serve(served.process)


def test_serve_started_before_its_store(tmp_path: Path):
    falkordb = BoltServer(tmp_path, bolt_port())
    served = start_serve(falkordb.uri, wait_for="/healthz")  # no files: nothing to load yet
    try:
        ready = httpx.get(f"{served.url}/readyz", timeout=60)
        assert ready.status_code == 503 and ready.json()["reason"] == STORE_DOWN
        response = ask(served.url)
        assert response.status_code == 503
        assert store_error(response) == STORE_DOWN
        falkordb.start()
        assert httpx.get(f"{served.url}/readyz", timeout=60).status_code == 200
        reload = open_store(falkordb.uri)
        try:
            load_plan(reload, parse_file(SAMPLE))
        finally:
            reload.close()
        assert answers(served.url)
    finally:
        stop_serve(served.process)
        falkordb.kill()
