"""Load the shared development corpus as clean docs for the dedupe bench and end-to-end test.

Uses the project's own decode/parse/clean stages (transforms.decode, .parse, .clean) when they import and
run; otherwise a crude local reader (tags stripped) so the bench never depends on them.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")


def corpus_files(root: Path = CORPUS) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".html", ".jsonl", ".dat")
                  and not (p.parent == root and p.suffix == ".md"))


def _project_docs(path: Path) -> list[dict]:
    from transforms.clean import clean_doc
    from transforms.decode import decode_file
    from transforms.parse import parse_decoded

    decoded = decode_file(str(path), path.read_bytes())
    out = []
    for tag, doc in parse_decoded({"source_path": str(path.relative_to(CORPUS)), "name": decoded.name,
                                   "text": decoded.text, "encoding": decoded.encoding}, ZoneInfo("Asia/Shanghai")):
        if tag == "doc":
            try:
                out.append(clean_doc(doc))
            except Exception:
                pass
    return out


_TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)


def _strip_html(s: str) -> str:
    lines = (line.strip() for line in html.unescape(_TAG.sub("\n", s)).splitlines())
    return "\n".join(line for line in lines if line)


def _fallback_docs(path: Path) -> list[dict]:
    rel = str(path.relative_to(CORPUS))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    docs = []
    if path.suffix == ".jsonl":
        for i, line in enumerate(text.splitlines()):
            m = json.loads(line)
            docs.append({"id": f"{rel}#{i}", "title": m.get("title"), "text": _strip_html(m.get("body_html") or "")})
    elif path.suffix == ".dat":
        for i, m in enumerate(re.finditer(r"<contenttitle>(.*?)</contenttitle>\s*<content>(.*?)</content>", text, re.S)):
            docs.append({"id": f"{rel}#{i}", "title": m.group(1), "text": m.group(2)})
    else:
        body = re.sub(r"^---.*?\n---", "", text, count=1, flags=re.S)
        start, end = body.find("<article"), body.find("</article>")
        if start >= 0 and end > start:  # rendered theme page: the post only, not the site chrome
            body = body[start:end]
            cut = body.find("博客内容遵循")  # licence footer, then related-post teasers shared by every page
            body = body[:cut] if cut > 0 else body
        docs.append({"id": f"{rel}#0", "title": path.stem, "text": _strip_html(body)})
    for d in docs:
        d.update(source_path=rel, record_index=int(d["id"].rsplit("#", 1)[1]), published_at=None)
    return docs


def load_corpus(root: Path = CORPUS) -> tuple[list[dict], str]:
    """(docs, which readers were used).  Every doc has id, title, text, source_path, record_index, published_at."""
    docs, fallback = [], 0
    for path in corpus_files(root):
        try:
            got = _project_docs(path)
        except Exception:
            got, fallback = _fallback_docs(path), fallback + 1
        for d in got:
            d["source_path"] = str(Path(d["source_path"]).relative_to(root)) if Path(d["source_path"]).is_absolute() \
                else d["source_path"]
        docs.extend(got)
    return docs, f"project decode/parse/clean ({fallback} files via the fallback reader)"
