"""The run summary: figures from the pipeline's metrics, printed as a table and saved as JSON."""
from __future__ import annotations

import json
import logging
import posixpath

from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from schemas.tables import RUNS_DIR

log = logging.getLogger("newsbeam")


def counters(result) -> dict[str, int]:
    """All counters of the 'newsbeam' namespace, summed over steps."""
    out: dict[str, int] = {}
    for c in result.metrics().query(MetricsFilter().with_namespace("newsbeam"))["counters"]:
        value = c.committed if c.committed is not None else c.attempted
        out[c.key.metric.name] = out.get(c.key.metric.name, 0) + int(value or 0)
    return out


def build_summary(c: dict[str, int], run_id: str, meta: dict) -> dict:
    rejected = {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("reject:")}
    partitions = {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("partition:")}
    return {
        "run_id": run_id,
        **meta,
        "inputs_read": c.get("read.files", 0),
        "input_bytes": c.get("read.bytes", 0),
        "records_parsed": c.get("records.parsed", 0),
        "rejected_total": sum(rejected.values()),
        "rejected": rejected,
        "exact_duplicates": c.get("duplicate:exact", 0),
        "near_duplicates": c.get("duplicate:near", 0) + c.get("duplicate:containment", 0),
        "articles_written": sum(partitions.values()),
        "articles_new": c.get("write.articles.new", 0),
        "articles_already_present": c.get("write.articles.already_present", 0),
        "partitions": partitions,
        "stage_counts": {k: v for k, v in sorted(c.items()) if "." in k and not k.startswith(("partition:", "reject:"))},
    }


def _by_category(partitions: dict[str, int]) -> dict[str, tuple[int, int]]:
    """category -> (articles, number of date partitions)."""
    out: dict[str, tuple[int, int]] = {}
    for partition, n in partitions.items():
        category = partition.rsplit("category=", 1)[-1]
        articles, dates = out.get(category, (0, 0))
        out[category] = (articles + n, dates + 1)
    return dict(sorted(out.items()))


def format_table(s: dict) -> str:
    undated = sum(n for p, n in s["partitions"].items() if p.startswith("date=__HIVE_DEFAULT_PARTITION__"))
    rows = [
        ("inputs read (files)", s["inputs_read"]),
        ("records parsed", s["records_parsed"]),
        ("rejected", s["rejected_total"]),
        *((f"  {reason}", n) for reason, n in s["rejected"].items()),
        ("exact duplicates", s["exact_duplicates"]),
        ("near duplicates", s["near_duplicates"]),
        ("articles written", s["articles_written"]),
        ("  new in this run", s["articles_new"]),
        ("  already in output", s["articles_already_present"]),
        ("  without a date", undated),
        *((f"  category={c} ({d} dates)", n) for c, (n, d) in _by_category(s["partitions"]).items()),
    ]
    width = max(len(r[0]) for r in rows) + 2
    lines = [f"newsbeam run {s['run_id']}  ({s.get('seconds', 0):.1f} s, output {s.get('output')})", "-" * (width + 10)]
    lines += [f"{name:<{width}}{value:>10}" for name, value in rows]
    lines.append(f"{len(s['partitions'])} partitions; per-partition counts in _runs/{s['run_id']}.json")
    return "\n".join(lines)


def log_stage_lines(s: dict) -> None:
    for name, value in s["stage_counts"].items():
        log.info("stage %-32s %d", name, value)


def save_summary(output: str, s: dict) -> str:
    directory = posixpath.join(output, RUNS_DIR)
    try:
        FileSystems.mkdirs(directory)
    except IOError:
        pass
    path = posixpath.join(directory, f"{s['run_id']}.json")
    with FileSystems.create(path) as f:
        f.write(json.dumps(s, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
    return path
