"""The chain batch and streaming share: clean -> dedupe -> segment/tag on parsed records, then the
write of every output table (schemas.tables) with the rows finished (run id, ingest time, counters)."""
from __future__ import annotations

import datetime as dt
import posixpath
from typing import Callable

import apache_beam as beam
from apache_beam.metrics import Metrics

from pipelines.options import NewsbeamOptions
from schemas import PIPELINE_VERSION
from schemas.tables import ARTICLES, DUPLICATES, INDEX_DIR, REJECTS, RELATIONS
from transforms import counters
from transforms.clean import Clean
from transforms.dedupe import Deduplicate
from transforms.segment_tag import SegmentAndTag
from transforms.write import WriteParquet, write_table


def index_dir_for(opts: NewsbeamOptions) -> str | None:
    if opts.dedupe_index and opts.dedupe_index.lower() == "none":
        return None
    return opts.dedupe_index or posixpath.join(opts.output, INDEX_DIR)


def finish_article(doc: dict, ingested_at: dt.datetime) -> dict:
    return {**doc, "ingested_at": ingested_at, "pipeline_version": PIPELINE_VERSION}


def finish_duplicate(dup: dict, ingested_at: dt.datetime, run_id: str) -> dict:
    Metrics.counter(counters.DUPLICATES, str(dup.get("method"))).inc()
    return {**dup, "ingested_at": ingested_at, "run_id": run_id}


def finish_reject(rej: dict, ingested_at: dt.datetime, run_id: str) -> dict:
    Metrics.counter(counters.REJECTS, f"{rej['stage']}:{rej['reason']}").inc()
    return {**rej, "ingested_at": ingested_at, "run_id": run_id}


def process_docs(docs, opts: NewsbeamOptions, run_id: str, dedupe=None) -> dict:
    """clean -> dedupe -> segment/tag on parsed record dicts: the one chain batch and streaming share.

    `dedupe` is the dedupe PTransform to use (batch default: Deduplicate with the cross-run index).
    Returns {'articles', 'duplicates', 'rejects': [PCollection, ...]}.
    """
    counted = docs | "CountRecords" >> beam.Map(count_record)
    cleaned = counted | "Clean" >> Clean(opts.timezone, opts.repeated_line_max_docs, opts.repeated_line_min_chars, opts.time_per_doc)
    # The index is written by write_outputs only after the articles are committed: a run killed
    # earlier must not leave index entries for articles that were never written.
    dedupe = dedupe or Deduplicate(index_dir=index_dir_for(opts), run_id=run_id, write_index=False)
    deduped = cleaned["docs"] | "Dedupe" >> dedupe
    tagged = deduped["articles"] | "SegmentTag" >> SegmentAndTag()
    return {"articles": tagged["articles"], "duplicates": deduped["duplicates"],
            "relations": deduped.get("relations"), "index_rows": deduped.get("index_rows"),
            "rejects": [cleaned["rejects"], deduped["rejects"], tagged["rejects"]]}


def count_record(doc: dict) -> dict:
    Metrics.counter("newsbeam", "records.parsed").inc()
    return doc


def finish_relation(rel: dict, ingested_at: dt.datetime, run_id: str) -> dict:
    Metrics.counter(counters.RELATIONS, "containment").inc()
    return {**rel, "ingested_at": ingested_at, "run_id": run_id}


def write_outputs(output: str, articles, duplicates, reject_pcolls: list, run_id: str,
                  ingested_at: Callable[[], dt.datetime], relations=None, writer: type[WriteParquet] = WriteParquet):
    """The write stage of batch (`WriteParquet`, one ingest time) and streaming (`WriteWindowedParquet`,
    the time each row is finished).  Returns the articles writer's output."""
    written = (
        articles
        | "FinishArticles" >> beam.Map(lambda d: finish_article(d, ingested_at()))
        | "WriteArticles" >> write_table(output, ARTICLES, writer)
    )
    (
        duplicates
        | "FinishDuplicates" >> beam.Map(lambda d: finish_duplicate(d, ingested_at(), run_id))
        | "WriteDuplicates" >> write_table(output, DUPLICATES, writer)
    )
    if relations is not None:
        (
            relations
            | "FinishRelations" >> beam.Map(lambda r: finish_relation(r, ingested_at(), run_id))
            | "WriteRelations" >> write_table(output, RELATIONS, writer)
        )
    (
        tuple(reject_pcolls) + (written["rejects"],)
        | "AllRejects" >> beam.Flatten()
        | "FinishRejects" >> beam.Map(lambda r: finish_reject(r, ingested_at(), run_id))
        | "WriteRejects" >> write_table(output, REJECTS, writer)
    )
    return written["written"]
