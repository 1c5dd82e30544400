"""The one root exception of dutygraph and a subclass per kind of failure.

Every error a user can cause (bad file, unreachable store, bad query) is one of these;
the CLI prints it as one line and exits non-zero, the API reports it unmasked.
"""


class DutygraphError(Exception):
    """Root of every error dutygraph raises on purpose."""


class InputError(DutygraphError):
    """A file cannot be read as a plan: missing, empty, binary, unsupported, truncated."""


class ParseError(DutygraphError):
    """A file was read but holds no plan dutygraph can use (e.g. no tasks)."""


class AliasFileError(DutygraphError):
    """A user alias file is malformed."""


class StoreError(DutygraphError):
    """The graph store failed: cannot start, unreachable, refused credentials, write failed."""


class StoreBusyError(StoreError):
    """Another process owns the embedded store's data directory in a way we cannot share."""


class NotFoundError(DutygraphError):
    """A document, unit or other node asked for by name or uid does not exist."""


class LimitError(DutygraphError):
    """A request asks for more than the API allows: too deep, too many aliases, too big."""


class ArgumentError(DutygraphError):
    """A request's arguments make no sense: a foreign cursor, a search text too short."""


class AccessError(DutygraphError):
    """A request may not do what it asks: not logged in, or its account's role forbids it."""
