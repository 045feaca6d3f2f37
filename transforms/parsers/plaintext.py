"""Plain-text articles.  The first line is a title only when it looks like one."""
from __future__ import annotations

import re

from transforms.parsers.record import RawRecord

_SENTENCE_END = re.compile(r"[。！？!?；;，,：:…”\"]$")
MAX_TITLE_CHARS = 60


def looks_like_title(line: str, rest: str) -> bool:
    """Short, no sentence-final punctuation, and followed by a longer body."""
    line = line.strip()
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and not _SENTENCE_END.search(line)
        and len(rest.strip()) > 2 * len(line)
        and not re.match(r"^(来源|作者|记者|编辑|原标题)[:：]", line)
    )


def parse_plain_text(text: str) -> list[RawRecord]:
    lines = text.strip().splitlines()
    first, rest = (lines[0], "\n".join(lines[1:])) if lines else ("", "")
    if looks_like_title(first, rest):
        return [RawRecord(body=rest, body_format="text", title=first.strip())]
    return [RawRecord(body=text, body_format="text")]
