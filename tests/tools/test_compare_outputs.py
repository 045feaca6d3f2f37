"""tools/compare_outputs.py: identical outputs compare equal, a lost file does not."""
import shutil

from tests.conftest import SEEDS
from tests.test_end_to_end import run_cli
from tools.compare_outputs import main


def test_same_output_is_identical_and_a_lost_partition_is_not(tmp_path, capsys):
    out = tmp_path / "out"
    code, summary, log = run_cli([str(SEEDS / "*")], out)
    assert code == 0 and summary["articles_written"] == 2, log
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    assert main([str(out), str(copy)]) == 0
    part = sorted((copy / "articles").rglob("part-*.parquet"))[0]
    part.unlink()
    assert main([str(out), str(copy)]) == 1
    assert "DIFFERENT" in capsys.readouterr().out
