"""Reading a PA-X CSV release into a corpus: one agreement per row, every value cited to its cell.

The reader keys on column names, so it reads PA-X version 3 (266 columns, the
full coding), PA-X Local (65 columns, locales and their coordinates) and any
release between, and keeps what it does not know: an unknown column becomes a
code of each agreement, with a warning. Problems carry the row (counting the
header as row 1, as a spreadsheet does), the column and the line of the file.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from agreements import _gc
from agreements._reading import MAX_BYTES, read_text
from agreements.corpus import corpus as builtin_corpus
from agreements.exceptions import ArgumentTypeError, FieldError, InvalidDataError, Problem
from agreements.model import (
    Actor,
    Agreement,
    Category,
    Citation,
    Clause,
    Code,
    Coordinates,
    Corpus,
    Coverage,
    PartialDate,
    Party,
    Place,
    PlaceKind,
    Source,
    Status,
    Term,
    ThirdParty,
    ThirdPartyRole,
    Vocabulary,
    Word,
    is_id,
)
from agreements.pax._actors import UNCLASSIFIED, Registry
from agreements.pax._parties import mentions, quotable
from agreements.pax._variables import (
    AGTP,
    BASIC_COLUMNS,
    FLAGS,
    ID_COLUMN,
    READ,
    SCHEME,
    STAGE,
    STAGE_SUB,
    THEMES,
    VARIABLES,
)
from agreements.pax._write import code
from agreements.similarity import without_marks

__all__ = [
    "Where",
    "category_of",
    "read",
    "reads",
    "validate",
    "vocabulary",
]

#: Which rows to read: a function of the row (its cells by column name), or cells by column name that
#: must equal the given text (or one of the given texts), white space at either end aside.
Where = Callable[[Mapping[str, str]], bool] | Mapping[str, str | Collection[str]]

_REQUIRED: Final = ("Agt", "Dat")
_FIELD_COLUMNS: Final = frozenset(
    {
        "AgtId",
        "Agt",
        "Dat",
        "Part",
        "ThrdPart",
        "LocaleName",
        "LocaleNat",
        "LatDec",
        "LongDec",
        "description",
        ID_COLUMN,
    }
)
# Columns PA-X Local derives from others (the title with the date, the year, the stage's label).
_DERIVED: Final = frozenset({"agt_dat", "year", "stage_label"})
_LOCAL_COLUMNS: Final = frozenset(
    {
        "Interim", "LinkNatProcess", "Mediator", "PAX_Hyperlink", "PDF_Hyperlink", "PAX_Local_Hyperlink",
        "local_search",
    }
)  # fmt: skip
_KNOWN: Final = frozenset(
    {*BASIC_COLUMNS, *VARIABLES, *FLAGS, *_FIELD_COLUMNS, *_DERIVED, *_LOCAL_COLUMNS, ID_COLUMN}
)
_MISSING: Final = frozenset({"", "NA", "N/A", "NaN", "nan"})
_LOCALE_KINDS: Final[Mapping[str, PlaceKind | Word]] = {
    "City": PlaceKind.CITY,
    "Region": PlaceKind.REGION,
    "Smaller": Word("pax-smaller"),
    "Other": Word("pax-other"),
}
_DAY_MONTH_YEAR: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WHOLE: Final = re.compile(r"(\d+)(?:\.0+)?")
#: The longest Part or ThrdPart cell a party's citation quotes whole; a longer one is quoted line by line.
_WHOLE_CELL: Final = 600

_CITATION: Final = (
    "Bell, C. & Badanjak, S. (2019), 'Introducing PA-X: A new peace agreement database and dataset', "
    "Journal of Peace Research 56(3): 452-466; and the PA-X codebook of the release used"
)


def vocabulary() -> Vocabulary:
    """The words a PA-X corpus adds: a category per theme of the codebook, and the kinds PA-X leaves open.

    >>> sorted(term.id for term in vocabulary().categories)[:3]
    ['pax-gender', 'pax-governance', 'pax-groups']
    """
    return _VOCABULARY


_VOCABULARY: Final = Vocabulary(
    categories=[
        Term(id=f"pax-{theme}", label=label, description=f"What PA-X codes under {label.split(': ', 1)[1]}.")
        for theme, label in THEMES.items()
    ],
    actor_kinds=[
        Term(
            id=str(UNCLASSIFIED),
            label="unclassified",
            description="An actor PA-X names without saying what sort it is, and whose name does not say either.",
        )
    ],
    place_kinds=[
        Term(
            id="pax-smaller",
            label="smaller locale",
            description="PA-X Local's 'Smaller' locale: less than a city (a neighbourhood, a village, a checkpoint).",
        ),
        Term(id="pax-other", label="other locale", description="PA-X Local's 'Other' locale."),
    ],
)


def category_of(variable: str) -> Category | Word:
    """The category of the clause a coded variable becomes: ours where the mapping gives one, else its theme's.

    >>> category_of("CeProv"), category_of("SsrPsf"), category_of("Cover")
    (<Category.CEASEFIRE: 'ceasefire'>, 'pax-security-sector', 'pax-local-issues')
    """
    if variable in READ:
        return READ[variable]
    return Word(f"pax-{VARIABLES[variable].theme}")


def _active(cell: str) -> str:
    """A cell as it was before :func:`agreements.pax.to_csv` put an apostrophe before a formula's first character."""
    return (
        cell[1:]
        if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n") and cell[1:]
        else cell
    )


