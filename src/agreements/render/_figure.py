"""The records a timeline figure draws: agreements and events as dated marks.

:func:`agreements.timeline` builds them from a corpus; the renderers in
:mod:`agreements.render.timeline` draw them. They live here, beside the
table toolkit, so that rendering does not depend on the analysis.
"""

from __future__ import annotations

import attrs

from agreements.model import Citation, EventKind, PartialDate, Status

__all__ = ["AgreementEntry", "Entry", "EventEntry"]


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


#: One entry of a timeline: ``match`` on the two cases.
Entry = AgreementEntry | EventEntry
