"""Datasette plugin: the view is read-only, so every request that is not a read is 405, and a
database a writer holds or left half-written is a 503 that says so (#18).

Datasette answered POST to a table or canned query with a 500 (an assertion inside it); a shared
server's maintainer reads a 500 as a bug and a 405 as a refusal. Checked before Datasette routes
the request, so no page, canned query or plugin below ever sees a write.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl
from datasette.utils.asgi import Response

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOW = b"GET, HEAD, OPTIONS"


def refuse_writes(app):
    """Wrap an ASGI app: a request with any other method gets 405 and an Allow header."""

    async def wrapped(scope, receive, send):
        if scope.get("type") == "http" and scope.get("method", "GET").upper() not in READ_METHODS:
            body = b"405 Method Not Allowed: reflink serves this database read-only\n"
            await send(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"allow", ALLOW),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return wrapped


@hookimpl
def asgi_wrapper(datasette):
    return refuse_writes


# What a reader meets while a writer works or after one was cut off, and what to do about it: a
# page that says so (503, try again), not a 500 and a traceback in the server's log
LOCKED = "a write is in progress (reflink ingest or another writer); try again in a moment"
CUT_OFF = (
    "the database holds a write that was cut off (a killed process, a full disk); "
    "`reflink upgrade --db {path}` rolls it back"
)
RETRY_AFTER_S = 5


def unavailable_reason(exception: BaseException, path: str) -> str | None:
    """The message for a database a writer holds or left half-written; None for anything else."""
    seen: set[int] = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, sqlite3.OperationalError):
            code = getattr(exception, "sqlite_errorcode", None)
            if code == sqlite3.SQLITE_BUSY or "database is locked" in str(exception):
                return LOCKED
            if code == getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776) or (
                "attempt to write a readonly database" in str(exception)
            ):
                return CUT_OFF.format(path=path)
        exception = exception.__cause__ or exception.__context__
    return None


@hookimpl
def handle_exception(datasette, request, exception):
    paths = [db.path for db in datasette.databases.values() if db.path]
    reason = unavailable_reason(exception, paths[0] if paths else "DB")
    if reason is None:
        return None

    async def page():
        headers = {"Retry-After": str(RETRY_AFTER_S)}
        if request.path.endswith(".json") or request.args.get("_format") == "json":
            return Response.json(
                {"ok": False, "error": reason, "status": 503, "title": "Try again"},
                status=503,
                headers=headers,
            )
        html = await datasette.render_template(
            ["error.html"],
            {"ok": False, "error": reason, "status": 503, "title": "Try again"},
            request=request,
        )
        return Response.html(html, status=503, headers=headers)

    return page