def _blank(text: str) -> bool:
    return text.strip() in _MISSING


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = without_marks(text).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].rstrip("-") or "place"


def _source(document: str, local: bool) -> Source:
    stem = _slug(Path(document).stem)
    release = (
        "PA-X Local: local agreements, their locales and coordinates" if local else "PA-X: the full coding"
    )
    return Source(
        id=stem if stem.startswith("pax") else f"pax-{stem}",
        description=f"PA-X Peace Agreements Database (PeaceRep, University of Edinburgh), {release}, file {document}. Cite as {_CITATION}.",
        document=document,
        url="https://pax.peaceagreements.org/",
        title="PA-X Peace Agreements Database",
        author="Bell, C. and Badanjak, S.",
        outlet="PeaceRep, University of Edinburgh Law School",
        language="en",
    )


def _level(text: str) -> int | None:
    found = _WHOLE.fullmatch(text.strip())
    return None if found is None else int(found.group(1))


def _date(text: str) -> PartialDate:
    text = text.strip()
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
        return PartialDate(year=year, month=month, day=day)
    return PartialDate.parse(text)


def _topic_clause(source: str, variable: str, level: int, quote: str) -> Clause:
    """The clause of one coded variable: the same in every row that codes it alike (the reader makes it once)."""
    known = VARIABLES[variable]
    graded = f", level {level} of 3" if known.graded else ""
    return Clause(
        id=variable.lower(),
        category=category_of(variable),
        summary=f"PA-X codes the agreement for {known.label} ({variable} = {level}{graded}).",
        citations=[Citation(source=source, quote=quote)],
        codes=[Code(scheme=SCHEME, variable=variable, level=level)],
    )


@attrs.frozen
class _Kinds:
    """The columns of a file by what the reader makes of them: levels (topics, flags) and labels (the rest)."""

    level_names: tuple[str, ...]
    level_cells: Callable[[Sequence[str]], Sequence[str]]  # the cells of those columns in a record, at once
    labels: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, columns: Mapping[str, int]) -> _Kinds:
        levels = [(name, index) for name, index in columns.items() if name in VARIABLES or name in FLAGS]
        indexes = [index for _, index in levels]
        return cls(
            level_names=tuple(name for name, _ in levels),
            level_cells=operator.itemgetter(*indexes)
            if len(indexes) > 1
            else lambda record: [record[i] for i in indexes],
            labels=tuple(
                (name, index)
                for name, index in columns.items()
                if name not in VARIABLES
                and name not in FLAGS
                and name not in _FIELD_COLUMNS
                and name not in _DERIVED
            ),
        )


