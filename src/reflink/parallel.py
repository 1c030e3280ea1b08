"""Run a pure function over documents in worker processes, handing results back in order.

`reflink ingest --jobs N` parses in N workers while one process writes, in one transaction,
in the order the files were given: parsing is pure and CPU-bound, writing is neither, so only
parsing moves. At most `ahead` documents are submitted beyond the one being written, so memory
stays flat however many files a command names, and a failure stops the work within a few
documents. A worker's exception is raised here when its document's turn comes, so the first
failing file in the given order is the one reported, as with one process.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """The number of cores this process may run on (its CPU affinity where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def map_in_order(
    func: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    *,
    ahead: int | None = None,
) -> Iterator[Result]:
    """`func(item)` for each item, in order, computed by `jobs` processes (in this one if 1).

    `func` must be a module-level function (or a functools.partial of one): it is sent to
    the workers by name. `ahead` (default 2 × jobs) bounds the items in flight.
    """
    if jobs <= 1:
        for item in items:
            yield func(item)
        return
    # imported here: one document (the seed, `ingest_file`) never pays for multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ahead = ahead or 2 * jobs
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context())
    pending: deque[Future[Result]] = deque()
    remaining = iter(items)

    def submit(count: int) -> None:
        for item in islice(remaining, count):
            pending.append(pool.submit(func, item))

    try:
        submit(ahead)
        while pending:
            result = pending.popleft().result()
            submit(1)
            yield result
    finally:
        # after a failure (or an interrupted consumer) nothing queued is started; the documents
        # being parsed finish, which bounds the wait by one document per worker
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux: workers start in milliseconds with the parser already imported (they
    touch no database handle). Elsewhere the platform's default (spawn on macOS and Windows)."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
