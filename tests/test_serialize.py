"""Reading and writing documents: exact error messages, files, folders, the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import jsonschema
import pytest

import agreements as ag
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Clause,
    Code,
    Corpus,
    Deadline,
    Edge,
    PartialDate,
    Quantity,
    Relation,
    Source,
    Status,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.serialize import FORMATS, Document, format_for, from_data, to_data, validate

CITE = Citation(source="s", quote="“hand over” their heavy weapons")
CLAUSE = Clause(
    id="c1",
    category=Category.WEAPONS,
    summary="Fighters hand over heavy weapons.",
    citations=[CITE],
    weapons=WeaponsTerm(classes={WeaponClass.MEDIUM, WeaponClass.HEAVY}, action=WeaponAction.HAND_OVER),
    quantity=Quantity(value=9, unit="checkpoints"),
)
AGREEMENT = Agreement(
    id="a",
    title="Agreement",
    date=PartialDate(year=2018, month=7),
    status=Status.SIGNED,
    citations=[CITE],
    clauses=[CLAUSE],
)
CORPUS = Corpus(
    sources=[Source(id="s", document="s.txt", description="A report.", date=PartialDate(year=2018))],
    actors=[Actor(id="russia", name="Russia", kind=ActorKind.STATE, aliases=["Moscow"])],
    agreements=[AGREEMENT],
)

AGREEMENT_TOML = """\
type = "agreement"
id = "a"
title = "Agreement"
date = "2018-07"
status = "signed"
citations = [{source = "s", quote = "q"}]
"""


def error_of(text: str, fmt: str = "toml") -> str:
    with pytest.raises(ag.InvalidDataError) as caught:
        ag.loads(text, fmt)
    return str(caught.value)


class TestErrorMessages:
    """The exact text a user sees for each kind of bad input."""

    def test_enum_typo_suggests_the_closest(self) -> None:
        text = (
            AGREEMENT_TOML
            + """
