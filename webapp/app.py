"""`create_app(db_path)`: the analysts' web app over the embedded store (FastAPI, server-rendered HTML)."""
from __future__ import annotations

import logging
import os
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response

from store.browse import LOW_CONFIDENCE
from webapp.auth import Throttle, identify, needs_sign_in
from webapp.pages import STATIC_DIR, Pages, apply_security_headers
from webapp.routes import router, warm_indexes, warm_search
from webapp.routes_write import router as write_router
from webapp.source_view import PageImages
from webapp.store_access import IDLE_RELEASE_SECONDS, StoreGateway, StoreUnavailable

log = logging.getLogger(__name__)

# Host headers served. Pinning them defeats DNS rebinding (a hostile site's name resolved to 127.0.0.1),
# which would otherwise let that site's pages read these pages and pass the same-origin check on POSTs.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def _setting(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# Worker threads for the handlers (they read the store and render; DuckDB releases the GIL, Python does not).
# A few more than the cores: 50 requests at once then queue and are served in turn, instead of 40 threads
# sharing the interpreter lock, which stretches a page that needs 50 ms of CPU over seconds.
WEB_THREADS = int(os.environ.get("JOSPAR_WEB_THREADS", "") or (os.cpu_count() or 2) + 2)


@asynccontextmanager
async def _lifespan(app: FastAPI):
    anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, WEB_THREADS)
    yield
    app.state.gateway.close()


def create_app(db_path: Path, allowed_hosts: Sequence[str] | None = None, secure_cookies: bool = False,
               cache_dir: Path | None = None) -> FastAPI:
    app = FastAPI(title="jospar", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_lifespan)
    app.state.gateway = StoreGateway(Path(db_path), idle_release=_setting("JOSPAR_WEB_IDLE_RELEASE",
                                                                          IDLE_RELEASE_SECONDS))
    app.state.gateway.add_warmer(warm_search(app.state.gateway))
    app.state.gateway.add_warmer(warm_indexes)
    app.state.pages = Pages()
    app.state.throttle = Throttle()
    app.state.secure_cookies = secure_cookies or os.environ.get("JOSPAR_WEB_SECURE_COOKIES", "") == "1"
    app.state.low_confidence = _setting("JOSPAR_WEB_LOW_CONFIDENCE", LOW_CONFIDENCE)
    cache = cache_dir or Path(os.environ.get("JOSPAR_WEB_CACHE_DIR", "") or Path(db_path).parent / ".jospar-pages")
    app.state.page_images = PageImages(cache)
    app.include_router(router)
    app.include_router(write_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.middleware("http")  # innermost: runs after the host check, inside the security headers
    async def who_is_asking(request: Request, call_next) -> Response:
        path = request.url.path
        if path.startswith("/static/") or path == "/healthz":
            return await call_next(request)
        try:
            visitor = await run_in_threadpool(identify, app.state.gateway, request)
        except StoreUnavailable as exc:
            return app.state.pages.error(503, "The store cannot be read right now", str(exc))
        request.state.visitor = visitor
        if needs_sign_in(path, visitor):
            if request.method == "GET":
                target = path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
            return app.state.pages.error(403, "Sign in first", "Sign in to make changes.", visitor=visitor)
        return await call_next(request)

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS))

    @app.middleware("http")  # added last, so outermost: also covers static files and refused hosts
    async def security_headers(request: Request, call_next) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        apply_security_headers(response.headers)
        # the server's own time for the request (benchmarks/web.py reads it; browsers show it in devtools)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    _install_error_pages(app)
    return app


def _install_error_pages(app: FastAPI) -> None:
    pages: Pages = app.state.pages

    def visitor(request: Request):
        return getattr(request.state, "visitor", None)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> Response:
        return pages.error(503, "The store cannot be read right now", str(exc), visitor=visitor(request))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Request refused")
        return pages.error(exc.status_code, title, str(exc.detail) if exc.status_code != 404 else
                           "There is no page at this address.", visitor=visitor(request))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return pages.error(400, "Bad request", "The address or form holds a value this page cannot use.",
                           visitor=visitor(request))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return pages.error(500, "Something went wrong", "The error was logged on the server.",
                           visitor=visitor(request))
