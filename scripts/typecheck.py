"""Runs mypy over the dutygraph package: `.venv/bin/python scripts/typecheck.py [mypy args]`.

The folders install as dutygraph.loaders, dutygraph.graph, … (pyproject.toml's
package-dir), which mypy cannot follow (the editable install maps them with an import
hook). So this builds the package's shape out of symbolic links in build/typecheck and
checks it there; errors name the files of this folder.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("loaders", "graph", "schema", "api")
TREE = ROOT / "build" / "typecheck"


def link_tree() -> Path:
    package = TREE / "dutygraph"
    shutil.rmtree(TREE, ignore_errors=True)
    package.mkdir(parents=True)
    for source in (ROOT / "dutygraph").glob("*.py"):
        (package / source.name).symlink_to(source)
    for layer in LAYERS:
        (package / layer).symlink_to(ROOT / layer, target_is_directory=True)
    return TREE


def main(args: list[str]) -> int:
    tree = link_tree()
    os.chdir(tree)  # so that `dutygraph` is the linked tree, not this folder's dutygraph/
    out, err, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), *args, "-p", "dutygraph"]
    )
    # name the files as they are in this folder: dutygraph/graph/x.py is graph/x.py
    sys.stdout.write(re.sub(rf"^dutygraph/(?=(?:{'|'.join(LAYERS)})/)", "", out, flags=re.M))
    sys.stderr.write(err)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
