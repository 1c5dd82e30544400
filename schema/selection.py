"""What a query selects below the current field, so a resolver can load ahead."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def selected(info: Any, *path: str) -> set[str]:
    """The names of the fields selected at `path` below the current field, fragments
    included. @skip and @include are not read, so at worst this is a few names too many."""
    level = [child for field in _fields(info.selected_fields) for child in field.selections]
    for step in path:
        level = [child for f in _fields(level) if f.name == step for child in f.selections]
    return {field.name for field in _fields(level)}


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, (FragmentSpread, InlineFragment)):
            yield from _fields(selection.selections)
        else:
            yield selection
