"""Hostile and unlucky inputs of `fr-extract run` (issue 18): ids, special files, decoding, names, the output.

These tests are about files and runs, not extraction: they use FakeExtractor (conftest.py) instead of
the model, apart from a few that need real records.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, EXIT_USAGE, main
from pipeline.reader import collect_inputs, decode_text, input_ids

ARTICLE = "Le groupe Orange a annoncé 2 milliards d'euros d'investissements à Rennes.\n"


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run(*args: str) -> int:
    return main(["run", *map(str, args), "--quiet"])


def within(seconds: float, work, *args):
    """Run `work` in a daemon thread; fail (instead of hanging the suite) when it takes longer than `seconds`."""
    result: dict = {}

    def target():
        try:
            result["value"] = work(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hangs"
    if "error" in result:
        raise result["error"]
    return result["value"]


# --- 3. ids ---------------------------------------------------------------------------------


def test_two_files_with_one_stem_in_two_folders_get_two_ids_and_resume_settles(tmp_path, fake_extractor):
    for folder, text in (("a", ARTICLE), ("b", ARTICLE.replace("Orange", "Engie"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert run(tmp_path / "a", tmp_path / "b", "-o", output) == EXIT_OK
    first = read_records(output)
    expected = [("a/x", str(tmp_path / "a" / "x.txt")), ("b/x", str(tmp_path / "b" / "x.txt"))]
    assert [(r["id"], r["path"]) for r in first] == expected
    for _ in range(2):
        assert run(tmp_path / "a", tmp_path / "b", "-o", output, "--resume") == EXIT_OK
        assert read_records(output) == first  # nothing dropped, nothing swapped, nothing twice


def test_ids_of_a_plain_folder_are_file_stems_as_before(tmp_path, fake_extractor):
    for name in ("000_fa24fdab3ebb6c34.txt", "dev_01_x.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out" / "o.jsonl"
    assert run(tmp_path, "-o", output) == EXIT_OK
    assert [r["id"] for r in read_records(output)] == ["000_fa24fdab3ebb6c34", "dev_01_x"]
    assert [item.doc_id for item in collect_inputs([tmp_path / "dev_01_x.txt"])] == ["dev_01_x"]


def test_ids_are_paths_relative_to_the_common_root_of_the_inputs(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    for name in ("in/a.txt", "in/sub/a.txt", "other/a.txt"):
        (tmp_path / name).write_text("x")
    assert [i.doc_id for i in collect_inputs([tmp_path / "in"])] == ["a", "sub/a"]
    assert [i.doc_id for i in collect_inputs([tmp_path / "in", tmp_path / "other" / "a.txt"])] == [
        "in/a",
        "in/sub/a",
        "other/a",
    ]


def test_ids_never_clash_even_when_a_name_lacks_the_extension():
    assert input_ids(["x.txt", "x", "x.txt.txt", "y.txt", "d/x.txt"]) == ["x.txt", "x", "x.txt.txt", "y", "d/x"]
    assert input_ids(["a.txt", "a"]) == ["a.txt", "a"]
    paths = ["x", "x.txt", "x.txt.txt", "x.txt.txt.txt", ".txt", "d/.txt", "d.txt/x.txt"]
    ids = input_ids(paths)
    assert len(set(ids)) == len(paths)


# --- 11. one record per file ----------------------------------------------------------------


def test_the_same_file_named_twice_gives_one_record(tmp_path, fake_extractor, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "link.txt").symlink_to(tmp_path / "in" / "a.txt")
    monkeypatch.chdir(tmp_path)
    output = tmp_path / "out.jsonl"
    assert run("in/a.txt", tmp_path / "in" / "a.txt", "in", "./in/a.txt", "-o", output) == EXIT_OK
    assert [r["id"] for r in read_records(output)] == ["a"]


# --- 7. the output is never an input ----------------------------------------------------------


def test_the_output_may_not_be_one_of_the_inputs(tmp_path, fake_extractor, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Le texte de b.\n", encoding="utf-8")
    assert run(tmp_path / "a.txt", tmp_path / "b.txt", "-o", tmp_path / "b.txt") == EXIT_USAGE
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Le texte de b.\n"
    assert "would destroy that document" in capsys.readouterr().err
    (tmp_path / "alias.jsonl").symlink_to(tmp_path / "b.txt")
    assert run(tmp_path / "b.txt", "-o", tmp_path / "alias.jsonl") == EXIT_USAGE
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Le texte de b.\n"


def test_an_output_the_next_run_would_read_is_refused(tmp_path, fake_extractor, capsys):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(tmp_path / "in", "-o", tmp_path / "in" / "sub" / "out.txt") == EXIT_USAGE
    assert "the next run would read it as a document" in capsys.readouterr().err
    assert not (tmp_path / "in" / "sub" / "out.txt").exists()
    assert run(tmp_path / "in", "-o", tmp_path / "in" / "out.jsonl") == EXIT_OK  # not *.txt: never read


# --- 8. special files -------------------------------------------------------------------------


def test_a_fifo_named_on_the_command_line_becomes_an_error_record_at_once(tmp_path, fake_extractor):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    code = within(30, run, tmp_path / "pipe.txt", tmp_path / "a.txt", "-o", output)
    assert code == EXIT_DOCUMENT_ERRORS
    records = {r["id"]: r for r in read_records(output)}
    assert records["pipe"]["error"]["type"] == "NotARegularFile" and "FIFO" in records["pipe"]["error"]["message"]
    assert records["pipe"]["sha256"] is None and records["a"]["error"] is None
    # --resume skips it while it stays a FIFO, without blocking on it
    assert within(30, run, tmp_path / "pipe.txt", tmp_path / "a.txt", "-o", output, "--resume") == EXIT_OK
    assert len(read_records(output)) == 2


def test_special_files_found_in_a_folder_get_error_records(tmp_path, fake_extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "fifo.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "sock.txt"))
        (folder / "zero.txt").symlink_to("/dev/zero")
        (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
        output = tmp_path / "out.jsonl"
        assert within(30, run, folder, "-o", output) == EXIT_DOCUMENT_ERRORS
    finally:
        server.close()
    records = {r["id"]: r for r in read_records(output)}
    assert sorted(records) == ["fifo", "ok", "sock", "zero"]
    for name, kind in (("fifo", "FIFO"), ("sock", "socket"), ("zero", "character device")):
        assert records[name]["error"]["type"] == "NotARegularFile" and kind in records[name]["error"]["message"]


def test_a_character_device_named_on_the_command_line_is_never_read(tmp_path, fake_extractor):
    output = tmp_path / "out.jsonl"
    assert within(30, run, "/dev/zero", "-o", output) == EXIT_DOCUMENT_ERRORS
    (record,) = read_records(output)
    assert record["error"]["type"] == "NotARegularFile" and record["path"] == "/dev/zero"


def test_reads_stop_at_max_bytes(tmp_path, fake_extractor):
    from pipeline.reader import ReadError, read_bytes

    data = ("é" * 5000).encode()
    (tmp_path / "big.txt").write_bytes(data)
    with pytest.raises(ReadError) as error:
        read_bytes(tmp_path / "big.txt", max_bytes=100)
    assert error.value.kind == "FileTooLarge" and error.value.sha256 == hashlib.sha256(data).hexdigest()
    assert read_bytes(tmp_path / "big.txt", max_bytes=len(data)) == data


# --- 9. decoding ------------------------------------------------------------------------------


def test_utf8_with_one_invalid_byte_stays_utf8_with_a_warning():
    text = "L'économie française progresse à Paris, selon l'Élysée.\n"
    data = text.encode().replace(b"Paris", b"Pa\xffris")
    decoded, warnings = decode_text(data)
    assert decoded == text.replace("Paris", "Pa\ufffdris")
    assert warnings == ["decoded as UTF-8 with 1 invalid byte replaced by U+FFFD"]


def test_an_encoded_surrogate_is_replaced_byte_by_byte_and_the_rest_stays_utf8():
    text = "Le président a parlé à l'Assemblée.\n"
    data = text.encode().replace(b"parl", b"pa\xed\xa0\x80rl")
    decoded, warnings = decode_text(data)
    assert decoded == text.replace("parl", "pa\ufffd\ufffd\ufffdrl")
    assert warnings == ["decoded as UTF-8 with 3 invalid bytes replaced by U+FFFD"]
    assert "é" in decoded and "Ã" not in decoded  # no mojibake


def test_cp1252_only_when_the_bytes_are_not_utf8_at_all():
    text = "L'économie française progresse à Paris, où l'été est chaud.\n"
    assert decode_text(text.encode("cp1252")) == (text, ["decoded as cp1252"])


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2028", "\u3000", "\u2009"])
def test_white_space_of_any_kind_is_text_not_binary(space):
    text, warnings = decode_text((space * 200).encode())
    assert text == space * 200 and warnings == []


def test_a_file_of_non_breaking_spaces_gets_an_empty_record(tmp_path, fake_extractor):
    (tmp_path / "nbsp.txt").write_text("\u00a0" * 300, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert run(tmp_path, "-o", output) == EXIT_OK
    (record,) = read_records(output)
    assert record["error"] is None and record["entities"] == []


# --- 10. file names that are not UTF-8 ------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_written_escaped_and_the_document_processed(tmp_path, fake_extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    raw_names = [b"caf\xe9.txt", b"50%\xff.txt", b"ok.txt"]
    for name in raw_names:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(ARTICLE.encode())
    output = tmp_path / "out.jsonl"
    assert run(folder, "-o", output) == EXIT_OK
    data = output.read_bytes()
    data.decode("utf-8")  # valid UTF-8 throughout
    records = [json.loads(line) for line in data.splitlines()]
    assert [r["id"] for r in records] == ["50%25%FF", "caf%E9", "ok"]
    assert all(r["error"] is None for r in records)
    from urllib.parse import unquote_to_bytes

    for record in records[:2]:
        assert os.path.exists(unquote_to_bytes(record["path"]))  # the escaped path gives back the bytes


# --- 4, 6. one run per output, no stale temporary file --------------------------------------------


def test_a_second_run_on_a_locked_output_is_refused(tmp_path, fake_extractor, capsys):
    from pipeline.output import OutputLock

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    with OutputLock(output):
        assert run(tmp_path / "a.txt", "-o", output, "--resume") == EXIT_USAGE
        assert f"another fr-extract run (pid {os.getpid()}) is writing" in capsys.readouterr().err
        assert not output.exists()
    assert not (tmp_path / ".out.jsonl.lock").exists()  # released and removed
    assert run(tmp_path / "a.txt", "-o", output, "--resume") == EXIT_OK
    assert not (tmp_path / ".out.jsonl.lock").exists()


def test_a_stale_lock_of_a_killed_run_is_taken_over(tmp_path, fake_extractor):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    (tmp_path / ".out.jsonl.lock").write_text("999999999\n")  # no process holds it
    assert run(tmp_path / "a.txt", "-o", output) == EXIT_OK
    assert len(read_records(output)) == 1 and not (tmp_path / ".out.jsonl.lock").exists()


def test_resume_repairs_an_output_holding_duplicates(tmp_path, fake_extractor, capsys):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE + name, encoding="utf-8")
    output = tmp_path / "out" / "out.jsonl"
    assert run(tmp_path, "-o", output) == EXIT_OK
    lines = output.read_text(encoding="utf-8").splitlines(keepends=True)
    output.write_text("".join(lines + lines[:2]), encoding="utf-8")  # two runs appended the same records
    assert run(tmp_path, "-o", output, "--resume") == EXIT_OK
    assert sorted(r["id"] for r in read_records(output)) == ["a", "b", "c"]
    assert "2 duplicate records removed" in capsys.readouterr().err


def test_stale_temporary_files_of_killed_runs_are_removed(tmp_path, fake_extractor):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    stale = [tmp_path / ".out.jsonl.k2j4h5.part", tmp_path / ".out.jsonl.x9.check"]
    other = tmp_path / ".other.jsonl.k2j4h5.part"
    for path in [*stale, other]:
        path.write_text('{"id": "half')
    assert run(tmp_path / "in", "-o", output) == EXIT_OK
    assert not any(path.exists() for path in stale)
    assert other.exists()  # another output's temporary file is not ours to remove


# --- 12. disk full --------------------------------------------------------------------------------


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDisk:
    """A file whose writes fail as on a full disk."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, text):
        enospc()


