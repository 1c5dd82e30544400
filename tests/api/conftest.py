"""End-to-end servers over each store: the embedded one (`live_server`, tests/conftest.py)
and the Neo4j code path talking to a FalkorDB Bolt endpoint on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from servers import SAMPLE, BoltServer, Served, bolt_port, start_serve, stop_serve


@pytest.fixture(scope="session")
def bolt_falkordb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    server = BoltServer(tmp_path_factory.mktemp("bolt"), bolt_port())
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="session")
def bolt_server(bolt_falkordb: BoltServer) -> Iterator[Served]:
    served = start_serve(bolt_falkordb.uri, SAMPLE)
    yield served
    stop_serve(served.process)


@pytest.fixture(scope="session", params=["embedded", "bolt"])
def server_url(request: pytest.FixtureRequest) -> str:
    """The base URL of `dutygraph serve` on the sample, over each store."""
    if request.param == "embedded":
        return request.getfixturevalue("live_server")
    return request.getfixturevalue("bolt_server").url
