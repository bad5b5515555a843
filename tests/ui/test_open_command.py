"""`reader PATH` with a path that does not exist fails cleanly, before the screen opens."""

from tests.conftest import run_cli


def test_open_missing_path_is_a_clear_error(tmp_path):
    result = run_cli(str(tmp_path / "nope"), env={"READER_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
