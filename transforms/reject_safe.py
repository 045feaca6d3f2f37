"""The one place where a stage's DoFn turns failures into dead-letter rows and counts its records.

Kept apart from transforms.rejects so that the pure parsers, which raise RecordRejected, do not
import Beam."""
from __future__ import annotations

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.rejects import REJECTS_TAG, RecordRejected, make_reject


class RejectSafeDoFn(beam.DoFn):
    """Base of a stage's DoFn: its logic only, exclusion handled once (as datatrove's BaseFilter.run).

    A subclass sets `stage` and `fallback_reason` and writes `run(element)`, yielding its outputs
    (or TaggedOutput(REJECTS_TAG, reject) for records it rejects itself) and raising RecordRejected
    for the element it cannot process. Here: a RecordRejected becomes a reject with its reason,
    any other exception a reject with `fallback_reason` (a bug on one input never stops the run),
    and the stage's counters `<stage>.records` / `<stage>.rejected` are counted.
    `locate(element)` says which input an element is, for its reject row.
    """

    stage = ""
    fallback_reason = ""
    records_counter = ""    # default f"{stage}.records"

    def locate(self, element) -> tuple[str, int | None, object]:
        """(source_path, record_index, raw excerpt source) of an element."""
        if isinstance(element, dict):
            return str(element.get("source_path", "")), element.get("record_index"), element.get("text") or element.get("body") or ""
        return "", None, repr(element)

    def run(self, element, *args, **kwargs):
        raise NotImplementedError

    def setup(self):
        self._records = Metrics.counter("newsbeam", self.records_counter or f"{self.stage}.records")
        self._rejected = Metrics.counter("newsbeam", f"{self.stage}.rejected")

    def process(self, element, *args, **kwargs):
        try:
            outputs = list(self.run(element, *args, **kwargs))
        except RecordRejected as e:
            outputs = [self._reject(element, e.reason, e.detail)]
        except Exception as e:  # noqa: BLE001 - a bug on one input rejects that input, never the run
            outputs = [self._reject(element, self.fallback_reason, f"{type(e).__name__}: {e}")]
        for out in outputs:
            if isinstance(out, beam.pvalue.TaggedOutput) and out.tag == REJECTS_TAG:
                self._rejected.inc()
            elif not isinstance(out, beam.pvalue.TaggedOutput):
                self._records.inc()
            yield out

    def _reject(self, element, reason: str, detail: str):
        path, index, raw = self.locate(element)
        return beam.pvalue.TaggedOutput(REJECTS_TAG, make_reject(path, index, self.stage, reason, detail, raw))
