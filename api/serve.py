"""`dutygraph serve` (load files, then serve the API and explorer) and `dutygraph query`."""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dutygraph.api.options import aliases_option, db_option
from dutygraph.api.settings import Settings
from dutygraph.errors import ArgumentError

if TYPE_CHECKING:
    from dutygraph.graph.store import Store


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--host", help="Address to listen on. Default 127.0.0.1 (this machine only).")
@click.option("--port", type=int, help="Port to listen on. Default 8000.")
@aliases_option
@click.option(
    "--require-login",
    is_flag=True,
    help="Reading needs an account too (writing always does).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A host name the server answers to besides IP addresses and localhost (repeatable; "
    "also $DUTYGRAPH_ALLOWED_HOSTS). Others are refused, against DNS rebinding.",
)
@click.option("--no-introspection", is_flag=True, help="Refuse GraphQL introspection queries.")
@click.option("--no-ide", is_flag=True, help="Do not serve GraphiQL at /graphql.")
@click.option("--access-log", is_flag=True, help="Log a line per request (off by default).")
def serve(
    files: tuple[Path, ...],
    db: str | None,
    host: str | None,
    port: int | None,
    aliases: Path | None,
    require_login: bool,
    allowed_hosts: tuple[str, ...],
    no_introspection: bool,
    no_ide: bool,
    access_log: bool,
) -> None:
    """Load FILES (files, or folders of them) into the graph, then serve the GraphQL API
    and the explorer."""
    import uvicorn

    from dutygraph.api.app import create_app
    from dutygraph.api.http import settle_collector, uvicorn_options
    from dutygraph.graph.load import check_distinct_names
    from dutygraph.graph.store import open_store
    from dutygraph.loaders.folders import plan_files

    found = plan_files(files)  # a folder: its plan files, sorted, hidden and temporary out
    files = found.files
    for file, why in found.skipped:
        click.echo(f"skipped: {file}: {why}", err=True)
    check_distinct_names(map(str, files))
    settings = _exposure(
        _settings(db, host, port), require_login, allowed_hosts, no_introspection, no_ide
    )
    if not 1 <= settings.port <= 65535:  # else the socket takes it modulo 65,536, saying not
        raise ArgumentError(f"the port must be between 1 and 65535; got {settings.port}")
    if access_log:
        settings = replace(settings, access_log=True)
    settings = replace(settings, aliases=aliases)
    # With files to load the store must answer now; without, the app opens it when it can,
    # so a server started before its Neo4j is up serves as soon as Neo4j is (/readyz).
    store = open_store(settings.db, settings.limits.timeout_seconds) if files else None
    if store is not None:
        try:
            _load(store, files, aliases)
        except BaseException:
            store.close()
            raise
    base = f"http://{settings.host}:{settings.port}"
    click.echo(
        f"dutygraph: open {base}/ in a browser (explorer); GraphQL API and IDE: {base}/graphql"
    )
    app = create_app(settings, store)
    settle_collector()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        **uvicorn_options(settings.http, settings.access_log),
    )


@click.command()
@click.argument("document")
@click.option("--variables", help="Variables as a JSON object.")
@db_option
def query(document: str, variables: str | None, db: str | None) -> None:
    """Run one GraphQL query DOCUMENT in-process (no server) and print the JSON result."""
    from dutygraph.graph.store import open_store
    from dutygraph.schema.context import Context
    from dutygraph.schema.schema import build_schema

    settings = _settings(db, None, None)
    values = _variables(variables)
    store = open_store(settings.db, settings.limits.timeout_seconds)
    try:
        schema = build_schema(settings.limits)
        result = asyncio.run(
            schema.execute(document, variable_values=values, context_value=Context(store))
        )
    finally:
        store.close()
    out: dict[str, object] = {"data": result.data}
    if result.errors:
        out["errors"] = [e.formatted for e in result.errors]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    if result.errors:
        sys.exit(1)


def _exposure(
    settings: Settings,
    require_login: bool,
    allowed_hosts: tuple[str, ...],
    no_introspection: bool,
    no_ide: bool,
) -> Settings:
    """The settings with serve's exposure options applied; a warning when the server is
    open to a network while anyone may read."""
    settings = replace(
        settings,
        require_login=settings.require_login or require_login,
        allowed_hosts=settings.allowed_hosts + allowed_hosts,
        ide=settings.ide and not no_ide,
    )
    if no_introspection:
        settings = replace(settings, limits=replace(settings.limits, introspection=False))
    if settings.host not in ("127.0.0.1", "localhost", "::1") and not settings.require_login:
        click.echo(
            f"warning: serving on {settings.host}: anyone who can reach it can read the whole "
            "graph; give --require-login (and consider --no-introspection --no-ide)",
            err=True,
        )
    return settings


def _settings(db: str | None, host: str | None, port: int | None) -> Settings:
    s = Settings.from_env()
    return replace(s, db=db or s.db, host=host or s.host, port=port or s.port)


def _variables(text: str | None) -> dict[str, object] | None:
    if text is None:
        return None
    try:
        values = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArgumentError(f"--variables is not JSON: {exc}") from None
    if not isinstance(values, dict):
        raise ArgumentError("--variables must be a JSON object")
    return values


def _load(store: Store, files: tuple[Path, ...], aliases: Path | None) -> None:
    from dutygraph.graph.load import duplicate_of, load_plan
    from dutygraph.loaders import parse_file

    for file in files:
        first = duplicate_of(store, file)
        if first is not None:
            click.echo(f"note: {file} has the same bytes as {first}: not loaded again", err=True)
            continue
        plan = parse_file(file, aliases=aliases)
        loaded = load_plan(store, plan)
        click.echo(f"loaded {file}: {len(plan.tasks)} tasks")
        if loaded.replaced:
            click.echo(f"note: {file} replaced {loaded.replaced} (same file name)", err=True)
