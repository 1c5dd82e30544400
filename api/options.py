"""Options several commands share, defined once so their names and help stay alike."""

from __future__ import annotations

from pathlib import Path

import click

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
