"""`GET /report?document=UID[&unit=NAME&place=P]&format=xlsx|docx|csv`: the 督办清单 as a
download (api/reports.py), readable by whoever may read the graph."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from dutygraph.api.auth import Auth, StoreGetter
from dutygraph.api.reports import FORMATS, MEDIA_TYPES, checklist, render
from dutygraph.errors import ArgumentError, NotFoundError


def report_router(auth: Auth, store: StoreGetter) -> APIRouter:
    router = APIRouter()

    @router.get("/report", include_in_schema=False)
    async def report(
        request: Request,
        document: str,
        format: str = "xlsx",
        unit: str | None = None,
        place: str | None = None,
    ) -> Response:
        caller = await auth.caller(request)
        if format not in FORMATS:
            return JSONResponse(
                {"error": f"format must be one of {', '.join(FORMATS)}"}, status_code=400
            )
        try:
            graph = await store()
            sheet = await asyncio.to_thread(checklist, graph, document, caller.today(), unit, place)
            body = await asyncio.to_thread(render, sheet, format)
        except (NotFoundError, ArgumentError) as exc:
            status = 404 if isinstance(exc, NotFoundError) else 400
            return JSONResponse({"error": str(exc)}, status_code=status)
        name = quote(f"{sheet.name}.{format}")
        return Response(
            body,
            media_type=MEDIA_TYPES[format],
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
        )

    return router
