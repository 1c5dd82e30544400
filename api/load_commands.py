"""`dutygraph load`, `dutygraph stats` and `dutygraph unload`: filling and inspecting a store."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from dutygraph.api.options import aliases_option, db_option, opened_store
from dutygraph.errors import InputError, ParseError, StoreError
from dutygraph.graph.load import Loaded


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@aliases_option
def load(files: tuple[Path, ...], db: str | None, aliases: Path | None) -> None:
    """Parse FILES (files, or folders of them) and write each as one document, replacing an
    earlier load of the same file.

    A folder gives every plan file under it, sorted, without hidden and temporary files.
    A file whose bytes equal a loaded document's is noted and not loaded a second time.
    A file that cannot be parsed, or that the store could not save (a full disk), is
    reported as not loaded and the command exits non-zero; the others load.
    """
    from dutygraph.graph.load import check_distinct_names, duplicate_of, load_plan
    from dutygraph.loaders import parse_file
    from dutygraph.loaders.folders import plan_files

    found = plan_files(files)
    check_distinct_names(map(str, found.files))
    loaded: list[tuple[Path, Loaded]] = []
    failed: list[str] = []
    duplicates: list[str] = []
    with opened_store(db) as store, _progress(found.files) as bar:
        for file in bar:
            try:
                first = duplicate_of(store, file)
                if first is not None:
                    duplicates.append(f"{file} has the same bytes as {first}: not loaded again")
                    continue
                plan = parse_file(file, aliases=aliases)
                loaded.append((file, load_plan(store, plan)))
            except (InputError, ParseError, StoreError) as exc:
                failed.append(f"{file}: {exc}")
    for _, doc in loaded if len(loaded) <= 20 else []:
        counts = f"{doc.tasks} tasks, {doc.assignments} assignments"
        click.echo(f"loaded {doc.uid} {doc.title}: {counts}")
    tasks = sum(d.tasks for _, d in loaded)
    assignments = sum(d.assignments for _, d in loaded)
    click.echo(f"{len(loaded)} documents loaded: {tasks} tasks, {assignments} assignments")
    for file, doc in loaded:
        if doc.replaced:
            click.echo(f"note: {file} replaced {doc.replaced} (same file name)", err=True)
    for line in duplicates:
        click.echo(f"note: {line}", err=True)
    for file, why in found.skipped:
        click.echo(f"skipped: {file}: {why}", err=True)
    for line in failed:
        click.echo(f"not loaded: {line}", err=True)
    if len(found.files) > 1 or found.skipped:
        click.echo(
            f"{len(loaded)} loaded, {len(found.skipped) + len(duplicates)} skipped, "
            f"{len(failed)} refused",
            err=True,
        )
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(found.files)} files not loaded")
    if not found.files:
        raise click.ClickException(f"no plan files in {', '.join(map(str, files))}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@db_option
def stats(as_json: bool, db: str | None) -> None:
    """Count the nodes per label and the relationships per type."""
    from dutygraph.graph.load import stats as count

    with opened_store(db) as store:
        counts = count(store)
    if as_json:
        json.dump(counts, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    for kind, numbers in counts.items():
        click.echo(f"{kind}:")
        width = max((len(name) for name in numbers), default=0)
        for name, n in numbers.items():
            click.echo(f"  {name:<{width}}  {n}")


@click.command()
@click.argument("document")
@db_option
def unload(document: str, db: str | None) -> None:
    """Remove DOCUMENT (its uid, doc:…, or the path it was loaded from) from the store."""
    from dutygraph.graph.load import unload_document

    with opened_store(db) as store:
        uid = unload_document(store, document)
    click.echo(f"unloaded {uid}")


@contextlib.contextmanager
def _progress(files: tuple[Path, ...]) -> Iterator[Iterable[Path]]:
    """A progress bar on stderr when there is more than one file."""
    if len(files) <= 1:
        yield files
        return
    with click.progressbar(
        files, label="loading", file=sys.stderr, show_pos=True, item_show_func=_name
    ) as bar:
        yield bar


def _name(file: Path | None) -> str | None:
    return file.name if file else None
