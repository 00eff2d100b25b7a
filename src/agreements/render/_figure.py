"""The records a timeline figure draws: agreements and events as dated marks.

:func:`agreements.timeline` builds them from a corpus; the renderers in
:mod:`agreements.render.timeline` draw them. They live here, beside the
table toolkit, so that rendering does not depend on the analysis.
"""

from __future__ import annotations

import attrs

from agreements.model import Agreement, Citation, Clause, Deadline, Edge, EventKind, PartialDate, Status

__all__ = ["AgreementEntry", "Entry", "EventEntry", "deadline_entry"]


@attrs.frozen(kw_only=True)
class AgreementEntry:
    """An agreement on the timeline, at its own date."""

    date: PartialDate
    agreement: str
    label: str
    status: Status
    citations: tuple[Citation, ...]
    summary: str = ""


@attrs.frozen(kw_only=True)
class EventEntry:
    """An event of an agreement; ``status`` is the status of that agreement."""

    date: PartialDate
    agreement: str
    event: str
    kind: EventKind
    label: str
    status: Status
    citations: tuple[Citation, ...]


def deadline_entry(agreement: Agreement, clause: Clause, deadline: Deadline, due: PartialDate) -> EventEntry:
    """The mark of a clause's deadline on the date it falls due: an event of kind ``deadline``.

    Its ``event`` is the clause's id; the label says whether the act must
    have begun or be done by then.
    """
    when = "must have begun" if deadline.edge is Edge.START else "must be done"
    return EventEntry(
        date=due,
        agreement=agreement.id,
        event=clause.id,
        kind=EventKind.DEADLINE,
        label=f"{when}: {clause.summary}",
        status=agreement.status,
        citations=clause.citations,
    )


#: One entry of a timeline: ``match`` on the two cases.
Entry = AgreementEntry | EventEntry
