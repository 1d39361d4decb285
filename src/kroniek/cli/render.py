"""How the CLI shows things in a terminal (rich tables and progress)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

TITLE_WIDTH = 60


@contextmanager
def ingest_progress(console: Console) -> Iterator[Callable[[Any], None]]:
    """A live progress line on stderr (only on a terminal); yields the callback to update it."""
    if not console.is_terminal:
        yield lambda _summary: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("reading", total=None)

        def update(summary: Any) -> None:
            progress.update(
                task,
                description=(
                    f"read {summary.read}  new {summary.new}  "
                    f"duplicates {summary.duplicates}  errors {summary.errors}"
                ),
            )

        yield update


def ingest_summary(console: Console, err_console: Console, summary: Any) -> None:
    numbers = summary.as_dict()
    console.print("  ".join(f"{key.replace('_', ' ')}: {value}" for key, value in numbers.items()))
    for sample in summary.error_samples:
        err_console.print(f"[yellow]error[/] {escape(sample)}", highlight=False, soft_wrap=True)
    if summary.errors > len(summary.error_samples):
        err_console.print(
            f"... and {summary.errors - len(summary.error_samples)} more: kroniek errors"
        )


def _short(text: str | None, width: int = TITLE_WIDTH) -> str:
    text = (text or "").replace("\n", " ")
    return escape(text if len(text) <= width else text[: width - 1] + "…")


def errors_table(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("file", "line", "reason", title=f"{len(rows)} ingest error(s)")
    for row in rows:
        table.add_row(escape(row["source_file"]), str(row["line"] or ""), escape(row["reason"]))
    console.print(table)


def articles_table(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("id", "published", "outlet", "title / source", "lang", "status")
    for row in rows:
        label = row["title"] or row["url"] or row["source_file"]
        table.add_row(
            row["id"][:12],
            row["published"] or "",
            row["outlet"] or "",
            _short(label),
            row["language"] or "",
            row["status"],
        )
    console.print(table)


def article_detail(console: Console, row: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(row['title'] or '(no title)')}[/]")
    for key in ("id", "outlet", "url", "published", "time_of_day", "byline", "language", "status"):
        console.print(f"  {key}: {escape(str(row.get(key) or ''))}")
    console.print(f"  agencies: {', '.join(row['agencies']) or '-'}")
    credits = ", ".join(f"{name} ({count})" for name, count in row["photo_credits"])
    console.print(f"  photo credits: {credits or '-'}")
    for source in row["sources"]:
        console.print(
            f"  source: {escape(source['source_file'])}"
            + (f":{source['line']}" if source["line"] else "")
        )
    for near in row["near_duplicates"]:
        console.print(
            f"  near-duplicate: {near['id'][:12]} "
            f"({near['similarity']:.2f}, {near['agency'] or '-'})"
        )
    console.print()
    console.print(escape(row["text"]), highlight=False)


def stats_table(console: Console, numbers: dict[str, Any]) -> None:
    table = Table("measure", "count", title="kroniek database")
    for key, value in numbers.items():
        if isinstance(value, int):
            table.add_row(key.replace("_", " "), str(value))
    for status, count in numbers["by_status"].items():
        table.add_row(f"  status {status}", str(count))
    for language, count in numbers["by_language"].items():
        table.add_row(f"  language {language}", str(count))
    console.print(table)


DEMO_ROWS = 12


def demo_report(console: Console, store: Any) -> None:
    """What the demo found: the database in numbers, articles, actors, events and quotes."""
    from kroniek.store import queries

    stats_table(console, store.stats())
    articles_table(console, store.articles(limit=DEMO_ROWS))
    rows_table(
        console,
        queries.actors(store, limit=DEMO_ROWS),
        ["name", "type", "code", "articles", "mentions"],
        "most mentioned actors",
    )
    rows_table(
        console,
        queries.events(store, limit=DEMO_ROWS),
        ["date", "source", "type", "target", "goldstein", "trigger"],
        "latest events",
    )
    rows_table(
        console,
        queries.quotes(store, limit=DEMO_ROWS),
        ["speaker", "speaker_code", "kind", "text"],
        "latest quotes",
    )
    console.print("More: kroniek events | quotes | actors | articles | show ID | errors  (--help)")


def rows_table(
    console: Console, rows: list[dict[str, Any]], columns: list[str], title: str
) -> None:
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*(_short(str(row.get(c)) if row.get(c) is not None else "") for c in columns))
    console.print(table)


def csv_rows(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """CSV on stdout: the named columns first, then any others the rows carry."""
    import csv
    import sys

    extra = [key for key in (rows[0] if rows else {}) if key not in columns]
    writer = csv.DictWriter(sys.stdout, fieldnames=[*columns, *extra], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
