"""The `newsbeam` command line."""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time

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
                       description="Query an output folder with DuckDB. Views: articles, duplicates, rejects.")
    p.add_argument("--output", required=True, metavar="DIR")
    p.add_argument("query", nargs="?", default=None, help="SQL; default: articles per date and category")
    return p


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbeam", description=(
        "newsbeam: an Apache Beam pipeline that turns raw Chinese finance and health news (markdown, text, HTML, "
        "JSON lines, RSS/Atom, SogouCS, gzip) into clean, deduplicated, segmented, entity-tagged, "
        "Hive-partitioned Parquet."))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _run_parser(sub)
    _sql_parser(sub)
    return parser


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def run(argv: list[str]) -> int:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    from pipelines.batch import build_batch
    from pipelines.options import NewsbeamOptions
    from pipelines import summary

    options = PipelineOptions(argv)
    nb = options.view_as(NewsbeamOptions)
    try:
        nb.validate_newsbeam()
    except ValueError as e:
        print(f"newsbeam run: {e}", file=sys.stderr)
        return 2
    if not options.view_as(StandardOptions).runner:
        options.view_as(StandardOptions).runner = "DirectRunner"  # skip 2.77's Prism download attempt
    run_id = nb.run_id or new_run_id()
    ingested_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    # Beam's and jieba's temporary files stay in this run's own folder, removed at the end.
    run_tmp = tempfile.mkdtemp(prefix=f"newsbeam-{run_id}-")
    old_tmp = os.environ.get("TMPDIR")
    os.environ["TMPDIR"], tempfile.tempdir = run_tmp, run_tmp
    started = time.time()
    try:
        p = beam.Pipeline(options=options)
        build_batch(p, nb, run_id, ingested_at)
        result = p.run()
        result.wait_until_finish()
        s = summary.build_summary(summary.counters(result), run_id, {
            "output": nb.output, "inputs": nb.input, "timezone": nb.timezone,
            "started_at": ingested_at.isoformat(), "seconds": round(time.time() - started, 2),
            "runner": options.view_as(StandardOptions).runner,
        })
        summary.log_stage_lines(s)
        path = summary.save_summary(nb.output, s)
        print(summary.format_table(s))
        print(f"summary written to {path}")
        return 0
    except Exception:  # noqa: BLE001 - the pipeline itself failed: report and exit non-zero
        logging.exception("newsbeam run failed")
        return 1
    finally:
        tempfile.tempdir = None
        if old_tmp is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old_tmp
        shutil.rmtree(run_tmp, ignore_errors=True)


def sql(args) -> int:
    from pipelines.query import connect, DEFAULT_QUERY

    con = connect(args.output)
    print(con.sql(args.query or DEFAULT_QUERY))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
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
    args = parser.parse_args(argv)
    if args.command == "sql":
        return sql(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
