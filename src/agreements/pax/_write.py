"""Our agreements in PA-X's columns: the codes their clauses carry, or those the mapping derives.

A clause read from PA-X carries PA-X's own code, and is written back with it.
A clause of ours sets the variables :data:`~agreements.pax._variables.WRITE`
gives for its category (when the rule's condition holds), each with the
variable it refines: a 0/1 variable is 1; a graded one is 2 ("some detail")
for one clause and 3 ("detailed") for two or more, since each of our clauses
is a concrete term with its actors (PA-X's level 1, "rhetorical", is never
derived). A variable no rule sets is left empty, never guessed; for an
agreement read from its full text, a variable the mapping could set and does
not is 0.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from agreements._files import write_text
from agreements.corpus import corpus as builtin_corpus
from agreements.exceptions import ArgumentTypeError
from agreements.model import Agreement, Clause, Code, Corpus, Coverage, PartialDate, Status, ThirdPartyRole
from agreements.pax._variables import ID_COLUMN, SCHEME, V3_COLUMNS, VARIABLES, WRITE, Rule

__all__ = ["code", "derived", "to_csv", "to_rows", "write"]

_SIGNED: Final = frozenset({Status.SIGNED, Status.IN_FORCE, Status.COLLAPSED, Status.SUPERSEDED})
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Every variable a rule of the mapping can set, with the variables they refine.
DERIVABLE: Final = frozenset(
    {
        name
        for rule in WRITE.values()
        for variable in rule.variables
        for name in (variable, VARIABLES[variable].parent)
        if name is not None
    }
)


def _pax_codes(clause: Clause) -> tuple[Code, ...]:
    return tuple(code for code in clause.codes if code.scheme == SCHEME)


def _rule(clause: Clause, corpus: Corpus) -> Rule | None:
    """The rule of the mapping that a clause of ours sets PA-X variables by, if one applies to it."""
    rule = WRITE.get(clause.category)
    return rule if rule is not None and (rule.when is None or rule.when(clause, corpus)) else None


def derived(agreement: Agreement, corpus: Corpus) -> dict[str, int]:
    """The PA-X variables our clauses set, with their levels, by the mapping; clauses that carry PA-X codes add none.

    >>> import agreements as ag
    >>> sorted(derived(ag.get("busra-al-sham-2018"), ag.corpus()).items())
    [('DdrDemil', 1), ('GRef', 3), ('GRefSubs', 1), ('ImE', 1), ('Pubad', 2), ('SsrDdr', 3)]
    """
    counts: Counter[str] = Counter()
    for clause in agreement.clauses:
        if _pax_codes(clause):
            continue
        rule = _rule(clause, corpus)
        if rule is None:
            continue
        for variable in rule.variables:
            parent = VARIABLES[variable].parent
            counts.update([variable] if parent is None else [variable, parent])
    return {variable: _level(variable, count) for variable, count in counts.items()}


def _level(variable: str, clauses: int) -> int:
    if not VARIABLES[variable].graded:
        return 1
    return 2 if clauses == 1 else 3


def code(agreement: Agreement, *, corpus: Corpus | None = None) -> Agreement:
    """The agreement with the PA-X codes the mapping derives put on the clauses that set them.

    Clauses that already carry PA-X codes are left as they are. A graded
    variable's level is the agreement's (2 for one clause, 3 for more), given
    on each clause that counts towards it.
    """
    ArgumentTypeError.check("agreement", agreement, Agreement, "an Agreement")
    corpus = _corpus(corpus)
    levels = derived(agreement, corpus)
    clauses = []
    for clause in agreement.clauses:
        rule = None if _pax_codes(clause) else _rule(clause, corpus)
        if rule is None:
            clauses.append(clause)
            continue
        names = [
            name
            for variable in rule.variables
            for name in (variable, VARIABLES[variable].parent)
            if name is not None
        ]
        codes = [Code(scheme=SCHEME, variable=name, level=levels[name]) for name in dict.fromkeys(names)]
        clauses.append(attrs.evolve(clause, codes=[*clause.codes, *codes]))
    return attrs.evolve(agreement, clauses=clauses)


def _corpus(corpus: Corpus | None) -> Corpus:
    if corpus is None:
        return builtin_corpus()
    ArgumentTypeError.check("corpus", corpus, Corpus, "a Corpus")
    return corpus


def _date(date: PartialDate) -> str:
    if date.day is not None and not date.approximate:
        return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    return str(date)


def _country(agreement: Agreement, corpus: Corpus) -> str:
    """The name of the country the agreement's place lies in (the outermost place), or ``""``."""
    place = corpus.places.get(agreement.place) if agreement.place is not None else None
    seen: set[str] = set()
    while place is not None and place.parent is not None and place.parent in corpus.places:
        if place.id in seen:
            break  # a cycle of parents, which check() reports
        seen.add(place.id)
        place = corpus.places[place.parent]
    return "" if place is None else place.name


