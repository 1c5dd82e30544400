"""The offline install: `make wheelhouse`'s folder installs into a fresh venv with no index,
and that install serves the sample with its explorer and GraphQL IDE (no Node.js, no
source tree).

Slow by nature (it builds and installs every dependency), so it runs once: pip's own
cache makes the wheel building cheap after the first run on a machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.servers import ROOT, SAMPLE, free_port, start_process, stop_serve


def _pip_env(**extra: str) -> dict[str, str]:
    """The environment without this machine's pip settings (index, find-links)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with dutygraph installed from a wheelhouse with the index disabled."""
    if not (ROOT / "web" / "dist" / "index.html").is_file():
        pytest.fail("web/dist is not built: run make setup")
    base = tmp_path_factory.mktemp("offline")
    wheelhouse = base / "wheelhouse"
    run = dict(check=True, capture_output=True, text=True, timeout=900)
    # what `make wheelhouse` runs, with this machine's pip settings
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", str(ROOT), "-w", str(wheelhouse)],
        **run,
    )
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], **run)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--no-index",
         "--find-links", str(wheelhouse), "dutygraph"],
        env=_pip_env(PIP_CONFIG_FILE=os.devnull),
        **run,
    )  # fmt: skip
    return venv


def test_the_wheelhouse_installs_offline_and_serves_the_explorer(
    installed: Path, tmp_path: Path
) -> None:
    port = free_port()
    db = tmp_path / "db"
    args = [str(installed / "bin" / "dutygraph"), "serve", str(SAMPLE), "--db", str(db)]
    # run from elsewhere, so nothing can come from the source tree
    served = start_process([*args, "--port", str(port)], port, str(db), cwd=tmp_path)
    try:
        page = httpx.get(f"{served.url}/")
        assert page.status_code == 200
        scripts = re.findall(r'src="(/assets/[^"]+\.js)"', page.text)
        assert scripts, page.text[:300]
        assert httpx.get(f"{served.url}{scripts[0]}").status_code == 200
        ide = httpx.get(f"{served.url}/graphql", headers={"Accept": "text/html"})
        assert ide.status_code == 200
        assert "graphiql" in ide.text.lower()
        answer = httpx.post(
            f"{served.url}/graphql", json={"query": "{ workload(first: 1) { total } }"}
        ).json()
        assert answer["data"]["workload"][0]["total"] > 0
    finally:
        stop_serve(served.process)
    # what it served came from the installed package, not from this checkout
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "from dutygraph.api.settings import DEFAULT_WEB_DIST; print(DEFAULT_WEB_DIST)"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert where.stdout.startswith(str(installed)), where.stdout
