"""The ``kroniek`` command line (contract: CLI.md). Thin: parse options, call the library, print.

Exit codes: 0 success, 1 bad input or a failed run (one line on stderr; traceback only with
``--debug``), 2 usage errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from kroniek.errors import KroniekError

app = typer.Typer(
    name="kroniek",
    help="Dutch-language news to an event chronicle: actors, events, quotes, places, times.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
_state = {"debug": False}

T = TypeVar("T")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="sqlite:///path.db or postgresql://user@host/db "
        "(default: $KRONIEK_DB or a SQLite file in the user's data directory)",
    ),
]  # fmt: skip


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


class AnalyzeFormat(StrEnum):
    jsonl = "jsonl"


def fail(message: str) -> typer.Exit:
    """Print one clear line on stderr and return the exit to raise (code 1)."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def guarded(function: Callable[..., T]) -> Callable[..., T]:
    """Turn kroniek's errors into one line on stderr with exit code 1 (traceback with --debug)."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return function(*args, **kwargs)
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except KroniekError as error:
            if _state["debug"]:
                raise
            raise fail(str(error)) from None
        except Exception as error:
            if _state["debug"]:
                raise
            raise fail(f"{type(error).__name__}: {error} (run with --debug for details)") from None

    return wrapper


def write_jsonl(rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str))
        out.write("\n")
    out.flush()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug


def open_store(db: str | None) -> Any:
    from kroniek.store import Store

    return Store.open(db)


def main() -> None:
    """Console entry point."""
    from kroniek.cli import commands  # noqa: F401 - registers the commands on ``app``

    try:
        app()
    except BrokenPipeError:  # `kroniek ... | head` closed the pipe: not an error
        sys.stderr.close()
        sys.exit(0)


def _exists(path: str) -> bool:
    return path == "-" or Path(path).exists()
