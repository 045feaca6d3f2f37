"""transforms.reject_safe.RejectSafeDoFn: one place turns a stage's failures into reject rows."""
import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.reject_safe import RejectSafeDoFn
from transforms.rejects import REJECTS_TAG, RecordRejected


class _Halve(RejectSafeDoFn):
    stage, fallback_reason = "toy", "toy_error"

    def run(self, doc):
        if doc["n"] < 0:
            raise RecordRejected("negative", f"n={doc['n']}")
        if doc["n"] == 0:
            raise ZeroDivisionError("division by zero")
        yield {**doc, "half": 1 / (1 / doc["n"]) / 2}


def test_outputs_known_and_unexpected_failures():
    docs = [{"source_path": f"p{n}", "record_index": 0, "n": n, "text": f"t{n}"} for n in (4, -1, 0)]
    with TestPipeline() as p:
        out = p | beam.Create(docs) | beam.ParDo(_Halve()).with_outputs(REJECTS_TAG, main="docs")
        assert_that(out.docs | beam.Map(lambda d: (d["source_path"], d["half"])), equal_to([("p4", 2.0)]), label="docs")
        assert_that(out[REJECTS_TAG] | beam.Map(lambda r: (r["source_path"], r["stage"], r["reason"], r["detail"], r["excerpt"])),
                    equal_to([("p-1", "toy", "negative", "n=-1", "t-1"),
                              ("p0", "toy", "toy_error", "ZeroDivisionError: division by zero", "t0")]), label="rejects")
