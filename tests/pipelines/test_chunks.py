"""pipelines.chunks: planning runs of bounded input size (pure, no Beam)."""
from __future__ import annotations

from pipelines.chunks import plan_chunks


def _file(path, size):
    path.write_bytes(b"x" * size)
    return str(path)


def test_chunks_are_bounded_complete_and_deterministic(tmp_path):
    sizes = {"b": 40, "a": 40, "c": 40, "d": 100, "e": 10, "f": 30, "g": 20}
    for name, size in sizes.items():
        _file(tmp_path / f"{name}.txt", size)
    patterns = [str(tmp_path / "*.txt"), str(tmp_path / "a.txt")]
    chunks = plan_chunks(patterns, chunk_bytes=90)
    files = [p for c in chunks for p, _ in c.files]
    # every file once (a file matched twice is read once), each chunk within the bound unless one big file
    assert sorted(p.rsplit("/", 1)[1] for p in files) == sorted(f"{n}.txt" for n in sizes)
    assert all(c.bytes <= 90 or len(c.files) == 1 for c in chunks)
    assert [len(c.files) for c in chunks if c.bytes > 90] == [1]
    # not path order, but the same plan every time
    assert files != sorted(files)
    assert [c.files for c in plan_chunks(list(reversed(patterns)), chunk_bytes=90)] == [c.files for c in chunks]
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
