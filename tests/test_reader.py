import hashlib

import pytest

from pipeline.reader import ReadError, collect_paths, decode_text, read_source


def test_utf8_bom_is_removed_and_line_endings_kept():
    text, warnings = decode_text("\ufeffLe Sommet\r\na eu lieu.".encode())
    assert text == "Le Sommet\r\na eu lieu."
    assert warnings == []


def test_cp1252_french_is_decoded_with_a_warning():
    text, warnings = decode_text("L'économie française progresse à Paris.".encode("cp1252"))
    assert text == "L'économie française progresse à Paris."
    assert warnings == ["decoded as cp1252"]


def test_nul_bytes_are_a_binary_file():
    with pytest.raises(ReadError) as error:
        decode_text(b"PK\x03\x04\x00\x00binary")
    assert error.value.kind == "BinaryFile"


def test_read_source_gives_id_and_sha256_of_the_raw_bytes(tmp_path):
    path = tmp_path / "012_article.txt"
    data = "\ufeffBruxelles annonce 5 milliards d’euros.".encode()
    path.write_bytes(data)
    source = read_source(path)
    assert source.doc_id == "012_article"
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.text.startswith("Bruxelles")


def test_files_over_the_size_limit_are_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("a" * 100)
    with pytest.raises(ReadError) as error:
        read_source(path, max_bytes=10)
    assert error.value.kind == "FileTooLarge"


def test_folders_are_searched_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "1.txt", "b/notes.md"):
        (tmp_path / name).write_text("x")
    assert collect_paths([tmp_path]) == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


def test_a_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        collect_paths([tmp_path / "nope"])
