"""Write docs/corpus.md: every built-in agreement with its clauses, each followed by its quotes.

Run from the project's root: ``python scripts/corpus_doc.py``. A test checks
that the committed page equals what this script writes, so the page never
drifts from the data.

Every record that carries an ``inference`` note shows it, and each agreement
ends with a table of its structured values, each marked *stated* (its quotes
say it) or *inferred* (with the reasoning): the entailment list of the corpus.
The judgement calls behind it are in docs/corpus-audit.md, written by hand.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

import agreements as ag
from agreements.model import heaviest_first

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generated import write_or_check

PAGE = Path(__file__).resolve().parent.parent / "docs" / "corpus.md"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def escape(text: str) -> str:
    """Text safe to put in Markdown prose: special characters escaped, whitespace folded."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _quotes(corpus: ag.Corpus, citations: Iterable[ag.Citation], indent: str = "") -> list[str]:
    lines = []
    for citation in citations:
        source = corpus.sources.get(citation.source)
        document = (source.document if source is not None else None) or "?"
        lines.append(f"{indent}> “{escape(citation.quote)}” — `{citation.source}` ({escape(document)})")
        lines.append(f"{indent}>")
    if lines:
        lines.pop()
    return lines


def _name(corpus: ag.Corpus, actor_id: str | None) -> str:
    if actor_id is None:
        return "—"
    actor = corpus.actors.get(actor_id)
    return escape(actor.name) if actor else f"`{actor_id}`"


def _place(corpus: ag.Corpus, place_id: str) -> str:
    place = corpus.places.get(place_id)
    return escape(place.name) if place else f"`{place_id}`"


def _inferred(note: str | None, indent: str = "  ") -> list[str]:
    return [f"{indent}*Inferred:* {escape(note)}", ""] if note else []


def _names(corpus: ag.Corpus, actor_ids: Iterable[str]) -> str:
    return ", ".join(_name(corpus, actor) for actor in actor_ids)


def _clause(corpus: ag.Corpus, clause: ag.Clause, disputed: bool) -> list[str]:
    facts = [f"*{clause.category}*", f"{clause.modality.value}"]
    if clause.obligors:
        facts.append(f"obliged: {_names(corpus, clause.obligors)}")
    if clause.all_parties:
        facts.append("obliged: all parties")
    if clause.weapons:
        classes = ", ".join(str(weapon) for weapon in clause.weapons.ordered_classes)
        facts.append(f"weapons: {clause.weapons.action.value} {classes}")
        if clause.weapons.holder:
            facts.append(f"held by {_name(corpus, clause.weapons.holder)}")
        if clause.weapons.schedule:
            facts.append(f"schedule: {escape(clause.weapons.schedule)}")
    if clause.quantity is not None:
        facts.append(f"quantity: {escape(str(clause.quantity))}")
    for deadline in clause.deadlines:
        if deadline.at is not None:
            facts.append(f"{deadline.edge.value} by {deadline.at}")
        else:
            after = f"{deadline.offset} after" if deadline.offset else "at"
            facts.append(f"{deadline.edge.value} {after} `{deadline.anchor}`")
    if clause.timing:
        facts.append(f"timing: {escape(clause.timing)}")
    if clause.condition:
        facts.append(f"condition: {escape(clause.condition.summary)}")
    if clause.places:
        facts.append("places: " + ", ".join(_place(corpus, place) for place in clause.places))
    flag = " **(disputed)**" if disputed else ""
    lines = [f"- **`{clause.id}`**{flag}: {escape(clause.summary)}", f"  <br>{'; '.join(facts)}", ""]
    return [*lines, *_inferred(clause.inference), *_quotes(corpus, clause.citations, indent="  "), ""]


def _claim(corpus: ag.Corpus, claim: ag.Claim, indent: str) -> list[str]:
    by = f" (claimed by {_names(corpus, claim.by)})" if claim.by else ""
    return [
        f"{indent}- {escape(claim.summary)}{by}",
        "",
        *_quotes(corpus, claim.citations, indent + "  "),
        "",
    ]


def _row(record: str, values: str, inference: str | None) -> str:
    evidence = f"inferred: {escape(inference)}" if inference else "stated"
    return f"| {record} | {values} | {evidence} |"


