"""Quotes checked against their source documents, for any corpus: ``check(sources=)`` and ``validate --sources``.

The built-in corpus against the project's own seeds is tested in
``test_corpus_data.py``; here a small corpus and its documents are written to
a temporary folder, so these tests run everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import agreements as ag
from agreements.cli import main
from agreements.serialize import validate

REPORT = "On Monday, government forces and the opposition\nexchanged bodies as part of the agreement.\n"

CORPUS = """
type = "corpus"

[[sources]]
id = "report"
document = "report.txt"
description = "A report."

[[sources]]
id = "lost"
document = "lost.txt"
description = "A report whose text the folder does not have."

[[actors]]
id = "government-forces"
name = "Government forces"
kind = "state-force"
citations = [{source = "report", quote = "government forces"}]
"""

AGREEMENT = """
type = "agreement"
id = "deal"
title = "Deal"
date = "2018-07~"
status = "in-force"
citations = [{source = "report", quote = "QUOTE"}]

[[claims]]
summary = "Bodies were exchanged."
citations = [{source = "report", quote = "exchanged   bodies as part of\\nthe agreement"}]
"""


def write(folder: Path, quote: str = "government forces and the opposition exchanged bodies") -> Path:
    data = folder / "data"
    (data / "agreements").mkdir(parents=True)
    (data / "registries.toml").write_text(CORPUS, encoding="utf-8")
    (data / "agreements" / "deal.toml").write_text(AGREEMENT.replace("QUOTE", quote), encoding="utf-8")
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "report.txt").write_text(REPORT, encoding="utf-8")
    return data


def test_verbatim_quotes_pass_white_space_collapsed(tmp_path: Path) -> None:
    data = write(tmp_path)
    assert validate(data, sources=tmp_path / "seeds") == ()


def test_an_altered_quote_is_reported_in_its_file_at_its_path(tmp_path: Path) -> None:
    data = write(tmp_path, quote="government forces and the rebels exchanged bodies")
    (problem,) = validate(data, sources=tmp_path / "seeds")
    assert problem.code == "not-verbatim"
    assert problem.severity == "error"
    assert problem.file == str(data / "agreements" / "deal.toml")
    assert problem.path == "citations[0].quote"
    assert problem.message == (
        "not found verbatim in 'report.txt' (source 'report'):"
        " 'government forces and the rebels exchanged bodies'"
    )


def test_only_white_space_is_forgiven(tmp_path: Path) -> None:
    # A curly apostrophe for a straight one, a change of case: both are other words.
    data = write(tmp_path, quote="Government forces and the opposition exchanged bodies")
    assert [problem.code for problem in validate(data, sources=tmp_path / "seeds")] == ["not-verbatim"]


def test_a_missing_document_is_reported_once(tmp_path: Path) -> None:
    data = write(tmp_path)
    extra = 'citations = [{source = "lost", quote = "a"}, {source = "lost", quote = "b"}]\n'
    text = (
        (data / "registries.toml")
        .read_text(encoding="utf-8")
        .replace('citations = [{source = "report", quote = "government forces"}]', extra.strip())
    )
    (data / "registries.toml").write_text(text, encoding="utf-8")
    (problem,) = validate(data, sources=tmp_path / "seeds")
    assert (problem.code, problem.path) == ("missing-document", "actors[0].citations[0].source")
    assert problem.file == str(data / "registries.toml")
    assert "'lost.txt'" in problem.message


def test_without_sources_no_quote_is_looked_up(tmp_path: Path) -> None:
    data = write(tmp_path, quote="words the report never had")
    assert validate(data) == ()


def test_a_lone_agreement_file_is_checked_against_a_corpus_with_the_sources(tmp_path: Path) -> None:
    data = write(tmp_path, quote="not in the report")
    registries = ag.load(data / "registries.toml", cls=ag.Corpus)
    (problem,) = validate(data / "agreements" / "deal.toml", corpus=registries, sources=tmp_path / "seeds")
    assert (problem.code, problem.path, problem.file) == ("not-verbatim", "citations[0].quote", None)


# ---------------------------------------------------------------- the command


def test_the_command_passes_a_verbatim_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write(tmp_path)
    assert main(["validate", str(data), "--sources", str(tmp_path / "seeds")]) == 0
    assert capsys.readouterr().out == f"{data}: ok\n"


def test_the_command_fails_an_altered_quote_with_its_file_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(tmp_path, quote="government forces and the rebels exchanged bodies")
    assert main(["validate", str(data), "--sources", str(tmp_path / "seeds")]) == 1
    assert capsys.readouterr().out == (
        f"{data / 'agreements' / 'deal.toml'}: error: citations[0].quote: not found verbatim in 'report.txt'"
        " (source 'report'): 'government forces and the rebels exchanged bodies'\n"
    )


def test_the_command_reports_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    data = write(tmp_path, quote="altered")
    assert main(["validate", str(data), "--sources", str(tmp_path / "seeds"), "--format", "json"]) == 1
    (record,) = json.loads(capsys.readouterr().out)
    (problem,) = record["problems"]
    assert record["ok"] is False
    assert (problem["code"], problem["path"]) == ("not-verbatim", "citations[0].quote")
    assert problem["file"] == str(data / "agreements" / "deal.toml")


def test_the_command_refuses_a_sources_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(tmp_path)
    assert main(["validate", str(data), "--sources", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
