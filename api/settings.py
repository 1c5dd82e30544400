"""API settings: defaults, overridden by DUTYGRAPH_* environment variables, then by the CLI."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dutygraph.api.options import store_location
from dutygraph.errors import ArgumentError
from dutygraph.schema.limits import DEFAULT_LIMITS, Limits

# The explorer's build: in a source checkout (editable install) where Vite writes it,
# web/dist; in an installed wheel, the copy setup.py packs as dutygraph/web.
_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WEB_DIST = _ROOT / "web" / "dist" if (_ROOT / "pyproject.toml").is_file() else _ROOT / "web"


@dataclass(frozen=True, slots=True)
class HttpLimits:
    """What the HTTP server allows a client (api/http.py, api/backpressure.py)."""

    header_timeout: float = 10.0  # seconds from a request's first byte to its last header
    body_timeout: float = 30.0  # seconds from its headers to the end of its body
    keep_alive_timeout: float = 5.0  # seconds an idle connection stays open
    max_connections: int = 1024  # open at once; a new one past it is closed at once
    max_executions: int = 64  # GraphQL requests running at once; past it, 503 at once


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    db: str | None = None  # None: the embedded store's default data directory
    cors_origins: tuple[str, ...] = ()  # none: the web app is served from the same origin
    # Host names the server answers to besides IP addresses and localhost (DNS rebinding)
    allowed_hosts: tuple[str, ...] = ()
    web_dist: Path = DEFAULT_WEB_DIST
    max_body_bytes: int = 512 * 1024
    require_login: bool = False  # True: reading needs an account too (writes always do)
    due_soon_days: int = 14  # an assignment due within this many days is "due soon"
    limits: Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    http: HttpLimits = field(default_factory=HttpLimits)
    access_log: bool = False  # a log line per request costs ~0.1-0.2 ms: off unless asked
    ide: bool = True  # GraphiQL at GET /graphql from a browser
    aliases: Path | None = None  # `serve --aliases`: also applied to plans uploaded by admins

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Defaults with every DUTYGRAPH_* variable that is set applied on top."""
        s = cls()
        get = env.get
        limits = s.limits
        for name in (
            "max_depth",
            "max_aliases",
            "max_tokens",
            "max_query_bytes",
            "max_first",
            "max_cost",
            "max_response_bytes",
        ):
            value = get(f"DUTYGRAPH_{name.upper()}")
            if value is not None:
                number: dict[str, Any] = {name: _int(name, value)}  # a field chosen by name
                limits = replace(limits, **number)
        if (timeout := get("DUTYGRAPH_TIMEOUT")) is not None:
            limits = replace(limits, timeout_seconds=_float("TIMEOUT", timeout))
        origins = get("DUTYGRAPH_CORS_ORIGINS")
        hosts = get("DUTYGRAPH_ALLOWED_HOSTS")
        http = s.http
        for name in ("header_timeout", "body_timeout", "keep_alive_timeout"):
            if (value := get(f"DUTYGRAPH_{name.upper()}")) is not None:
                seconds: dict[str, Any] = {name: _float(name.upper(), value)}
                http = replace(http, **seconds)
        for name in ("max_connections", "max_executions"):
            if (value := get(f"DUTYGRAPH_{name.upper()}")) is not None:
                count: dict[str, Any] = {name: _int(name, value)}
                http = replace(http, **count)
        return replace(
            s,
            host=get("DUTYGRAPH_HOST", s.host),
            port=_int("port", get("DUTYGRAPH_PORT", str(s.port))),
            db=store_location(None, env),
            cors_origins=_names(origins) if origins else s.cors_origins,
            allowed_hosts=_names(hosts) if hosts else s.allowed_hosts,
            web_dist=Path(get("DUTYGRAPH_WEB_DIST", str(s.web_dist))),
            max_body_bytes=_int(
                "max_body_bytes", get("DUTYGRAPH_MAX_BODY_BYTES", str(s.max_body_bytes))
            ),
            require_login=_flag(get("DUTYGRAPH_REQUIRE_LOGIN")),
            due_soon_days=_int("due_soon_days", get("DUTYGRAPH_DUE_SOON_DAYS", "14")),
            limits=limits,
            http=http,
            access_log=_flag(get("DUTYGRAPH_ACCESS_LOG")),
            ide=not _flag(get("DUTYGRAPH_NO_IDE")),
        )


def _flag(value: str | None) -> bool:
    return (value or "") not in ("", "0", "false")


def _names(value: str) -> tuple[str, ...]:
    """A comma-separated list."""
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ArgumentError(
            f"DUTYGRAPH_{name.upper()} must be a whole number; got {value!r}"
        ) from None


def _float(name: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ArgumentError(f"DUTYGRAPH_{name} must be a number; got {value!r}") from None
