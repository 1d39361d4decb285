"""The commands of ``kroniek``; each parses its options and calls the library."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from kroniek.cli import (
    AnalyzeFormat,
    DbOption,
    Format,
    app,
    console,
    err_console,
    fail,
    guarded,
    open_store,
    render,
    write_jsonl,
)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders, archives, or - for stdin.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields", help="Field mapping for JSONL/CSV rows, e.g. body=text,headline=title."
    ),
]
InputFormatOption = Annotated[
    str | None,
    typer.Option("--input-format", help="Force a reader: crawl, jsonl, csv, html, feed, warc."),
]
MaxBytesOption = Annotated[
    int | None, typer.Option("--max-bytes", help="Largest single article accepted, in bytes.")
]


def _read_options(fields: str | None, input_format: str | None, max_bytes: int | None) -> Any:
    from kroniek.ingest.options import ReadOptions, parse_field_map

    options = ReadOptions(field_map=parse_field_map(fields), format=input_format)
    if max_bytes is not None:
        from dataclasses import replace

        options = replace(options, max_article_bytes=max_bytes)
    return options


@app.command()
@guarded
def ingest(
    paths: PathsArg,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for analysis.")] = 1,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Dask scheduler address (tcp://host:8786).")
    ] = None,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Store articles only; analyse later (reanalyze).")
    ] = False,
    fields: FieldsOption = None,
    input_format: InputFormatOption = None,
    max_bytes: MaxBytesOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 200,
) -> None:
    """Read, deduplicate, analyse and store news articles (resumable, idempotent)."""
    from kroniek.parallel import analyzer_for
    from kroniek.runner import ingest_paths

    if cluster is not None and workers > 1:
        raise fail("--cluster and --workers exclude each other: the cluster's workers analyse")
    options = _read_options(fields, input_format, max_bytes)
    with (
        open_store(db) as store,
        analyzer_for(workers, None if no_analysis else cluster) as analyzer,
        render.ingest_progress(err_console) as progress,
    ):
        summary = ingest_paths(
            paths, store, options, analyze=not no_analysis, batch_size=batch_size,
            progress=progress, analyzer=analyzer,
        )  # fmt: skip
    render.ingest_summary(console, err_console, summary)
    if summary.read == 0 and summary.errors:
        raise typer.Exit(1)


@app.command()
@guarded
def analyze(
    paths: PathsArg,
    format: Annotated[
        AnalyzeFormat, typer.Option("--format", help="Output format.")
    ] = AnalyzeFormat.jsonl,
    fields: FieldsOption = None,
    input_format: InputFormatOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Analyse articles without a database: one SCHEMA.md record per article on stdout, with
    the story clusters found among the articles read (written once all are analysed)."""
    import json
    import tempfile

    from kroniek.ingest import iter_articles
    from kroniek.models import IngestError
    from kroniek.pipeline import analyze_article
    from kroniek.record import to_record
    from kroniek.stories import LEAD_CHARS, Unstored, stories_of

    options = _read_options(fields, input_format, max_bytes)
    counts = {"articles": 0, "errors": 0}
    compared: list[Unstored] = []
    # records wait on disk, not in memory, until the stories are known
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for item in iter_articles(paths, options):
            if isinstance(item, IngestError):
                counts["errors"] += 1
                err_console.print(f"[yellow]skipped[/] {item}", highlight=False, soft_wrap=True)
                continue
            counts["articles"] += 1
            spool.write(json.dumps(to_record(analyze_article(item)), ensure_ascii=False,
                                   default=str) + "\n")  # fmt: skip
            compared.append(Unstored(item.id, item.published, item.title,
                                     item.text[:LEAD_CHARS], item.language))  # fmt: skip
        story_of = stories_of(compared)
        spool.seek(0)
        write_jsonl({**record, "story": story_of.get(record["id"])}
                    for record in map(json.loads, spool))  # fmt: skip
    if counts["articles"] == 0 and counts["errors"]:
        raise typer.Exit(1)


@app.command()
@guarded
def reanalyze(db: DbOption = None) -> None:
    """Analyse the articles stored without analysis (after ingest --no-analysis)."""
    from kroniek.runner import analyze_pending

    with open_store(db) as store, render.ingest_progress(err_console) as progress:
        done = analyze_pending(store, progress=progress)
    console.print(f"analysed {done} article(s)")


