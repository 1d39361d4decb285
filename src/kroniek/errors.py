"""kroniek's error types. Each carries a message fit to show a user on one line."""

from __future__ import annotations


class KroniekError(Exception):
    """Base class: a problem the user can act on (bad input, bad option, unreachable store)."""


class InputError(KroniekError):
    """An input (file, record, line) that cannot be read as a news article."""


class StoreError(KroniekError):
    """The database cannot be opened, migrated or written."""


class QueryError(KroniekError):
    """A search query that does not parse; the message names the position and what was expected."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message if position is None else f"{message} (at position {position})")
        self.position = position