class _Reader:
    """One pass over the records of a file; :meth:`run` gives the corpus and every problem."""

    def __init__(self, text: str, document: str, where: Where | None) -> None:
        self.text = text.removeprefix("\ufeff")
        self.document = document
        self.where = where
        self.problems: list[Problem] = []
        self.registry = Registry()
        self.places: dict[str, Place] = {}
        self.place_keys: dict[tuple[object, ...], str] = {}
        self.ids: set[str] = set()
        self.errors = 0
        self._clauses: dict[tuple[str, str, int, str], Clause] = {}
        self._citations: dict[tuple[str, str], Citation] = {}
        self._codes: dict[tuple[str, int | None, str | None], Code] = {}
        self.kinds: _Kinds | None = None
        # What a cell of the coded columns reads as, by its text: (level, text stripped); ("", ...) is blank.
        self._levels: dict[str, tuple[int | None, str]] = {}
        # What a cell of each other column (:attr:`_Kinds.labels`) gives, by its text: () when it is blank.
        self._labels: list[dict[str, tuple[str, Code, str] | tuple[()]]] = []

    def clause(self, source: str, variable: str, level: int, quote: str) -> Clause:
        found = self._clauses.get((source, variable, level, quote))
        if found is None:
            found = self._clauses[source, variable, level, quote] = _topic_clause(
                source, variable, level, quote
            )
        return found

    def cite(self, source: str, quote: str) -> Citation:
        found = self._citations.get((source, quote))
        if found is None:
            found = self._citations[source, quote] = Citation(source=source, quote=quote)
        return found

    # ----------------------------------------------------------- problems

    def problem(
        self,
        row: int,
        column: str | None,
        message: str,
        code: str,
        *,
        line: int | None,
        warning: bool = False,
    ) -> None:
        path = f"row {row}" + (f", column {column}" if column else "")
        self.errors += not warning
        self.problems.append(
            Problem(
                path=path, message=message, code=code, severity="warning" if warning else "error", line=line
            )
        )

    # -------------------------------------------------------------- records

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """``(line where the record starts, cells)`` for every record of the file, header first."""
        reader = csv.reader(io.StringIO(self.text, newline=""), strict=True)
        start = 1
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.problems.append(
                    Problem(
                        path="", message=f"not a CSV file here: {error}", code="pax-csv", line=reader.line_num
                    )
                )
                return
            yield start, record
            start = reader.line_num + 1

    def run(self) -> tuple[Corpus, list[Problem]]:
        records = self.records()
        first = next(records, None)
        if first is None:
            self.problems.append(
                Problem(path="", message="the file is empty: no header row", code="pax-header")
            )
            return Corpus(vocabulary=_VOCABULARY), self.problems
        _, header = first
        header = [name.strip().removeprefix("\ufeff") for name in header]
        columns = self.columns(header)
        if columns is None:
            return Corpus(vocabulary=_VOCABULARY), self.problems
        local = "LocaleName" in columns or "LatDec" in columns
        source = _source(self.document, local)
        ours = ID_COLUMN in columns  # written by agreements.pax.to_csv, which makes formula cells inert
        agreements = []
        for number, (line, cells) in enumerate(records, start=2):
            record = [_active(cell) for cell in cells] if ours else cells
            if len(record) != len(header):
                self.problem(
                    number,
                    None,
                    f"{len(record)} cells, but the header has {len(header)} columns",
                    "pax-row-width",
                    line=line,
                )
                continue
            if not self.wanted(header, record):
                continue
            before = self.errors
            agreement = self.agreement(number, line, record, columns, source.id)
            if agreement is not None and self.errors == before:
                agreements.append(agreement)
        corpus = Corpus(
            sources=[source],
            actors=self.actors(),
            places=list(self.places.values()),
            agreements=agreements,
            vocabulary=_VOCABULARY,
        )
        return corpus, self.problems

    def actors(self) -> list[Actor]:
        return self.registry.actors()

    def columns(self, header: list[str]) -> dict[str, int] | None:
        indexes: dict[str, int] = {}
        for index, name in enumerate(header):
            if not name:
                self.problem(1, f"#{index + 1}", "a column without a name", "pax-header", line=1)
            elif name in indexes:
                self.problem(1, name, "the column is named twice", "pax-header", line=1)
            else:
                indexes[name] = index
        for name in _REQUIRED:
            if name not in indexes:
                self.problem(1, name, "a PA-X file needs this column", "pax-header", line=1)
        if "AgtId" not in indexes and ID_COLUMN not in indexes:
            self.problem(1, "AgtId", "a PA-X file needs this column", "pax-header", line=1)
        for name in indexes:
            if name not in _KNOWN:
                self.problem(
                    1,
                    name,
                    "not a PA-X column this reader knows: kept as a code of each agreement (Code(variable=column, label=cell))",
                    "pax-unknown-column",
                    line=1,
                    warning=True,
                )
        if any(problem.severity == "error" for problem in self.problems):
            return None
        return indexes

    def wanted(self, header: list[str], record: list[str]) -> bool:
        if self.where is None:
            return True
        row = dict(zip(header, record, strict=True))
        if callable(self.where):
            return bool(self.where(row))
        for name, wanted in self.where.items():
            value = row.get(name, "").strip()
            if (value != wanted) if isinstance(wanted, str) else (value not in wanted):
                return False
        return True

    # -------------------------------------------------------------- a row

    def agreement(
        self, number: int, line: int, record: list[str], columns: dict[str, int], source: str
    ) -> Agreement | None:
        def cell(name: str) -> str:
            index = columns.get(name)
            return "" if index is None else record[index]

        agreement_id = self.identifier(number, line, cell("AgtId"), cell(ID_COLUMN))
        title = " ".join(cell("Agt").split())
        if not title:
            self.problem(number, "Agt", "the agreement has no title", "pax-title", line=line)
        try:
            date = _date(cell("Dat"))
        except FieldError:
            self.problem(
                number,
                "Dat",
                f"{cell('Dat').strip()!r} is not a date (YYYY-MM-DD, or day/month/year)",
                "pax-date",
                line=line,
            )
            date = None
        topics, labels = self.codes(number, line, record, columns)
        place = self.locale(number, line, cell, source)
        if agreement_id is None or date is None or not title:
            return None
        citations = [self.cite(source, quotable(cell("Agt")))]
        if quotable(cell("Dat")):
            citations.append(self.cite(source, quotable(cell("Dat"))))
        description = " ".join(cell("description").split())
        if description and quotable(cell("description")):
            citations.append(self.cite(source, quotable(cell("description"))))
        parties, third_parties = self.parties(number, cell, source)
        clauses = [self.clause(source, variable, level, quote) for variable, level, quote in topics]
        if labels:
            clauses.insert(0, self.classification(labels, source))
        return Agreement(
            id=agreement_id,
            title=title,
            date=date,
            status=Status.SIGNED,
            citations=citations,
            summary=_summary(cell, description),
            place=place,
            coverage=Coverage.PARTIAL,
            parties=parties,
            third_parties=third_parties,
            clauses=clauses,
        )

    def identifier(self, number: int, line: int, agt_id: str, own: str) -> str | None:
        text, own = agt_id.strip(), own.strip()
        if not text and own:
            if not is_id(own):
                self.problem(number, ID_COLUMN, f"{own!r} is not an id", "pax-id", line=line)
                return None
            found = own
        elif (whole := _level(text)) is None:
            what = repr(text) if text else "an empty cell"
            self.problem(
                number, "AgtId", f"{what} is not a PA-X agreement id (a whole number)", "pax-id", line=line
            )
            return None
        else:
            found = f"pax-{whole}"
        if found in self.ids:
            self.problem(
                number, "AgtId", f"a second agreement with the id {found!r}", "pax-duplicate-id", line=line
            )
            return None
        self.ids.add(found)
        return found

    def codes(
        self, number: int, line: int, record: list[str], columns: dict[str, int]
    ) -> tuple[list[tuple[str, int, str]], list[tuple[str, Code, str]]]:
        """The coded topics ``(variable, level, quote)``, and the other columns as codes with their quotes.

        A column holds few distinct cells ("1", a country, a stage), so each is read once per file:
        a level once per text, a label once per column and text.
        """
        kinds = self.kinds
        if kinds is None:
            kinds = self.kinds = _Kinds.of(columns)
            self._labels = [{} for _ in kinds.labels]
        topics: list[tuple[str, int, str]] = []
        labels: list[tuple[str, Code, str]] = []
        cells = kinds.level_cells(record)
        levels = self._levels
        # Most cells are "0": compress leaves those out in C.
        coded = itertools.compress(zip(kinds.level_names, cells, strict=True), map("0".__ne__, cells))
        for name, text in coded:
            found = levels.get(text)
            if found is None:
                found = levels[text] = (None, "") if _blank(text) else (_level(text), text.strip())
            level, stripped = found
            if not stripped:  # a blank cell
                continue
            if level is None or level > 3:
                self.problem(
                    number, name, f"{stripped!r} is not a level (0, 1, 2 or 3)", "pax-level", line=line
                )
            elif level and name in VARIABLES:
                topics.append((name, level, stripped))
            elif level:
                labels.append((name, self.code(name, level, None), stripped))
        for (name, index), seen in zip(kinds.labels, self._labels, strict=True):
            text = record[index]
            label = seen.get(text)
            if label is None:
                label = seen[text] = (
                    () if _blank(text) else (name, self.code(name, None, text.strip()), quotable(text))
                )
            if label:
                labels.append(label)
        return topics, labels

    def code(self, name: str, level: int | None, label: str | None) -> Code:
        found = self._codes.get((name, level, label))
        if found is None:
            found = self._codes[name, level, label] = Code(
                scheme=SCHEME, variable=name, level=level, label=label
            )
        return found

    def classification(self, labels: list[tuple[str, Code, str]], source: str) -> Clause:
        described = {name: code for name, code, _ in labels}
        words = [
            f"{name} = {code.label if code.label is not None else code.level}"
            for name, code in described.items()
        ]
        shown = "; ".join(words[:8]) + (f"; and {len(words) - 8} more" if len(words) > 8 else "")
        quotes = list(dict.fromkeys(quote for _, _, quote in labels if quote))
        return Clause(
            id="pax",
            category=Category.OTHER,
            summary=f"PA-X classifies the agreement: {shown}.",
            citations=[self.cite(source, quote) for quote in quotes],
            codes=[code for _, code, _ in labels],
        )

    def parties(
        self, number: int, cell: Callable[[str], str], source: str
    ) -> tuple[list[Party], list[ThirdParty]]:
        parties: dict[str, list[Citation]] = {}
        # One third party per actor and role: PA-X may name an actor once as guarantor and once as mediator.
        thirds: dict[tuple[str, ThirdPartyRole], list[Citation]] = {}
        for column, third in (("Part", False), ("ThrdPart", True)):
            text = cell(column)
            # The quote is the cell's text; in a long cell (a list of hundreds of signatories), or one
            # whose quotation marks the CSV file doubles, the line that gives the name.
            whole = text.strip() if len(text) <= _WHOLE_CELL and '"' not in text else None
            for mention in mentions(text, third_parties=third):
                actor = self.registry.add(mention, number)
                citation = self.cite(source, whole or mention.quote)
                found = (
                    parties.setdefault(actor, [])
                    if mention.role is None
                    else thirds.setdefault((actor, mention.role), [])
                )
                if citation not in found:
                    found.append(citation)
        with_role = {actor for actor, role in thirds if role is not ThirdPartyRole.UNSPECIFIED}
        return (
            [Party(actor=actor, citations=citations) for actor, citations in parties.items()],
            [
                ThirdParty(actor=actor, role=role, citations=found)
                for (actor, role), found in thirds.items()
                if role is not ThirdPartyRole.UNSPECIFIED or actor not in with_role
            ],
        )

    # ------------------------------------------------------------- places

    def country(self, name: str) -> str | None:
        name = " ".join(name.split())
        if not name:
            return None
        key: tuple[object, ...] = ("country", name)
        if key not in self.place_keys:
            kind = PlaceKind.COUNTRY if "/" not in name and "(" not in name else PlaceKind.REGION
            self.place_keys[key] = self.new_place(
                name, kind=kind, parent=None, coordinates=None, citations=()
            )
        return self.place_keys[key]

    def new_place(
        self,
        name: str,
        *,
        kind: PlaceKind | Word,
        parent: str | None,
        coordinates: Coordinates | None,
        citations: tuple[Citation, ...],
    ) -> str:
        base = f"pax-{_slug(name)}"
        place_id, count = base, 2
        while place_id in self.places:
            place_id, count = f"{base}-{count}", count + 1
        self.places[place_id] = Place(
            id=place_id, name=name, kind=kind, parent=parent, coordinates=coordinates, citations=citations
        )
        return place_id

    def locale(self, number: int, line: int, cell: Callable[[str], str], source: str) -> str | None:
        """The place of the agreement: its locale (PA-X Local), else the country or area of ``Con``."""
        country = self.country(cell("Con"))
        name = " ".join(cell("LocaleName").split())
        coordinates = self.coordinates(number, line, cell("LatDec"), cell("LongDec"))
        if not name and coordinates is None:
            return country
        nature = cell("LocaleNat").strip()
        kind = _LOCALE_KINDS.get(nature)
        if kind is None:
            if nature:
                self.problem(
                    number,
                    "LocaleNat",
                    f"{nature!r} is not a kind of locale this reader knows (City, Region, Smaller, Other): read as Other",
                    "pax-locale-kind",
                    line=line,
                    warning=True,
                )
            kind = Word("pax-other")
        citations = tuple(
            self.cite(source, quotable(cell(column)))
            for column in ("LocaleName", "LatDec", "LongDec")
            if quotable(cell(column)) and (column == "LocaleName" or coordinates is not None)
        )
        shown = name or f"Locale of PA-X agreement {cell('AgtId').strip() or number}"
        key = ("locale", shown, kind, country, coordinates)
        if key not in self.place_keys:
            self.place_keys[key] = self.new_place(
                shown, kind=kind, parent=country, coordinates=coordinates, citations=citations
            )
        return self.place_keys[key]

    def coordinates(self, number: int, line: int, latitude: str, longitude: str) -> Coordinates | None:
        if _blank(latitude) or _blank(longitude):
            return None
        try:
            point = (float(latitude), float(longitude))
        except ValueError:
            self.problem(
                number,
                "LatDec",
                f"{latitude.strip()!r}, {longitude.strip()!r} are not numbers",
                "pax-coordinates",
                line=line,
            )
            return None
        if 0.0 in point:
            return None  # PA-X Local writes 0.0 for a coordinate it does not have
        try:
            return Coordinates(latitude=point[0], longitude=point[1])
        except FieldError as error:
            column = "LatDec" if error.field == "latitude" else "LongDec"
            self.problem(number, column, error.message, "pax-coordinates", line=line)
            return None


