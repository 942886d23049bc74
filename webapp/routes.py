"""The read pages. Each handler runs on a worker thread with its own cursor (store_access.py); lists are
paged and sorted in SQL (store/browse.py) and download as CSV or XLSX with `?format=csv|xlsx`."""
from __future__ import annotations

import dataclasses
import hashlib
import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from store import browse, review
from store import search as search_words
from store.review import TRANSITIONS
from webapp import forms, views
from webapp.compare_view import compare
from webapp.coverage_view import STATUSES, coverage_matrices
from webapp.downloads import CSV_TYPE, XLSX_TYPE, filename, to_csv, to_xlsx
from webapp.due import parse_month
from webapp.page_cache import DATA_WRITES, DEADLINES, MEASURE_FIELDS, PLAN_FIELDS, RESPONSIBLES, STATES, STRUCTURE
from webapp.pages import Pages, apply_security_headers
from webapp.queries import CORRECTABLE_FIELDS, MAX_QUERY_LENGTH, measure_view, plan_view
from webapp.source_view import PageImages, original_path, source_view
from webapp.store_access import StoreGateway, StoreUnavailable

router = APIRouter()


def gateway(request: Request) -> StoreGateway:
    return request.app.state.gateway


def pages(request: Request) -> Pages:
    return request.app.state.pages


def visitor(request: Request):
    return getattr(request.state, "visitor", None)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    return pages(request).render(template, status_code, visitor=visitor(request), **context)


def error(request: Request, status_code: int, title: str, message: str) -> Response:
    return pages(request).error(status_code, title, message, visitor=visitor(request))


def _params(request: Request, *names: str) -> dict[str, str]:
    return {k: request.query_params[k][:MAX_QUERY_LENGTH] for k in names if request.query_params.get(k)}


def _int(value: str | None, default: int = 1) -> int:
    return int(value) if value and value.isdigit() and len(value) < 7 else default


def _download(request: Request, stem: str, columns: list[tuple[str, str]], rows: list[dict]) -> Response | None:
    kind = request.query_params.get("format")
    if kind not in ("csv", "xlsx"):
        return None
    body, media = (to_csv(columns, rows), CSV_TYPE) if kind == "csv" else (to_xlsx(columns, rows, stem), XLSX_TYPE)
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{filename(stem, kind)}"'})


def _kept(request: Request, page: str, depends_on: tuple[str, ...], compute, by_parameters: bool = True,
          unaffected=None):
    """A page's data, kept until a write of a kind it depends on (webapp/page_cache.py); downloads are
    computed afresh. The value is shared: handlers and templates only read it."""
    if request.query_params.get("format"):
        return compute()
    query = "&".join(f"{k}={v}" for k, v in sorted(request.query_params.multi_items())) if by_parameters else ""
    key = (page, hashlib.blake2b(query.encode("utf-8", "surrogatepass"), digest_size=16).digest())
    return gateway(request).pages.get(key, depends_on, compute, unaffected)


def _catalog(request: Request, reader, document_id: str):
    """A document's catalog (plans, measures, bodies, deadlines, lineage), shared by its plan and measure pages."""
    return gateway(request).pages.get(("catalog", document_id), DATA_WRITES,
                                      lambda: views.document_catalog(reader, document_id),
                                      lambda touched: not touched.of_document(document_id))


DOCUMENT_COLUMNS = [("document_id", "document_id"), ("file", "file"), ("received", "received"),
                    ("sender", "sender"), ("language", "language"), ("n_plans", "plans"),
                    ("n_measures", "measures"), ("n_flags", "flags"), ("n_sources", "sources")]


