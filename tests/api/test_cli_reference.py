"""docs/cli.md is the commands' own `--help` (as Datasette checks its CLI reference)."""

from __future__ import annotations

import runpy

from tests.servers import ROOT


def test_cli_reference_is_the_help_of_every_command() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "cli_reference.py"))["render"]
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render(), (
        "docs/cli.md differs from --help: run .venv/bin/python scripts/cli_reference.py"
    )
