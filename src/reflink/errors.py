"""Errors a user can cause. The message is the one line the user reads (`Error: <message>`)."""


class ReflinkError(Exception):
    """Base class: caught once, in the CLI group, and printed without a traceback."""


class InputError(ReflinkError):
    """The input file is missing, empty, binary, undecodable or has nothing to ingest."""


class DatabaseError(ReflinkError):
    """The database cannot be opened, or is not a reflink database."""


class NetworkError(ReflinkError):
    """A remote service (Crossref) cannot be reached or keeps failing."""


class ParseError(ReflinkError):
    """A stage failed on a text it should have handled (a bug to report, shown as one line)."""
