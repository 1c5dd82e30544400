"""Plans uploaded from the explorer, by admins: preview, load (or replace), unload.

- `POST /documents/preview`, multipart with `file` (any format the readers take) and
  optionally `replace` (a loaded document's uid): the file parsed and nothing written;
  its title, counts, lead coverage and parse warnings, and the loaded document it would
  replace (one of the same file name, as `dutygraph load` does, or `replace`).
- `POST /documents/load`, the same form: parsed again and written as one document, with
  its audit entry, in one atomic write. With `replace` the file is loaded as that document
  (its name, hence its uid, kept), so progress reports follow its tasks into the new
  edition, as when `dutygraph load` reads a changed file of the same name.
- `POST /documents/unload`, JSON {uid}: the document removed, with its audit entry.
Who: an admin account (API token, or a browser session echoing its CSRF token). Every
answer is JSON; a refusal is {"error": one line} with a 4xx status (503: the store).
An upload may be as large as the readers' file budget (DUTYGRAPH_MAX_FILE_MB); its bytes
live in a temporary folder removed when the request ends.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import tempfile
from collections.abc import Coroutine
from pathlib import Path, PurePath
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile

from dutygraph.api.auth import Auth, StoreGetter
from dutygraph.errors import (
    AccessError,
    AliasFileError,
    ArgumentError,
    DutygraphError,
    InputError,
    LimitError,
    NotFoundError,
    ParseError,
    StoreError,
)
from dutygraph.graph import nodes
from dutygraph.graph.audit import audit_row
from dutygraph.graph.load import Loaded, unload_document, write_rows
from dutygraph.graph.model import STORED_WARNINGS, GraphRows, plan_rows
from dutygraph.graph.store import Store
from dutygraph.loaders import parse_file
from dutygraph.loaders.budgets import Budgets, refuse
from dutygraph.loaders.model import Plan
from dutygraph.loaders.summary import summarize
from dutygraph.schema.access import Caller
from dutygraph.schema.limits import STORE_UNAVAILABLE

_MB = 1024 * 1024
FRAMING = 64 * 1024  # bytes a multipart body may hold beyond its file
MAX_NAME = 200  # characters of an uploaded file's name
log = logging.getLogger("dutygraph.api")

# The HTTP status of each failure a request can cause (the first class that matches).
_STATUS: tuple[tuple[type[DutygraphError], int], ...] = (
    (LimitError, 413),
    (NotFoundError, 404),
    (StoreError, 503),
    (ArgumentError, 400),
    (InputError, 422),
    (ParseError, 422),
    (AliasFileError, 422),  # the server's own alias file: the message names it
)


class Refusal(DutygraphError):
    """A request this endpoint refuses, with the status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def upload_router(auth: Auth, store: StoreGetter, aliases: Path | None = None) -> APIRouter:
    """The upload endpoints; `aliases`: the server's alias file, applied as at its start."""
    router = APIRouter(prefix="/documents")
    # One plan read and written at a time: reading a scan takes a while and a lot of
    # memory, and two loads of one document must not interleave.
    busy = asyncio.Lock()

    async def preview(request: Request) -> Response:
        async def run() -> dict[str, Any]:
            await _admin(auth, request)
            name, data, replace = await _upload(request)
            async with busy:
                graph = await store()
                _, shown = await asyncio.to_thread(_read, graph, name, data, replace, aliases)
            return shown

        return await _answer(run())

    async def load(request: Request) -> Response:
        async def run() -> dict[str, Any]:
            caller = await _admin(auth, request)
            name, data, replace = await _upload(request)
            async with busy:
                graph = await store()
                rows, shown = await asyncio.to_thread(_read, graph, name, data, replace, aliases)
                if shown["duplicateOf"]:
                    raise Refusal(
                        409, f"{name} has the same bytes as {shown['duplicateOf']}: already loaded"
                    )
                verb = "replaceDocument" if shown["replaces"] else "loadDocument"
                entry = _entry(caller, f"{verb} uid={rows.uid} file={name}")
                loaded = await asyncio.to_thread(write_rows, graph, rows, entry)
            return {"loaded": _loaded(loaded), "replaced": shown["replaces"], "preview": shown}

        return await _answer(run())

    async def unload(request: Request) -> Response:
        async def run() -> dict[str, Any]:
            caller = await _admin(auth, request)
            uid = await _uid(request)
            async with busy:
                graph = await store()
                if not await asyncio.to_thread(nodes.documents_by_uid, graph, [uid]):
                    raise NotFoundError(f"no document {uid!r} is loaded")
                entry = _entry(caller, f"unloadDocument uid={uid}")
                await asyncio.to_thread(unload_document, graph, uid, entry)
            return {"unloaded": uid}

        return await _answer(run())

    for path, endpoint in (("/preview", preview), ("/load", load), ("/unload", unload)):
        router.add_api_route(path, endpoint, methods=["POST"], include_in_schema=False)
    return router


async def _answer(work: Coroutine[Any, Any, dict[str, Any]]) -> Response:
    """The JSON of the work done, or {"error"} with the status of why it was refused."""
    try:
        return JSONResponse(await work)
    except HTTPException as exc:  # from the login check or the form parser
        return _error(exc.status_code, str(exc.detail))
    except Refusal as exc:
        return _error(exc.status, str(exc))
    except DutygraphError as exc:
        status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 400)
        if status == 503:
            log.warning("a plan upload found the store unavailable: %s", exc)
        # a store's reason names paths and addresses: the server's log has it, not the client
        return _error(status, STORE_UNAVAILABLE if status == 503 else str(exc))


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split())}, status_code=status)


