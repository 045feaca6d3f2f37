"""Builds a folder of bad inputs (each must end in rejects/ with a reason, none may crash the run)."""
from __future__ import annotations

import gzip
import json
import pathlib

GOOD_MESSAGE = {"id": "ok-1", "source": "测试源", "url": "https://example.com/ok", "published": "2021-05-28",
                "title": "平安银行发布公告", "body_html": "<p>平安银行今日发布公告，称公司经营情况正常，各项业务稳步推进。</p>"}

# file name -> (bytes, expected reject reason(s) for the file or its bad records)
def hostile_inputs() -> dict[str, tuple[bytes, set[str]]]:
    article = ("平安银行行长邵平在签约现场表示，互联网使百姓公平、普惠享受医疗资源成为可能。" * 20).encode("utf-8")
    return {
        "empty.txt": (b"", {"empty_input"}),
        "binary.html": (bytes(range(256)) * 64, {"binary_input", "mojibake", "undecodable"}),
        "truncated.jsonl.gz": (gzip.compress(article * 50)[:300], {"gzip_truncated", "gzip_corrupt"}),
        "broken_yaml.md": ("---\ntitle: [unclosed\ndate: x: y\n---\n<p>正文</p>".encode("utf-8"), {"bad_front_matter"}),
        "python_tag.md": ("---\ntitle: !!python/object/apply:os.system ['touch /tmp/newsbeam-pwned']\n---\n<p>正文</p>".encode(), {"bad_front_matter"}),
        "mixed.jsonl": ("\n".join([json.dumps(GOOD_MESSAGE, ensure_ascii=False), "{broken json", "[1, 2]"]).encode("utf-8"), {"bad_json"}),
        "xxe.xml": (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><description>x</description></item></channel></rss>', {"unsafe_xml"}),
        "nul_bytes.txt": (article[:300] + b"\x00" * 4000 + article[:300], {"binary_input"}),
        "not_gzip.txt.gz": (article, {"not_gzip"}),
        "only_nav.html": (b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>", {"empty_text"}),
        "huge_single_line.txt": ("平安银行" .encode("utf-8") * (20 * 1024 * 1024 // 12), {"record_too_large"}),
        "nested.html": (b"<html><body>" + b"<div>" * 20000 + "深层嵌套的正文内容。".encode() * 5 + b"</div>" * 20000 + b"</body></html>",
                        {"html_too_deep", "bad_html", "empty_text"}),
        "png_named.md": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, {"binary_input", "mojibake", "undecodable"}),
    }


def write_hostile(folder: pathlib.Path) -> dict[str, set[str]]:
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, reasons) in hostile_inputs().items():
        (folder / name).write_bytes(data)
        expected[name] = reasons
    return expected
