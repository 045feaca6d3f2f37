"""pipelines.chunks: planning runs of bounded input size (pure, no Beam)."""
from __future__ import annotations

from pipelines.chunks import plan_chunks


def _file(path, size):
    path.write_bytes(b"x" * size)
    return str(path)


def test_chunks_are_bounded_ordered_and_complete(tmp_path):
    for name, size in [("b", 40), ("a", 40), ("c", 40), ("d", 100), ("e", 10)]:
        _file(tmp_path / f"{name}.txt", size)
    chunks = plan_chunks([str(tmp_path / "*.txt"), str(tmp_path / "a.txt")], chunk_bytes=90)
    names = [[p.rsplit("/", 1)[1] for p, _ in c.files] for c in chunks]
    # path order; a file larger than the bound is a chunk of its own; a file matched twice is read once
    assert names == [["a.txt", "b.txt"], ["c.txt"], ["d.txt"], ["e.txt"]]
    assert [c.bytes for c in chunks] == [80, 40, 100, 10]
    assert all(not c.patterns for c in chunks)


def test_unmatched_patterns_go_to_the_first_chunk(tmp_path):
    _file(tmp_path / "a.txt", 5)
    missing = str(tmp_path / "nothing" / "*.html")
    chunks = plan_chunks([missing, str(tmp_path / "a.txt")], chunk_bytes=1)
    assert len(chunks) == 1 and chunks[0].patterns == [missing] and chunks[0].bytes == 5


def test_gzip_files_count_at_their_likely_decompressed_size(tmp_path):
    from pipelines.chunks import GZ_FACTOR
    _file(tmp_path / "a.jsonl.gz", 40)
    _file(tmp_path / "b.jsonl", 40)
    chunks = plan_chunks([str(tmp_path / "*")], chunk_bytes=40 * GZ_FACTOR)
    assert [len(c.files) for c in chunks] == [1, 1]
    assert len(plan_chunks([str(tmp_path / "*")], chunk_bytes=40 * GZ_FACTOR + 40)) == 1