async def _admin(auth: Auth, request: Request) -> Caller:
    caller = await auth.caller(request)
    try:
        user = caller.writer()
    except AccessError as exc:
        raise Refusal(401 if caller.user is None else 403, str(exc)) from None
    if user.role != "admin":
        raise Refusal(403, f"{user.login} is a {user.role}: only an admin loads and unloads plans")
    return caller


def _entry(caller: Caller, what: str) -> dict[str, Any]:
    assert caller.user is not None  # _admin saw to it
    return audit_row(caller.user.login, what, caller.address, caller.clock())


async def _upload(request: Request) -> tuple[str, bytes, str | None]:
    """The uploaded file's name and bytes, and the uid it is to replace (None: its own)."""
    budgets = Budgets.from_env()
    limit = int(budgets.file_mb * _MB)
    length = request.headers.get("content-length", "")
    if not length.isdigit():
        raise Refusal(411, "send the file with a Content-Length")
    if int(length) > limit + FRAMING:
        what = f"upload of {int(length) / _MB:.1f} MB"
        raise Refusal(413, str(refuse("the file", what, "file_mb", budgets)))
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise Refusal(415, "send the plan as multipart/form-data, in the field `file`")
    async with request.form(max_files=1, max_fields=2) as form:
        file, replace = form.get("file"), form.get("replace")
        if not isinstance(file, UploadFile):
            raise ArgumentError("send the plan as multipart/form-data, in the field `file`")
        name = _file_name(file.filename)
        data = await file.read()
    if len(data) > limit:
        what = f"file of {len(data) / _MB:.1f} MB"
        raise Refusal(413, str(refuse(name, what, "file_mb", budgets)))
    if replace is not None and not isinstance(replace, str):
        raise ArgumentError("`replace` is the uid of a loaded document")
    return name, data, replace or None


def _file_name(given: str | None) -> str:
    """The base name the browser sent (a path is cut to its last part), as the source."""
    name = PurePath((given or "").replace("\\", "/")).name.strip()
    name = "".join(c for c in name if c.isprintable())
    if not name or name in (".", "..") or len(name) > MAX_NAME:
        raise ArgumentError(f"the file needs a name of 1 to {MAX_NAME} characters")
    return name


async def _uid(request: Request) -> str:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise Refusal(415, "send {uid} as application/json")
    try:
        body = await request.json()
        uid = body["uid"]
    except (ValueError, KeyError, TypeError):
        raise ArgumentError("send {uid} as a JSON object") from None
    if not isinstance(uid, str) or not uid:
        raise ArgumentError("`uid` is the uid of a loaded document")
    return uid


def _read(
    store: Store, name: str, data: bytes, replace: str | None, aliases: Path | None
) -> tuple[GraphRows, dict[str, Any]]:
    """The upload parsed into the rows a load writes, and what the preview shows."""
    source = name
    if replace is not None:
        target = nodes.documents_by_uid(store, [replace])
        if not target:
            raise NotFoundError(f"no document {replace!r} is loaded to replace")
        source = target[0]["source"]
    plan = _parse(name, data, aliases)
    plan = dataclasses.replace(plan, document=dataclasses.replace(plan.document, source=source))
    rows = plan_rows(plan)
    try:
        rows.check()
    except StoreError as exc:  # the plan's own values, not the store: a bad file
        raise InputError(f"{name}: {exc}") from None
    earlier = nodes.documents_by_uid(store, [rows.uid])
    twin = nodes.document_by_sha256(store, plan.document.sha256)
    return rows, _shown(plan, name, rows.uid, earlier[0] if earlier else None, twin)


def _parse(name: str, data: bytes, aliases: Path | None) -> Plan:
    """Parse the bytes as the file `name`; errors name the file, not the temporary folder."""
    with tempfile.TemporaryDirectory(prefix="dutygraph-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return parse_file(path, aliases=aliases)
        except (InputError, ParseError) as exc:
            raise type(exc)(str(exc).replace(f"{folder}/", "")) from None


def _shown(
    plan: Plan, name: str, uid: str, earlier: dict | None, twin: dict | None
) -> dict[str, Any]:
    doc = plan.document
    counts = summarize(plan)
    return {
        "file": name,
        "uid": uid,
        "title": doc.title,
        "format": doc.format,
        "place": doc.place,
        "issuer": doc.issuer,
        "docNumber": doc.doc_number,
        "date": doc.date,
        "counts": {_camel(k): v for k, v in dataclasses.asdict(counts).items()},
        "warningCount": len(plan.warnings),
        "warnings": [
            {"line": w.line, "message": w.message} for w in plan.warnings[:STORED_WARNINGS]
        ],
        "replaces": (
            {"uid": earlier["uid"], "title": earlier["title"], "source": earlier["source"]}
            if earlier
            else None
        ),
        # another loaded document read from these very bytes: loading would add a twin
        "duplicateOf": twin["source"] if twin and twin["uid"] != uid else None,
    }


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _loaded(loaded: Loaded) -> dict[str, Any]:
    return {
        "uid": loaded.uid,
        "title": loaded.title,
        "tasks": loaded.tasks,
        "assignments": loaded.assignments,
    }
