"""The FastAPI app: /graphql, the browser pages, /healthz and /readyz, built from Settings."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Scope
from strawberry.fastapi import GraphQLRouter

from dutygraph.api.auth import Auth
from dutygraph.api.backpressure import ExecutionCap
from dutygraph.api.conformance import GraphQLHTTP
from dutygraph.api.exposure import Exposure
from dutygraph.api.pages import GraphQLIde, page
from dutygraph.api.report_route import report_router
from dutygraph.api.settings import Settings
from dutygraph.api.storehandle import StoreHandle
from dutygraph.api.uploads import upload_router
from dutygraph.errors import StoreError
from dutygraph.graph.store import Store
from dutygraph.schema.access import Clock, utc_now
from dutygraph.schema.context import Context
from dutygraph.schema.execution import CompilingSchema
from dutygraph.schema.limits import STORE_UNAVAILABLE as STORE_DOWN
from dutygraph.schema.schema import build_schema

GRAPHQL_PATH = "/graphql"
_TRIED_WITH = "dutygraph.compiled_context"  # scope key: the context the compiled path gave way in
READY_TIMEOUT = 2.0  # seconds /readyz waits for the store before answering 503
log = logging.getLogger("dutygraph.api")


class _Router(GraphQLRouter):
    """Strawberry's router, answering in orjson (UTF-8 as it is: the answers are mostly
    Chinese, unreadable as \\uXXXX escapes; ~15x the stdlib's speed) within a size limit."""

    def __init__(self, *args: Any, max_response_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_response_bytes = max_response_bytes

    def encode_json(self, data: object) -> bytes:
        return encode_answer(data, self.max_response_bytes)


def encode_answer(data: object, max_bytes: int) -> bytes:
    """The answer in orjson, or the error saying it is over `max_bytes`."""
    body = orjson.dumps(data)
    if len(body) <= max_bytes:
        return body
    message = (
        f"The answer would be {len(body)} bytes; the limit is {max_bytes}: "
        "ask for fewer items (`first`) or fewer fields."
    )
    return orjson.dumps({"data": None, "errors": [{"message": message}]})


def create_app(settings: Settings, store: Store | None = None, clock: Clock = utc_now) -> ASGIApp:
    """The app. `store`, when given, is used (and closed on shutdown) instead of opening one;
    `clock` is what due dates are judged by (tests set it)."""
    handle = StoreHandle(settings.db, store, settings.limits.timeout_seconds)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            await asyncio.to_thread(handle.get)
        except StoreError as exc:
            # Serve anyway: /readyz reports it and the store is tried again per request.
            log.warning("the graph store is not available yet: %s", exc)
        yield
        await asyncio.to_thread(handle.close)

    async def current_store() -> Store:
        # the usual case costs no thread hop; opening or checking the store does I/O
        store = handle.current()
        return store if store is not None else await asyncio.to_thread(handle.get)

    auth = Auth(
        current_store,
        require_login=settings.require_login,
        due_soon_days=settings.due_soon_days,
        clock=clock,
    )

    async def context(request: Request) -> Context:
        tried = request.scope.get(_TRIED_WITH)
        if tried is not None:
            # the compiled path gave way: the resolvers answer with the same caller and
            # store (one that failed there fails here too, as it would have alone)
            return tried
        caller = await auth.caller(request)
        return Context(await current_store(), settings.limits, caller)

    schema = build_schema(settings.limits)

    async def compiled_answer(scope: Scope, request: dict[str, Any]) -> bytes | None:
        """The compiled path's answer, or None for strawberry's router to give: an
        operation it does not run, a caller auth refuses or a store that is down (the
        router says why, as ever)."""
        query, variables = request.get("query"), request.get("variables")
        if not isinstance(schema, CompilingSchema) or not isinstance(query, str):
            return None
        if not isinstance(variables, dict | None):
            return None
        try:
            ctx = await context(Request(scope))
        except (HTTPException, StoreError):
            return None
        result = await schema.run_compiled(query, variables, request.get("operationName"), ctx)
        if result is None:
            ctx.try_compiled = False
            scope[_TRIED_WITH] = ctx
            return None
        return encode_answer({"data": result.data}, settings.limits.max_response_bytes)

    # no OpenAPI pages: the API's contract is the GraphQL schema
    app = FastAPI(
        title="dutygraph", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    router = _Router(
        schema,
        context_getter=context,
        graphql_ide=None,
        max_response_bytes=settings.limits.max_response_bytes,
    )
    app.include_router(router, prefix=GRAPHQL_PATH)
    app.include_router(auth.router())
    app.include_router(report_router(auth, current_store))
    app.include_router(upload_router(auth, current_store, settings.aliases))
    _add_health(app, handle)
    _add_pages(app, settings)

    @app.exception_handler(StoreError)
    async def store_down(_: Request, exc: StoreError) -> JSONResponse:
        # Raised while building the context: no GraphQL execution happened. The reason
        # names paths and addresses: the log has it, the client does not.
        log.warning("the graph store is unavailable: %s", exc)
        return JSONResponse({"errors": [{"message": STORE_DOWN}]}, status_code=503)

    # Our own layers wrap the FastAPI app from outside rather than sitting in its
    # middleware list: FastAPI puts its error, telemetry and body-limit layers before any
    # added one, ~20 us a request (measured) that a compiled answer, given before FastAPI
    # is reached, does not need. A request they do not answer reaches FastAPI whole.
    front: ASGIApp = GraphQLHTTP(
        app, path=GRAPHQL_PATH, max_body_bytes=settings.max_body_bytes, answer=compiled_answer
    )
    front = ExecutionCap(front, path=GRAPHQL_PATH, max_executions=settings.http.max_executions)
    if settings.ide:
        front = GraphQLIde(front, path=GRAPHQL_PATH, ide_file=settings.web_dist / "graphiql.html")
    if settings.cors_origins:
        front = CORSMiddleware(
            front,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", "Authorization", "X-CSRF-Token"],
        )
    hosts = frozenset(settings.allowed_hosts) | {settings.host}
    return Exposure(front, allowed_hosts=hosts, ide_path=GRAPHQL_PATH)


def _add_health(app: FastAPI, handle: StoreHandle) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        """The process answers; says nothing about the store."""
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        """200 when the store answers a ping within READY_TIMEOUT, else 503."""
        try:
            await asyncio.wait_for(asyncio.to_thread(handle.ping), READY_TIMEOUT)
        except (StoreError, TimeoutError) as exc:
            log.warning("/readyz: the graph store does not answer: %s", exc or "timed out")
            return JSONResponse({"status": "unavailable", "reason": STORE_DOWN}, status_code=503)
        return JSONResponse({"status": "ok"})


def _add_pages(app: FastAPI, settings: Settings) -> None:
    dist = settings.web_dist

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return page(dist / "index.html", "explorer web app")

    if (dist / "assets").is_dir():  # else /assets/… is a plain 404, like any unknown path
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")