def _status(agreement: Agreement) -> str:
    if agreement.status not in _SIGNED:
        return ""
    return "Multiparty signed/agreed" if len(agreement.parties) >= 2 else "Unilateral document"


def _third(role: ThirdPartyRole, name: str) -> str:
    return name if role is ThirdPartyRole.UNSPECIFIED else f"{role.value.capitalize()}: {name}"


def _row(agreement: Agreement, corpus: Corpus) -> dict[str, str]:
    row: dict[str, str] = {}
    carried: dict[str, str] = {}
    for clause in agreement.clauses:
        for found in _pax_codes(clause):
            if found.level is not None:
                before = carried.get(found.variable, "")
                carried[found.variable] = str(max(found.level, int(before) if before.isdigit() else 0))
            elif found.label is not None:
                carried[found.variable] = found.label
    levels = {name: str(level) for name, level in derived(agreement, corpus).items()}
    if agreement.coverage is Coverage.FULL_TEXT:
        levels = {**dict.fromkeys(sorted(DERIVABLE), "0"), **levels}
    number = agreement.id.removeprefix("pax-")
    row["AgtId"] = number if agreement.id.startswith("pax-") and number.isdigit() else ""
    row["Agt"] = agreement.title
    row["Dat"] = _date(agreement.date)
    row["Status"] = _status(agreement)
    row["Con"] = _country(agreement, corpus)
    # One name to a block: a blank line between names keeps a person from being read as the
    # signatory of the organisation above it.
    row["Part"] = "\n\n".join(corpus.actor_name(party.actor) for party in agreement.parties)
    row["ThrdPart"] = "\n\n".join(
        _third(third.role, corpus.actor_name(third.actor)) for third in agreement.third_parties
    )
    row.update(levels)
    row.update(carried)
    row[ID_COLUMN] = "" if row["AgtId"] else agreement.id
    return row


def to_rows(
    agreements: Iterable[Agreement] | Corpus, *, corpus: Corpus | None = None
) -> list[dict[str, str]]:
    """Agreements as PA-X rows: every column of PA-X v3, then any other PA-X variable they carry, then ``agreements_id``.

    Names of actors and places come from ``corpus`` (by default the built-in
    one; a corpus given as ``agreements`` is its own). ``AgtId`` is PA-X's
    number for an agreement read from PA-X and empty for ours, whose id goes
    in ``agreements_id``.

    >>> import agreements as ag
    >>> row = to_rows([ag.get("busra-al-sham-2018")])[0]
    >>> row["Agt"], row["Dat"], row["Con"], row["DdrDemil"], row["SsrDdr"], row["CeProv"]
    ('Busra al-Sham agreement', '2018-07~', 'Syria', '1', '3', '')
    >>> row["ThrdPart"], row["agreements_id"]
    ('Guarantor: Russia', 'busra-al-sham-2018')
    """
    if isinstance(agreements, Corpus):
        corpus = agreements if corpus is None else corpus
        agreements = list(agreements.agreements.values())
    corpus = _corpus(corpus)
    found = []
    for index, agreement in enumerate(agreements):
        ArgumentTypeError.check(f"agreements[{index}]", agreement, Agreement, "an Agreement")
        found.append(_row(agreement, corpus))
    columns = list(V3_COLUMNS)
    extra = dict.fromkeys(
        name for row in found for name in row if name not in V3_COLUMNS and name != ID_COLUMN
    )
    columns += [*extra, ID_COLUMN]
    return [{column: row.get(column, "") for column in columns} for row in found]


def _cell(text: str) -> str:
    """A cell made inert for spreadsheets (a leading apostrophe before ``=``, ``+``, ``-``, ``@``); the reader takes it off."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(agreements: Iterable[Agreement] | Corpus, *, corpus: Corpus | None = None) -> str:
    """The rows of :func:`to_rows` as CSV text: a header, then one line per agreement (line breaks inside cells quoted).

    A cell that a spreadsheet would run as a formula gets a leading
    apostrophe, which :func:`agreements.pax.read` takes off again.
    """
    rows = to_rows(agreements, corpus=corpus)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = list(rows[0]) if rows else [*V3_COLUMNS, ID_COLUMN]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return out.getvalue()


def write(
    agreements: Iterable[Agreement] | Corpus, path: str | Path, *, corpus: Corpus | None = None
) -> None:
    """Write :func:`to_csv` to ``path`` (UTF-8 with a byte-order mark, as PA-X v3 and spreadsheets like), whole or not at all."""
    write_text(Path(path), "\ufeff" + to_csv(agreements, corpus=corpus))
