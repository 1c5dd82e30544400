"""README and docs/ stay true: their links lead somewhere, the tests they cite exist, and
their shell examples run as written against a fresh store.

A `sh` block's `dutygraph` commands are run in order and must exit 0 (`serve` must answer
/readyz, then is stopped); a `console` block's `$ ` lines must also print what follows them.
README runs against an empty store; the pages in docs/ describe the sample, so their store
has it loaded first. `--db` values and `--port` numbers are replaced by a fresh directory
and a free port; commands run in a scratch folder holding a link to samples/. Commands
of other programs (make, docker-compose, curl …) are not run.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.servers import DUTYGRAPH, ROOT, SAMPLE, free_port, start_process, stop_serve

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def _name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def _commands(block: str) -> list[list[str]]:
    """The block's command lines as argv lists: comments dropped, a command continued
    over several lines (a backslash, or a quote still open) read as one."""
    commands, pending = [], ""
    for line in block.splitlines():
        pending += line + "\n"
        try:
            argv = shlex.split(pending.replace("\\\n", " "), comments=True)
        except ValueError:  # an open quote: the command goes on
            continue
        pending = ""
        if argv:
            commands.append(argv)
    assert not pending, f"unfinished command: {pending}"
    return commands


def _console(block: str) -> list[tuple[list[str], str]]:
    """`$ command` lines of a console block, each with the output printed under it."""
    runs: list[tuple[list[str], str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            runs.append((shlex.split(line[2:]), ""))
        elif runs:
            argv, out = runs[-1]
            runs[-1] = (argv, out + line + "\n")
    return runs


def _fresh(argv: list[str], db: Path) -> list[str]:
    argv = list(argv)
    for i, arg in enumerate(argv[:-1]):
        if arg == "--db":
            argv[i + 1] = str(db)
    return argv


def _workdir(db: Path) -> Path:
    """Where the commands run: beside the store, with the repository's samples/ linked in,
    so a command writing a file (`report -o`) writes it there, not into the source tree."""
    work = db.parent / "work"
    if not work.exists():
        work.mkdir()
        (work / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    return work


def _run(argv: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DUTYGRAPH), *_fresh(argv, db)[1:]],
        capture_output=True,
        text=True,
        cwd=_workdir(db),
        env={**os.environ, "DUTYGRAPH_DB": str(db)},
        timeout=120,
    )


def _serve(argv: list[str], db: Path) -> None:
    argv = _fresh(argv, db)
    port = free_port()
    if "--port" in argv:
        argv[argv.index("--port") + 1] = str(port)
    else:
        argv += ["--port", str(port)]
    served = start_process([str(DUTYGRAPH), *argv[1:]], port, str(db), cwd=_workdir(db))
    stop_serve(served.process)


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_shell_examples_run_as_written(page: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    blocks = [
        (lang, b)
        for lang, b in BLOCK.findall(page.read_text(encoding="utf-8"))
        if lang == "console" or (lang == "sh" and "dutygraph " in b)
    ]
    if blocks and page != README:
        loaded = _run(["dutygraph", "load", str(SAMPLE)], db)
        assert loaded.returncode == 0, loaded.stderr
    ran = 0
    for lang, block in blocks:
        if lang == "sh":
            for argv in _commands(block):
                if argv[0] != "dutygraph":
                    continue
                ran += 1
                if argv[1:2] == ["serve"]:
                    _serve(argv, db)
                    continue
                done = _run(argv, db)
                assert done.returncode == 0, (
                    f"{shlex.join(argv)}\n{done.stdout}{done.stderr}\n"
                    "(a synopsis with placeholders belongs in a ```text block, not ```sh)"
                )
        elif lang == "console":
            for argv, expected in _console(block):
                ran += 1
                done = _run(argv, db)
                assert done.returncode == 0, f"{shlex.join(argv)}\n{done.stderr}"
                assert done.stdout.strip() == expected.strip(), shlex.join(argv)
    if page == README:
        assert ran >= 5, "README's examples were not found"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = BLOCK.sub("", page.read_text(encoding="utf-8"))
    return {_slug(m) for m in re.findall(r"^#+ (.*)$", text, re.M)}


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_links_lead_somewhere(page: Path) -> None:
    text = BLOCK.sub("", page.read_text(encoding="utf-8"))
    for label, target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{_name(page)}: {target} does not exist"
        if anchor:
            assert anchor in _anchors(file), f"{_name(page)}: no heading for #{anchor}"
        if test := re.fullmatch(r"`(test_\w+)`", label):
            source = file.read_text(encoding="utf-8")
            assert re.search(rf"^\s*def {test[1]}\(", source, re.M), (
                f"{_name(page)}: {test[1]} is not in {path}"
            )


def test_readme_links_every_page_of_docs() -> None:
    readme = README.read_text(encoding="utf-8")
    unlinked = [p for p in PAGES if p.parent.name == "docs" and f"]({_name(p)})" not in readme]
    assert unlinked == [], "README's Documentation table should list every page of docs/"


def test_readme_stays_short() -> None:
    """README is the way in; the detail belongs in docs/."""
    assert len((ROOT / "README.md").read_bytes()) <= 12 * 1024