def test_a_full_disk_gives_a_one_line_message_and_leaves_the_previous_output(tmp_path, fake_extractor, capsys):
    import pipeline.output

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    output.write_text('{"id": "previous"}\n', encoding="utf-8")
    real_atomic_output = pipeline.output.atomic_output

    @contextmanager
    def full_disk(path):
        with real_atomic_output(path) as handle:
            yield FullDisk(handle)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.output, "atomic_output", full_disk)
        assert run(tmp_path / "in", "-o", output) == EXIT_DOCUMENT_ERRORS
    err = capsys.readouterr().err
    assert f"cannot write {output}: No space left on device" in err and "Traceback" not in err
    assert output.read_text(encoding="utf-8") == '{"id": "previous"}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_full_disk_while_resuming_leaves_whole_lines_and_resume_completes(tmp_path, fake_extractor, capsys):
    import pipeline.output

    for name in ("a", "b", "c", "d"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE + name, encoding="utf-8")
    output = tmp_path / "out" / "out.jsonl"
    assert run(tmp_path / "a.txt", "-o", output) == EXIT_OK

    def half_then_full(descriptor, data):
        os.write(descriptor, data[: len(data) // 2])
        enospc()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.output, "_write_bytes", half_then_full)
        assert run(tmp_path, "-o", output, "--resume", "--batch-size", "1") == EXIT_DOCUMENT_ERRORS
    assert "No space left on device" in capsys.readouterr().err
    assert output.read_bytes().endswith(b"\n")
    assert [r["id"] for r in read_records(output)] == ["a"]  # the cut batch was undone
    assert run(tmp_path, "-o", output, "--resume") == EXIT_OK
    assert sorted(r["id"] for r in read_records(output)) == ["a", "b", "c", "d"]


# --- 13. damaged lines on --resume --------------------------------------------------------------------


def test_resume_reports_a_damaged_line_and_rewrites_the_output_without_it(tmp_path, fake_extractor, capsys):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE + name, encoding="utf-8")
    output = tmp_path / "out" / "out.jsonl"
    assert run(tmp_path, "-o", output) == EXIT_OK
    lines = output.read_bytes().splitlines(keepends=True)
    damaged = [lines[0], b'{"id": "b", "entit\n', b"[1, 2]\n", b"\xff\xfe\n", lines[2], b'{"id": "z"']
    output.write_bytes(b"".join(damaged))
    assert run(tmp_path, "-o", output, "--resume") == EXIT_OK
    err = capsys.readouterr().err
    for number, why in ((2, "not JSON"), (3, "not a record"), (4, "not UTF-8"), (6, "cut short")):
        assert f"{output}:{number}: damaged line removed: {why}" in err
    assert "Traceback" not in err
    assert sorted(r["id"] for r in read_records(output)) == ["a", "b", "c"]


