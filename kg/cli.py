"""The ``kg`` command line: a thin layer over the library.

Settings are built here, once, and passed down; every command has help with an example.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import KGError
from kg.settings import Settings

app = typer.Typer(help="Event knowledge graph: ingest live blogs, export and query the graph.\n\n"
                       "Example: kg ingest examples && kg serve",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()

StoreOpt = Annotated[Optional[str], typer.Option(
    "--store", "-s", help="Embedded store directory, or a bolt:// / neo4j:// URI "
                          "(default: KG_STORE or ./data/kg).")]


def _settings(store: str | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"store": store}) if store else settings


def _open(settings: Settings):
    from kg.stores import open_store

    store = open_store(settings)
    store.setup()
    return store


def _fail(exc: KGError) -> None:
    err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
    raise typer.Exit(code=2)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False
          ) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
           store: StoreOpt = None,
           workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
           fmt: Annotated[Optional[str], typer.Option(
               "--format", "-f", help="Loader for every file (liveblog, article, html, feed, acled, "
                                      "gdelt, csv, jsonl); default: chosen per file.")] = None,
           extractor: Annotated[str, typer.Option(help="Registered extractor name.")] = "rules") -> None:
    """Ingest live blogs, articles, saved pages, feeds and tables.

    Formats: .txt live blogs and articles, .html pages, .xml/.rss/.atom feeds,
    .csv/.jsonl article tables, ACLED and GDELT event exports (.csv).

    Unchanged documents are skipped; edited ones replace their own facts. A file
    that cannot be read is reported on one line and the others are ingested.

    Example: kg ingest examples/ --store data/kg
    """
    from kg.ingest import ingest as run_ingest

    settings = _settings(store)
    try:
        st = _open(settings)
        try:
            report = _run_with_progress(run_ingest, paths, st, extractor, workers, fmt)
        finally:
            st.close()
    except KGError as exc:
        _fail(exc)
    for path, problem in report.failures:
        # escape: names and problems quote user input ("[/b].txt"), not rich markup;
        # soft_wrap: one line per failure, whatever the terminal width.
        err.print(f"[red]error:[/red] {escape(_one_line(f'{path}: {problem}'))}", highlight=False,
                  soft_wrap=True)
    _print_summary(report.summary(), settings.store)
    if report.failures:
        raise typer.Exit(code=1)


def _one_line(text: str) -> str:
    """Line breaks and other control characters (a file name may hold them) as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _run_with_progress(run_ingest, paths, st, extractor, workers, fmt):
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.completed} docs"), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingesting", total=None, rate="")

        def on_item(source: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, description=escape(source[-40:]),
                            rate=f"{progress.tasks[0].completed / elapsed:.1f} docs/s")

        return run_ingest(paths, st, extractor=extractor, workers=workers, fmt=fmt, on_item=on_item)


def _print_summary(summary: dict[str, int], store: str) -> None:
    table = Table(title=f"ingested into {escape(store)}")
    for key in summary:
        table.add_column(key, justify="right")
    table.add_row(*(str(v) for v in summary.values()))
    err.print(table)


@app.command()
def export(store: StoreOpt = None,
           fmt: Annotated[str, typer.Option("--format", "-f",
                                            help="json | turtle | jsonld | graphml")] = "json",
           out_file: Annotated[Optional[Path], typer.Option("--out", "-o",
                                                            help="Output file (default: stdout).")] = None
           ) -> None:
    """Export the whole graph.

    json follows shared/contracts/export.schema.json; turtle/jsonld use the
    ontology in ontology/kg.ttl; graphml opens in Gephi.

    Example: kg export --format json --out export.json
    """
    from kg.export import export_json

    if fmt not in {"json", "turtle", "jsonld", "graphml"}:
        err.print(f"[red]error:[/red] unknown format {fmt!r}: use json, turtle, jsonld or graphml")
        raise typer.Exit(code=2)
    try:
        st = _open(_settings(store))
        try:
            snapshot = st.snapshot()
        finally:
            st.close()
    except KGError as exc:
        _fail(exc)
    text = _render(snapshot, fmt, export_json)
    if out_file:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_file} ({len(text):,} characters)")
    else:
        sys.stdout.write(text)


def _render(snapshot, fmt: str, export_json) -> str:
    if fmt == "json":
        return json.dumps(export_json(snapshot), ensure_ascii=False, indent=2) + "\n"
    if fmt == "graphml":
        from kg.analytics import graphml

        return graphml(snapshot)
    from ontology.rdf import snapshot_to_rdf

    return snapshot_to_rdf(snapshot).serialize(format="json-ld" if fmt == "jsonld" else "turtle")


@app.command()
def serve(store: StoreOpt = None,
          host: Annotated[Optional[str], typer.Option(help="Interface (default 127.0.0.1).")] = None,
          port: Annotated[Optional[int], typer.Option(help="Port (default 8000).")] = None) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs).

    Example: kg serve --port 8000
    """
    import uvicorn

    from api.app import create_app

    settings = _settings(store)
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    err.print(f"serving {settings.store} on http://{settings.host}:{settings.port} (docs at /docs)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


@app.command()
def stats(store: StoreOpt = None) -> None:
    """Counts by label and relationship type, top actors and top speakers.

    Example: kg stats --store data/kg
    """
    from kg.stats import top_actors, top_speakers

    try:
        st = _open(_settings(store))
        try:
            counts, snapshot = st.counts(), st.snapshot()
        finally:
            st.close()
    except KGError as exc:
        _fail(exc)
    _print_pairs("counts", counts.items())
    _print_pairs("top actors (events + statements)", top_actors(snapshot, 10))
    _print_pairs("top speakers", top_speakers(snapshot, 10))


def _print_pairs(title: str, pairs) -> None:
    table = Table(title=title)
    table.add_column("name")
    table.add_column("count", justify="right")
    for name, count in pairs:
        table.add_row(str(name), str(count))
    out.print(table)


@app.command()
def delete(document_id: Annotated[str, typer.Argument(help="Document id (see kg export).")],
           store: StoreOpt = None) -> None:
    """Delete a document and every fact only it supports.

    Example: kg delete doc_0123abcd
    """
    try:
        st = _open(_settings(store))
        try:
            found = st.delete_document(document_id)
        finally:
            st.close()
    except KGError as exc:
        _fail(exc)
    if not found:
        err.print(f"[red]error:[/red] no document {document_id}")
        raise typer.Exit(code=1)
    err.print(f"deleted {document_id}")


@app.command()
def ontology() -> None:
    """Show the event ontology's class tree with its alignments.

    Example: kg ontology
    """
    from ontology.tree import class_tree

    out.print(class_tree(), highlight=False)


@app.command("eval")
def evaluate(as_json: Annotated[bool, typer.Option("--json", help="Full scorer output.")] = False
             ) -> None:
    """Score the extractor on the development gold with ../shared/eval/score.py.

    Example: kg eval
    """
    from loaders.extraction.evaluate import main as eval_main

    raise typer.Exit(code=eval_main(["--json"] if as_json else []))


if __name__ == "__main__":  # `python3 -m kg.cli ...`, as well as the `kg` script
    app()
