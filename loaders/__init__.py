"""Loaders: a work-plan file -> a typed `Plan` (see model.py for the records)."""

from pathlib import Path

from .model import Plan


def parse_file(path: str | Path, aliases: str | Path | None = None) -> Plan:
    """Read, outline, extract and resolve one plan file.

    Raises InputError for a file that cannot be read as a plan, ParseError for one that
    holds no tasks, AliasFileError for a bad alias file.
    """
    from .plan import build_plan
    from .read import read_file

    return build_plan(read_file(path), aliases=aliases)


__all__ = ["Plan", "parse_file"]
