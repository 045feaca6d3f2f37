"""Flex Template entry point (FLEX_TEMPLATE_PYTHON_PY_FILE): build the newsbeam job and submit it.

Batch when `--input` is given, streaming when `--input_subscription`/`--input_topic` is.  The job is
submitted without waiting: the launcher VM only builds the graph.  A scheduled run names its input
window with placeholders expanded at launch time (Cloud Scheduler can only send a fixed body), e.g.
``--input 'gs://bucket/raw/{now-1d:%Y/%m/%d}/*'`` -> ``gs://bucket/raw/2026/11/22/*`` when launched on
2026-11-23 (UTC).  Units: d, h, m.
"""
from __future__ import annotations

import datetime as dt
import re
import sys

_PLACEHOLDER = re.compile(r"\{now(?:([+-]\d+)([dhm]))?:([^{}]+)\}")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def expand_window(pattern: str, now: dt.datetime) -> str:
    """Replace every ``{now[+-N(d|h|m)]:<strftime>}`` in `pattern` by that instant formatted (UTC)."""
    def sub(m: re.Match) -> str:
        when = now + dt.timedelta(**{_UNITS[m.group(2)]: int(m.group(1))}) if m.group(1) else now
        return when.strftime(m.group(3))
    return _PLACEHOLDER.sub(sub, pattern)


def expand_argv(argv: list[str], now: dt.datetime) -> list[str]:
    """Expand placeholders in the values of --input (both `--input=X` and `--input X` forms)."""
    out, expand_next = [], False
    for a in argv:
        if expand_next:
            out.append(expand_window(a, now))
            expand_next = False
        elif a.startswith("--input="):
            out.append("--input=" + expand_window(a[len("--input="):], now))
        else:
            out.append(a)
            expand_next = a == "--input"
    return out


def build(argv: list[str], now: dt.datetime | None = None):
    """(pipeline, options) for argv, graph built, not run.  Raises ValueError on missing options."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    from pipelines.batch import build_batch
    from pipelines.runner import new_run_id
    from pipelines.options import NewsbeamOptions

    now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    options = PipelineOptions(expand_argv(argv, now))
    nb = options.view_as(NewsbeamOptions)
    streaming = bool(nb.input_subscription or nb.input_topic)
    run_id = nb.run_id or new_run_id()
    if streaming:
        from pipelines.streaming import build_streaming

        nb.validate_streaming()
        options.view_as(StandardOptions).streaming = True
        p = beam.Pipeline(options=options)
        build_streaming(p, nb, run_id=run_id)
    else:
        nb.validate_newsbeam()
        p = beam.Pipeline(options=options)
        build_batch(p, nb, run_id, now)
    return p, options


def main(argv: list[str] | None = None) -> int:
    import logging

    logging.basicConfig(level=logging.INFO)
    try:
        p, _ = build(list(sys.argv[1:] if argv is None else argv))
    except ValueError as e:
        print(f"newsbeam template: {e}", file=sys.stderr)
        return 2
    result = p.run()  # submit; the Dataflow job outlives the launcher
    job = getattr(result, "job_id", lambda: None)()
    logging.info("submitted Dataflow job %s", job)
    return 0


if __name__ == "__main__":
    sys.exit(main())
