import codecs
import gzip

import pytest

from transforms.decode import decode_bytes, decode_file, gunzip, replacement_ratio
from transforms.rejects import RecordRejected

ZH = "平安银行与微医集团签署战略合作协议，双方将建立战略合作伙伴关系。" * 5


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "utf-8"])
def test_detects_chinese_encodings_without_declaration(encoding):
    text = ZH if encoding != "big5" else "平安銀行與微醫集團簽署戰略合作協議，雙方將建立戰略合作夥伴關係。" * 5
    decoded, used = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert used in {encoding, "gb18030", "big5", "big5hkscs", "utf-8", "cp950"}


@pytest.mark.parametrize("bom_encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_bom_wins(bom_encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}[bom_encoding]
    decoded, _ = decode_bytes(bom + ZH.encode(bom_encoding))
    assert decoded == ZH


def test_utf16_without_bom_is_decoded_or_rejected_never_garbled():
    try:
        decoded, _ = decode_bytes(ZH.encode("utf-16-le"))
    except RecordRejected as e:
        assert e.reason in {"binary_input", "mojibake", "undecodable"}
    else:
        assert decoded == ZH


def test_declared_charset_is_used_when_it_decodes():
    page = f'<html><head><meta charset="gb2312"></head><body><p>{ZH}</p></body></html>'
    decoded, used = decode_bytes(page.encode("gbk"))
    assert ZH in decoded and used == "gb18030"


def test_mislabelled_declaration_falls_back_to_content():
    page = f'<html><head><meta charset="gbk"></head><body><p>{ZH}</p></body></html>'
    decoded, used = decode_bytes(page.encode("utf-8"))
    assert ZH in decoded and used == "utf-8"


def test_binary_and_empty_are_rejected():
    with pytest.raises(RecordRejected) as e:
        decode_bytes(bytes(range(256)) * 40)
    assert e.value.reason in {"binary_input", "mojibake", "undecodable"}
    with pytest.raises(RecordRejected) as e:
        decode_bytes(b"  \n ")
    assert e.value.reason == "empty_input"


def test_nul_bytes_rejected():
    with pytest.raises(RecordRejected) as e:
        decode_bytes(("正文" * 50).encode() + b"\x00" * 2000 + ("正文" * 50).encode())
    assert e.value.reason == "binary_input"


def test_gzip_roundtrip_and_truncation():
    data = gzip.compress(ZH.encode("gbk"))
    d = decode_file("x/a.txt.gz", data)
    assert d.text == ZH and d.name == "x/a.txt"
    with pytest.raises(RecordRejected) as e:
        decode_file("x/a.txt.gz", data[: len(data) // 2])
    assert e.value.reason in {"gzip_truncated", "gzip_corrupt"}


def test_gzip_bomb_bounded():
    with pytest.raises(RecordRejected) as e:
        gunzip(gzip.compress(b"a" * 5_000_000), max_bytes=1_000_000)
    assert e.value.reason == "file_too_large"


def test_not_gzip_despite_name():
    with pytest.raises(RecordRejected) as e:
        decode_file("a.jsonl.gz", b'{"id": 1}')
    assert e.value.reason == "not_gzip"


def test_replacement_ratio():
    assert replacement_ratio("abc") == 0
    assert replacement_ratio("a\ufffd") == 0.5


def test_invalid_bytes_in_the_middle_of_gbk_file(corpus_dir):
    raw = (corpus_dir / "sogoucs/liaozp1-textsum/news_sohusite_xml.smarty.dat").read_bytes()
    broken = raw[:50_000] + b"\xff\xfe\xff" + raw[50_000:]
    text, enc = decode_bytes(broken)
    assert "深圳地铁" in text and enc.startswith("gb")
