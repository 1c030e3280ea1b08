"""The Crossref client against a real HTTP server on 127.0.0.1: politeness, retries, failures."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest
from pytest_httpserver import HTTPServer
from pytest_httpserver.httpserver import HandlerType
from werkzeug import Request, Response

from crossref_fakes import RATE_HEADERS, search_body, work_body, work_item
from reflink import __version__
from reflink.crossref import (
    CrossrefClient,
    FetchFailed,
    Pacer,
    UnsafeDOI,
    parse_interval,
    search_request,
    work_request,
)
from reflink.errors import NetworkError

GADGEEL = work_item(
    "10.1016/S1470-2045(14)70362-6",
    ["Shirish M Gadgeel", "Leena Gandhi"],
    2014,
    "The Lancet Oncology",
    short="Lancet Oncol",
    volume="15",
    page="1119-1128",
)


def client_for(httpserver: HTTPServer, **kwargs) -> CrossrefClient:
    kwargs.setdefault("backoff_factor", 0.01)
    kwargs.setdefault("timeout", (2.0, 5.0))
    return CrossrefClient(httpserver.url_for("/"), **kwargs)


class MemoryCache:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[int, str]] = {}

    def get(self, key: str) -> tuple[int, str] | None:
        return self.rows.get(key)

    def put(self, key: str, status: int, body: str) -> None:
        self.rows[key] = (status, body)


def test_search_names_reflink_and_the_mailto(httpserver: HTTPServer) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response(search_body([GADGEEL]), headers=RATE_HEADERS)

    httpserver.expect_request("/works").respond_with_handler(handler)
    client = client_for(httpserver, mailto="you@example.org")
    reply = client.fetch(search_request("S. M. Gadgeel, Lancet Oncol., 2014, 15, 1119–1128."))
    assert reply.message["items"][0]["DOI"] == "10.1016/S1470-2045(14)70362-6"
    request = seen[0]
    assert request.headers["User-Agent"] == f"reflink/{__version__} (mailto:you@example.org)"
    assert request.args["mailto"] == "you@example.org"
    assert request.args["rows"] == "5"
    assert request.args["query.bibliographic"].startswith("S. M. Gadgeel")
    # the cache key leaves out the mailto: the same question, whoever asks it
    assert "mailto" not in reply.key


def test_work_request_keeps_the_doi_slash(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works/10.1039/c9ra02258a").respond_with_data(
        work_body({"DOI": "10.1039/c9ra02258a"}), headers=RATE_HEADERS
    )
    reply = client_for(httpserver).fetch(work_request("10.1039/c9ra02258a"))
    assert reply.status == 200
    assert reply.message["DOI"] == "10.1039/c9ra02258a"


def test_unknown_doi_is_a_404_reply_not_a_failure(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works/10.9999/nothing").respond_with_data(
        "Resource not found.", status=404
    )
    reply = client_for(httpserver).fetch(work_request("10.9999/nothing"))
    assert reply.status == 404
    assert reply.message is None


def test_429_waits_retry_after_then_succeeds(httpserver: HTTPServer) -> None:
    arrivals: list[float] = []

    def too_many(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response("Too Many Requests", status=429, headers={"Retry-After": "1"})

    def fine(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response(search_body([GADGEEL]), headers=RATE_HEADERS)

    httpserver.expect_request("/works", handler_type=HandlerType.ORDERED).respond_with_handler(
        too_many
    )
    httpserver.expect_request("/works", handler_type=HandlerType.ORDERED).respond_with_handler(fine)
    client = client_for(httpserver)
    reply = client.fetch(search_request("Gadgeel Lancet Oncol 2014 15 1119"))
    assert reply.status == 200
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.95  # Retry-After: 1 was honoured
    assert client.requests_made == 2


def test_500s_are_retried_with_backoff(httpserver: HTTPServer) -> None:
    for _ in range(2):
        httpserver.expect_request("/works", handler_type=HandlerType.ORDERED).respond_with_data(
            "Internal Server Error", status=500
        )
    httpserver.expect_request("/works", handler_type=HandlerType.ORDERED).respond_with_data(
        search_body([GADGEEL]), headers=RATE_HEADERS
    )
    client = client_for(httpserver)
    assert client.fetch(search_request("Gadgeel 2014")).status == 200
    assert client.requests_made == 3


def test_500_that_persists_fails_that_question_only(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works").respond_with_data("Internal Server Error", status=500)
    client = client_for(httpserver, retries=2)
    with pytest.raises(FetchFailed, match="HTTP 500"):
        client.fetch(search_request("Gadgeel 2014"))
    assert client.requests_made == 3  # the first try and two retries


def test_slow_reply_times_out(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(search_body([GADGEEL]), headers=RATE_HEADERS)

    httpserver.expect_request("/works").respond_with_handler(slow)
    client = client_for(httpserver, timeout=(2.0, 0.2), retries=1)
    with pytest.raises(FetchFailed, match="no reply within 0.2 s"):
        client.fetch(search_request("Gadgeel 2014"))


def test_malformed_json_fails_and_is_not_cached(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works").respond_with_data(
        '{"status": "ok", "message": {"items": [', headers=RATE_HEADERS
    )
    cache = MemoryCache()
    results = list(client_for(httpserver).fetch_many([search_request("Gadgeel 2014")], cache))
    assert len(results) == 1
    assert isinstance(results[0][1], FetchFailed)
    assert "malformed JSON" in str(results[0][1])
    assert cache.rows == {}


def test_refused_connection_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = CrossrefClient(f"http://127.0.0.1:{port}", backoff_factor=0.01)
    with pytest.raises(NetworkError, match=f"cannot reach Crossref at http://127.0.0.1:{port}"):
        list(client.fetch_many([search_request("Gadgeel 2014")]))


def test_cached_replies_are_not_asked_again(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works").respond_with_data(
        search_body([GADGEEL]), headers=RATE_HEADERS
    )
    cache = MemoryCache()
    requests_ = [search_request(f"reference {n}") for n in range(6)]
    first = client_for(httpserver)
    assert all(not reply.from_cache for _, reply in first.fetch_many(requests_, cache))
    assert first.requests_made == 6
    again = client_for(httpserver)
    replies = [reply for _, reply in again.fetch_many(requests_, cache)]
    assert all(reply.from_cache for reply in replies)
    assert again.requests_made == 0
    assert json.loads(replies[0].body)["message"]["items"][0]["DOI"] == GADGEEL["DOI"]


def test_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLINK_CROSSREF_URL", "http://127.0.0.1:9/mirror/")
    assert CrossrefClient().base_url == "http://127.0.0.1:9/mirror"
    monkeypatch.delenv("REFLINK_CROSSREF_URL")
    assert CrossrefClient().base_url == "https://api.crossref.org"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        pytest.param("1s", 1.0, id="crossref"),
        pytest.param("1000ms", 1.0, id="milliseconds"),
        pytest.param("1m", 60.0, id="minute"),
        pytest.param("2", 2.0, id="bare-number"),
        pytest.param("soon", None, id="unreadable"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_parse_interval(text: str | None, seconds: float | None) -> None:
    assert parse_interval(text) == seconds


def test_pacer_adopts_the_advertised_budget() -> None:
    pacer = Pacer(max_concurrency=3)
    assert (pacer.limit, pacer.concurrency) == (5, 1)  # before any reply: the public pool's
    pacer.update({"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"})
    assert (pacer.limit, pacer.interval, pacer.concurrency) == (50, 1.0, 3)
    pacer.update({"X-Rate-Limit-Limit": "2", "X-Rate-Limit-Interval": "1s"})
    assert pacer.concurrency == 2  # never more in flight than the limit allows per interval
    pacer.update(
        {"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s", "X-Concurrency-Limit": "1"}
    )
    assert pacer.concurrency == 1
    assert pacer.spacing > 1 / 50  # a margin under the advertised rate


def test_pacer_follows_a_named_concurrency_limit() -> None:
    pacer = Pacer(max_concurrency=3)
    # a mirror (or the bench server) naming its own limit may allow more than Crossref's 3
    pacer.update(
        {"X-Rate-Limit-Limit": "100", "X-Rate-Limit-Interval": "1s", "X-Concurrency-Limit": "10"}
    )
    assert pacer.concurrency == 10
    pacer.update(
        {"X-Rate-Limit-Limit": "100", "X-Rate-Limit-Interval": "1s", "X-Concurrency-Limit": "500"}
    )
    assert pacer.concurrency == 16  # never more threads than HARD_MAX_CONCURRENCY


def test_many_requests_go_out_concurrently_within_the_limit(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works").respond_with_data(
        search_body([GADGEEL]), headers={**RATE_HEADERS, "X-Concurrency-Limit": "4"}
    )
    client = client_for(httpserver)
    results = list(client.fetch_many([search_request(f"reference {n}") for n in range(40)]))
    assert len(results) == 40
    assert {type(reply).__name__ for _, reply in results} == {"Reply"}
    assert client.pacer.concurrency == 4
    assert client.requests_made == 40


def test_a_429_holds_back_a_request_already_waiting_for_its_turn() -> None:
    import threading

    pacer = Pacer()
    pacer.update({"X-Rate-Limit-Limit": "2", "X-Rate-Limit-Interval": "1s"})
    with pacer.slot():
        pass  # the next start is about half a second away
    started: list[float] = []

    def next_request() -> None:
        with pacer.slot():
            started.append(time.monotonic())

    waiting = threading.Thread(target=next_request)
    waiting.start()
    time.sleep(0.1)  # it now sleeps towards its start
    paused_at = time.monotonic()
    pacer.pause(1.0)  # another thread's 429 said "Retry-After: 1"
    waiting.join()
    assert started[0] - paused_at >= 0.95


# --- a hostile server (#18) ---------------------------------------------------------------------

WRONG_TYPES = {
    "items-a-string": {"items": "none"},
    "doi-a-number": {"items": [{**GADGEEL, "DOI": 1234}]},
    "title-a-string": {"items": [{**GADGEEL, "title": "A title, not a list"}]},
    "author-an-object": {"items": [{**GADGEEL, "author": {"family": "Gadgeel"}}]},
    "family-a-list": {"items": [{**GADGEEL, "author": [{"family": ["Gadgeel"]}]}]},
    "date-parts-a-string": {"items": [{**GADGEEL, "issued": {"date-parts": "2014"}}]},
    "score-true": {"items": [{**GADGEEL, "score": True}]},
    "reference-a-string": {"reference": "see the article"},
    "deposit-key-a-number": {"reference": [{"key": 12, "unstructured": "A. B."}]},
    "update-an-array-of-strings": {"updated-by": ["10.1/notice"]},
}


@pytest.mark.parametrize("message", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_a_reply_of_the_wrong_shape_fails_and_is_never_cached(
    httpserver: HTTPServer, message: dict
) -> None:
    httpserver.expect_request("/works").respond_with_data(
        json.dumps({"status": "ok", "message": message}), headers=RATE_HEADERS
    )
    cache = MemoryCache()
    ((_, reply),) = client_for(httpserver).fetch_many([search_request("Gadgeel 2014")], cache)
    assert isinstance(reply, FetchFailed)
    assert str(reply).startswith("reply has message.")
    assert cache.rows == {}


def test_crossrefs_unknown_date_is_a_shape_it_reads(httpserver: HTTPServer) -> None:
    item = {**GADGEEL, "issued": {"date-parts": [[None]]}, "volume": 15}
    httpserver.expect_request("/works").respond_with_data(search_body([item]), headers=RATE_HEADERS)
    reply = client_for(httpserver).fetch(search_request("Gadgeel 2014"))
    assert reply.message["items"][0]["issued"] == {"date-parts": [[None]]}


def test_a_reply_past_the_size_cap_is_not_read(httpserver: HTTPServer) -> None:
    big = search_body([{**GADGEEL, "title": ["x" * 5000]}])
    httpserver.expect_request("/works").respond_with_data(big, headers=RATE_HEADERS)
    cache = MemoryCache()
    client = client_for(httpserver, max_reply_bytes=4096)
    ((_, reply),) = client.fetch_many([search_request("Gadgeel 2014")], cache)
    assert isinstance(reply, FetchFailed)
    assert str(reply) == "reply larger than the 0.00390625 MB reflink reads"
    assert cache.rows == {}


def test_a_reply_past_the_size_cap_without_a_length_is_cut_off(httpserver: HTTPServer) -> None:
    def unannounced(request: Request) -> Response:
        chunks = (b'{"message": {"items": [], "pad": "' + b"x" * 1000 for _ in range(10))
        return Response(chunks, headers=RATE_HEADERS)  # streamed: no Content-Length

    httpserver.expect_request("/works").respond_with_handler(unannounced)
    with pytest.raises(FetchFailed, match="^reply larger than"):
        client_for(httpserver, max_reply_bytes=4096).fetch(search_request("Gadgeel 2014"))


def test_a_server_sending_a_byte_at_a_time_meets_the_deadline(httpserver: HTTPServer) -> None:
    """Slowloris: every byte comes before the read timeout, so only a total deadline ends it."""

    def trickle(request: Request) -> Response:
        def body():
            for byte in search_body([GADGEEL]).encode()[:40]:
                time.sleep(0.1)
                yield bytes([byte])

        return Response(body(), headers=RATE_HEADERS)

    httpserver.expect_request("/works").respond_with_handler(trickle)
    client = client_for(httpserver, timeout=(2.0, 1.0), deadline=0.5, retries=0)
    with pytest.raises(FetchFailed, match=r"^no complete reply within 0.5 s$"):
        client.fetch(search_request("Gadgeel 2014"))


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("1000000h", 60.0), ("100m", 60.0), ("1s", 1.0)],
)
def test_a_servers_rate_interval_is_capped(header: str, seconds: float) -> None:
    pacer = Pacer()
    pacer.update({"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": header})
    assert pacer.interval == seconds


def test_a_redirect_to_another_host_is_not_followed(httpserver: HTTPServer) -> None:
    """The mailto would go with it; 'localhost' and '127.0.0.1' are two hosts to a URL."""
    here = httpserver.url_for("/collect")
    other = "127.0.0.1" if "//localhost:" in here else "localhost"
    elsewhere = re.sub(r"//[^:/]+:", f"//{other}:", here)
    httpserver.expect_request("/works").respond_with_data(
        "", status=302, headers={"Location": elsewhere}
    )
    client = client_for(httpserver, mailto="someone@example.org")
    with pytest.raises(FetchFailed, match=rf"^redirected to another host \({other}:\d+\)"):
        client.fetch(search_request("Gadgeel 2014"))
    assert [entry[0].path for entry in httpserver.log] == ["/works"]


def test_a_redirect_within_the_host_is_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works/10.1/old").respond_with_data(
        "", status=301, headers={"Location": "/works/10.1/new"}
    )
    httpserver.expect_request("/works/10.1/new").respond_with_data(
        work_body(GADGEEL), headers=RATE_HEADERS
    )
    reply = client_for(httpserver).fetch(work_request("10.1/old"))
    assert reply.message["DOI"] == GADGEEL["DOI"]


@pytest.mark.parametrize(
    ("doi", "path"),
    [
        ("10.1234/a?b#c", "/works/10.1234/a%3Fb%23c"),
        ("10.1234/100% pure", "/works/10.1234/100%25%20pure"),
        ("10.1234/a..b", "/works/10.1234/a..b"),  # dots inside a segment are the DOI's own
        ("10.1016/S1470-2045(14)70362-6", "/works/10.1016/S1470-2045%2814%2970362-6"),
    ],
)
def test_a_doi_stays_one_path_under_works(doi: str, path: str) -> None:
    assert work_request(doi).path == path


@pytest.mark.parametrize(
    "doi",
    [
        "10.1234/../../admin/delete?all=1#x",
        "10.1234/./x",
        "10.1234/x/..",
        "10.1234/a\x00b",
        "10.1234/a\nb",
        "10.1234/a\x1b[2Jb",
    ],
)
def test_a_doi_that_would_leave_works_is_refused(doi: str) -> None:
    with pytest.raises(UnsafeDOI):
        work_request(doi)


STOPPED_BY_CTRL_C = """
import socket, sys, time
from reflink.crossref import CrossrefClient, search_request
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
client = CrossrefClient(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=(5, 600))
print("asking", flush=True)
try:
    list(client.fetch_many([search_request(f"question {n}") for n in range(5)]))
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""


def test_ctrl_c_stops_a_run_waiting_on_a_silent_server() -> None:
    """A server that accepts and never answers: Ctrl-C ends the run at once, not after the
    read timeout (600 s here) of every thread in flight."""
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", STOPPED_BY_CTRL_C], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline() == "asking\n"
    time.sleep(0.5)  # the request is out, its thread blocked on the socket
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=20)  # without the fix: 600 s
    assert stdout == "interrupted\n"
    assert process.returncode == 130
