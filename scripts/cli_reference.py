"""Writes docs/cli.md from the commands' own `--help`, so the reference cannot drift.

    .venv/bin/python scripts/cli_reference.py          # rewrite docs/cli.md
tests/api/test_cli_reference.py fails when docs/cli.md differs from what this prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dutygraph.api.cli import cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 100  # fixed, so the text does not depend on the terminal it is generated in

HEADER = """\
# Command reference

Generated from `--help` by `scripts/cli_reference.py`; do not edit by hand (a test fails
when this page and the commands disagree). Run `.venv/bin/python scripts/cli_reference.py`
after changing a command or an option.
"""


def render() -> str:
    """The page: the group's help, then each command's, in the order `--help` lists them."""
    root = click.Context(cli, info_name="dutygraph", terminal_width=WIDTH, max_content_width=WIDTH)
    parts = [HEADER, _block("dutygraph", cli.get_help(root))]
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        assert command is not None
        ctx = click.Context(
            command, info_name=name, parent=root, terminal_width=WIDTH, max_content_width=WIDTH
        )
        parts.append(_block(f"dutygraph {name}", command.get_help(ctx)))
    return "\n".join(parts)


def _block(title: str, text: str) -> str:
    return f"## `{title}`\n\n```text\n{text}\n```\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")
