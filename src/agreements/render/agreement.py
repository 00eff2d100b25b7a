"""One agreement for a reader, as ``agreements show`` prints it.

Every line fits the width asked for: long values wrap under their label, and
every record's quotes are numbered (``[3-5]``) and quoted in full below, with
their sources, so the text can be checked against the evidence.

>>> import agreements as ag
>>> print(text(ag.get("busra-al-sham-2018"), ag.corpus(), width=60).splitlines()[0])
busra-al-sham-2018: Busra al-Sham agreement
"""

from __future__ import annotations

from collections.abc import Sequence

from agreements._text import one_line, width, words, wrap
from agreements.model import Agreement, Citation, Corpus
from agreements.render._table import note_ranges

__all__ = ["text"]


class _Notes:
    """Quotes numbered from 1 in the order they are first shown, each once."""

    def __init__(self) -> None:
        self.numbers: dict[Citation, int] = {}

    def refs(self, citations: Sequence[Citation]) -> str:
        found = sorted({self.numbers.setdefault(citation, len(self.numbers) + 1) for citation in citations})
        return f" [{note_ranges(found)}]" if found else ""


def _item(lines: list[str], lead: str, body: str, limit: int, *, indent: int | None = None) -> None:
    """``lead`` then ``body``, wrapped as one text to ``limit`` columns, further lines indented by ``indent``."""
    margin = lead[: len(lead) - len(lead.lstrip())]
    hang = " " * (width(lead) if indent is None else indent)
    head, *rest = wrap(f"{lead.strip()} {body}", limit - len(hang), first=limit - len(margin))
    lines.append(f"{margin}{head}".rstrip())
    lines += [f"{hang}{line}" for line in rest]


def text(agreement: Agreement, corpus: Corpus, *, width: int = 100) -> str:
    """The agreement as text ``width`` columns wide: its facts, clauses, disputes, events, then its quotes."""
    limit = max(width, 40)
    notes = _Notes()
    lines: list[str] = []
    _item(lines, f"{one_line(agreement.id)}: ", one_line(agreement.title), limit, indent=2)
    facts = [f"date {agreement.date}", f"status {words(agreement.status)}"]
    if agreement.place is not None:
        facts.append(f"place {one_line(corpus.place_name(agreement.place))}")
    _item(lines, "", ", ".join(facts) + notes.refs(agreement.citations), limit, indent=2)
    if agreement.parties:
        names = "; ".join(
            one_line(corpus.actor_name(party.actor)) + notes.refs(party.citations)
            for party in agreement.parties
        )
        _item(lines, "parties: ", names, limit, indent=2)
    if agreement.third_parties:
        thirds = "; ".join(
            f"{one_line(corpus.actor_name(third.actor))} ({words(third.role)}){notes.refs(third.citations)}"
            for third in agreement.third_parties
        )
        _item(lines, "third parties: ", thirds, limit, indent=2)
    if agreement.territory is not None:
        territory = agreement.territory
        _item(
            lines,
            "territory: ",
            one_line(territory.summary) + notes.refs(territory.citations),
            limit,
            indent=2,
        )
    if agreement.summary:
        lines.append("")
        lines += wrap(one_line(agreement.summary), limit)
    if agreement.clauses:
        lines += ["", "clauses:"]
        for clause in agreement.clauses:
            bound = [corpus.actor_name(actor) for actor in clause.obligors]
            bound += ["all parties"] if clause.all_parties else []
            who = one_line(", ".join(bound)) or "-"
            head = f"  {one_line(clause.id)} [{words(clause.category)}] {who} {words(clause.modality)}: "
            _item(lines, head, one_line(clause.summary) + notes.refs(clause.citations), limit, indent=4)
    if agreement.disputes:
        lines += ["", "disputes:"]
        for dispute in agreement.disputes:
            _item(lines, f"  {one_line(dispute.id)}: ", one_line(dispute.topic), limit, indent=4)
            for claim in dispute.claims:
                _item(lines, "    - ", one_line(claim.summary) + notes.refs(claim.citations), limit, indent=6)
    if agreement.events:
        lines += ["", "events:"]
        for event in agreement.events:
            head = f"  {event.date} {words(event.kind)}: "
            _item(lines, head, one_line(event.summary) + notes.refs(event.citations), limit, indent=4)
    if notes.numbers:
        lines += ["", "quotes:"]
        for citation, number in notes.numbers.items():
            mark = f"[{number}] "
            source = corpus.sources.get(citation.source)
            where = (
                citation.source
                if source is None or source.document is None
                else f"{citation.source} ({source.document})"
            )
            _item(lines, mark, f"{one_line(where)}: “{one_line(citation.quote)}”", limit)
    return "\n".join(lines) + "\n"