def _values(corpus: ag.Corpus, agreement: ag.Agreement) -> list[str]:
    """The entailment table: every structured value of the agreement, stated or inferred."""
    rows = ["| record | values | evidence |", "| --- | --- | --- |"]
    own = [f"date {agreement.date}", f"coverage {agreement.coverage.value}"]
    if agreement.place:
        own.append(f"place {_place(corpus, agreement.place)}")
    rows.append(_row("agreement", "; ".join(own), agreement.inference))
    rows.extend(
        _row("status", f"{entry.status.value} as of {entry.as_of}", entry.inference)
        for entry in agreement.statuses
    )
    rows.extend(
        _row("relation", f"{relation.kind.value} `{relation.target}`", relation.inference)
        for relation in agreement.relations
    )
    rows.extend(_row("party", _name(corpus, party.actor), party.inference) for party in agreement.parties)
    rows.extend(
        _row("third party", f"{_name(corpus, third.actor)}, {third.role.value}", third.inference)
        for third in agreement.third_parties
    )
    if agreement.territory is not None and agreement.territory.places:
        places = ", ".join(_place(corpus, place) for place in agreement.territory.places)
        rows.append(_row("territory", places, agreement.territory.inference))
    for clause in agreement.clauses:
        values = [clause.modality.value]
        if clause.obligors:
            values.append(f"obliged: {_names(corpus, clause.obligors)}")
        if clause.weapons is not None:
            classes = ", ".join(str(weapon) for weapon in clause.weapons.ordered_classes)
            values.append(f"{clause.weapons.action.value} {classes}")
            if clause.weapons.holder:
                values.append(f"held by {_name(corpus, clause.weapons.holder)}")
        if clause.quantity is not None:
            values.append(escape(str(clause.quantity)))
        if clause.condition is not None and clause.condition.clauses:
            values.append("after " + ", ".join(f"`{other}`" for other in clause.condition.clauses))
        if clause.places:
            values.append("in " + ", ".join(_place(corpus, place) for place in clause.places))
        rows.append(_row(f"clause `{clause.id}`", "; ".join(values), clause.inference))
    for event in agreement.events:
        values = [f"{event.date} {event.kind.value}"]
        if event.actors:
            values.append(f"actors: {_names(corpus, event.actors)}")
        if event.places:
            values.append("in " + ", ".join(_place(corpus, place) for place in event.places))
        rows.append(_row(f"event `{event.id}`", "; ".join(values), event.inference))
    for claim in agreement.claims:
        maker = _names(corpus, claim.by) if claim.by else "the source itself"
        sources = ", ".join(sorted({f"`{citation.source}`" for citation in claim.citations}))
        rows.append(f"| claim | by {maker}, in {sources} | attributed, not stated as fact |")
    return rows


def _history(corpus: ag.Corpus, agreement: ag.Agreement) -> list[str]:
    """The dated status history and the relations, each with its quotes."""
    lines: list[str] = []
    if agreement.statuses:
        lines += ["### Status over time", ""]
        for entry in agreement.statuses:
            lines += [f"- **{entry.status.value}** as of {entry.as_of}", ""]
            lines += [*_inferred(entry.inference), *_quotes(corpus, entry.citations, "  "), ""]
    if agreement.relations:
        lines += ["### Relations", ""]
        for relation in agreement.relations:
            lines += [f"- {relation.kind.value} `{relation.target}`", ""]
            lines += [*_inferred(relation.inference), *_quotes(corpus, relation.citations, "  "), ""]
    return lines


