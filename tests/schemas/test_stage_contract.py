"""The stage functions produce exactly the keys schemas/stages.py says (the contract cannot drift)."""
import typing
from zoneinfo import ZoneInfo

from schemas.article import Article
from schemas.stages import CleanRecord, DecodedFile, ParsedRecord, TaggedRecord
from transforms.clean import clean_doc, complete_metadata
from transforms.decode import decode_file
from transforms.parse import parse_decoded
from transforms.segment_tag import segment_and_tag

from tests.conftest import SEEDS

SH = ZoneInfo("Asia/Shanghai")


def keys(td) -> set[str]:
    return set(typing.get_type_hints(td))


def test_each_stage_adds_the_documented_keys():
    path = sorted(SEEDS.glob("000_*"))[0]
    decoded_file = decode_file(str(path), path.read_bytes())
    decoded = {"source_path": str(path), "name": decoded_file.name, "text": decoded_file.text,
               "encoding": decoded_file.encoding, "mtime": path.stat().st_mtime}
    assert set(decoded) == keys(DecodedFile)
    (kind, parsed), = list(parse_decoded(decoded, SH))
    assert kind == "doc" and set(parsed) == keys(ParsedRecord)
    cleaned = complete_metadata(clean_doc(parsed), SH)
    assert set(cleaned) == keys(CleanRecord)
    tagged = segment_and_tag({**cleaned, "content_hash": "h", "dup_cluster_id": parsed["id"]})
    assert set(tagged) == keys(TaggedRecord)
    assert keys(TaggedRecord) | {"ingested_at", "pipeline_version"} == set(Article.model_fields)
