"""Options several commands share, defined once so their names and help stay alike."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import click

from dutygraph.graph.store import Store, open_store

db_option = click.option(
    "--db",
    help="Graph store: a directory for the embedded store, or a bolt:// neo4j:// neo4j+s:// "
    "URI. Default: $DUTYGRAPH_DB, else $NEO4J_URI, else the embedded store's data directory.",
)

aliases_option = click.option(
    "--aliases",
    type=click.Path(path_type=Path),
    help="A file of unit aliases (alias -> canonical name, JSON or CSV) applied on top of "
    "the built-in ones when parsing.",
)


def store_location(db: str | None, env: Mapping[str, str] = os.environ) -> str | None:
    """The store `--db` names, else `$DUTYGRAPH_DB`; None leaves the choice to open_store
    ($NEO4J_URI, else the embedded store's data directory). Here, not in settings.py, so
    that the commands that only open a store do not import the GraphQL schema."""
    return db or env.get("DUTYGRAPH_DB") or None


@contextmanager
def opened_store(db: str | None) -> Iterator[Store]:
    """The store `--db` names (else the default), closed however the command ends."""
    store = open_store(store_location(db))
    try:
        yield store
    finally:
        store.close()
