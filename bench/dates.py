"""Publication-date benchmark (issue #15): newsbeam next to htmldate on hand-labelled pages.

Labels (bench/data/dates/, made by reading each page; see LABELLING.md) point at pages in
../shared/ (cwced and scrapinghub pages of extraction-dev, news.zfe.space pages, Hexo posts) and at
pages written for the patterns of issue #15 (bench/data/dates/written/, labels by construction).

newsbeam runs through the pipeline's own stage functions (parse_decoded -> clean_doc ->
complete_metadata), with the file's modification time as the reference, as a run would.
htmldate runs as its users call it: `find_date(html, url=..., original_date=True)` with
`outputformat="%Y-%m-%d %H:%M"` so that it can show a time of day when it finds one.

A label's date and time are the page's own, in the page's stated offset (`utc_offset`), else as
displayed; newsbeam's instant is shown in that offset, else in Asia/Shanghai (its --timezone).

Figures per split (dev: what rules were developed on; held-out: sh3 and the odd-numbered cwced
pages, never looked at page by page while developing) and per group:
  date acc    share of all pages where the date is right (a null label needs a null answer)
  wrong       pages given a date that is not the label's (the figure that matters most)
  coverage    share of dated pages that got a date
  minute acc  share of pages whose label shows a time where the minute is right

    .venv/bin/python bench/dates.py [--failures dev|held-out|all] [--per-site] [--no-htmldate]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "bench" / "data" / "dates"
SHARED = ROOT.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
TZ = ZoneInfo("Asia/Shanghai")


def load_labels() -> list[dict]:
    rows = []
    for f in sorted(LABELS.glob("labels_*.jsonl")) + [LABELS / "written" / "labels.jsonl"]:
        if not f.exists():
            continue
        for i, line in enumerate(l for l in f.read_text(encoding="utf-8").splitlines() if l.strip()):
            row = json.loads(line)
            base = (LABELS / "written") if f.parent.name == "written" else SHARED
            row["file"] = str(base / row["path"])
            row["group"] = group_of(row, f.stem)
            cwced_odd = row["id"].startswith("cwced") and i % 2 == 1
            row["split"] = "held-out" if f.stem == "labels_sh3" or cwced_odd else "dev"
            rows.append(row)
    return rows


def group_of(row: dict, stem: str) -> str:
    if stem == "labels":
        return "written-zh"
    if row["id"].startswith("cwced"):
        return "cwced-zh"
    if row["id"].startswith("zfe"):
        return "zfe-zh"
    if row["id"].startswith("md"):
        return "hexo-md"
    return "scrapinghub"


def _offset(label: dict):
    off = label.get("utc_offset")
    if not off:
        return TZ
    sign = -1 if off.startswith("-") else 1
    h, m = off.lstrip("+-").split(":")
    return dt.timezone(sign * dt.timedelta(hours=int(h), minutes=int(m)))


def page_bytes(label: dict) -> bytes:
    """The page, with its known URL as a canonical link when it states none: both engines then see
    the URL the labeller saw (htmldate is also given it as `url=`)."""
    data = Path(label["file"]).read_bytes()
    url = label.get("url")
    if url and label["file"].endswith(".html") and not re.search(rb"rel=[\"']?canonical", data[:200_000], re.I):
        link = f'<link rel="canonical" href="{url}">'.encode()
        data = re.sub(rb"(<head[^>]*>)", lambda m: m.group(1) + link, data, count=1, flags=re.I) if re.search(rb"<head", data, re.I) else link + data
    return data


def _display_zone(label: dict, evidence: str | None):
    """The label's offset; for a naive label, the offset the winning evidence stated (the page's own
    local time, which is what a reader sees), else --timezone."""
    if label.get("utc_offset") or not evidence:
        return _offset(label)
    try:
        stated = dt.datetime.fromisoformat(evidence.strip().replace("Z", "+00:00"))
    except ValueError:
        return TZ
    return stated.tzinfo or TZ


def newsbeam_date(label: dict) -> tuple[str | None, str | None, str]:
    from transforms.clean import clean_doc, complete_metadata
    from transforms.parse import parse_decoded
    from transforms.decode import decode_file
    path = label["file"]
    decoded = decode_file(path, page_bytes(label))
    mtime = os.path.getmtime(path)
    if label.get("reference"):
        mtime = dt.datetime.fromisoformat(label["reference"]).timestamp()
    item = {"source_path": path, "name": decoded.name, "text": decoded.text, "encoding": decoded.encoding, "mtime": mtime}
    for kind, doc in parse_decoded(item, TZ):
        if kind != "doc":
            return None, None, f"reject:{doc['reason']}"
        try:
            doc = complete_metadata(clean_doc(doc), TZ)
        except Exception:  # noqa: BLE001 - an empty page keeps the parse-stage date
            pass
        if doc["published_at"] is None:
            return None, None, doc["date_source"]
        if doc.get("date_precision") == "day":  # a date without a clock time is the `date` column itself
            return doc["date"].isoformat(), None, doc["date_source"]
        local = doc["published_at"].astimezone(_display_zone(label, doc.get("date_evidence")))
        return local.date().isoformat(), local.strftime("%H:%M"), doc["date_source"]
    return None, None, "no-record"


def htmldate_date(label: dict) -> tuple[str | None, str | None]:
    import htmldate
    html = page_bytes(label).decode("utf-8", errors="replace")
    try:
        found = htmldate.find_date(html, url=label.get("url") or None, original_date=True, outputformat="%Y-%m-%d %H:%M")
    except Exception:  # noqa: BLE001
        return None, None
    if not found:
        return None, None
    day, _, hm = found.partition(" ")
    return day, (hm if hm and hm != "00:00" else None)


def score(rows: list[dict], key: str) -> dict:
    n = len(rows)
    dated = [r for r in rows if r["date"]]
    timed = [r for r in dated if r.get("time")]
    right = sum(r[key][0] == r["date"] for r in rows)
    wrong = sum(r[key][0] is not None and r[key][0] != r["date"] for r in rows)
    covered = sum(r[key][0] is not None for r in dated)
    minute = sum(r[key][0] == r["date"] and r[key][1] == r["time"] for r in timed)
    return {"n": n, "acc": right / n if n else 0, "wrong": wrong, "cov": covered / len(dated) if dated else 0,
            "minute": minute / len(timed) if timed else 0, "timed": len(timed)}


def table(title: str, groups: dict[str, list[dict]], engines: list[str]) -> None:
    print(f"\n{title}")
    print(f"{'':24}{'pages':>6}{'timed':>6}  " + "  ".join(f"{e + ' acc':>13}{'wrong':>6}{'cov':>6}{'minute':>7}" for e in engines))
    for name, rows in groups.items():
        s = {e: score(rows, e) for e in engines}
        first = s[engines[0]]
        print(f"{name:24}{first['n']:>6}{first['timed']:>6}  " + "  ".join(
            f"{s[e]['acc']:>13.3f}{s[e]['wrong']:>6}{s[e]['cov']:>6.2f}{s[e]['minute']:>7.3f}" for e in engines))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", choices=["dev", "held-out", "all"], help="list pages where newsbeam is not right")
    ap.add_argument("--per-site", action="store_true")
    ap.add_argument("--no-htmldate", action="store_true")
    args = ap.parse_args(argv)
    rows = [r for r in load_labels() if not r.get("unsure")]
    engines = ["newsbeam"] + ([] if args.no_htmldate else ["htmldate"])
    timing = defaultdict(float)
    for r in rows:
        t = time.perf_counter()
        day, hm, source = newsbeam_date(r)
        timing["newsbeam"] += time.perf_counter() - t
        r["newsbeam"], r["source"] = (day, hm), source
        if not args.no_htmldate:
            t = time.perf_counter()
            r["htmldate"] = htmldate_date(r)
            timing["htmldate"] += time.perf_counter() - t
    sites = {r.get("site") or r["id"] for r in rows}
    print(f"{len(rows)} labelled pages (unsure labels left out), {len(sites)} sites; "
          + ", ".join(f"{e} {timing[e] / len(rows) * 1000:.1f} ms/page" for e in engines))
    for split in ("dev", "held-out"):
        part = [r for r in rows if r["split"] == split]
        groups = {"all": part}
        for r in part:
            groups.setdefault(r["group"], []).append(r)
        table(f"{split} split", groups, engines)
    allgroups = {"all pages": rows, "Chinese pages": [r for r in rows if r["group"] != "scrapinghub"]}
    table("both splits", allgroups, engines)
    if args.per_site:
        by_site = defaultdict(list)
        for r in rows:
            by_site[r.get("site") or "(no site)"].append(r)
        table("per site", dict(sorted(by_site.items())), engines)
    if args.failures:
        print("\nnewsbeam not right (label | newsbeam [date_source] | htmldate):")
        for r in rows:
            if args.failures != "all" and r["split"] != args.failures:
                continue
            ours = r["newsbeam"]
            if ours[0] != r["date"] or (r.get("time") and ours[1] != r["time"]):
                print(f"  {r['id']:22} {r['date']} {r.get('time')} | {ours[0]} {ours[1]} [{r['source']}] | "
                      f"{r.get('htmldate', ('-', '-'))[0]}   ev={r.get('evidence', '')[:50]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
