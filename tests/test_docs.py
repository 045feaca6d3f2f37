"""Docs stay true: every column is documented, the README's commands exist."""
import re

from schemas import Article, DuplicateRecord, Entity, RejectRecord, RelationRecord

from tests.conftest import ROOT


def test_every_column_is_in_schema_doc():
    doc = (ROOT / "docs/schema.md").read_text("utf-8")
    for model in (Article, Entity, DuplicateRecord, RejectRecord, RelationRecord):
        for name in model.model_fields:
            assert f"`{name}`" in doc, f"{model.__name__}.{name} missing from docs/schema.md"


def test_readme_make_targets_exist():
    readme = (ROOT / "README.md").read_text("utf-8")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in set(re.findall(r"make (\w+)", readme)):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_reject_reasons_are_documented():
    doc = (ROOT / "docs/reliability.md").read_text("utf-8")
    sources = "\n".join(p.read_text("utf-8") for p in (ROOT / "transforms").rglob("*.py"))
    codes = set(re.findall(r'RecordRejected\(\s*"([a-z_]+)"', sources))
    codes |= set(re.findall(r'ExtractionLimitExceeded\(\s*"([a-z_]+)"', sources))
    codes |= set(re.findall(r'make_reject\([^)]*?"(?:read|decode|parse|clean|dedupe|segment|write)",\s*"([a-z_]+)"', sources))
    assert codes, "no reject codes found"
    missing = sorted(c for c in codes if f"`{c}`" not in doc)
    assert not missing, f"undocumented reject reasons: {missing}"