[[clauses]]
id = "c1"
category = "weapons"
summary = "x"
citations = [{source = "s", quote = "q"}]
weapons = {classes = ["medium", "heavy"], action = "hand-ovr"}
"""
        )
        assert (
            error_of(text)
            == "clauses[0].weapons.action: 'hand-ovr' is not a weapon action; did you mean 'hand-over'?"
        )

    def test_a_word_of_an_open_vocabulary_must_have_the_form_of_a_word(self) -> None:
        # Any word of the id form may be a corpus's own (check() tells whether the corpus knows it);
        # a word of another form is no word of any vocabulary.
        term = '{{"type": "weapons-term", "classes": ["medium", {}], "action": "hand-over"}}'
        assert error_of(term.format('"small arms"'), "json") == (
            "classes[1]: 'small arms' is not a weapon class; did you mean 'small-arms'?"
        )
        assert error_of(term.format('"Tanks & guns"'), "json") == (
            "classes[1]: 'Tanks & guns' is not a weapon class: a word is lower-case letters, digits, '.', '_' and '-'"
        )
        assert ag.loads(term.format('"heavvy"'), "json", cls=WeaponsTerm).classes == {"medium", "heavvy"}

    def test_a_typo_in_an_open_vocabulary_is_found_by_check(self) -> None:
        text = AGREEMENT_TOML + (
            '\n[[clauses]]\nid = "c1"\ncategory = "seige"\nsummary = "x"\n'
            'citations = [{source = "s", quote = "q"}]\n'
            'weapons = {classes = ["heavvy"], action = "hand-over"}\n'
        )
        agreement = ag.loads(text, "toml", cls=Agreement)
        assert [(problem.path, problem.message) for problem in ag.check(agreement)] == [
            ("clauses[0].category", "'seige' is not a category of this corpus; did you mean 'siege'?"),
            (
                "clauses[0].weapons.classes[0]",
                "'heavvy' is not a weapon class of this corpus; did you mean 'heavy'?",
            ),
        ]

    def test_unrecognisable_enum_lists_the_values(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('"signed"', '"zzz"')) == (
            "status: 'zzz' is not a status; expected one of 'proposed', 'rejected', 'signed', "
            "'in-force', 'collapsed', 'superseded'"
        )

    def test_unknown_key(self) -> None:
        assert (
            error_of(AGREEMENT_TOML + 'titel = "x"\n') == "titel: unknown key 'titel'; did you mean 'title'?"
        )

    def test_wrong_type(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('title = "Agreement"', "title = 5")) == (
            "title: expected text, got a whole number 5"
        )

    def test_string_where_a_list_belongs(self) -> None:
        assert error_of(AGREEMENT_TOML + 'third_parties = "russia"\n') == (
            "third_parties: expected a list, got text 'russia'"
        )

    def test_missing_field(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('status = "signed"\n', "")) == "status: required, but missing"

    def test_impossible_date(self) -> None:
        assert (
            error_of(AGREEMENT_TOML.replace('"2018-07"', '"2018-02-30"'))
            == "date: 30 is not a day of 2018-02"
        )

    def test_empty_citations(self) -> None:
        text = AGREEMENT_TOML.replace('citations = [{source = "s", quote = "q"}]', "citations = []")
        assert error_of(text) == "citations: must list at least one"

    def test_every_problem_is_reported(self) -> None:
        text = (
            AGREEMENT_TOML.replace('"signed"', '"signd"').replace('title = "Agreement"', "title = 1")
            + "x = 1\n"
        )
        assert error_of(text).splitlines() == [
            "title: expected text, got a whole number 1",
            "status: 'signd' is not a status; did you mean 'signed'?",
            "x: unknown key 'x'",
        ]

    def test_duplicate_weapon_class(self) -> None:
        text = '{"type": "weapons-term", "classes": ["heavy", "heavy"], "action": "retain"}'
        assert error_of(text, "json") == "classes[1]: 'heavy' is listed twice"

    def test_duplicate_id_in_a_registry(self) -> None:
        text = '{"actors": [{"id": "a", "name": "A", "kind": "state"}, {"id": "a", "name": "B", "kind": "state"}]}'
        assert error_of(text, "json") == "actors[1].id: duplicate id 'a'"

    def test_unparsable_text(self) -> None:
        assert error_of("id = ", "toml").startswith("not valid TOML: ")
        assert error_of("{", "json").startswith("not valid JSON: ")
        assert error_of("a: [", "yaml").startswith("not valid YAML: ")

    def test_top_level_must_be_a_table(self) -> None:
        assert error_of("[1, 2]", "json") == "expected a table at the top, got a list"

    def test_document_type(self) -> None:
        assert (
            error_of('type = "clauze"') == "type: 'clauze' is not a kind of document; did you mean 'clause'?"
        )
        assert error_of('type = "zzzz"').startswith(
            "type: 'zzzz' is not a kind of document; expected one of 'corpus'"
        )
        with pytest.raises(
            ag.InvalidDataError, match="expected a document of kind 'clause', got 'agreement'"
        ):
            ag.loads(AGREEMENT_TOML, "toml", cls=Clause)

    def test_dates_as_numbers_and_datetimes(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('"2018-07"', "2018")) == (
            "date: expected a date as text like '2018-07', got a whole number 2018"
        )
        # A date and time is known to the minute at most.
        assert error_of(AGREEMENT_TOML.replace('"2018-07"', "2018-07-06T10:00:30")) == (
            "date: expected a date with a time to the minute, got '2018-07-06T10:00:30'"
        )
        assert error_of(AGREEMENT_TOML.replace('"2018-07"', "10:00:00")) == (
            "date: expected a date as text like '2018-07', got time datetime.time(10, 0)"
        )

    def test_booleans_and_numbers_are_strict(self) -> None:
        assert error_of(
            'type = "clause"\nid = "c"\ncategory = "siege"\nsummary = "s"\n'
            'citations = [{source = "s", quote = "q"}]\nquantity = {value = true, unit = "checkpoints"}'
        ) == ("quantity.value: expected a number, got true/false True")
        assert error_of(
            'type = "clause"\nid = "c"\ncategory = "siege"\nsummary = "s"\n'
            'citations = [{source = "s", quote = "q"}]\ncodes = [{scheme = "pax", variable = "CeProv", level = 1.5}]'
        ) == ("codes[0].level: expected a whole number, got a number 1.5")
        assert error_of('{"type": "citation", "source": "s", "quote": null}', "json") == (
            "quote: expected text, got null"
        )
        assert error_of('{"type": "weapons-term", "classes": [1], "action": "retain"}', "json") == (
            "classes[0]: expected a weapon class as text (such as 'heavy', 'medium', 'light', 'small-arms');"
            " got a whole number 1"
        )

    def test_unquoted_toml_date_is_a_day(self) -> None:
        loaded = ag.loads(AGREEMENT_TOML.replace('"2018-07"', "2018-07-06"), "toml", cls=Agreement)
        assert loaded.date == PartialDate(year=2018, month=7, day=6)


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("obj", [CITE, CLAUSE, AGREEMENT, CORPUS], ids=lambda o: type(o).__name__)
    def test_examples(self, fmt: str, obj: ag.Citation | ag.Clause | ag.Agreement | ag.Corpus) -> None:
        text = ag.dumps(obj, fmt)
        assert ag.loads(text, fmt) == obj
        assert ag.dumps(ag.loads(text, fmt), fmt) == text

    def test_corpus_is_the_default_document(self) -> None:
        data = to_data(CORPUS)
        del data["type"]
        assert from_data(data) == CORPUS

    def test_weapon_classes_are_written_heaviest_first(self) -> None:
        assert json.loads(ag.dumps(CLAUSE, "json"))["weapons"]["classes"] == ["heavy", "medium"]

    def test_defaults_are_left_out(self) -> None:
        assert "modality" not in to_data(CLAUSE)
        assert "places" not in to_data(CLAUSE)

    def test_unknown_format(self) -> None:
        with pytest.raises(ValueError, match="'xml' is not a format; expected one of 'json', 'toml', 'yaml'"):
            ag.dumps(CITE, "xml")
        assert ag.dumps(CITE, ".YML") == ag.dumps(CITE, "yaml")

    def test_not_a_record(self) -> None:
        with pytest.raises(TypeError, match="cannot write 'str': not an agreements record"):
            ag.dumps("x", "json")  # type: ignore[arg-type]


class TestFiles:
    def test_dump_and_load(self, tmp_path: Path) -> None:
        for suffix in (".json", ".toml", ".yaml", ".yml"):
            path = tmp_path / f"corpus{suffix}"
            ag.dump(CORPUS, path)
            assert ag.load(path) == CORPUS
            assert ag.load(str(path), cls=Corpus) == CORPUS

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "daraa.toml"
        path.write_text(AGREEMENT_TOML.replace('"signed"', '"signd"'), encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(path)
        assert str(caught.value) == f"{path}: status: 'signd' is not a status; did you mean 'signed'?"
        assert caught.value.file == str(path)
        assert caught.value.problems[0].path == "status"

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin.toml"
        path.write_bytes('title = "Dar\xe2a"'.encode("latin-1"))
        with pytest.raises(ag.InvalidDataError, match="not UTF-8 text"):
            ag.load(path)

    def test_format_for(self) -> None:
        assert format_for("x.TOML") == "toml"
        with pytest.raises(ValueError, match=r"cannot tell the format from '\.txt'"):
            format_for("notes.txt")
        with pytest.raises(ValueError, match="cannot tell the format from 'no suffix'"):
            format_for("README")

    def test_folder_merges_documents(self, tmp_path: Path) -> None:
        (tmp_path / "agreements").mkdir()
        ag.dump(Corpus(sources=CORPUS.sources, actors=CORPUS.actors), tmp_path / "registry.json")
        ag.dump(AGREEMENT, tmp_path / "agreements" / "a.toml")
        (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
        assert ag.load(tmp_path) == CORPUS
        with pytest.raises(TypeError, match="is a folder, which reads as a corpus, not a Agreement"):
            ag.load(tmp_path, cls=Agreement)

    def test_folder_reports_every_bad_file(self, tmp_path: Path) -> None:
        ag.dump(AGREEMENT, tmp_path / "a.toml")
        ag.dump(AGREEMENT, tmp_path / "b.json")
        ag.dump(CITE, tmp_path / "c.yaml")
        (tmp_path / "d.toml").write_text("x = 1", encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert str(caught.value).splitlines() == [
            f"{tmp_path / 'b.json'}: agreements: duplicate id 'a', also in {str(tmp_path / 'a.toml')!r}",
            f"{tmp_path / 'c.yaml'}: type: a corpus folder holds corpus, agreement and vocabulary documents",
            f"{tmp_path / 'd.toml'}: x: unknown key 'x'",
        ]

    def test_folder_with_one_bad_file(self, tmp_path: Path) -> None:
        (tmp_path / "d.toml").write_text("x = 1", encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file == str(tmp_path / "d.toml")


class TestSchema:
    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        jsonschema.Draft202012Validator.check_schema(ag.schema())

    @pytest.mark.parametrize("obj", [CITE, CLAUSE, AGREEMENT, CORPUS], ids=lambda o: type(o).__name__)
    def test_dumps_validate(self, obj: ag.Citation | ag.Clause | ag.Agreement | ag.Corpus) -> None:
        jsonschema.Draft202012Validator(ag.schema()).validate(json.loads(ag.dumps(obj, "json")))

    def test_rejects_what_the_loader_rejects(self) -> None:
        validator = jsonschema.Draft202012Validator(ag.schema())
        data = to_data(AGREEMENT)
        for broken in (
            {**data, "status": "zzz"},
            {**data, "titel": "x"},
            {**data, "citations": []},
            {**data, "date": "2018-7"},
            {**data, "id": "A b"},
        ):
            assert not validator.is_valid(broken)

    def test_is_deterministic(self) -> None:
        assert json.dumps(ag.schema()) == json.dumps(ag.schema())


def test_yaml_is_imported_only_when_asked_for() -> None:
    code = "import agreements, sys; print(sorted(m for m in ('yaml', 'pandas', 'rich', 'hypothesis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


class TestLoadChecks:
    """``load`` runs the clause-logic checks and locates each error in its file."""

    LATER = AGREEMENT_TOML.replace('id = "a"', 'id = "later"').replace('"2018-07"', '"2021"')

    def corpus_text(self) -> str:
        # Written in the file later-first, while the corpus orders agreements by date.
        later = self.LATER.replace('type = "agreement"\n', "").replace(
            'citations = [{source = "s", quote = "q"}]', 'citations = [{source = "nowhere", quote = "q"}]'
        )
        earlier = AGREEMENT_TOML.replace('type = "agreement"\n', "")
        sources = '[[sources]]\nid = "s"\ndocument = "s.txt"\ndescription = "d"\n'
        return sources + "\n[[agreements]]\n" + later + "\n[[agreements]]\n" + earlier

    def test_errors_point_into_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "mine.toml"
        path.write_text(self.corpus_text(), encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(path)
        assert str(caught.value) == (
            f"{path}: agreements[0].citations[0].source: no source has the id 'nowhere'"
        )
        assert caught.value.problems[0].code == "dangling-reference"
        assert list(ag.load(path, cls=Corpus, check=False).agreements) == ["a", "later"]

    def test_registries_left_to_other_files_are_not_checked(self, tmp_path: Path) -> None:
        path = tmp_path / "a.toml"
        path.write_text(AGREEMENT_TOML, encoding="utf-8")
        assert ag.load(path) == ag.loads(AGREEMENT_TOML, "toml")

    def test_errors_in_a_folder_name_their_files(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text(AGREEMENT_TOML, encoding="utf-8")
        (tmp_path / "b.toml").write_text(
            '[[sources]]\nid = "other"\ndocument = "o.txt"\ndescription = "d"\n', encoding="utf-8"
        )
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file == str(tmp_path / "a.toml")
        assert [problem.path for problem in caught.value.problems] == ["citations[0].source"]

    def test_errors_in_several_files(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text(AGREEMENT_TOML, encoding="utf-8")
        (tmp_path / "b.toml").write_text(self.LATER, encoding="utf-8")
        (tmp_path / "c.toml").write_text(
            '[[sources]]\nid = "other"\ndocument = "o.txt"\ndescription = "d"\n', encoding="utf-8"
        )
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file is None
        assert [(problem.file, problem.path) for problem in caught.value.problems] == [
            (str(tmp_path / "a.toml"), "citations[0].source"),
            (str(tmp_path / "b.toml"), "citations[0].source"),
        ]
        assert str(caught.value).splitlines()[0].startswith(f"{tmp_path / 'a.toml'}: citations[0].source: ")


def test_import_pulls_in_no_network_or_heavy_modules() -> None:
    code = (
        "import agreements, sys; "
        "print(sorted(m for m in ('ssl', 'email', 'urllib.request', 'numpy', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- the new records


def _every_new_field() -> Corpus:
    cite = Citation(source="s", quote="from 00:00 on 15 February", language="en")
    arabic = Citation(
        source="s", quote="تسليم السلاح الثقيل", language="ar", translation="the handover of heavy weapons"
    )
    withdraw = Clause(
        id="withdraw",
        category="withdrawal",
        summary="Both sides withdraw heavy weapons and all systems over 100 mm.",
        citations=[cite, arabic],
        all_parties=True,
        weapons=WeaponsTerm(
            classes=[WeaponClass.HEAVY, "mortars"],
            systems=["Tornado-S", "Uragan"],
            calibre=Quantity(min=100, unit="mm"),
            distance=Quantity(min=15, max=25.5, unit="km", qualifier="on each side of the line"),
            action=WeaponAction.WITHDRAW,
            recipient="osce",
            destination="storage-site",
        ),
        quantity=Quantity(value=50, unit="km", qualifier="wide zone"),
        deadlines=[
            Deadline(anchor="agreement", offset="P2D", edge=Edge.START),
            Deadline(anchor="ceasefire", offset="P14D"),
            Deadline(at=PartialDate.parse("2015-03-01T12:30-01:30")),
        ],
        codes=[Code(scheme="pax", variable="CeProv", level=2, label="Ceasefire provision")],
    )
    ceasefire = Clause(
        id="ceasefire",
        category=ag.Category.CEASEFIRE,
        summary="The government and the rebels cease fire.",
        citations=[cite],
        obligors=["government", "rebels"],
        deadlines=[Deadline(at=PartialDate.parse("2015-02-15T00:00+02:00"), edge=Edge.START)],
        quantity=Quantity(value=0.5, unit="days"),
    )
    base = Agreement(
        id="minsk-i",
        title="Minsk I",
        date=PartialDate.parse("2014-09-05"),
        status=Status.SUPERSEDED,
        citations=[cite],
    )
    later = Agreement(
        id="minsk-ii",
        title="Package of Measures",
        date=PartialDate.parse("2015-02-12"),
        status=Status.COLLAPSED,
        coverage=ag.Coverage.FULL_TEXT,
        citations=[cite],
        relations=[
            Relation(kind=ag.RelationKind.AMENDS, target="minsk-i", citations=[cite], ends=["old-line"])
        ],
        statuses=[
            ag.StatusEntry(status=Status.SIGNED, as_of=PartialDate.parse("2015-02-12"), citations=[cite]),
            ag.StatusEntry(status=Status.COLLAPSED, as_of=PartialDate.parse("2022-02~"), citations=[cite]),
        ],
        clauses=[ceasefire, withdraw],
        disputes=[
            ag.Dispute(
                id="russia",
                topic="Whether Russia is a party.",
                claims=[
                    ag.Claim(summary="It is.", citations=[cite]),
                    ag.Claim(summary="It mediates.", citations=[cite]),
                ],
                parties=["russia"],
                third_parties=["russia"],
                fields=[ag.DisputedField.STATUS, ag.DisputedField.TERRITORY],
            )
        ],
    )
    return Corpus(
        sources=[
            Source(
                id="s",
                description="The text.",
                url="https://www.osce.org/minsk",
                outlet="OSCE",
                author="Trilateral Contact Group",
                title="Package of Measures",
                language="en",
                translated_from="ru",
                date=PartialDate.parse("2015-02-12"),
            )
        ],
        actors=[Actor(id="rebels", name="Rebels", kind="militia")],
        places=[ag.Place(id="contact-line", name="Line of contact", kind="line")],
        agreements=[base, later],
        vocabulary=ag.Vocabulary(
            categories=[
                ag.Term(id="prisoner-lists", label="Prisoner lists", description="Lists of prisoners.")
            ],
            weapon_classes=[ag.Term(id="mortars")],
            actor_kinds=[ag.Term(id="militia", label="Militia")],
            place_kinds=[ag.Term(id="buffer", description="A buffer zone.")],
        ),
    )


EVERYTHING = _every_new_field()
NEW_RECORDS = [
    EVERYTHING,
    EVERYTHING.agreements["minsk-ii"],
    *EVERYTHING.agreements["minsk-ii"].clauses,
    EVERYTHING.agreements["minsk-ii"].relations[0],
    EVERYTHING.agreements["minsk-ii"].statuses[0],
    EVERYTHING.vocabulary,
    EVERYTHING.vocabulary.categories[0],
    EVERYTHING.agreements["minsk-ii"].clauses[1].codes[0],
    *EVERYTHING.agreements["minsk-ii"].clauses[1].deadlines,
    EVERYTHING.agreements["minsk-ii"].clauses[1].quantity,
]


class TestNewRecords:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("obj", NEW_RECORDS, ids=lambda o: type(o).__name__)
    def test_round_trip(self, fmt: str, obj: Document) -> None:
        text = ag.dumps(obj, fmt)
        again = ag.loads(text, fmt)
        assert again == obj
        assert ag.dumps(again, fmt) == text

    @pytest.mark.parametrize("obj", NEW_RECORDS, ids=lambda o: type(o).__name__)
    def test_valid_under_the_schema(self, obj: Document) -> None:
        jsonschema.Draft202012Validator(ag.schema()).validate(json.loads(ag.dumps(obj, "json")))

    def test_whole_numbers_stay_whole_and_fractions_stay_fractions(self) -> None:
        for fmt in FORMATS:
            for value in (9, 9.0, 0.5, 25.5, 0):
                quantity = Quantity(value=value, unit="km")
                again = ag.loads(ag.dumps(quantity, fmt), fmt, cls=Quantity)
                assert type(again.value) is type(value), (fmt, value)
                assert again == quantity
        assert ag.dumps(Quantity(value=9, unit="km"), "toml") == 'type = "quantity"\nunit = "km"\nvalue = 9\n'
        assert ag.dumps(Quantity(value=9.0, unit="km"), "toml").endswith("value = 9.0\n")

    def test_words_are_written_as_plain_text(self) -> None:
        data = to_data(EVERYTHING)
        clause = data["agreements"][1]["clauses"][1]
        assert clause["category"] == "withdrawal"
        assert type(clause["category"]) is str
        assert clause["weapons"]["classes"] == ["heavy", "mortars"]
        assert all(type(word) is str for word in clause["weapons"]["classes"])
        assert type(data["actors"][0]["kind"]) is str

    def test_dates_with_a_time_as_text_in_every_format(self) -> None:
        deadline = Deadline(at=PartialDate.parse("2015-02-15T00:00+02:00"))
        assert to_data(deadline) == {"type": "deadline", "at": "2015-02-15T00:00+02:00"}
        for fmt in FORMATS:
            assert ag.loads(ag.dumps(deadline, fmt), fmt) == deadline

    @pytest.mark.parametrize(
        ("text", "fmt"),
        [
            ('type = "deadline"\nat = 2015-02-15T00:00:00+02:00\n', "toml"),
            ("type: deadline\nat: 2015-02-15T00:00:00+02:00\n", "yaml"),
            ("type: deadline\nat: 2015-02-15 00:00:00 +02:00\n", "yaml"),
            ("type: deadline\nat: 2015-02-15T00:00+02:00\n", "yaml"),  # no seconds: YAML reads text
            ('{"type": "deadline", "at": "2015-02-15T00:00+02:00"}', "json"),
        ],
    )
    def test_unquoted_datetimes_with_offsets(self, text: str, fmt: str) -> None:
        deadline = ag.loads(text, fmt, cls=Deadline)
        assert str(deadline.at) == "2015-02-15T00:00+02:00"
        assert deadline.at == PartialDate(year=2015, month=2, day=15, hour=0, minute=0, utc_offset=120)

    @pytest.mark.parametrize(
        ("text", "fmt", "expected"),
        [
            ('type = "deadline"\nat = 2015-02-15T10:30:00\n', "toml", "2015-02-15T10:30"),
            ('type = "deadline"\nat = 2015-02-15T10:30:00Z\n', "toml", "2015-02-15T10:30+00:00"),
            ("type: deadline\nat: 2015-02-15T10:30:00Z\n", "yaml", "2015-02-15T10:30+00:00"),
            ("type: deadline\nat: 2015-02-15T10:30:00-05:30\n", "yaml", "2015-02-15T10:30-05:30"),
            ('type = "deadline"\nat = 2015-02-15\n', "toml", "2015-02-15"),
        ],
    )
    def test_unquoted_datetimes(self, text: str, fmt: str, expected: str) -> None:
        at = ag.loads(text, fmt, cls=Deadline).at
        assert str(at) == expected

    @pytest.mark.parametrize(
        ("text", "fmt", "message"),
        [
            (
                'type = "deadline"\nat = 2015-02-15T10:30:15+02:00\n',
                "toml",
                "at: expected a date with a time to the minute, got '2015-02-15T10:30:15+02:00'",
            ),
            (
                "type: deadline\nat: 2015-02-15T10:30:00.5Z\n",
                "yaml",
                "at: expected a date with a time to the minute",
            ),
            (
                'type = "deadline"\nat = 2015-02-15T10:30:00+15:00\n',
                "toml",
                "at: 900 minutes is not a UTC offset",
            ),
            ('type = "deadline"\nat = "2015-02T10:30"\n', "toml", "at: '2015-02T10:30' is not a date like"),
            (
                'type = "deadline"\nanchor = "agreement"\noffset = "P2M"\n',
                "toml",
                "offset: 'P2M' is not a duration",
            ),
            (
                'type = "deadline"\nat = "2015"\nanchor = "agreement"\n',
                "toml",
                "at: a deadline has a date (at) or an anchor",
            ),
        ],
    )
    def test_bad_deadlines(self, text: str, fmt: str, message: str) -> None:
        assert error_of(text, fmt).startswith(message)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('{"type": "quantity", "unit": "km", "value": -1}', "value: -1 is not an amount"),
            ('{"type": "quantity", "unit": "km", "min": 5, "max": 2}', "max: 2 is less than min (5)"),
            ('{"type": "quantity", "unit": "km", "value": "15"}', "value: expected a number, got text '15'"),
            ('{"type": "quantity", "unit": "km"}', "value: a quantity needs a value, or a min or a max"),
            ('{"type": "quantity", "value": 1}', "unit: required, but missing"),
            ('{"type": "term", "id": "Mine"}', "id: 'Mine' is not a valid id"),
            (
                '{"type": "code", "scheme": "pax", "variable": "x", "level": "2"}',
                "level: expected a whole number, got text '2'",
            ),
            (
                '{"type": "relation", "kind": "amend", "target": "x", "citations": [{"source": "s", "quote": "q"}]}',
                "kind: 'amend' is not a relation kind; did you mean 'amends'?",
            ),
            (
                '{"type": "relation", "kind": "follows", "target": "x", "ends": ["c"], "citations": [{"source": "s", "quote": "q"}]}',
                "ends: a relation of kind 'follows' ends no clauses",
            ),
            (
                '{"type": "status-entry", "status": "signed", "as_of": "2015", "citations": []}',
                "citations: must list at least one",
            ),
            (
                '{"type": "vocabulary", "categories": [{"id": "siege"}]}',
                "categories[0].id: 'siege' is a built-in word already",
            ),
            ('{"type": "vocabulary", "colours": []}', "colours: unknown key 'colours'"),
            (
                '{"type": "dispute", "id": "d", "topic": "t", "fields": ["title", "colour"], "claims": []}',
                "fields[1]: 'colour' is not a disputed field; expected one of 'title', 'date', 'status', 'place', 'territory'",
            ),
            (
                '{"type": "citation", "source": "s", "quote": "q", "language": "Arabic"}',
                "language: 'Arabic' is not a language tag",
            ),
            (
                '{"type": "source", "id": "s", "description": "d", "url": "osce.org"}',
                "url: 'osce.org' is not a web address",
            ),
            (
                '{"type": "clause", "id": "c", "category": "siege", "summary": "s", "obligors": ["a", "a"], "citations": [{"source": "s", "quote": "q"}]}',
                "obligors: 'a' is listed twice",
            ),
            (
                '{"type": "weapons-term", "action": "store"}',
                "classes: a weapons term names weapon classes, systems, a calibre or all_weapons",
            ),
            (
                '{"type": "agreement", "id": "a", "title": "t", "date": "2015", "status": "signed", "coverage": "full", "citations": [{"source": "s", "quote": "q"}]}',
                "coverage: 'full' is not a coverage; did you mean 'full-text'?",
            ),
        ],
    )
    def test_bad_new_records(self, text: str, message: str) -> None:
        assert error_of(text, "json").splitlines()[0].startswith(message)


class TestOldFiles:
    """Files written for the format before obligors, quantities and relations."""

    CLAUSE = 'type = "clause"\nid = "c"\ncategory = "checkpoints"\nsummary = "s"\ncitations = [{source = "s", quote = "q"}]\n'

    def test_obligor_reads_as_obligors(self) -> None:
        clause = ag.loads(self.CLAUSE + 'obligor = "army"\n', "toml", cls=Clause)
        assert (clause.obligors, clause.obligor) == (("army",), "army")
        assert ag.dumps(clause, "toml").count("obligors = [") == 1
        nobody = '{"type": "clause", "id": "c", "category": "siege", "summary": "s", "obligor": null, "citations": [{"source": "s", "quote": "q"}]}'
        assert ag.loads(nobody, "json", cls=Clause).obligors == ()
        # Both spellings at once: the old one is an unknown key.
        assert (
            error_of(self.CLAUSE + 'obligor = "army"\nobligors = ["army"]\n')
            == "obligor: unknown key 'obligor'; did you mean 'obligors'?"
        )

    def test_count_says_what_to_write(self) -> None:
        assert error_of(self.CLAUSE + "count = 9\n") == (
            "count: 'count' is now a quantity with its unit: write quantity = "
            '{value = 9, unit = "checkpoints"} (or the unit it counts)'
        )

    def test_follows_says_what_to_write_and_the_rest_is_read_too(self) -> None:
        text = AGREEMENT_TOML.replace('"signed"', '"signd"') + 'follows = "busra-al-sham-2018"\n'
        text += '\n[[clauses]]\nid = "c"\ncategory = "siege"\nsummary = "s"\ncount = 3\ncitations = [{source = "s", quote = "q"}]\n'
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.loads(text, "toml")
        assert [(problem.path, problem.code) for problem in caught.value.problems] == [
            ("follows", "renamed"),
            ("clauses[0].count", "renamed"),
            ("status", "invalid"),
        ]
        assert caught.value.problems[0].message == (
            "'follows' is now a relation with its citations: write relations = "
            '[{kind = "follows", target = "busra-al-sham-2018", citations = [...]}]'
        )

    def test_guarantors_say_to_write_third_parties_with_roles(self) -> None:
        text = AGREEMENT_TOML + 'guarantors = ["russia", "jordan"]\n'
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.loads(text, "toml")
        assert [(problem.path, problem.code) for problem in caught.value.problems] == [
            ("guarantors", "renamed")
        ]
        assert caught.value.problems[0].message == (
            "'guarantors' is now 'third_parties', each with its role: write third_parties = "
            '[{actor = "russia", role = "guarantor", citations = [...]}, ...] (one per guarantor)'
        )
        # Said once, in a corpus too, with the actor of a table, and for anything else in the list.
        corpus = "[[agreements]]\n" + AGREEMENT_TOML.replace('type = "agreement"\n', "")
        assert error_of(corpus + 'guarantors = [{actor = "turkey"}]\n').count("guarantors") == 2
        assert 'actor = "turkey"' in error_of(corpus + 'guarantors = [{actor = "turkey"}]\n')
        assert '[{actor = "...", role' in error_of(AGREEMENT_TOML + "guarantors = 3\n")

    def test_inside_a_corpus(self) -> None:
        text = "[[agreements]]\n" + AGREEMENT_TOML.replace('type = "agreement"\n', "") + "follows = 7\n"
        assert error_of(text).startswith(
            "agreements[0].follows: 'follows' is now a relation with its citations: write relations = [{kind = \"follows\", target = 7,"
        )


class TestVocabularyInFiles:
    def test_schema_for_a_vocabulary_accepts_exactly_its_words(self) -> None:
        mine = ag.Vocabulary(categories=[ag.Term(id="prisoner-lists")], place_kinds=[ag.Term(id="buffer")])
        strict = jsonschema.Draft202012Validator(ag.schema(vocabulary=mine))
        loose = jsonschema.Draft202012Validator(ag.schema())
        clause = {"type": "clause", "id": "c", "summary": "s", "citations": [{"source": "s", "quote": "q"}]}
        for word, known in (("prisoner-lists", True), ("siege", True), ("fishing", False)):
            assert strict.is_valid({**clause, "category": word}) is known
            assert loose.is_valid({**clause, "category": word})
        assert not loose.is_valid({**clause, "category": "Fishing rights"})
        place = {"type": "place", "id": "p", "name": "P"}
        assert strict.is_valid({**place, "kind": "buffer"})
        assert not strict.is_valid({**place, "kind": "prisoner-lists"})
        kinds = ag.schema(vocabulary=mine)["$defs"]["Place"]["properties"]["kind"]["enum"]
        assert kinds[-1] == "buffer"
        assert kinds[:-1] == [kind.value for kind in ag.PlaceKind]
        with pytest.raises(ag.ArgumentTypeError, match="vocabulary: expected a Vocabulary"):
            ag.schema(vocabulary={"categories": []})  # type: ignore[arg-type]

    def test_a_folder_merges_its_vocabularies(self, tmp_path: Path) -> None:
        ag.dump(ag.Vocabulary(categories=[ag.Term(id="prisoner-lists")]), tmp_path / "words.toml")
        more = ag.Vocabulary(weapon_classes=[ag.Term(id="mortars")])
        ag.dump(Corpus(sources=CORPUS.sources, vocabulary=more), tmp_path / "more.json")
        clause = Clause(id="c", category="prisoner-lists", summary="s", citations=[CITE])
        ag.dump(attrs.evolve(AGREEMENT, clauses=[clause]), tmp_path / "a.toml")
        loaded = ag.load(tmp_path)
        assert loaded.vocabulary == ag.Vocabulary(  # type: ignore[union-attr]
            categories=[ag.Term(id="prisoner-lists")], weapon_classes=[ag.Term(id="mortars")]
        )
        # Read alone, the agreement leaves its words to the corpus; checked alone, it uses the built-in ones.
        assert ag.load(tmp_path / "a.toml") == attrs.evolve(AGREEMENT, clauses=[clause])
        assert [problem.code for problem in validate(tmp_path / "a.toml")] == ["unknown-term"]
        assert validate(tmp_path) == ()

    def test_a_folder_whose_vocabularies_disagree(self, tmp_path: Path) -> None:
        ag.dump(ag.Vocabulary(categories=[ag.Term(id="lists", label="Lists")]), tmp_path / "a.toml")
        ag.dump(ag.Vocabulary(categories=[ag.Term(id="lists", label="Prisoner lists")]), tmp_path / "b.toml")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file == str(tmp_path / "b.toml")
        assert caught.value.problems[0].path == "vocabulary.categories"
        assert "'lists' in their vocabulary's categories, differently" in caught.value.problems[0].message

    def test_a_corpus_file_checks_its_words_against_its_vocabulary(self, tmp_path: Path) -> None:
        clause = Clause(id="c", category="prisoner-list", summary="s", citations=[CITE])
        mine = Corpus(
            sources=CORPUS.sources,
            agreements=[attrs.evolve(AGREEMENT, clauses=[clause])],
            vocabulary=ag.Vocabulary(categories=[ag.Term(id="prisoner-lists")]),
        )
        ag.dump(mine, tmp_path / "mine.toml")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path / "mine.toml")
        assert str(caught.value) == (
            f"{tmp_path / 'mine.toml'}: agreements[0].clauses[0].category: 'prisoner-list' is not a category of"
            " this corpus; did you mean 'prisoner-lists'?"
        )
