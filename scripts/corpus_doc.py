"""Write docs/corpus.md: every built-in agreement with its clauses, each followed by its quotes.

Run from the project's root: ``python scripts/corpus_doc.py``. A test checks
that the committed page equals what this script writes, so the page never
drifts from the data.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

import agreements as ag
from agreements.model import heaviest_first

PAGE = Path(__file__).resolve().parent.parent / "docs" / "corpus.md"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def escape(text: str) -> str:
    """Text safe to put in Markdown prose: special characters escaped, whitespace folded."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _quotes(corpus: ag.Corpus, citations: Iterable[ag.Citation], indent: str = "") -> list[str]:
    lines = []
    for citation in citations:
        source = corpus.sources.get(citation.source)
        document = "?" if source is None else source.document or "no document"
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


def _clause(corpus: ag.Corpus, clause: ag.Clause, disputed: bool) -> list[str]:
    facts = [f"*{clause.category.value}*", f"{clause.modality.value}"]
    bound = [_name(corpus, actor) for actor in clause.obligors] + (
        ["all parties"] if clause.all_parties else []
    )
    if bound:
        facts.append(f"obliged: {', '.join(bound)}")
    if clause.weapons:
        classes = ", ".join(weapon.value for weapon in clause.weapons.ordered_classes)
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
    return [*lines, *_quotes(corpus, clause.citations, indent="  "), ""]


def _agreement(corpus: ag.Corpus, agreement: ag.Agreement) -> list[str]:
    lines = [f"## {escape(agreement.title)}", "", f"`{agreement.id}`", ""]
    lines += [
        f"- **Date:** {agreement.date}",
        f"- **Status:** {agreement.status.value}",
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
    lines += [*_quotes(corpus, agreement.citations), ""]
    if agreement.territory:
        lines += ["### Territory", "", escape(agreement.territory.summary), ""]
        lines += [*_quotes(corpus, agreement.territory.citations), ""]
    lines += ["### Parties and third parties", ""]
    for party in agreement.parties:
        lines += [f"- {_name(corpus, party.actor)}, party", "", *_quotes(corpus, party.citations, "  "), ""]
    for third in agreement.third_parties:
        lines += [f"- {_name(corpus, third.actor)}, {third.role.value}", ""]
        lines += [*_quotes(corpus, third.citations, "  "), ""]
    lines += ["### Clauses", ""]
    doubtful = agreement.disputed_clauses
    for clause in agreement.clauses:
        lines += _clause(corpus, clause, clause.id in doubtful)
    if agreement.disputes:
        lines += ["### Disputes", ""]
        for dispute in agreement.disputes:
            about = ", ".join(f"`{clause}`" for clause in dispute.clauses)
            lines += [f"- **{escape(dispute.topic)}**" + (f" (clauses {about})" if about else ""), ""]
            for claim in dispute.claims:
                lines += [f"  - {escape(claim.summary)}", "", *_quotes(corpus, claim.citations, "    "), ""]
    if agreement.events:
        lines += ["### Events", ""]
        for event in sorted(agreement.events, key=lambda event: event.date):
            lines += [f"- **{event.date}** ({event.kind.value}): {escape(event.summary)}", ""]
            lines += [*_quotes(corpus, event.citations, "  "), ""]
    return lines


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
    for agreement in corpus.agreements.values():
        lines += _agreement(corpus, agreement)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the page (or, with ``--check``, fail when it is out of date)."""
    text = render()
    if "--check" in argv:
        if PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is out of date: run python scripts/corpus_doc.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
