"""Assembly of the batch pipeline: read -> decode -> parse -> (pipelines.chain: clean -> dedupe ->
segment/tag -> write).

Every stage returns its main output plus a 'rejects' output; all rejects, all dropped duplicates
and all articles are written, so every input record is accounted for.
"""
from __future__ import annotations

import datetime as dt

import apache_beam as beam

from pipelines.chain import index_dir_for, process_docs, write_outputs
from pipelines.options import NewsbeamOptions
from transforms.decode import Decode
from transforms.dedupe import WriteIndexFn
from transforms.parse import Parse
from transforms.read import ReadRawFiles


def build_batch(p: beam.Pipeline, opts: NewsbeamOptions, run_id: str, ingested_at: dt.datetime, chunk=None) -> None:
    """``chunk``: a pipelines.chunks.Chunk to read instead of ``opts.input`` (one run of a chunked batch)."""
    limits = opts.limits()
    read = ReadRawFiles(chunk.patterns, limits, chunk.files) if chunk is not None else ReadRawFiles(opts.input, limits)
    files = p | "Read" >> read
    decoded = files["files"] | "Decode" >> Decode(limits)
    parsed = decoded["decoded"] | "Parse" >> Parse(opts.timezone, limits, run_started=ingested_at)
    processed = process_docs(parsed["docs"], opts, run_id)
    written = write_outputs(opts.output, processed["articles"], processed["duplicates"],
                            [files["rejects"], decoded["rejects"], parsed["rejects"], *processed["rejects"]],
                            run_id, lambda: ingested_at, relations=processed["relations"])
    index_dir = index_dir_for(opts)
    if index_dir:
        (processed["index_rows"]
         | "IndexAfterArticles" >> beam.ParDo(WriteIndexFn(index_dir, run_id), written=beam.pvalue.AsList(written)))
