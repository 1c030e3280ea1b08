"""Datasette plugin: the view is read-only, so every request that is not a read is 405 (#18).

Datasette answered POST to a table or canned query with a 500 (an assertion inside it); a shared
server's maintainer reads a 500 as a bug and a 405 as a refusal. Checked before Datasette routes
the request, so no page, canned query or plugin below ever sees a write.
"""

from __future__ import annotations

from datasette import hookimpl

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