@router.get("/")
def documents(request: Request) -> Response:
    params = _params(request, "q", "sort", "desc", "all")
    query = params.get("q", "")
    wanted = request.query_params.get("format")
    def compute() -> browse.Page:
        with gateway(request).reading() as reader:
            page = browse.documents(reader.cursor, query, params.get("sort", "received"),
                                    params.get("desc", "1") == "1", _int(request.query_params.get("page")),
                                    per_page=browse.MAX_PAGE if wanted else browse.PER_PAGE,
                                    all_sources=bool(params.get("all")))
        page.rows = views.label_rows(page.rows)
        for row in page.rows:
            row["subject"] = row.get("received_subject")
        return page

    page = _kept(request, "documents", (PLAN_FIELDS, STRUCTURE, STATES), compute)
    return _download(request, "documents", DOCUMENT_COLUMNS, page.rows) or render(
        request, "documents.html", page=page, query=query, params=params, nav="documents")


SEARCH_COLUMNS = [("measure_id", "measure_id"), ("number", "number"), ("text", "text"),
                  ("responsible_raw", "responsible_raw"), ("deadline_raw", "deadline_raw"),
                  ("completion_form", "completion_form"), ("indicator", "indicator"), ("plan_title", "plan"),
                  ("state", "state"), ("file", "file"), ("sender", "sender"), ("language", "language"),
                  ("received", "received")]


# what each part of the whole store's search depends on (besides the store itself)
SEARCH_PART_KINDS = {"total": (STRUCTURE,), "language": (STRUCTURE,), "sender": (STRUCTURE,), "flag": (STRUCTURE,),
                     "status": (STRUCTURE, STATES), "month": (STRUCTURE, DEADLINES, PLAN_FIELDS),
                     "body": (STRUCTURE, RESPONSIBLES, PLAN_FIELDS)}


def _part_keeper(store: StoreGateway, all_sources: bool, by_text: bool):
    """`keep(part, compute)` for the whole store's search: each part kept by what can change it."""
    def keep(part: str, compute):
        kinds = SEARCH_PART_KINDS.get(part.split(" ")[-1] if part.startswith("facet") else part, (STRUCTURE,))
        if part.startswith("order") and by_text:
            kinds += (MEASURE_FIELDS,)
        return store.pages.get(("search part", part, all_sources), kinds, compute)
    return keep


def warm_search(store: StoreGateway):
    """The whole store's search (its total, first page and facets: ~0.5 s at 200,000 measures), counted when
    the store opens rather than for the first analyst who opens the search page."""
    def whole_store_search(reader) -> None:
        browse.search_measures(reader.cursor, keep=_part_keeper(store, False, False))
    return whole_store_search


def warm_indexes(reader) -> None:
    """One document's pages read once: DuckDB loads a table's index on its first use (~0.2 s for all those a
    plan or measure page uses at 200,000 measures), which would otherwise fall on the first analyst."""
    found = reader.rows("SELECT document_id, measure_id FROM extracted.measures LIMIT 1")
    if found:
        views.document_catalog(reader, found[0]["document_id"])
        for schema in ("main", "extracted"):
            reader.rows(f"SELECT * FROM {schema}.cells WHERE measure_id = ?", [found[0]["measure_id"]])


@router.get("/search")
def search(request: Request) -> Response:
    params = _params(request, "q", "sort", "desc", "all", *browse.FACETS)
    filters = {k: v for k, v in params.items() if k in browse.FACETS}
    wanted = request.query_params.get("format")
    keep = _part_keeper(gateway(request), bool(params.get("all")), params.get("sort") == "text")

    def compute() -> browse.Page:
        with gateway(request).reading() as reader:
            page = browse.search_measures(reader.cursor, params.get("q", ""), filters, params.get("sort", "received"),
                                          params.get("desc", "1") == "1", _int(request.query_params.get("page")),
                                          all_sources=bool(params.get("all")), with_facets=not wanted,
                                          limit=100_000 if wanted else None, keep=None if wanted else keep)
        page.rows = views.label_rows(page.rows)
        return page

    terms = search_words.query_terms(params.get("q", ""))
    # a correction of a measure that matches these words neither before nor after leaves the page as it is
    unaffected = (lambda touched: not search_words.matches(terms, touched.words)) if terms else None
    page = _kept(request, "search", DATA_WRITES, compute, unaffected=unaffected)
    return _download(request, "search", SEARCH_COLUMNS, page.rows) or render(
        request, "search.html", page=page, query=params.get("q", ""), params=params,
        facet_labels=views.FACET_LABELS, nav="search")


