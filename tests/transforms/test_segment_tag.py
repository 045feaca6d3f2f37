"""transforms.segment_tag: the Beam stage (TestPipeline) and its pure function."""
import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from schemas.article import Entity
from transforms.rejects import RecordRejected
from transforms.segment import segment
from transforms.segment_tag import SegmentAndTag, segment_and_tag

# sentence adapted from /work/shared/seeds/002_855c7fca1c059447.txt
TEXT = "平安银行行长邵平在签约现场表示，平安银行与微医集团合作。"


def test_segment_and_tag_pure():
    doc = segment_and_tag({"id": "a", "text": TEXT, "source_path": "p", "record_index": 0})
    assert doc["id"] == "a" and doc["tokens"] == segment(TEXT)
    assert "".join(doc["tokens"]) == TEXT
    ents = [Entity(**e) for e in doc["entities"]]
    assert ("PER", "邵平") in {(e.type, e.text) for e in ents}
    assert all(TEXT[e.start:e.end] == e.text for e in ents)


def test_segment_and_tag_bad_text():
    with pytest.raises(RecordRejected):
        segment_and_tag({"text": 42})
    assert segment_and_tag({"text": ""})["tokens"] == []


def test_pipeline_articles_and_rejects():
    docs = [
        {"id": "a", "text": TEXT, "source_path": "f1", "record_index": 0},
        {"id": "b", "text": "", "source_path": "f1", "record_index": 1},
        {"id": "c", "text": ["not", "text"], "source_path": "f2", "record_index": 7},
    ]
    with TestPipeline() as p:
        out = p | beam.Create(docs) | SegmentAndTag()
        summary = out["articles"] | beam.Map(
            lambda d: (d["id"], "".join(d["tokens"]) == d["text"],
                       sorted({e["text"] for e in d["entities"] if e["type"] == "ORG"})))
        assert_that(summary, equal_to([("a", True, ["平安银行", "微医集团"]), ("b", True, [])]), label="articles")
        rejects = out["rejects"] | beam.Map(lambda r: (r["source_path"], r["record_index"], r["stage"], r["reason"],
                                                        sorted(r)))
        assert_that(rejects, equal_to([("f2", 7, "segment", "bad_text",
                                        ["detail", "excerpt", "reason", "record_index", "source_path", "stage"])]),
                    label="rejects")


def test_broken_unicode_does_not_reject():
    text = "平安银行\ud800董事长谢永林表示，同比增长12.5%"   # a lone surrogate, as left by a bad decoder
    doc = segment_and_tag({"text": text})
    assert "".join(doc["tokens"]) == text
    assert all(text[e["start"]:e["end"]] == e["text"] for e in doc["entities"])
    assert ("ORG", "平安银行") in {(e["type"], e["text"]) for e in doc["entities"]}
