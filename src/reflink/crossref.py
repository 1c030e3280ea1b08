"""The Crossref REST API: one polite `requests.Session`, paced to the advertised rate limit.

Crossref asks clients to name themselves (a `mailto` in the User-Agent), to stay inside the budget
it advertises on every reply (`X-Rate-Limit-Limit: 50`, `X-Rate-Limit-Interval: 1s`), to wait
`Retry-After` seconds after a 429, and to back off on 5xx. This module does all of that and no
scoring: it turns `Request`s into `Reply`s, through a cache the caller provides, so that a re-run
asks nothing twice.

Failures come in two kinds. A question that fails after its retries (a 500 that will not go away,
a reply that is not JSON, a read timeout) is `FetchFailed`: the caller skips that one reference and
asks again next run. A service that cannot be reached at all (DNS, refused connection, no route) is
`NetworkError`: the run stops with one line for the user.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol
from urllib.parse import quote, urlencode, urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from .errors import NetworkError, ReflinkError

DEFAULT_BASE_URL = "https://api.crossref.org"
BASE_URL_ENV = "REFLINK_CROSSREF_URL"
MAILTO_ENV = "REFLINK_MAILTO"

# Until the first reply advertises the real budget, assume the public pool's (5 requests per
# second, one at a time): guessing low costs a few slow requests, guessing high earns a 429.
ASSUMED_LIMIT = 5
ASSUMED_INTERVAL_S = 1.0
# Stay a little under the advertised rate: a server counting in a sliding window sees our requests
# arrive with network jitter, and one 429 costs a whole Retry-After.
RATE_MARGIN = 0.95
# Crossref's polite pool allows 3 requests in flight: the cap unless a server names its own
# limit (X-Concurrency-Limit); never more than HARD_MAX_CONCURRENCY threads, whatever it says.
MAX_CONCURRENCY = 3
HARD_MAX_CONCURRENCY = 16
# A server asking us to wait longer than this is treated as failing for now.
MAX_RETRY_AFTER_S = 60.0
# This many questions failing in a row means the service, not the question, is the problem.
MAX_CONSECUTIVE_FAILURES = 8

# A server advertising a longer rate interval is read as this one (X-Rate-Limit-Interval:
# "1000000h" would have spaced requests a century apart).
MAX_RATE_INTERVAL_S = 60.0
# The most a reply may hold: a work with a deposited list of 100,000 references is about 30 MB;
# a larger reply is not read, not parsed and not cached.
MAX_REPLY_BYTES = 48 * 2**20
# The most one request may take, retries and waits included: a server that sends a byte a
# second (slowloris) is given up on here, not after the last byte.
REQUEST_DEADLINE_S = 120.0
# How often a waiting thread looks whether the run was stopped (Ctrl-C): within a second.
STOP_POLL_S = 0.2
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5

RETRY_STATUSES = (429, 500, 502, 503, 504)
# "1s", "60s", "1000ms", "1m": X-Rate-Limit-Interval as Crossref and mirrors write it
INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")


class FetchFailed(Exception):
    """One question failed after its retries; the caller skips it and asks again next run."""


@dataclass(frozen=True)
class Request:
    """One GET against the API: a path below the base URL and its query parameters."""

    path: str
    params: tuple[tuple[str, str], ...] = ()

    @cached_property
    def key(self) -> str:
        """The cache key: path and sorted parameters, without the base URL or `mailto`."""
        query = urlencode(sorted(self.params))
        return f"{self.path}?{query}" if query else self.path


@dataclass(frozen=True)
class Reply:
    """A reply worth keeping: 200 with a JSON body, or 404 (Crossref does not know the DOI)."""

    key: str
    status: int
    body: str
    from_cache: bool = False
    data: Any = field(default=None, compare=False, repr=False)

    @property
    def message(self) -> Any:
        """The `message` of a 200 reply, or None for a 404."""
        return self.data.get("message") if self.status == 200 and self.data else None


class ReplyCache(Protocol):
    """Where replies are kept between runs (enrich.py stores them in the database)."""

    def get(self, key: str) -> tuple[int, str] | None: ...

    def put(self, key: str, status: int, body: str) -> None: ...


def search_request(reference: str, rows: int = 5) -> Request:
    """The search Crossref recommends for matching: the whole reference string, a few rows."""
    return Request("/works", (("query.bibliographic", reference), ("rows", str(rows))))


class UnsafeDOI(ReflinkError, ValueError):
    """A DOI that would leave `/works/` (a `..` segment) or hide characters (control ones)."""


# "10.1234/../../admin": a dot segment, which URL normalisation would resolve above /works/
DOT_SEGMENT = re.compile(r"(?:^|/)\.{1,2}(?:/|$)")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def is_safe_doi(doi: str) -> bool:
    """Whether `doi` can be asked for as `/works/{doi}` (no dot segment, no control character)."""
    return not (DOT_SEGMENT.search(doi.strip()) or CONTROL.search(doi))


def work_request(doi: str) -> Request:
    """The work record of one DOI (with its deposited `reference` list, when there is one).

    The DOI stays under `/works/`: every character but letters, digits, `-._~` and its slashes is
    percent-encoded (`?`, `#`, `%`, blanks), and a dot segment or control character is UnsafeDOI.
    """
    doi = doi.strip()
    if not is_safe_doi(doi):
        raise UnsafeDOI(f"{doi!r} is not a DOI reflink asks Crossref about")
    return Request(f"/works/{quote(doi, safe='/')}")


def parse_reply(key: str, status: int, body: str, *, from_cache: bool = False) -> Reply:
    """Check a body is the JSON object Crossref sends; a broken one is FetchFailed, never cached."""
    if status == 404:
        return Reply(key, status, body, from_cache)
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise FetchFailed(f"malformed JSON from Crossref ({exc.msg} at {exc.pos})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("message"), dict | None):
        raise FetchFailed("reply is JSON but not a Crossref message")
    if data.get("message") is not None:
        wrong = misshapen(data["message"], MESSAGE_SHAPE, "message")
        if wrong:
            raise FetchFailed(f"reply has {wrong}")
    return Reply(key, status, body, from_cache, data)


# The parts of a reply reflink reads, with the JSON type each must have: a reply where one has
# another type (a string for a list, a number for a DOI) is a failed reply, never cached,
# instead of a crash halfway through a run. Keys not named here are not read, so not checked.
Shape = Any
TEXT: Shape = str
SCALAR: Shape = (str, int, float)  # volume, page, year: read through str()
DATE: Shape = {"date-parts": [[(int, str, type(None))]]}  # [[null]]: Crossref's unknown date
PERSON: Shape = {"family": TEXT, "given": TEXT, "name": TEXT, "sequence": TEXT, "ORCID": TEXT}
UPDATE: Shape = {
    "DOI": TEXT,
    "type": TEXT,
    "label": TEXT,
    "source": TEXT,
    "updated": DATE,
}
DEPOSIT: Shape = {
    "key": TEXT,
    "DOI": TEXT,
    "unstructured": TEXT,
    "author": TEXT,
    "year": SCALAR,
    "volume": SCALAR,
    "issue": SCALAR,
    "first-page": SCALAR,
    "article-title": TEXT,
    "journal-title": TEXT,
    "volume-title": TEXT,
}
WORK: Shape = {
    "DOI": TEXT,
    "type": TEXT,
    "title": [TEXT],
    "subtitle": [TEXT],
    "container-title": [TEXT],
    "short-container-title": [TEXT],
    "author": [PERSON],
    "issued": DATE,
    "published": DATE,
    "published-print": DATE,
    "published-online": DATE,
    "volume": SCALAR,
    "issue": SCALAR,
    "page": SCALAR,
    "article-number": SCALAR,
    "score": (int, float),
    "publisher": TEXT,
    "ISSN": [TEXT],
    "issn-type": [{"value": TEXT, "type": TEXT}],
    "reference": [DEPOSIT],
    "updated-by": [UPDATE],
    "update-to": [UPDATE],
}
MESSAGE_SHAPE: Shape = {**WORK, "items": [WORK], "total-results": int}


def misshapen(value: Any, shape: Shape, where: str) -> str | None:
    """Where `value` departs from `shape` ("message.items[3].DOI: a number, not text"), or None.

    A dict shape checks the keys it names (absent keys are fine); a one-element list shape
    checks every element; a type or tuple of types checks the value itself.
    """
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{where}: {_json_kind(value)}, not an object"
        for key, inner in shape.items():
            if key in value:
                found = misshapen(value[key], inner, f"{where}.{key}")
                if found:
                    return found
        return None
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{where}: {_json_kind(value)}, not a list"
        for index, element in enumerate(value):
            found = misshapen(element, shape[0], f"{where}[{index}]")
            if found:
                return found
        return None
    if isinstance(value, bool) or not isinstance(value, shape):
        expected = "text" if shape is str else "a number" if shape is not SCALAR else "a value"
        return f"{where}: {_json_kind(value)}, not {expected}"
    return None


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def parse_interval(text: str | None) -> float | None:
    """ "1s" → 1.0, "1000ms" → 1.0, "1m" → 60.0; None when absent or unreadable."""
    match = INTERVAL.match(text or "")
    if not match:
        return None
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}[match.group(2) or "s"]
    return min(float(match.group(1)) * scale, MAX_RATE_INTERVAL_S)


class Pacer:
    """Spaces request starts evenly at the advertised rate and caps how many run at once.

    Each start takes the next free slot (`interval / limit` apart) and never banks unused time, so
    a pause never turns into a burst. The budget is re-read from every reply, so a client that
    moves between Crossref's pools adapts on its own.
    """

    def __init__(self, max_concurrency: int = MAX_CONCURRENCY) -> None:
        self.max_concurrency = max(1, max_concurrency)
        self.limit = ASSUMED_LIMIT
        self.interval = ASSUMED_INTERVAL_S
        self.concurrency = 1  # one at a time until a reply says more is allowed
        self._next_start = 0.0
        self._paused_until = 0.0
        self._in_flight = 0
        self._lock = threading.Condition()
        self._stopped = threading.Event()

    def stop(self) -> None:
        """Every thread waiting here gives up (FetchFailed) within STOP_POLL_S: Ctrl-C."""
        self._stopped.set()
        with self._lock:
            self._lock.notify_all()

    def stopping(self) -> bool:
        """Stopped, or the program is ending (the main thread is gone: Ctrl-C, an error)."""
        return self._stopped.is_set() or not threading.main_thread().is_alive()

    @property
    def spacing(self) -> float:
        return self.interval / (self.limit * RATE_MARGIN)

    def update(self, headers: Any) -> None:
        """Adopt the budget advertised in a reply's X-Rate-Limit-* headers."""
        limit_text = headers.get("X-Rate-Limit-Limit")
        interval = parse_interval(headers.get("X-Rate-Limit-Interval"))
        concurrency_text = headers.get("X-Concurrency-Limit")
        with self._lock:
            if limit_text and limit_text.strip().isdigit() and int(limit_text) > 0:
                self.limit = int(limit_text)
                if interval:
                    self.interval = interval
                self.concurrency = min(self.max_concurrency, self.limit)
            if concurrency_text and concurrency_text.strip().isdigit():
                # the server's own word, still never more than one request per slot of the rate
                named = min(int(concurrency_text), HARD_MAX_CONCURRENCY, self.limit)
                self.concurrency = max(1, named)
            self._lock.notify_all()

    def pause(self, seconds: float) -> None:
        """Nobody starts a request for `seconds` (a 429's Retry-After applies to the client)."""
        with self._lock:
            until = time.monotonic() + seconds
            self._paused_until = max(self._paused_until, until)
            self._next_start = max(self._next_start, until)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Wait for a free place and the next start time; hold the place for one request."""
        with self._lock:
            while self._in_flight >= self.concurrency:
                if self.stopping():
                    raise FetchFailed("stopped")
                self._lock.wait(STOP_POLL_S)
            self._in_flight += 1
            start = max(time.monotonic(), self._next_start)
            self._next_start = start + self.spacing
        try:
            # a 429 seen while this thread waited for its start pushes it back too; the wait is
            # in short steps, so a stop is seen within STOP_POLL_S
            while (delay := max(start, self._paused_until) - time.monotonic()) > 0:
                if self.stopping():
                    raise FetchFailed("stopped")
                self._stopped.wait(min(delay, STOP_POLL_S))
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                self._lock.notify_all()


class PoliteRetry(Retry):
    """urllib3's Retry, telling the client's pacer about a Retry-After (so every thread waits)
    and refusing to sleep longer than MAX_RETRY_AFTER_S on a server's say-so."""

    pacer: Pacer | None = None
    on_retry: Any = None

    def new(self, **kwargs: Any) -> PoliteRetry:
        retry = super().new(**kwargs)
        retry.pacer = self.pacer
        retry.on_retry = self.on_retry
        return retry

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), MAX_RETRY_AFTER_S)

    def increment(self, *args: Any, **kwargs: Any) -> Retry:
        retry = super().increment(*args, **kwargs)  # raises when no retry is left
        if self.on_retry:
            self.on_retry()  # the request about to be repeated counts as one more
        response = kwargs.get("response")
        if response is not None and self.pacer is not None:
            retry_after = self.get_retry_after(response)
            if retry_after:
                self.pacer.pause(retry_after)
        return retry


