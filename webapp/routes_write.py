"""Writes: corrections of measures and plans, split / merge / not a measure, plan states, sign-in and out,
the language. Every write passes `_refusal` first: same origin, a signed-in reviewer, the session's CSRF
token. The author of every correction is the signed-in account, never a form field."""
from __future__ import annotations

from typing import Any, Awaitable, Callable
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from store import accounts, occurrences, review, search
from store.review_sql import CORRECTABLE_PLAN_FIELDS, PLAN_STATES
from webapp import forms
from webapp.auth import COOKIE, LANG_COOKIE, csrf_ok, is_https
from webapp.page_cache import (ACCOUNTS, DEADLINES, EVERY_WRITE, MEASURE_FIELDS, PLAN_FIELDS, RESPONSIBLES, STATES,
                               STRUCTURE, Touched)
from webapp.routes import error, gateway, measure_page, pages, plan_page, visitor

router = APIRouter()


async def _read_form(request: Request) -> dict[str, list[str]]:
    """The url-encoded form, refused past forms.MAX_FORM_BYTES without reading it all into memory."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise ValueError("send the form from the page")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > forms.MAX_FORM_BYTES:
        raise ValueError(f"the form is larger than {forms.MAX_FORM_BYTES // 1024} KiB")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > forms.MAX_FORM_BYTES:
            raise ValueError(f"the form is larger than {forms.MAX_FORM_BYTES // 1024} KiB")
    return forms.parse_form_body(bytes(body))


def _refusal(request: Request, fields: dict[str, list[str]] | None, need_reviewer: bool = True) -> Response | None:
    if not forms.same_origin(request.headers):
        return error(request, 403, "Form refused", "Forms are accepted only from this site's own pages (the request's "
                     "Origin or Referer does not match). Reload the page and submit again.")
    who = visitor(request)
    if who is None or who.session is None:
        message = ("Sign in to make changes." if who and who.accounts_exist else
                   "No accounts exist: changes are refused until one is created with "
                   "`jospar user add NAME --role reviewer`.")
        return error(request, 403, "Sign in first", message)
    if fields is not None and not csrf_ok(who, (fields.get("csrf") or [""])[0]):
        return error(request, 403, "Form refused", "The form is out of date (its security token does not match your "
                     "session). Reload the page and submit again.")
    if need_reviewer and not who.can_write:
        return error(request, 403, "Not allowed", f"The account {who.name} is a {who.session.account.role}: it can "
                     "read and download, not change the store.")
    return None


async def _write(request: Request, target_check: Callable[[str], bool], target: str,
                 act: Callable[[Any, dict[str, list[str]], str], Awaitable[Response] | Response]) -> Response:
    if not forms.same_origin(request.headers):
        return _refusal(request, None)
    if not target_check(target):
        return error(request, 400, "Not an ID", "The address does not name a measure or plan.")
    try:
        fields = await _read_form(request)
    except ValueError as exc:
        return _refusal(request, None) or await run_in_threadpool(_bad, request, target, [str(exc)])
    refused = _refusal(request, fields)
    if refused:
        return refused
    return await run_in_threadpool(act, visitor(request), fields, target)


def _bad(request: Request, target: str, errors: list[str], entered: dict | None = None) -> Response:
    if forms.is_measure_id(target):
        return measure_page(request, target, 400, errors, entered)
    return plan_page(request, target, 400, errors, entered)


def _stored(request: Request, target: str, call: Callable[[Any], Any], back: str,
            entered: dict | None = None, kinds: tuple[str, ...] = EVERY_WRITE, touched_of=None) -> Response:
    try:
        with gateway(request).writing(kinds, touched_of) as cursor:
            call(cursor)
    except KeyError:
        return error(request, 404, "Not found", f"There is no {target} in the store.")
    except ValueError as exc:  # the store's own checks (a value its column cannot hold, a transition)
        return _bad(request, target, [str(exc)], entered)
    return RedirectResponse(back, status_code=303)  # Post/Redirect/Get: a reload does not post twice


def _measure_kinds(field: str) -> tuple[str, ...]:
    return (MEASURE_FIELDS,) + {"deadline_raw": (DEADLINES,), "responsible_raw": (RESPONSIBLES,)}.get(field, ())


def _touched(measure_id: str) -> Callable[[Any], Touched]:
    """What the measure touches (search words, due days and windows, document), read before and after its
    correction; its document and the document's words once (a measure's correction leaves them)."""
    known: list = []

    def touched(cursor) -> Touched:
        if not known:
            document = search.document_of(cursor, measure_id)
            known[:] = [document or "", search.document_words(cursor, document)]
        document, of_document = known
        return Touched(words=search.own_words(cursor, measure_id) | of_document,
                       due=occurrences.due_ranges(cursor, measure_id), document=document)
    return touched


def _measure_url(measure_id: str) -> str:
    return f"/measures/{quote(measure_id, safe=':')}?saved=1#history"


@router.post("/measures/{measure_id}")
async def correct_measure(request: Request, measure_id: str) -> Response:
    def act(who, fields, target):
        result = forms.validate_correction(fields)
        if result.correction is None:
            return _bad(request, target, result.errors, result.entered)
        c = result.correction
        return _stored(request, target, lambda cur: review.correct_measure(cur, target, c.field, c.value, who.name,
                                                                           c.note), _measure_url(target), result.entered,
                       _measure_kinds(c.field), _touched(target))
    return await _write(request, forms.is_measure_id, measure_id, act)


@router.post("/measures/{measure_id}/split")
async def split_measure(request: Request, measure_id: str) -> Response:
    def act(who, fields, target):
        parts, note, errors = forms.validate_split(fields)
        if errors:
            return _bad(request, target, errors)
        return _stored(request, target, lambda cur: review.split_measure(cur, target, parts, who.name, note),
                       _measure_url(target), kinds=(STRUCTURE,))
    return await _write(request, forms.is_measure_id, measure_id, act)


@router.post("/measures/{measure_id}/merge")
async def merge_measure(request: Request, measure_id: str) -> Response:
    def act(who, fields, target):
        other = (fields.get("with") or [""])[0]
        if not forms.is_measure_id(other):
            return _bad(request, target, ["choose the measure to merge with"])
        note = (fields.get("note") or [""])[0].strip()[: forms.MAX_NOTE_CHARS] or None
        return _stored(request, target, lambda cur: review.merge_measures(cur, target, [other], who.name, note),
                       _measure_url(target), kinds=(STRUCTURE,))
    return await _write(request, forms.is_measure_id, measure_id, act)


@router.post("/measures/{measure_id}/exclude")
async def exclude_measure(request: Request, measure_id: str) -> Response:
    def act(who, fields, target):
        note = (fields.get("note") or [""])[0].strip()[: forms.MAX_NOTE_CHARS] or None
        plan_id = target.rsplit(":", 1)[0]
        return _stored(request, target, lambda cur: review.mark_not_measure(cur, target, True, who.name, note),
                       f"/plans/{quote(plan_id, safe=':')}?saved=1", kinds=(STRUCTURE,))
    return await _write(request, forms.is_measure_id, measure_id, act)


@router.post("/plans/{plan_id}")
async def correct_plan(request: Request, plan_id: str) -> Response:
    def act(who, fields, target):
        result = forms.validate_correction(fields, CORRECTABLE_PLAN_FIELDS, frozenset(), forms.PLAN_DATE_FIELDS)
        if result.correction is None:
            return _bad(request, target, result.errors, result.entered)
        c = result.correction
        return _stored(request, target, lambda cur: review.correct_plan(cur, target, c.field, c.value, who.name, c.note),
                       f"/plans/{quote(target, safe=':')}?saved=1#history", result.entered, (PLAN_FIELDS,))
    return await _write(request, forms.is_plan_id, plan_id, act)


@router.post("/plans/{plan_id}/state")
async def plan_state(request: Request, plan_id: str) -> Response:
    def act(who, fields, target):
        state, reason, errors = forms.validate_state(fields, PLAN_STATES)
        if errors:
            return _bad(request, target, errors)
        return _stored(request, target, lambda cur: review.set_plan_state(cur, target, state, who.name, reason),
                       f"/plans/{quote(target, safe=':')}?saved=1#review", kinds=(STATES,))
    return await _write(request, forms.is_plan_id, plan_id, act)


# --- sign-in, sign-out, language ----------------------------------------------------------------------

def _safe_next(value: str) -> str:
    """Only a path on this site (no scheme, no host, no '//'), so sign-in cannot redirect elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return pages(request).render("login.html", visitor=visitor(request), next=_safe_next(next), name="", error="",
                                 db=str(gateway(request).db_path))