@app.command()
@guarded
def ner(
    conll: Annotated[str, typer.Option("--conll", help="Pre-tokenised CoNLL file (token first).")],
) -> None:
    """Tag pre-tokenised CoNLL input: `token tag` per line, blank line between sentences."""
    import sys
    from pathlib import Path

    from kroniek.nlp import ner as ner_model

    path = Path(conll)
    if not path.is_file():
        raise fail(f"{conll}: no such file")
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in ner_model.tag_conll(lines):
            sys.stdout.write(line + "\n")


@app.command()
@guarded
def errors(
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
) -> None:
    """Inputs that could not be ingested, with file, line and reason."""
    with open_store(db) as store:
        rows = store.errors(limit)
    if format is Format.jsonl:
        write_jsonl(rows)
    else:
        render.errors_table(console, rows)


@app.command()
@guarded
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List stored articles, newest first."""
    with open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset)
    if format is Format.jsonl:
        write_jsonl(rows)
    else:
        render.articles_table(console, rows)


@app.command()
@guarded
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Show one stored article with its sources, duplicates and analysis."""
    with open_store(db) as store:
        found = store.article(article_id)
    if found is None:
        raise fail(f"no article with id {article_id!r} (or the prefix is not unique)")
    if format is Format.jsonl:
        write_jsonl([found["analysis"] or found])
    else:
        render.article_detail(console, found)


@app.command()
@guarded
def stats(
    db: DbOption = None, format: Annotated[Format, typer.Option("--format")] = Format.table
) -> None:
    """Counts of articles, sources, duplicates, errors and analysis items."""
    with open_store(db) as store:
        numbers = store.stats()
    if format is Format.jsonl:
        write_jsonl([numbers])
    else:
        render.stats_table(console, numbers)


@app.command()
@guarded
def demo(db: DbOption = None) -> None:
    """Ingest the bundled sample corpus into the default database and show what was found."""
    from kroniek.resources import data_path
    from kroniek.runner import ingest_paths

    corpus = data_path("corpus")
    if not corpus.is_dir():
        raise fail(f"the bundled corpus is missing at {corpus}: reinstall kroniek")
    with open_store(db) as store:
        console.print(f"[bold]kroniek demo[/]: ingesting the bundled corpus {corpus}")
        console.print(f"database: {store.engine.url.render_as_string(hide_password=True)}")
        with render.ingest_progress(err_console) as progress:
            summary = ingest_paths([str(corpus)], store, progress=progress)
        render.ingest_summary(console, err_console, summary)
        render.demo_report(console, store)


