"""The `dutygraph` command line. Domain errors become one-line messages here and only here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dutygraph.api.load_commands import load, stats, unload
from dutygraph.api.options import aliases_option
from dutygraph.api.serve import query, serve
from dutygraph.api.user_commands import report, user
from dutygraph.errors import DutygraphError
from dutygraph.loaders import parse_file
from dutygraph.loaders.model import Plan


class _Group(click.Group):
    """Turns every DutygraphError raised by a command into `Error: …` and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DutygraphError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(package_name="dutygraph")
def cli() -> None:
    """Turn government work plans into a queryable graph of who must do what."""


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole Plan as JSON.")
@aliases_option
def parse(file: Path, as_json: bool, aliases: Path | None) -> None:
    """Parse FILE (text, Word, Excel, CSV, PDF, scan, web page; docs/formats.md) and print
    its plan."""
    plan = parse_file(file, aliases=aliases)
    if as_json:
        json.dump(plan.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(_summary(plan))


def _summary(plan: Plan) -> str:
    assignments = sum(len(t.units) for t in plan.tasks)
    lines = [
        plan.document.title,
        f"  {len(plan.sections)} sections, {len(plan.tasks)} tasks, {assignments} assignments",
        f"  {len(plan.units)} units, {len(plan.policies)} policies, "
        f"{len(plan.projects)} projects, {len(plan.goals)} goals",
    ]
    lines += [f"  warning: line {w.line}: {w.message}" for w in plan.warnings]
    return "\n".join(lines)


# The server commands live in api/serve.py (owned with the app).
cli.add_command(serve)
cli.add_command(query)
# Filling and inspecting a store live in api/load_commands.py.
cli.add_command(load)
cli.add_command(stats)
cli.add_command(unload)
# Accounts and the 督办清单 live in api/user_commands.py.
cli.add_command(user)
cli.add_command(report)


def main() -> None:
    cli()
