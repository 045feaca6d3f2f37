"""Dead-letter records: every input that does not become an article or a duplicate ends here."""
from __future__ import annotations

from typing import Optional

EXCERPT_CHARS = 200
REJECTS_TAG = "rejects"


class RecordRejected(Exception):
    """Raised by a pure stage function when one record (or file) cannot be processed."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def excerpt(raw) -> str:
    """A bounded, printable excerpt of raw input (bytes or str) for the rejects table."""
    if isinstance(raw, (bytes, bytearray)):
        raw = bytes(raw[: EXCERPT_CHARS * 4]).decode("utf-8", errors="backslashreplace")
    raw = raw or ""
    text = "".join(c if c.isprintable() or c in "\n\t" else repr(c)[1:-1] for c in raw[:EXCERPT_CHARS])
    return text[:EXCERPT_CHARS]


def make_reject(source_path: str, record_index: Optional[int], stage: str, reason: str, detail: str, raw) -> dict:
    return {
        "source_path": source_path,
        "record_index": record_index,
        "stage": stage,
        "reason": reason,
        "detail": detail[:1000],
        "excerpt": excerpt(raw),
    }

