"""Read stage: file patterns -> (path, raw bytes, modification time), through Beam's FileSystems (local, gs://, ...)."""
from __future__ import annotations

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from schemas.tables import NOT_INPUT_DIRS
from transforms.limits import DEFAULT_LIMITS, Limits
from transforms.reject_safe import RejectSafeDoFn
from transforms.rejects import REJECTS_TAG, RecordRejected, make_reject

# Bookkeeping files inside an output folder are never inputs (a glob like out/** must not eat them).
_SKIP_PARTS = tuple(f"/{name}/" for name in NOT_INPUT_DIRS)


def expand_pattern(pattern: str) -> list[tuple[str, int]]:
    """All (path, size) matching one glob, sorted for a deterministic order."""
    result = FileSystems.match([pattern])[0]
    return sorted((m.path, m.size_in_bytes) for m in result.metadata_list if not any(p in m.path for p in _SKIP_PARTS))


class _MatchFn(RejectSafeDoFn):
    stage, fallback_reason, records_counter = "read", "pattern_error", "read.files_matched"

    def setup(self):
        super().setup()
        self.unmatched = Metrics.counter("newsbeam", "read.patterns_without_match")

    def locate(self, pattern):
        return pattern, None, pattern

    def run(self, pattern):
        matches = expand_pattern(pattern)
        if not matches:
            self.unmatched.inc()
            yield beam.pvalue.TaggedOutput(REJECTS_TAG, make_reject(pattern, None, "read", "no_match", "the input pattern matched no file", pattern))
        yield from matches


class _ReadFn(RejectSafeDoFn):
    stage, fallback_reason, records_counter = "read", "read_error", "read.files_read"

    def __init__(self, limits: Limits):
        self.limits = limits

    def setup(self):
        super().setup()
        self.files = Metrics.counter("newsbeam", "read.files")
        self.bytes = Metrics.counter("newsbeam", "read.bytes")

    def locate(self, match):
        return match[0], None, b""

    def run(self, match):
        path, size = match
        self.files.inc()
        if size > self.limits.max_file_bytes:
            raise RecordRejected("file_too_large", f"file is {size} bytes, over max_file_bytes={self.limits.max_file_bytes}")
        with FileSystems.open(path, compression_type="uncompressed") as f:
            data = f.read(self.limits.max_file_bytes + 1)
        if len(data) > self.limits.max_file_bytes:
            raise RecordRejected("file_too_large", f"file is over max_file_bytes={self.limits.max_file_bytes}")
        self.bytes.inc(len(data))
        yield path, data, _modified(path)


def _modified(path: str) -> float | None:
    """The file's modification time (the reference for yearless and relative date stamps)."""
    try:
        return FileSystems.last_updated(path)
    except Exception:  # noqa: BLE001 - a filesystem without the stamp: the run's start is used instead
        return None


class ReadRawFiles(beam.PTransform):
    """Patterns -> (path, bytes).  Reshuffle spreads files over workers after the (cheap) match.

    ``files``: (path, size) pairs the driver has already matched (a chunk of a large batch, see
    pipelines.chunks); they are read as if a pattern had matched them."""

    def __init__(self, patterns: list[str], limits: Limits = DEFAULT_LIMITS, files: list[tuple[str, int]] | None = None):
        super().__init__()
        self.patterns = list(patterns)
        self.limits = limits
        self.files = [tuple(f) for f in files or ()]

    def expand(self, pbegin):
        matched = (
            pbegin
            | "Patterns" >> beam.Create(self.patterns)
            | "Match" >> beam.ParDo(_MatchFn()).with_outputs(REJECTS_TAG, main="files")
        )
        listed = pbegin | "Listed" >> beam.Create(self.files)
        read = (
            (matched.files, listed)
            | "AllFiles" >> beam.Flatten()
            | "Distinct" >> beam.Distinct()
            | "Spread" >> beam.Reshuffle()
            | "ReadBytes" >> beam.ParDo(_ReadFn(self.limits)).with_outputs(REJECTS_TAG, main="files")
        )
        rejects = (matched[REJECTS_TAG], read[REJECTS_TAG]) | "MergeReadRejects" >> beam.Flatten()
        return {"files": read.files, "rejects": rejects}