# --- 14. option values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (["--published", "2025-02-30"], "not a day of the calendar"),
        (["--published", "2025-13"], "no month 13"),
        (["--max-bytes", "-1"], "at least 1"),
        (["--max-bytes", "0"], "at least 1"),
        (["--workers", "0"], "at least 1"),
        (["--batch-size", "lots"], "not a whole number"),
        (["--doc-timeout", "-1"], "0 for no limit"),
        (["--doc-timeout", "nan"], "0 for no limit"),
    ],
)
def test_bad_option_values_are_usage_errors_at_parse_time(tmp_path, capsys, option, expected):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), *option]) == EXIT_USAGE
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def test_a_full_disk_while_resume_repairs_the_output_gives_the_message_too(tmp_path, fake_extractor, capsys):
    import pipeline.output

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert run(tmp_path / "in", "-o", output) == EXIT_OK
    damaged = output.read_bytes() * 2  # a duplicate record to remove
    output.write_bytes(damaged)
    real_atomic_output = pipeline.output.atomic_output

    @contextmanager
    def full_disk(path):
        with real_atomic_output(path) as handle:
            yield FullDisk(handle)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.output, "atomic_output", full_disk)
        assert run(tmp_path / "in", "-o", output, "--resume") == EXIT_DOCUMENT_ERRORS
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert output.read_bytes() == damaged  # the rewrite is atomic: nothing half done
    assert not (tmp_path / ".out.jsonl.lock").exists()
