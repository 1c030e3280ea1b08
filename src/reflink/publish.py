"""A new database is built under a temporary name beside its target and published whole.

`ingest` and `merge` create databases this way: the temporary file is published with a hard
link, which refuses to overwrite, so a failed command leaves nothing behind (no file, no
directory it made) and a reader never sees a half-built database.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import DatabaseError


class TargetAppeared(Exception):
    """Another process created the target while this one built it: write into theirs."""


@contextlib.contextmanager
def new_database(target: Path) -> Iterator[Path | None]:
    """Yield a temporary path to build `target` in, published when the block succeeds; yield
    None when `target` exists (the caller writes into it, in a transaction of its own).

    Raises TargetAppeared when another process published `target` first."""
    if target.exists():
        yield None
        return
    created_dirs = missing_parents(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create {target}: {exc.strerror} ({exc.filename})") from exc
    remove_abandoned_builds(target)
    building = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.building")
    try:
        yield building
        try:
            os.link(building, target)
        except FileExistsError:
            raise TargetAppeared(str(target)) from None
    except BaseException as exc:
        remove_database_files(building)
        if not isinstance(exc, TargetAppeared):
            for directory in created_dirs:
                with contextlib.suppress(OSError):
                    directory.rmdir()
        raise
    finally:
        remove_database_files(building)


def remove_abandoned_builds(target: Path) -> None:
    """Remove new databases left half-built by a command that was killed (`kill -9`, power
    loss). Their names carry the builder's process id; one whose process is gone will never be
    published."""
    for leftover in target.parent.glob(f".{target.name}.*.building"):
        pid = leftover.name[len(target.name) + 2 :].split(".")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            remove_database_files(leftover)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def remove_database_files(path: Path) -> None:
    """A database file and its rollback journal, if present."""
    for leftover in (path, path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)


def missing_parents(path: Path) -> list[Path]:
    """The parent directories of `path` that do not exist yet, deepest first."""
    return [parent for parent in path.parents if not parent.exists()]
