"""docker-compose.yml is valid for Debian's docker-compose (no Docker engine runs here)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = shutil.which("docker-compose")

pytestmark = pytest.mark.skipif(
    COMPOSE is None, reason="docker-compose is not installed (scripts/install-system-deps)"
)


def compose(*args: str, env_file: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "COMPOSE_"))}
    return subprocess.run(
        [COMPOSE or "docker-compose", "--env-file", str(env_file), *args],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


def test_config_is_valid_with_the_example_env_file() -> None:
    done = compose("config", "-q", env_file=ROOT / ".env.example")
    assert done.returncode == 0, done.stderr


def test_the_api_is_wired_to_neo4j_and_published_on_loopback_only() -> None:
    done = compose("config", env_file=ROOT / ".env.example")
    assert done.returncode == 0, done.stderr
    config = done.stdout
    assert "NEO4J_URI: bolt://neo4j:7687" in config
    assert "- bolt://neo4j:7687" in config  # serve --db
    assert "condition: service_healthy" in config
    assert "image: neo4j:5-community" in config
    published = [p for p in map(str.strip, config.splitlines()) if p.endswith("/tcp")]
    assert len(published) == 3  # API, Neo4j Browser, Bolt
    assert all(p.startswith("- 127.0.0.1:") for p in published)


def test_a_missing_password_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("")
    done = compose("config", "-q", env_file=empty)
    assert done.returncode != 0
    assert "set NEO4J_PASSWORD in .env" in done.stderr


def test_no_env_file_with_secrets_is_tracked() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", ".env"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == ""
    assert "NEO4J_PASSWORD=change-me" in (ROOT / ".env.example").read_text()