def _agreement(corpus: ag.Corpus, agreement: ag.Agreement) -> list[str]:
    lines = [f"## {escape(agreement.title)}", "", f"`{agreement.id}`", ""]
    lines += [
        f"- **Date:** {agreement.date}",
        f"- **Status:** {agreement.status.value}",
        f"- **Coverage:** {agreement.coverage.value}",
    ]
    if agreement.place:
        lines.append(f"- **Place:** {_place(corpus, agreement.place)}")
    if agreement.parties:
        lines.append("- **Parties:** " + ", ".join(_name(corpus, party.actor) for party in agreement.parties))
    if agreement.third_parties:
        thirds = ", ".join(
            f"{_name(corpus, third.actor)} ({third.role.value})" for third in agreement.third_parties
        )
        lines.append(f"- **Third parties:** {thirds}")
    for relation in agreement.relations:
        lines.append(f"- **{relation.kind.value.capitalize()}:** `{relation.target}`")
    handover = ", ".join(weapon.value for weapon in heaviest_first(agreement.handover)) or "none"
    lines.append(f"- **Weapons handed over:** {handover}")
    if agreement.disputed_handover:
        disputed = ", ".join(weapon.value for weapon in heaviest_first(agreement.disputed_handover))
        lines.append(f"- **Handover disputed:** {disputed}")
    lines.append("")
    if agreement.summary:
        lines += [escape(agreement.summary), ""]
    lines += [*_inferred(agreement.inference, indent=""), *_quotes(corpus, agreement.citations), ""]
    lines += _history(corpus, agreement)
    if agreement.territory:
        lines += ["### Territory", "", escape(agreement.territory.summary), ""]
        lines += [
            *_inferred(agreement.territory.inference, indent=""),
            *_quotes(corpus, agreement.territory.citations),
            "",
        ]
    lines += ["### Parties and third parties", ""]
    for party in agreement.parties:
        lines += [f"- {_name(corpus, party.actor)}, party", "", *_inferred(party.inference)]
        lines += [*_quotes(corpus, party.citations, "  "), ""]
    for third in agreement.third_parties:
        lines += [f"- {_name(corpus, third.actor)}, {third.role.value}", "", *_inferred(third.inference)]
        lines += [*_quotes(corpus, third.citations, "  "), ""]
    lines += ["### Clauses", ""]
    doubtful = agreement.disputed_clauses
    for clause in agreement.clauses:
        lines += _clause(corpus, clause, clause.id in doubtful)
    if agreement.disputes:
        lines += ["### Disputes", ""]
        for dispute in agreement.disputes:
            targets = [f"clause `{clause}`" for clause in dispute.clauses]
            targets += [f"party {_name(corpus, actor)}" for actor in dispute.parties]
            targets += [f"third party {_name(corpus, actor)}" for actor in dispute.third_parties]
            targets += [f"the agreement's {field.value}" for field in dispute.fields]
            about = f" (about {', '.join(targets)})" if targets else ""
            lines += [f"- **{escape(dispute.topic)}**{about}", ""]
            for claim in dispute.claims:
                lines += _claim(corpus, claim, "  ")
    if agreement.events:
        lines += ["### Events", ""]
        for event in sorted(agreement.events, key=lambda event: event.date):
            lines += [f"- **{event.date}** ({event.kind.value}): {escape(event.summary)}", ""]
            lines += [*_inferred(event.inference), *_quotes(corpus, event.citations, "  "), ""]
    if agreement.claims:
        lines += ["### Attributed claims", ""]
        for claim in agreement.claims:
            lines += _claim(corpus, claim, "")
    lines += ["### Stated or inferred", "", *_values(corpus, agreement), ""]
    return lines


def _registry_inferences(corpus: ag.Corpus) -> list[str]:
    lines = ["## Actors and places that rest on inference", ""]
    lines += ["| record | name | inference |", "| --- | --- | --- |"]
    records: list[ag.Actor | ag.Place] = [*corpus.actors.values(), *corpus.places.values()]
    for record in records:
        if record.inference:
            kind = "actor" if isinstance(record, ag.Actor) else "place"
            lines.append(f"| {kind} `{record.id}` | {escape(record.name)} | {escape(record.inference)} |")
    return [*lines, ""]


def render(corpus: ag.Corpus | None = None) -> str:
    """The whole page, as text."""
    corpus = corpus or ag.corpus()
    lines = [
        "# The Daraa corpus",
        "",
        "<!-- Generated by scripts/corpus_doc.py from src/agreements/data; do not edit by hand. -->",
        "",
        "Every agreement of the built-in corpus, with each clause followed by the words of its sources.",
        "Summaries are our neutral paraphrase; the quotes are copied verbatim, including the sources' own wording.",
        "A value the quotes do not state is marked *Inferred*, with the reasoning, and each agreement ends",
        "with a table of its values, stated or inferred; claims are attributed to whoever makes them.",
        "The judgement calls behind these marks are in [the corpus audit](corpus-audit.md).",
        "",
        "## Sources",
        "",
        "| id | document | date | description |",
        "| --- | --- | --- | --- |",
    ]
    for source in corpus.sources.values():
        date = str(source.date) if source.date else "undated"
        document = escape(source.document) if source.document is not None else "—"
        lines.append(f"| `{source.id}` | {document} | {date} | {escape(source.description)} |")
    lines.append("")
    lines += _registry_inferences(corpus)
    for agreement in corpus.agreements.values():
        lines += _agreement(corpus, agreement)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the page (or, with ``--check``, fail when it is out of date)."""
    return write_or_check({PAGE: render()}, argv, "corpus_doc.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
