"""`create_app(db_path)`: the analysts' web app over the embedded store (FastAPI, server-rendered HTML)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response

from webapp.pages import STATIC_DIR, Pages, apply_security_headers
from webapp.routes import router
from webapp.store_access import StoreGateway, StoreUnavailable

log = logging.getLogger(__name__)

# Host headers served. Pinning them defeats DNS rebinding (a hostile site's name resolved to 127.0.0.1),
# which would otherwise let that site's pages read these pages and pass the same-origin check on POSTs.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def create_app(db_path: Path, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    app = FastAPI(title="jospar", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.gateway = StoreGateway(Path(db_path))
    app.state.pages = Pages()
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS))

    @app.middleware("http")  # added last, so outermost: also covers static files and refused hosts
    async def security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        apply_security_headers(response.headers)
        return response

    _install_error_pages(app)
    return app


def _install_error_pages(app: FastAPI) -> None:
    pages: Pages = app.state.pages

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> Response:
        return pages.error(503, "The store cannot be read right now", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Request refused")
        return pages.error(exc.status_code, title, str(exc.detail) if exc.status_code != 404 else
                           "There is no page at this address.")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return pages.error(400, "Bad request", "The address or form holds a value this page cannot use.")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return pages.error(500, "Something went wrong", "The error was logged on the server.")