DUE_COLUMNS = [("days", "days"), ("reason", "reason"), ("measure_id", "measure_id"), ("number", "number"),
               ("text", "text"), ("plan_title", "plan"), ("raw", "deadline"), ("words", "deadline_words"),
               ("responsible_raw", "responsible_raw")]


@router.get("/due")
def due(request: Request, month: str = "") -> Response:
    try:
        wanted = parse_month(month, dt.date.today())
    except ValueError as exc:
        return error(request, 400, "Not a month", str(exc))
    download = request.query_params.get("format")
    def compute() -> browse.Page:
        with gateway(request).reading() as reader:
            page = browse.due(reader.cursor, wanted.start, wanted.end, _int(request.query_params.get("page")),
                              limit=100_000 if download else None)
        views.due_items(page.rows)
        views.due_items(page.extra["unplaced"])
        return page

    # a due page does not show review states: approving a plan leaves it kept
    # a corrected measure that falls due outside this month, before and after, leaves the page as it is
    page = _kept(request, f"due {wanted.start} {wanted.end}", (MEASURE_FIELDS, PLAN_FIELDS, STRUCTURE), compute,
                 unaffected=lambda touched: not touched.due_within(wanted.start, wanted.end))
    if download:
        from webapp.deadline_words import deadline_words

        lang = getattr(visitor(request), "lang", "en")
        for row in page.rows + page.extra["unplaced"]:
            row["words"] = deadline_words(row["deadline"], lang)
        return _download(request, f"due-{wanted.label}", DUE_COLUMNS, page.rows + page.extra["unplaced"])
    return render(request, "due.html", page=page, month=wanted, params={"month": wanted.label}, nav="due")


QUEUE_COLUMNS = [("plan_id", "plan_id"), ("title", "title"), ("state", "state"), ("received", "received"),
                 ("sender", "sender"), ("n_measures", "measures"), ("low_confidence", "low_confidence_cells")]


@router.get("/queue")
def queue(request: Request) -> Response:
    threshold = request.app.state.low_confidence
    def compute() -> browse.Page:
        with gateway(request).reading() as reader:
            page = browse.review_queue(reader.cursor, page=_int(request.query_params.get("page")), threshold=threshold)
        page.rows = views.label_rows(page.rows)
        return page

    page = _kept(request, f"queue {threshold}", (PLAN_FIELDS, STRUCTURE, STATES), compute)
    return _download(request, "review-queue", QUEUE_COLUMNS, page.rows) or render(
        request, "queue.html", page=page, params={}, nav="queue")


PLAN_COLUMNS = [("measure_id", "measure_id"), ("number", "number"), ("section", "section"), ("text", "text"),
                ("responsible_raw", "responsible_raw"), ("deadline_raw", "deadline_raw"),
                ("completion_form", "completion_form"), ("indicator", "indicator")]


