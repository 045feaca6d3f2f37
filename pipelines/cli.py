"""The `newsbeam` command line: argument parsing and output; runs go through pipelines.runner."""
from __future__ import annotations

import argparse
import logging
import sys

from pipelines.runner import new_run_id, parse_options, run_batch

RUN_EPILOG = """\
Any Apache Beam pipeline option passes through, for example:
  --runner DirectRunner (default) | DataflowRunner
  --direct_num_workers 2 --direct_running_mode multi_processing
  --project P --region R --temp_location gs://B/tmp   (Dataflow; needs the gcp extra)

Outputs below --output:
  articles/date=YYYY-MM-DD/category=SLUG/part-*.parquet   clean articles (undated: date=__HIVE_DEFAULT_PARTITION__)
  duplicates/shard=N/part-*.parquet                        dropped duplicates, with the id each duplicates
  rejects/shard=N/part-*.parquet                           rejected inputs: source, stage, reason, excerpt
  _runs/RUN_ID.json                                        the run summary
  _dedupe_index/                                           signatures for dedupe across runs

Exit code: 0 when the run completed (rejects are normal data), 1 when the pipeline failed, 2 on bad options.
"""


def _run_parser(sub) -> argparse.ArgumentParser:
    from pipelines.options import NewsbeamOptions

    p = sub.add_parser("run", help="run the batch pipeline over input files",
                       description="Ingest raw news files into Hive-partitioned Parquet.",
                       epilog=RUN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    NewsbeamOptions._add_argparse_args(p)
    return p


def _sql_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("sql", help="run a DuckDB SQL query over an output folder",
                       description="Query an output folder with DuckDB. Views: articles, duplicates, rejects, relations.")
    p.add_argument("--output", required=True, metavar="DIR")
    p.add_argument("query", nargs="?", default=None, help="SQL; default: articles per date and category")
    return p


def _compact_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("compact", help="merge a partition's many small Parquet files into few large ones",
                       description="Rewrite each partition's part files into few large ones, atomically and "
                                   "re-runnable after a crash (see transforms/write/compact.py).")
    p.add_argument("--output", required=True, metavar="DIR", help="output folder of `newsbeam run`/`stream` (local or gs://)")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="only this date's article partitions (default: every partition of articles, duplicates, rejects, relations)")
    return p


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbeam", description=(
        "newsbeam: an Apache Beam pipeline that turns raw Chinese finance and health news (markdown, text, HTML, "
        "JSON lines, RSS/Atom, SogouCS, gzip) into clean, deduplicated, segmented, entity-tagged, "
        "Hive-partitioned Parquet."))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _run_parser(sub)
    _sql_parser(sub)
    _compact_parser(sub)
    from pipelines.watch import add_watch_parser
    add_watch_parser(sub)
    sub.add_parser("stream", help="run the streaming pipeline (Pub/Sub -> windowed Parquet)",
                   description="Streaming ingestion from Pub/Sub; see docs/streaming.md and `newsbeam run --help` "
                               "for the options (--input_subscription/--input_topic, --window_minutes, ...).")
    return parser


def run(argv: list[str]) -> int:
    return run_batch(argv)[0]


def stream(argv: list[str]) -> int:
    """The streaming pipeline; runs until the job is cancelled (Dataflow) or the source ends."""
    import apache_beam as beam

    from pipelines.streaming import build_streaming

    parsed = parse_options(argv, "stream", streaming=True)
    if parsed is None:
        return 2
    options, nb = parsed
    try:
        p = beam.Pipeline(options=options)
        build_streaming(p, nb, run_id=nb.run_id or new_run_id())
        p.run().wait_until_finish()
        return 0
    except Exception:  # noqa: BLE001
        logging.exception("newsbeam stream failed")
        return 1


def sql(args) -> int:
    from pipelines.query import connect, DEFAULT_QUERY

    con = connect(args.output)
    print(con.sql(args.query or DEFAULT_QUERY))
    return 0


def compact(args) -> int:
    from transforms.write.compact import compact as compact_output

    try:
        results = compact_output(args.output, args.date)
    except ValueError as e:
        print(f"newsbeam compact: {e}", file=sys.stderr)
        return 2
    for r in results:
        note = " (finished an interrupted compaction)" if r.recovered else ""
        rows = "" if r.rows is None else f", {r.rows} rows"
        print(f"{r.directory}: {r.files_before} -> {r.files_after} files{rows}{note}")
    print(f"{len(results)} partition(s) compacted")
    return 0


_NOISE = ("apitools not found", "Discarding unparseable args", "No semi_persistent_directory found")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Beam logs these on every import without the gcp extra, and from every multi_processing worker
    # (which parses the job's options without newsbeam's option class): they say nothing about the run.
    for handler in logging.getLogger().handlers:
        handler.addFilter(lambda record: not any(m in record.getMessage() for m in _NOISE))
    for noisy in ("apache_beam", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    parser = make_parser()
    if not argv or argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0
    if argv[0] == "run":
        if any(a in ("-h", "--help") for a in argv[1:]):
            parser.parse_args(["run", "--help"])
        return run(argv[1:])
    if argv[0] == "stream":
        if any(a in ("-h", "--help") for a in argv[1:]):
            parser.parse_args(["run", "--help"])
        return stream(argv[1:])
    if argv[0] == "watch":
        from pipelines.watch import watch_main
        return watch_main(argv[1:])
    args = parser.parse_args(argv)
    if args.command == "sql":
        return sql(args)
    if args.command == "compact":
        return compact(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