@app.command(name="eval")
@guarded
def eval_command(
    gold: Annotated[str, typer.Argument(help="Gold annotations (JSONL, ANNOTATION.md format).")],
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    records_out: Annotated[
        str | None, typer.Option("--records", help="Also write the analysis records here.")
    ] = None,
    fields: FieldsOption = None,
) -> None:
    """Analyse PATH... and score the records against GOLD (the measures of score.py)."""
    import json
    from pathlib import Path

    from kroniek.evaluate import evaluate, format_table
    from kroniek.ingest import iter_articles
    from kroniek.models import IngestError
    from kroniek.pipeline import analyze_article
    from kroniek.record import to_record

    gold_path = Path(gold)
    if not gold_path.is_file():
        raise fail(f"{gold}: no such gold file")
    gold_records = []
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                gold_records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise fail(f"{gold}:{number}: not JSON: {error.msg}") from None
    records = [
        to_record(analyze_article(item))
        for item in iter_articles(paths, _read_options(fields, None, None))
        if not isinstance(item, IngestError)
    ]
    if records_out:
        with open(records_out, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = evaluate(gold_records, records)
    if as_json:
        write_jsonl(
            [{"articles": result.articles, "missing": result.missing, "scores": result.scores}]
        )
    else:
        console.print(format_table(result), highlight=False)


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def _emit(
    rows: list[dict[str, Any]], format: TableFormat | Format, columns: list[str], title: str
) -> None:
    if format == "jsonl":
        write_jsonl(rows)
    elif format == "csv":
        render.csv_rows(rows, columns)
    else:
        render.rows_table(console, rows, columns, title)


@app.command()
@guarded
def events(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor code (prefix) or entity id.")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this ISO date.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 1000,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Coded events: source, target, type, cameo, goldstein, quad_class, date, article, sentence."""
    from kroniek.store import queries

    with open_store(db) as store:
        rows = queries.events(
            store, actor=actor, plover=type, since=since, until=until, limit=limit
        )
    columns = ["source", "target", "type", "cameo", "goldstein", "quad_class", "date",
               "article_id", "sentence", "trigger"]  # fmt: skip
    _emit(rows, format, columns, f"{len(rows)} event(s)")


@app.command()
@guarded
def quotes(
    db: DbOption = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Speaker name, id or code.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 1000,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Quotes with their speakers."""
    from kroniek.store import queries

    with open_store(db) as store:
        rows = queries.quotes(store, speaker=speaker, limit=limit)
    columns = ["speaker", "speaker_code", "kind", "text", "published", "outlet"]
    _emit(rows, format, columns, f"{len(rows)} quote(s)")


@app.command()
@guarded
def actors(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 1000,
    groups: Annotated[
        bool, typer.Option("--groups", help="Include generic groups (RUSMIL, ---CVL, ...).")
    ] = False,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Canonical actors with counts of articles and mentions."""
    from kroniek.store import queries

    with open_store(db) as store:
        rows = queries.actors(store, limit=limit, groups=groups)
    _emit(
        rows,
        format,
        ["id", "name", "type", "code", "articles", "mentions"],
        f"{len(rows)} actor(s)",
    )


@app.command()
@guarded
def search(
    query: Annotated[str, typer.Argument(help='Query, e.g. \'aanval* outlet:nos.nl date:2022\'.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Full-text and field search, best matches first (query language in the README)."""
    from kroniek.search import search as run_search

    with open_store(db) as store:
        result = run_search(store, query, limit=limit, offset=offset)
    rows = [hit.as_dict() for hit in result.hits]
    columns = ["score", "published", "outlet", "title", "id"]
    total = f"{result.total}{'' if result.total_exact else '+'}"
    _emit(rows, format, columns, f"{len(rows)} of {total} article(s)")


# --- stories, exports, timelines and networks ---------------------------------------------------


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


class TimelineGrouping(StrEnum):
    plover = "plover"
    quad_class = "quad_class"
    cameo_root = "cameo_root"
    none = "none"


class PeriodOption(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class ActorLevelOption(StrEnum):
    code = "code"
    entity = "entity"


QueryOption = Annotated[
    str | None, typer.Option("--query", "-q", help="Count only articles matching this search.")
]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this ISO date.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this ISO date.")]


def _scope(store: Any, query: str | None, since: str | None, until: str | None) -> Any:
    from kroniek.analytics import Scope

    where = None
    if query:
        from kroniek.search import article_filter

        where = article_filter(store, query)
    return Scope(where=where, since=since, until=until)


@app.command(name="stories")
@guarded
def stories_command(
    db: DbOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every story cluster first.")
    ] = False,
    min_size: Annotated[int, typer.Option("--min-size", min=2)] = 2,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Cross-outlet story clusters: articles about the same happening, wire copies marked."""
    from kroniek.stories import assign_stories, story_clusters

    with open_store(db) as store:
        if rebuild:
            assign_stories(store)
        clusters = story_clusters(store, min_size=min_size, limit=limit)
    if format == "jsonl":
        write_jsonl(clusters)
        return
    rows = [
        {"story": cluster["id"] if n == 0 else "", "published": member["published"],
         "outlet": member["outlet"], "wire": member["agency"] or ("yes" if member["wire"] else ""),
         "title": member["title"], "id": member["id"]}
        for cluster in clusters for n, member in enumerate(cluster["articles"])
    ]  # fmt: skip
    columns = ["story", "published", "outlet", "wire", "title", "id"]
    render.rows_table(console, rows, columns, f"{len(clusters)} story cluster(s)")


@app.command(name="export")
@guarded
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    out: Annotated[str, typer.Option("--out", help="Folder to write the files to.")],
    db: DbOption = None,
) -> None:
    """Export articles, entities, mentions, events, quotes, places (or GDELT-style events)."""
    from kroniek.export import export

    with open_store(db) as store:
        summary = export(store, format.value, out)
    for name, count in summary.files.items():
        console.print(f"{out.rstrip('/')}/{name}: {count} row(s)", highlight=False, soft_wrap=True)


@app.command(name="timeline")
@guarded
def timeline_command(
    db: DbOption = None,
    period: Annotated[PeriodOption, typer.Option("--period")] = PeriodOption.month,
    by: Annotated[TimelineGrouping, typer.Option("--by")] = TimelineGrouping.plover,
    query: QueryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Events per day/week/month/year, by PLOVER type, QuadClass or CAMEO root, with Goldstein."""
    from kroniek.analytics import event_timeline

    grouping = None if by == TimelineGrouping.none else by.value
    with open_store(db) as store:
        scope = _scope(store, query, since, until)
        frame = event_timeline(store, period.value, grouping, scope)  # type: ignore[arg-type]
    rows = frame.to_dict("records")
    skipped = frame.attrs.get("too_coarse", 0)
    title = f"{int(frame['events'].sum()) if len(frame) else 0} event(s) per {period.value}"
    if skipped:
        title += f" ({skipped} dated too coarsely for a {period.value} left out)"
    _emit(rows, format, list(frame.columns), title)


@app.command(name="network")
@guarded
def network_command(
    db: DbOption = None,
    level: Annotated[ActorLevelOption, typer.Option("--level")] = ActorLevelOption.code,
    min_events: Annotated[int, typer.Option("--min-events", min=1)] = 1,
    nodes: Annotated[bool, typer.Option("--nodes", help="List the actors, not the dyads.")] = False,
    query: QueryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """The actor network: directed dyads with event counts and mean Goldstein (or the actors)."""
    from kroniek.analytics import actor_network

    with open_store(db) as store:
        scope = _scope(store, query, since, until)
        network = actor_network(store, scope, level.value, min_events)
    frame = network.nodes if nodes else network.edges
    title = f"{len(network.nodes)} actor(s), {len(network.edges)} dyad(s)"
    _emit(frame.to_dict("records"), format, list(frame.columns), title)


@app.command(name="watch")
@guarded
def watch_command(
    folders: Annotated[
        list[str] | None, typer.Argument(help="Folders to poll for new files and appended rows.")
    ] = None,
    feed: Annotated[
        str | None, typer.Option("--feed", help="File listing RSS/Atom feed URLs, one a line.")
    ] = None,
    interval: Annotated[
        float, typer.Option("--interval", min=0.0, help="Seconds between polls.")
    ] = 60.0,
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for analysis.")] = 1,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Dask scheduler address (tcp://host:8786).")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 200,
) -> None:
    """Keep ingesting: poll folders and feeds every --interval seconds (Ctrl-C stops)."""
    from datetime import datetime
    from pathlib import Path

    from kroniek.parallel import analyzer_for
    from kroniek.watch import PassReport, WatchSettings, watch

    if not folders and feed is None:
        raise fail("nothing to watch: give a folder, --feed URLS-FILE, or both")

    def report(done: PassReport) -> None:
        s = done.summary
        for problem in done.feed_errors:
            err_console.print(f"[yellow]feed error[/] {problem}", highlight=False, soft_wrap=True)
        if s.new or s.duplicates or s.errors:
            err_console.print(
                f"{datetime.now():%H:%M:%S} files {done.files}  feeds {done.feeds_fetched} "
                f"(unchanged {done.feeds_unchanged})  new {s.new}  duplicates {s.duplicates}  "
                f"errors {s.errors}", highlight=False,
            )  # fmt: skip

    settings = WatchSettings(interval=interval, once=once, batch_size=batch_size)
    with open_store(db) as store, analyzer_for(workers, cluster) as analyzer:
        summary = watch(store, [Path(f) for f in folders or []], Path(feed) if feed else None,
                        settings, analyzer=analyzer, on_pass=report)  # fmt: skip
    render.ingest_summary(console, err_console, summary)


@app.command(name="serve")
@guarded
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind; the default keeps it local.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8765,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Server processes (one per core).")
    ] = 1,
) -> None:
    """HTTP API (OpenAPI at /docs) and web UI. Writes need KRONIEK_TOKEN set (else disabled)."""
    import os

    import uvicorn

    from kroniek.api import create_app
    from kroniek.api.auth import ENV_TOKEN, configured_token
    from kroniek.api.serving import LOOP, NoDelayProtocol, preloaded, shared_directory
    from kroniek.api.shared_answers import ENV_SHARED, FILE_NAME
    from kroniek.store.database import ENV_DB, default_url

    app_instance = create_app(db)  # opens (and migrates) the database before any worker starts
    writes = "enabled (bearer token)" if configured_token() else f"disabled (set {ENV_TOKEN})"
    err_console.print(f"kroniek on http://{host}:{port}/  API docs /docs  writes {writes}",
                      highlight=False)  # fmt: skip
    if workers == 1:
        uvicorn.run(preloaded(app_instance), host=host, port=port, log_level="warning",
                    loop=LOOP, http=NoDelayProtocol)  # fmt: skip
        return
    app_instance.state.store.close()
    os.environ[ENV_DB] = db or default_url()  # each worker process builds its own app from it
    with shared_directory() as shared:  # answers and reads of all workers
        os.environ[ENV_SHARED] = str(shared / FILE_NAME)
        uvicorn.run("kroniek.api.serving:worker_app", factory=True, host=host, port=port,
                    log_level="warning", workers=workers, loop=LOOP,
                    http=NoDelayProtocol)  # fmt: skip
