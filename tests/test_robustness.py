"""Bad input: one record per file, clear errors, nothing lost, the batch goes on."""

import hashlib
import json
import os
import signal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import EXIT_DOCUMENT_ERRORS, main
from pipeline.validate import record_problems

ARTICLE = "Le groupe Orange a annoncé 2 milliards d'euros d'investissements à Rennes le 3 mars 2024.\n"


def read_records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_folder_with_one_file_of_each_kind(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "2_cp1252.txt").write_bytes(ARTICLE.replace("d'euros", "d’euros").encode("cp1252"))
    (folder / "3_empty.txt").write_bytes(b"")
    (folder / "4_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "5_huge.txt").write_text(ARTICLE * 200, encoding="utf-8")
    (folder / "6_garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    (folder / "7_vanished.txt").symlink_to(folder / "deleted-target.txt")
    output = tmp_path / "out.jsonl"

    code = main(["run", str(folder), "-o", str(output), "--max-bytes", "5000", "--quiet"])

    records = {r["id"]: r for r in read_records(output)}
    assert code == EXIT_DOCUMENT_ERRORS
    assert sorted(records) == ["1_utf8", "2_cp1252", "3_empty", "4_binary", "5_huge", "6_garbage", "7_vanished"]
    assert records["1_utf8"]["error"] is None and records["1_utf8"]["entities"]
    assert records["2_cp1252"]["error"] is None and records["2_cp1252"]["warnings"] == ["decoded as cp1252"]
    assert records["3_empty"] == {**records["3_empty"], "error": None, "content": [], "entities": []}
    assert records["4_binary"]["error"]["type"] == "BinaryFile"
    assert records["4_binary"]["sha256"] == hashlib.sha256((folder / "4_binary.txt").read_bytes()).hexdigest()
    assert records["5_huge"]["error"]["type"] == "FileTooLarge"
    assert records["6_garbage"]["error"] is not None
    assert records["7_vanished"]["error"]["type"] == "FileNotFoundError"
    # --resume skips what is already there, error records with a known sha256 included: nothing is written twice.
    assert main(["run", str(folder), "-o", str(output), "--max-bytes", "5000", "--quiet", "--resume"]) in (0, 1)
    assert sorted(r["id"] for r in read_records(output)) == sorted(records)

    err = capsys.readouterr().err
    for name in ("4_binary.txt", "5_huge.txt", "6_garbage.txt", "7_vanished.txt"):
        assert name in err
    assert "errors: 4" in err


def test_an_extraction_failure_becomes_an_error_record_and_the_batch_goes_on(extractor, tmp_path, monkeypatch):
    from pipeline.batch import RunOptions, extract_batch

    for name in ("a", "boom", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    original = extractor._prepare

    def failing(item, published):
        if item.doc_id == "boom":
            raise RuntimeError("stage failed")
        return original(item, published)

    monkeypatch.setattr(extractor, "_prepare", failing)
    records = extract_batch(extractor, [str(tmp_path / f"{n}.txt") for n in ("a", "boom", "c")], RunOptions())
    assert [r.id for r in records] == ["a", "boom", "c"]
    assert records[1].error == {"type": "RuntimeError", "message": "stage failed"}
    assert records[0].error is None and records[2].error is None


ADVERSARIAL = st.one_of(
    st.text(max_size=400),
    st.text(alphabet="0123456789 ,.", min_size=1, max_size=300),
    st.text(alphabet="€$£¥₹%‰ ", min_size=1, max_size=200),
    st.text(alphabet="\u0301\u0327\u0300 e", max_size=200),
    st.text(alphabet=st.characters(categories=["Cc", "Zs", "Zl", "Zp"]), max_size=200),
    st.lists(
        st.sampled_from(
            ["milliards", "d’euros", "de dollars", "M€", "entre", "et", "environ", "Lundi", "10", "février", "2025",
             "Paris", "l'UE", "«", "»", "\n", "  ", "%", "1 250,50", "Mds", "cinq", "quarante-cinq", "\u202f", "Macron"]
        ),
        max_size=60,
    ).map(" ".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ADVERSARIAL)
def test_adversarial_text_never_breaks_the_contract(extractor, text):
    doc = extractor.extract(text, doc_id="adv")
    assert record_problems(doc, text) == []


def test_a_hundred_thousand_character_line(extractor):
    text = ("12 345 678 901 234 " * 6000)[:100_000] + "\n" + ARTICLE
    doc = extractor.extract(text, doc_id="long")
    assert record_problems(doc, text) == []


def signal_after_first_call(monkeypatch, module, name: str) -> None:
    """SIGTERM to this process right after the first call of module.name returns: an interruption at a known point."""
    original = getattr(module, name)
    calls = []

    def interrupted(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(name)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGTERM)
        return result

    monkeypatch.setattr(module, name, interrupted)


def test_a_killed_run_leaves_no_output_or_a_valid_prefix_that_resume_completes(tmp_path, monkeypatch):
    """SIGTERM once the first batch is written: a --resume run keeps that batch, an atomic run writes nothing."""
    import pipeline.output

    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        (folder / f"{number:02d}.txt").write_text(ARTICLE.replace("2 milliards", f"{number + 2} milliards"))
    ids = sorted(p.stem for p in folder.iterdir())
    output = tmp_path / "out.jsonl"

    def command(out, *options):
        return ["run", str(folder), "-o", str(out), "--batch-size", "2", "-q", *options]

    with monkeypatch.context() as patch:
        signal_after_first_call(patch, pipeline.output, "append_lines")
        assert main(command(output, "--resume")) == 130
    assert [r["id"] for r in read_records(output)] == ids[:2]  # the batch written before the signal, whole
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]

    atomic = tmp_path / "atomic.jsonl"
    with monkeypatch.context() as patch:
        signal_after_first_call(patch, pipeline.output, "_write_text")
        assert main(command(atomic)) == 130
    assert not atomic.exists() and not [p for p in os.listdir(tmp_path) if p.endswith(".part")]

    assert main(command(output, "--resume")) == 0
    resumed = read_records(output)
    assert sorted(r["id"] for r in resumed) == ids

    fresh = tmp_path / "fresh.jsonl"
    assert main(command(fresh)) == 0
    by_id = {r["id"]: r for r in read_records(fresh)}
    assert [record for record in resumed if record != by_id[record["id"]]] == []


def test_resume_replaces_the_record_of_a_file_changed_since(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["run", str(folder), "-o", str(output), "--quiet"]) == 0
    changed = "Le groupe Engie a annoncé 4 milliards d'euros à Lyon.\n"
    (folder / "a.txt").write_text(changed, encoding="utf-8")

    assert main(["run", str(folder), "-o", str(output), "--quiet", "--resume"]) == 0

    records = read_records(output)
    assert sorted(r["id"] for r in records) == ["a", "b"]
    new_a = next(r for r in records if r["id"] == "a")
    assert new_a["sha256"] == hashlib.sha256(changed.encode()).hexdigest()


def test_a_last_line_cut_short_is_removed_before_appending(tmp_path):
    from pipeline.output import repair_tail

    output = tmp_path / "out.jsonl"
    output.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "c", "ent')
    repair_tail(output, block=8)
    assert output.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n'