def plan_page(request: Request, plan_id: str, status_code: int = 200, errors: list[str] | None = None,
              entered: dict | None = None) -> Response:
    def compute():
        with gateway(request).reading() as reader:
            document_id = reader.document_of_plan(plan_id)
            if document_id is None:
                return None
            catalog = _catalog(request, reader, document_id)
            view = plan_view(catalog, plan_id)
            corrected = views.corrected_plan_fields(reader, plan_id) if catalog.touched else set()
            state = review.plan_state(reader.cursor, plan_id)
            history = views.history_rows(review.corrections_of(reader.cursor, plan_id=plan_id)
                                         if catalog.touched else [], review.plan_history(reader.cursor, plan_id))
            sources = views.label_rows(browse.letter_sources(reader.cursor, document_id))
        for s in sources:
            s["label"] = s["file"]
        return view, corrected, state, history, sources

    found = _kept(request, f"plan {plan_id}", DATA_WRITES, compute, by_parameters=False,
                  unaffected=lambda touched: not touched.of_document(plan_id))
    if found is None:
        return error(request, 404, "No such plan", f"There is no plan {plan_id} in the store.")
    view, corrected, state, history, sources = found
    if request.query_params.get("format"):  # rows built only for a download (asdict is costly)
        download = _download(request, f"plan-{plan_id}", PLAN_COLUMNS, [dataclasses.asdict(m) for m in view.measures])
        if download:
            return download
    return render(request, "plan.html", status_code, plan=view, state=state, history=history, corrected=corrected,
                  period_corrected=bool(corrected & views.PERIOD_FIELDS), next_states=sorted(TRANSITIONS[state["state"]]),
                  plan_fields=views.PLAN_FIELDS, errors=errors or [], entered=entered or {}, sources=sources,
                  saved=request.query_params.get("saved") == "1", params={}, nav="documents")


@router.get("/plans/{plan_id}")
def plan(request: Request, plan_id: str) -> Response:
    if not forms.is_plan_id(plan_id):
        return error(request, 400, "Not a plan ID", "Plan IDs look like 0d4fdbb11c09c5a9:p0.")
    return plan_page(request, plan_id)


def measure_page(request: Request, measure_id: str, status_code: int = 200, errors: list[str] | None = None,
                 entered: dict[str, str] | None = None, saved: bool = False) -> Response:
    threshold = request.app.state.low_confidence
    def compute():
        with gateway(request).reading() as reader:
            document_id = reader.document_of_plan(measure_id.rsplit(":", 1)[0])
            catalog = _catalog(request, reader, document_id) if document_id else None
            view = measure_view(catalog, measure_id, reader.of_document("measures", document_id, extracted=True),
                                None) if catalog else None
            if view is None:
                return None
            history = views.history_rows(review.corrections_of(reader.cursor, measure_id=measure_id)) \
                if catalog.touched else []
            schema = "main" if catalog.touched else "extracted"
            cells = reader.rows(f"SELECT * FROM {schema}.cells WHERE measure_id = ? ORDER BY field", [measure_id])
        document, row = catalog.documents.get(document_id), catalog.measures.get(measure_id)
        return catalog, dataclasses.replace(view, history=history), document, row, cells

    found = _kept(request, f"measure {measure_id}", DATA_WRITES, compute, by_parameters=False,
                  unaffected=lambda touched: not touched.of_document(measure_id))
    if found is None:
        return error(request, 404, "No such measure", f"There is no measure {measure_id} in the store.")
    catalog, view, document, row, cells = found
    siblings = catalog.measures_of(catalog.measures[measure_id]["plan_id"])
    position = next(k for k, m in enumerate(siblings) if m["measure_id"] == measure_id)
    neighbour = siblings[position + 1] if position + 1 < len(siblings) else None
    source = source_view(request.app.state.page_images, document or {}, row or {}, cells, threshold)
    low = {c["field"]: c["confidence"] for c in cells if c.get("confidence") is not None and c["confidence"] < threshold}
    return render(request, "measure.html", status_code, measure=view, fields=CORRECTABLE_FIELDS, errors=errors or [],
                  entered=entered or {}, saved=saved, source=source, low_fields=low, neighbour=neighbour,
                  nav="documents")


@router.get("/measures/{measure_id}")
def measure(request: Request, measure_id: str, saved: str = "") -> Response:
    if not forms.is_measure_id(measure_id):
        return error(request, 400, "Not a measure ID", "Measure IDs look like 0d4fdbb11c09c5a9:p0:m3.")
    return measure_page(request, measure_id, saved=saved == "1")


