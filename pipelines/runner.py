"""The run driver: options, run ids, one batch run (in chunks when large), shared by the CLI,
`watch` and the Dataflow template."""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def parse_options(argv: list[str], command: str, streaming: bool = False):
    """(PipelineOptions, NewsbeamOptions), or None after printing why the options are invalid.

    Shared by `run` and `stream`: validation of our options and the local default runner.
    """
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    from pipelines.options import NewsbeamOptions

    options = PipelineOptions(argv)
    nb = options.view_as(NewsbeamOptions)
    try:
        nb.validate_streaming() if streaming else nb.validate_newsbeam()
    except ValueError as e:
        print(f"newsbeam {command}: {e}", file=sys.stderr)
        return None
    standard = options.view_as(StandardOptions)
    standard.streaming = standard.streaming or streaming
    if not standard.runner:
        standard.runner = "DirectRunner"  # skip 2.77's Prism download attempt
    return options, nb


def run_batch(argv: list[str], quiet: bool = False) -> tuple[int, dict | None]:
    """One batch run (the `newsbeam run` path): (exit code, run summary or None).

    quiet: no table on stdout and no per-stage log lines (the watch loop logs one line per cycle)."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import StandardOptions

    from pipelines.batch import build_batch
    from pipelines import summary

    parsed = parse_options(argv, "run")
    if parsed is None:
        return 2, None
    options, nb = parsed
    run_id = nb.run_id or new_run_id()
    ingested_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    # Beam's and jieba's temporary files stay in this run's own folder, removed at the end.
    run_tmp = tempfile.mkdtemp(prefix=f"newsbeam-{run_id}-")
    old_tmp = os.environ.get("TMPDIR")
    os.environ["TMPDIR"], tempfile.tempdir = run_tmp, run_tmp
    started = time.time()
    try:
        chunks = _chunks_for(options, nb)
        totals: dict[str, dict[str, int]] = {}
        for i, chunk in enumerate(chunks, 1):
            chunk_started = time.time()
            p = beam.Pipeline(options=options)
            build_batch(p, nb, run_id, ingested_at, chunk)
            result = p.run()
            result.wait_until_finish()
            summary.add_counters(totals, summary.counters(result))
            if chunk is not None and not quiet:
                logging.getLogger("newsbeam").info(
                    "chunk %d/%d: %d files, %.1f MB, %.1f s, peak RSS of this process so far %.0f MB", i, len(chunks),
                    len(chunk.files), chunk.bytes / 1e6, time.time() - chunk_started, _peak_rss_mb())
        s = summary.build_summary(totals, run_id, {
            "output": nb.output, "inputs": nb.input, "timezone": nb.timezone,
            "started_at": ingested_at.isoformat(), "seconds": round(time.time() - started, 2),
            "runner": options.view_as(StandardOptions).runner, "chunks": len(chunks),
        })
        path = summary.save_summary(nb.output, s)
        if not quiet:
            summary.log_stage_lines(s)
            print(summary.format_table(s))
            print(f"summary written to {path}")
        return 0, s
    except Exception:  # noqa: BLE001 - the pipeline itself failed: report and exit non-zero
        logging.exception("newsbeam run failed")
        return 1, None
    finally:
        tempfile.tempdir = None
        if old_tmp is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old_tmp
        shutil.rmtree(run_tmp, ignore_errors=True)


def _peak_rss_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # KiB on Linux


def _chunks_for(options, nb) -> list:
    """[None] (one run over the patterns) or the chunks of a large local batch (pipelines.chunks)."""
    from apache_beam.options.pipeline_options import StandardOptions

    from pipelines.chain import index_dir_for
    from pipelines.chunks import plan_chunks

    runner = (options.view_as(StandardOptions).runner or "DirectRunner").split(".")[-1]
    if not nb.chunk_mb or nb.chunk_mb <= 0 or runner not in ("DirectRunner", "SwitchingDirectRunner"):
        return [None]
    if index_dir_for(nb) is None:
        logging.getLogger("newsbeam").warning("--dedupe_index none: the input is processed in one run (--chunk_mb needs the index "
                        "to dedupe across chunks)")
        return [None]
    chunks = plan_chunks(nb.input, int(nb.chunk_mb * 1e6))
    if len(chunks) == 1:
        return [None]
    logging.getLogger("newsbeam").info("input split into %d runs of at most %.0f MB (--chunk_mb)", len(chunks), nb.chunk_mb)
    return chunks
