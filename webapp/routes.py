"""The pages. Each handler opens the store for its request only (see store_access.py)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from webapp import forms
from webapp.catalog import Catalog
from webapp.coverage_view import STATUSES, coverage_matrices
from webapp.due import due_view, parse_month
from webapp.pages import Pages, apply_security_headers
from webapp.queries import CORRECTABLE_FIELDS, MAX_QUERY_LENGTH, document_rows, measure_view, plan_view
from webapp.renormalise import PipelineRenormaliser
from webapp.store_access import Snapshot, StoreGateway, StoreUnavailable

router = APIRouter()
_RENORMALISER = PipelineRenormaliser()
_MEASURE_TABLES = ("measures", "responsibles", "deadlines", "flags")


def _gateway(request: Request) -> StoreGateway:
    return request.app.state.gateway


def _pages(request: Request) -> Pages:
    return request.app.state.pages


def _catalog(snap: Snapshot, document_id: str | None = None) -> Catalog:
    """Documents and plans in full (small; links cross documents); the measure tables of one document
    when given, else all."""
    tables: dict[str, Any] = {"documents": snap.table("documents"), "plans": snap.table("plans")}
    for name in _MEASURE_TABLES:
        tables[name] = snap.of_document(name, document_id) if document_id else snap.table(name)
    return Catalog.build(tables, snap.corrections(), _RENORMALISER)


def _document_of(snap: Snapshot, plan_id: str) -> str | None:
    """The full document_id behind a plan ID's 16-digit prefix, if such a plan is stored."""
    plans = snap.table("plans")
    for row in plans.select(["plan_id", "document_id"]).to_pylist():
        if row["plan_id"] == plan_id:
            return row["document_id"]
    return None


@router.get("/")
def documents(request: Request, q: str = "") -> Response:
    query = q[:MAX_QUERY_LENGTH]
    with _gateway(request).reading() as snap:
        tables = {"documents": snap.table("documents"), "plans": snap.table("plans")}
        found = document_rows(Catalog.build(tables), query)
    return _pages(request).render("documents.html", documents=found, query=query, nav="documents")


@router.get("/plans/{plan_id}")
def plan(request: Request, plan_id: str) -> Response:
    if not forms.is_plan_id(plan_id):
        return _pages(request).error(400, "Not a plan ID", "Plan IDs look like 0d4fdbb11c09c5a9:p0.")
    with _gateway(request).reading() as snap:
        document_id = _document_of(snap, plan_id)
        view = plan_view(_catalog(snap, document_id), plan_id) if document_id else None
    if view is None:
        return _pages(request).error(404, "No such plan", f"There is no plan {plan_id} in the store.")
    return _pages(request).render("plan.html", plan=view, nav="documents")


def _measure_page(request: Request, measure_id: str, status_code: int = 200, errors: list[str] | None = None,
                  entered: dict[str, str] | None = None, saved: bool = False) -> Response:
    with _gateway(request).reading() as snap:
        document_id = _document_of(snap, measure_id.rsplit(":", 1)[0])
        view = None
        if document_id:
            view = measure_view(_catalog(snap, document_id), measure_id,
                                snap.of_document("measures", document_id, extracted=True), snap.corrections())
    if view is None:
        return _pages(request).error(404, "No such measure", f"There is no measure {measure_id} in the store.")
    return _pages(request).render("measure.html", status_code, measure=view, fields=CORRECTABLE_FIELDS,
                                  errors=errors or [], entered=entered or {}, saved=saved, nav="documents")


@router.get("/measures/{measure_id}")
def measure(request: Request, measure_id: str, saved: str = "") -> Response:
    if not forms.is_measure_id(measure_id):
        return _pages(request).error(400, "Not a measure ID", "Measure IDs look like 0d4fdbb11c09c5a9:p0:m3.")
    return _measure_page(request, measure_id, saved=saved == "1")


async def _read_body(request: Request) -> bytes:
    """The request body, refused past forms.MAX_FORM_BYTES without reading it all into memory."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > forms.MAX_FORM_BYTES:
        raise ValueError(f"the form is larger than {forms.MAX_FORM_BYTES // 1024} KiB")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > forms.MAX_FORM_BYTES:
            raise ValueError(f"the form is larger than {forms.MAX_FORM_BYTES // 1024} KiB")
    return bytes(body)


@router.post("/measures/{measure_id}")
async def correct_measure(request: Request, measure_id: str) -> Response:
    pages = _pages(request)
    if not forms.same_origin(request.headers):
        return pages.error(403, "Form refused", "Corrections are accepted only from this site's own pages "
                           "(the request's Origin or Referer does not match). Reload the measure page and submit again.")
    if not forms.is_measure_id(measure_id):
        return pages.error(400, "Not a measure ID", "Measure IDs look like 0d4fdbb11c09c5a9:p0:m3.")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if content_type != "application/x-www-form-urlencoded":
            raise ValueError("send the correction form from the measure page")
        result = forms.validate_correction(forms.parse_form_body(await _read_body(request)))
    except ValueError as exc:
        return await run_in_threadpool(_measure_page, request, measure_id, 400, [str(exc)])
    if result.correction is None:
        return await run_in_threadpool(_measure_page, request, measure_id, 400, result.errors, result.entered)
    try:
        await run_in_threadpool(_store_correction, _gateway(request), measure_id, result.correction)
    except KeyError:
        return pages.error(404, "No such measure", f"There is no measure {measure_id} in the store.")
    except ValueError as exc:  # the store's own check, e.g. a value its column type cannot hold
        return await run_in_threadpool(_measure_page, request, measure_id, 400, [str(exc)], result.entered)
    # Post/Redirect/Get: reloading the page afterwards does not post the correction twice
    return RedirectResponse(f"/measures/{measure_id}?saved=1#history", status_code=303)


def _store_correction(gateway: StoreGateway, measure_id: str, correction: forms.Correction) -> None:
    with gateway.writing() as store:
        store.add_correction(measure_id, correction.field, correction.value, correction.author, correction.note)


@router.get("/coverage")
def coverage(request: Request) -> Response:
    with _gateway(request).reading() as snap:
        catalog = Catalog.build({"documents": snap.table("documents"), "plans": snap.table("plans"),
                                 "measures": snap.table("measures")})
        matrices = coverage_matrices(catalog, snap.coverage())
    return _pages(request).render("coverage.html", matrices=matrices, statuses=STATUSES, nav="coverage")


@router.get("/due")
def due(request: Request, month: str = "") -> Response:
    try:
        wanted = parse_month(month, dt.date.today())
    except ValueError as exc:
        return _pages(request).error(400, "Not a month", str(exc))
    with _gateway(request).reading() as snap:
        view = due_view(_catalog(snap), wanted)
    return _pages(request).render("due.html", due=view, nav="due")


@router.get("/healthz")
def healthz(request: Request) -> Response:
    gateway = _gateway(request)
    try:
        with gateway.reading() as snap:
            counts = snap.counts()
    except StoreUnavailable as exc:
        response = JSONResponse({"status": "unavailable", "db": str(gateway.db_path), "error": str(exc)}, 503)
    else:
        response = JSONResponse({"status": "ok", "db": str(gateway.db_path), "rows": counts})
    apply_security_headers(response.headers)
    return response