@router.get("/compare/{plan_id}")
def compare_plans(request: Request, plan_id: str) -> Response:
    if not forms.is_plan_id(plan_id):
        return error(request, 400, "Not a plan ID", "Plan IDs look like 0d4fdbb11c09c5a9:p0.")
    with gateway(request).reading() as reader:
        document_id = reader.document_of_plan(plan_id)
        catalog = views.document_catalog(reader, document_id) if document_id else None
        derived = catalog.plans.get(plan_id) if catalog else None
        parent_id = derived.get("parent_plan_id") if derived else None
        if not parent_id:
            return error(request, 404, "No parent plan", f"No parent plan is known for {plan_id}.")
        parent_rows = reader.rows('SELECT * FROM main.measures WHERE plan_id = ? ORDER BY "ordinal", measure_id',
                                  [parent_id])
    rows = compare(parent_rows, catalog.measures_of(plan_id))
    return render(request, "compare.html", rows=rows, parent=catalog.plan_link(parent_id),
                  derived=catalog.plan_link(plan_id), nav="documents")


@router.get("/coverage")
def coverage(request: Request) -> Response:
    import pyarrow as pa

    from store.tables import ARROW_SCHEMAS
    from webapp.catalog import Catalog

    with gateway(request).reading() as reader:
        cells = reader.derived("coverage")
        plan_ids = sorted(set(cells["parent_plan_id"].to_pylist()) | set(cells["derived_plan_id"].to_pylist()))
        plans, documents = views._tables_of_plans(reader, plan_ids)
        measures = reader.arrow('SELECT * FROM main.measures WHERE plan_id IN (SELECT unnest(?::VARCHAR[])) '
                                'ORDER BY plan_id, "ordinal"', [plan_ids]).cast(ARROW_SCHEMAS["measures"])
    catalog = Catalog.build({"documents": pa.Table.from_pylist(documents, schema=ARROW_SCHEMAS["documents"]),
                             "plans": pa.Table.from_pylist(plans, schema=ARROW_SCHEMAS["plans"]), "measures": measures})
    # a parent row an analyst marked "not a measure" is no longer counted
    shown = set(catalog.measures)
    cells = cells.filter(pa.array([m is None or m in shown for m in cells["parent_measure_id"].to_pylist()]))
    return render(request, "coverage.html", matrices=coverage_matrices(catalog, cells), statuses=STATUSES,
                  nav="coverage")


@router.get("/documents/{document_id}/original")
def original(request: Request, document_id: str) -> Response:
    if not forms.is_document_id(document_id):
        return error(request, 400, "Not a document ID", "Document IDs are 64 hexadecimal digits.")
    with gateway(request).reading() as reader:
        document = reader.one("SELECT * FROM main.documents WHERE document_id = ?", [document_id])
    path = original_path(document) if document else None
    if path is None:
        return error(request, 404, "No original", "The original file of this document is not available.")
    name = filename(views.file_of(document).rsplit(".", 1)[0], (views.file_of(document).rsplit(".", 1) + ["bin"])[1])
    # never rendered by the browser: a hostile HTML or SVG "letter" is only ever a download
    return Response(path.read_bytes(), media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/documents/{document_id}/pages/{page}.png")
def page_image(request: Request, document_id: str, page: int) -> Response:
    if not forms.is_document_id(document_id):
        return error(request, 400, "Not a document ID", "Document IDs are 64 hexadecimal digits.")
    with gateway(request).reading() as reader:
        document = reader.one("SELECT * FROM main.documents WHERE document_id = ?", [document_id])
    images: PageImages = request.app.state.page_images
    data = images.png(document, page) if document else None
    if data is None:
        return error(request, 404, "No such page", "This page cannot be shown.")
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


@router.get("/healthz")
def healthz(request: Request) -> Response:
    try:
        with gateway(request).reading() as reader:
            counts = reader.counts()
    except StoreUnavailable as exc:
        response = JSONResponse({"status": "unavailable", "db": str(gateway(request).db_path), "error": str(exc)}, 503)
    else:
        response = JSONResponse({"status": "ok", "db": str(gateway(request).db_path), "rows": counts})
    apply_security_headers(response.headers)
    return response