def _summary(cell: Callable[[str], str], description: str) -> str:
    """One line on what PA-X says of the agreement: where, which process, which stage, which type."""
    parts = []
    if cell("Con").strip():
        parts.append(" ".join(cell("Con").split()))
    if cell("PPName").strip():
        parts.append(f"process: {' '.join(cell('PPName').split())}")
    stage, sub = cell("Stage").strip(), cell("StageSub").strip()
    if stage:
        said = STAGE.get(stage, stage) + (f", {STAGE_SUB.get(sub, sub)}" if sub else "")
        parts.append(f"stage: {said} ({stage}{'/' + sub if sub else ''})")
    kind = cell("Agtp").strip()
    if kind:
        parts.append(f"type: {AGTP.get(kind, kind)} ({kind})")
    if cell("Status").strip():
        parts.append(f"status: {cell('Status').strip()}")
    line = f"PA-X: {'; '.join(parts)}." if parts else ""
    if description:
        line += f" PA-X Local's description: {description}"
    return line.strip()


def reads(
    text: str, *, document: str = "pax.csv", where: Where | None = None, skip_invalid: bool = False
) -> Corpus:
    """A corpus from the text of a PA-X CSV file; ``document`` is the file name its source gives.

    See :func:`read`.
    """
    ArgumentTypeError.check("text", text, str, "the text of a CSV file")
    with _gc.paused():  # many records, no cycles: see agreements._gc
        corpus, problems = _Reader(text, document, where).run()
    errors = [problem for problem in problems if problem.severity == "error"]
    whole_file = [problem for problem in errors if not _row_problem(problem)]
    if whole_file or (errors and not skip_invalid):
        raise InvalidDataError(errors, file=document)
    return corpus