class CrossrefClient:
    """A polite Crossref client: one Session, urllib3 retries, pacing, bounded threads."""

    def __init__(
        self,
        base_url: str | None = None,
        mailto: str | None = None,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        retries: int = 4,
        backoff_factor: float = 0.5,
        max_concurrency: int = MAX_CONCURRENCY,
        deadline: float = REQUEST_DEADLINE_S,
        max_reply_bytes: int = MAX_REPLY_BYTES,
    ) -> None:
        from . import __version__

        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        self.mailto = mailto or os.environ.get(MAILTO_ENV) or None
        self.timeout = timeout
        self.deadline = deadline
        self.max_reply_bytes = max_reply_bytes
        self.pacer = Pacer(max_concurrency)
        self.requests_made = 0
        self._count_lock = threading.Lock()

        retry = PoliteRetry(
            total=retries,
            connect=1,  # a refused connection or unknown host will not fix itself in a second
            read=retries,
            status=retries,
            backoff_factor=backoff_factor,
            backoff_max=30,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,  # hand back the last reply; fetch() turns it into FetchFailed
        )
        retry.pacer = self.pacer
        retry.on_retry = self._count_request
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=HARD_MAX_CONCURRENCY)
        self.session = requests.Session()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # Crossref's etiquette: "AppName/Version (mailto:you@example.org)"
        contact = f" (mailto:{self.mailto})" if self.mailto else ""
        self.session.headers["User-Agent"] = f"reflink/{__version__}{contact}"
        self.session.headers["Accept"] = "application/json"

    def _count_request(self) -> None:
        with self._count_lock:
            self.requests_made += 1

    def url_for(self, request: Request) -> str:
        return self.base_url + request.path

    def fetch(self, request: Request) -> Reply:
        """One request, paced and retried, within REQUEST_DEADLINE_S: a Reply, FetchFailed, or
        NetworkError.

        The request runs in a daemon thread, watched from here: whatever the server does (a byte
        a second, headers that never end), this returns by the deadline, and a stop (Ctrl-C)
        within STOP_POLL_S; a thread left behind ends with the program.
        """
        deadline = time.monotonic() + self.deadline
        outcome: list[Reply | BaseException] = []
        done = threading.Event()

        def run() -> None:
            try:
                outcome.append(self._fetch_now(request, deadline))
            except BaseException as exc:  # handed to the watching thread
                outcome.append(exc)
            finally:
                done.set()

        threading.Thread(target=run, name="crossref-request", daemon=True).start()
        while not done.wait(STOP_POLL_S):
            if self.pacer.stopping():
                raise FetchFailed("stopped")
            if time.monotonic() > deadline:
                raise FetchFailed(f"no complete reply within {self.deadline:g} s")
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def _fetch_now(self, request: Request, deadline: float) -> Reply:
        params: list[tuple[str, str]] | None = list(request.params)
        if self.mailto:
            params.append(("mailto", self.mailto))
        url = self.url_for(request)
        with self.pacer.slot():
            self._count_request()
            for _ in range(MAX_REDIRECTS + 1):
                response = self._get(url, params)
                if response.status_code not in REDIRECT_STATUSES:
                    break
                # followed only within the configured host: elsewhere would get the mailto
                location = urljoin(response.url, response.headers.get("Location", ""))
                response.close()
                if not self._same_origin(location):
                    host = urlsplit(location).netloc or "nowhere"
                    raise FetchFailed(f"redirected to another host ({host}); not followed")
                url, params = location, None
            else:
                raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")
            try:
                self.pacer.update(response.headers)
                if response.status_code not in (200, 404):
                    raise FetchFailed(f"HTTP {response.status_code} from Crossref after retries")
                body = self._read_body(response, deadline)
            finally:
                response.close()
        return parse_reply(request.key, response.status_code, body)

    def _get(self, url: str, params: list[tuple[str, str]] | None) -> requests.Response:
        try:
            return self.session.get(
                url, params=params, timeout=self.timeout, stream=True, allow_redirects=False
            )
        except requests.exceptions.ConnectTimeout as exc:
            raise NetworkError(f"cannot reach Crossref at {self.base_url} (timed out)") from exc
        except requests.exceptions.ReadTimeout as exc:
            raise FetchFailed(f"no reply within {self.timeout[1]:g} s") from exc
        except requests.exceptions.ConnectionError as exc:
            # requests reports read timeouts that used up their retries as ConnectionError
            if _caused_by_read_timeout(exc):
                raise FetchFailed(f"no reply within {self.timeout[1]:g} s") from exc
            raise NetworkError(
                f"cannot reach Crossref at {self.base_url} ({_short_reason(exc)})"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise FetchFailed(_short_reason(exc)) from exc

    def _same_origin(self, url: str) -> bool:
        here, there = urlsplit(self.base_url), urlsplit(url)
        return (here.scheme, here.hostname, here.port) == (there.scheme, there.hostname, there.port)

    def _read_body(self, response: requests.Response, deadline: float) -> str:
        """The body, read as it arrives: more than max_reply_bytes, past the deadline or after a
        stop is FetchFailed (and nothing of it is kept)."""
        limit = self.max_reply_bytes
        too_big = FetchFailed(f"reply larger than the {limit / 2**20:g} MB reflink reads")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        while True:
            if self.pacer.stopping():
                raise FetchFailed("stopped")
            if time.monotonic() > deadline:
                raise FetchFailed(f"no complete reply within {self.deadline:g} s")
            try:
                # read1: whatever has arrived (at least a byte), so the checks above run between
                # the bytes of a server that sends one a second
                chunk = response.raw.read1(64 * 1024, decode_content=True)
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise FetchFailed(f"reply cut off ({_short_reason(exc)})") from exc
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks).decode(response.encoding or "utf-8", errors="replace")

    def fetch_many(
        self,
        requests_: Iterable[Request],
        cache: ReplyCache | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> Iterator[tuple[Request, Reply | FetchFailed]]:
        """Answer each request from the cache or the API, yielding as answers arrive.

        The cache is only touched from the calling thread (SQLite connections stay in theirs);
        at most a few requests are queued ahead, so an interrupted run wastes little.
        """
        pending = iter(requests_)
        consecutive_failures = 0
        # threads wait in Pacer.slot(): at most `pacer.concurrency` of them talk to the server
        pool = ThreadPoolExecutor(HARD_MAX_CONCURRENCY, thread_name_prefix="crossref")
        in_flight: dict[Future[Reply], Request] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < 2 * self.pacer.concurrency:
                    request = next(pending, None)
                    if request is None:
                        exhausted = True
                        break
                    cached = cache.get(request.key) if cache else None
                    if cached is not None:
                        try:
                            reply = parse_reply(request.key, *cached, from_cache=True)
                        except FetchFailed:
                            pass  # a cache row spoilt by hand: ask again
                        else:
                            yield request, reply
                            continue
                    in_flight[pool.submit(self.fetch, request)] = request
                if not in_flight:
                    return
                if on_wait is not None and not any(f.done() for f in in_flight):
                    on_wait()  # about to wait for the network: a good moment to commit
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    request = in_flight.pop(future)
                    try:
                        reply = future.result()
                    except FetchFailed as failure:
                        consecutive_failures += 1
                        if consecutive_failures >= MAX_CONSECUTIVE_FAILURES:
                            raise NetworkError(
                                f"Crossref at {self.base_url} keeps failing ({failure}); "
                                "finished work is saved, run again later"
                            ) from failure
                        yield request, failure
                        continue
                    consecutive_failures = 0
                    if cache is not None:
                        cache.put(reply.key, reply.status, reply.body)
                    yield request, reply
        except BaseException:
            # Ctrl-C, an error, or the caller stopped reading: threads waiting for their turn or
            # a reply give up within STOP_POLL_S instead of being waited for
            self.pacer.stop()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _caused_by_read_timeout(exc: BaseException) -> bool:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, ReadTimeoutError)


def _short_reason(exc: BaseException) -> str:
    """The innermost cause of a requests error, in a few words ("Connection refused")."""
    text = str(exc)
    for pattern in (r"\[Errno -?\d+\] ([^'\")]+)", r"NameResolutionError[^:]*: ([^'\")]+)"):
        match = re.search(pattern, text)
        if match:
            return match.group(1).strip().rstrip(".")
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    return text.splitlines()[0][:120] if text else exc.__class__.__name__