@router.post("/login")
async def login(request: Request) -> Response:
    if not forms.same_origin(request.headers):
        return error(request, 403, "Form refused", "Sign in from this site's own page.")
    try:
        fields = await _read_form(request)
    except ValueError as exc:
        return error(request, 400, "Bad request", str(exc))
    name = (fields.get("name") or [""])[0].strip()[:64]
    password = (fields.get("password") or [""])[0][:200]
    target = _safe_next((fields.get("next") or ["/"])[0])
    throttle = request.app.state.throttle
    keys = (f"name:{name}", f"addr:{request.client.host if request.client else ''}")
    if throttle.blocked(*keys):
        return pages(request).render("login.html", 429, visitor=visitor(request), next=target, name=name,
                                     error="Too many failed attempts; wait ten minutes.", db="")

    def check():
        with gateway(request).writing((ACCOUNTS,)) as cursor:
            account = accounts.authenticate(cursor, name, password)
            return accounts.open_session(cursor, account) if account else None
    session = await run_in_threadpool(check)
    if session is None:
        throttle.failed(*keys)
        return pages(request).render("login.html", 401, visitor=visitor(request), next=target, name=name,
                                     error="The name or password is wrong.", db="")
    throttle.succeeded(*keys)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, session.token, max_age=accounts.SESSION_HOURS * 3600, httponly=True, samesite="lax",
                        secure=is_https(request) or request.app.state.secure_cookies, path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    try:
        fields = await _read_form(request)
    except ValueError as exc:
        return error(request, 400, "Bad request", str(exc))
    refused = _refusal(request, fields, need_reviewer=False)
    if refused:
        return refused
    token = request.cookies.get(COOKIE, "")

    def close():
        with gateway(request).writing((ACCOUNTS,)) as cursor:
            accounts.close_session(cursor, token)
    await run_in_threadpool(close)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/lang")
async def language(request: Request) -> Response:
    """The signed-in user's language is stored with the account; a visitor's in a cookie."""
    if not forms.same_origin(request.headers):
        return error(request, 403, "Form refused", "Change the language from this site's own page.")
    try:
        fields = await _read_form(request)
    except ValueError as exc:
        return error(request, 400, "Bad request", str(exc))
    lang = (fields.get("lang") or [""])[0]
    if lang not in accounts.LANGUAGES:
        return error(request, 400, "Bad request", "Choose kk, ru or en.")
    who = visitor(request)
    if who is not None and who.session is not None:
        if not csrf_ok(who, (fields.get("csrf") or [""])[0]):
            return error(request, 403, "Form refused", "Reload the page and choose again.")

        def save():
            with gateway(request).writing((ACCOUNTS,)) as cursor:
                accounts.set_language(cursor, who.name, lang)
        await run_in_threadpool(save)
    back = forms.same_origin_path(request.headers.get("referer", ""), request.headers.get("host", ""))
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, httponly=True, samesite="lax",
                        secure=is_https(request) or request.app.state.secure_cookies, path="/")
    return response