def _row_problem(problem: Problem) -> bool:
    """Whether a problem is a data row's (the row is left out), not the header's or the file's."""
    return problem.path.startswith("row ") and not problem.path.startswith(("row 1,", "row 1 "))


def _text(path: str | Path, max_bytes: int) -> str:
    ArgumentTypeError.check("path", path, (str, Path), "a file name")
    try:
        return read_text(Path(path), max_bytes=max_bytes)
    except InvalidDataError as error:
        raise InvalidDataError(error.problems, file=str(path)) from None


def read(
    path: str | Path,
    *,
    where: Where | None = None,
    with_builtin: bool = False,
    skip_invalid: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Corpus:
    """The agreements of a PA-X CSV file (any release, full or Local) as a corpus.

    ``where`` picks the rows to read (see :data:`Where`). ``skip_invalid``
    leaves out the rows with errors instead of raising; a problem with the
    file as a whole (its header, its encoding) raises anyway, and
    :func:`validate` lists every problem. With ``with_builtin`` the built-in
    corpus is merged in, its agreements coded in PA-X terms (:func:`code`), so
    that :func:`agreements.similar` compares them on PA-X's codes too.
    Like :func:`agreements.load`, only a regular UTF-8 file of at most
    ``max_bytes`` bytes is read (10 MiB by default).
    """
    found = reads(_text(path, max_bytes), document=Path(path).name, where=where, skip_invalid=skip_invalid)
    if not with_builtin:
        return found
    builtin = builtin_corpus()
    coded = attrs.evolve(
        builtin, agreements=[code(agreement, corpus=builtin) for agreement in builtin.agreements.values()]
    )
    return coded.merge(found)


def validate(
    path: str | Path, *, where: Where | None = None, max_bytes: int = MAX_BYTES
) -> tuple[Problem, ...]:
    """Every problem of a PA-X file, errors and warnings (unknown columns, ...), without raising."""
    try:
        text = _text(path, max_bytes)
    except InvalidDataError as error:
        return error.problems
    _, problems = _Reader(text, Path(path).name, where).run()
    return tuple(attrs.evolve(problem, file=str(path)) for problem in problems)
