"""The run summary: figures from the pipeline's metrics, printed as a table and saved as JSON."""
from __future__ import annotations

import json
import logging
import posixpath

from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from schemas.tables import RUNS_DIR
from transforms import counters as names

log = logging.getLogger("newsbeam")


def counters(result) -> dict[str, dict[str, int]]:
    """namespace -> counter name -> value, for newsbeam's namespaces (transforms.counters), summed over steps."""
    out: dict[str, dict[str, int]] = {ns: {} for ns in names.ALL}
    for c in result.metrics().query(MetricsFilter().with_namespaces(names.ALL))["counters"]:
        value = c.committed if c.committed is not None else c.attempted
        group = out.setdefault(c.key.metric.namespace, {})
        group[c.key.metric.name] = group.get(c.key.metric.name, 0) + int(value or 0)
    return out


def add_counters(total: dict[str, dict[str, int]], more: dict[str, dict[str, int]]) -> None:
    """Sum the counters of one run (a chunk of a batch) into the totals."""
    for ns, group in more.items():
        into = total.setdefault(ns, {})
        for name, value in group.items():
            into[name] = into.get(name, 0) + value


def build_summary(c: dict[str, dict[str, int]], run_id: str, meta: dict) -> dict:
    stages, duplicates = c.get(names.STAGES, {}), c.get(names.DUPLICATES, {})
    rejected = dict(sorted(c.get(names.REJECTS, {}).items()))
    partitions = dict(sorted(c.get(names.PARTITIONS, {}).items()))
    return {
        "run_id": run_id,
        **meta,
        "inputs_read": stages.get("read.files", 0),
        "input_bytes": stages.get("read.bytes", 0),
        "records_parsed": stages.get("records.parsed", 0),
        "rejected_total": sum(rejected.values()),
        "rejected": rejected,
        "exact_duplicates": duplicates.get("exact", 0),
        "near_duplicates": duplicates.get("near", 0) + duplicates.get("containment", 0),
        "articles_written": sum(partitions.values()),
        "articles_new": stages.get("write.articles.new", 0),
        "articles_already_present": stages.get("write.articles.already_present", 0),
        "partitions": partitions,
        "stage_counts": dict(sorted(stages.items())),
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
