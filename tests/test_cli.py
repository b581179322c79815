import json
import sys

from conftest import in_background

from pipeline.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, EXIT_USAGE, main

# A fresh `python -m pipeline --help`, started as the module is collected (it runs beside the other tests).
DASH_M_HELP = in_background(sys.executable, "-m", "pipeline", "--help")

ARTICLE = "La Commission européenne a annoncé 20 milliards d'euros pour l'IA à Bruxelles.\n"


def read_records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_folder_gives_one_record_per_file_in_sorted_order(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("b.txt", "a.txt"):
        (tmp_path / "in" / name).write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out" / "x.jsonl"
    assert main(["run", str(tmp_path / "in"), "-o", str(output), "--quiet"]) == EXIT_OK
    assert [r["id"] for r in read_records(output)] == ["a", "b"]


def test_a_bad_file_becomes_an_error_record_and_the_exit_code_says_so(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    output = tmp_path / "out.jsonl"
    assert main(["run", str(tmp_path), "-o", str(output), "--quiet"]) == EXIT_DOCUMENT_ERRORS
    records = {r["id"]: r for r in read_records(output)}
    assert records["binary"]["error"]["type"] == "BinaryFile"
    assert records["binary"]["content"] == [] and records["binary"]["entities"] == []
    assert records["good"]["error"] is None
    assert "binary.txt" in capsys.readouterr().err


def test_a_missing_path_is_bad_usage_with_a_message(tmp_path, capsys):
    assert main(["run", str(tmp_path / "missing"), "-o", str(tmp_path / "o.jsonl")]) == EXIT_USAGE
    assert "no such file or folder" in capsys.readouterr().err


def test_an_unwritable_output_is_bad_usage(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["run", str(tmp_path / "a.txt"), "-o", str(blocker / "out.jsonl")]) == EXIT_USAGE
    assert "cannot write the output" in capsys.readouterr().err


def test_published_option_overrides_the_documents_date(tmp_path):
    (tmp_path / "a.txt").write_text("Lundi, le gouvernement a présenté son budget.\n", encoding="utf-8")
    output = tmp_path / "o.jsonl"
    assert main(["run", str(tmp_path), "-o", str(output), "--published", "2025-02-12", "--quiet"]) == EXIT_OK
    assert read_records(output)[0]["published"] == "2025-02-12"


def test_a_bad_published_date_is_bad_usage(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--published", "12/02/2025"]) == EXIT_USAGE


def test_python_dash_m_pipeline_is_the_same_program():
    stdout, _ = DASH_M_HELP.communicate(timeout=300)
    assert DASH_M_HELP.returncode == 0
    assert "run" in stdout and "evaluate" in stdout
