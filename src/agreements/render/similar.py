"""Similar agreements for a reader: the ranked table with each score's parts, and JSON.

Reads the result through :class:`SimilarView` (what :class:`agreements.similar.Neighbours`
has), never the analysis module itself.

>>> import agreements as ag
>>> print(ag.similar(ag.get("busra-al-sham-2018"), ag.corpus(), k=1).to_text().splitlines()[0])
rank  id             score  categories  codes  weapons  third-parties  parties  place  wording  date     title
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Protocol

from agreements._text import width as text_width
from agreements._text import wrap
from agreements.model import PartialDate
from agreements.render.listing import Listing

__all__ = ["MatchView", "SimilarView", "listing", "to_json"]


class MatchView(Protocol):
    """One agreement found similar: what the renderers read of it."""

    @property
    def agreement(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> PartialDate: ...
    @property
    def score(self) -> float: ...
    @property
    def components(self) -> Mapping[str, float | None]: ...


class SimilarView(Protocol):
    """The agreements found similar to one, best first."""

    @property
    def agreement(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def matches(self) -> Sequence[MatchView]: ...


def _number(value: float | None) -> str:
    """A score as the table shows it: two decimals; a dash when the component cannot compare the two."""
    return "—" if value is None else f"{value:.2f}"


def listing(found: SimilarView) -> Listing:
    """The ranked table: rank, id, score, one column per component, date and title."""
    names = list(found.matches[0].components) if found.matches else []
    return Listing(
        header=("rank", "id", "score", *names, "date", "title"),
        rows=[
            (
                str(rank),
                match.agreement,
                _number(match.score),
                *(_number(match.components[name]) for name in names),
                str(match.date),
                match.title,
            )
            for rank, match in enumerate(found.matches, start=1)
        ],
    )


def text(found: SimilarView, width: int | None = None) -> str:
    """The ranked table for a terminal; narrower than the table, one match a block with its components below.

    Without ``width``, or when the table fits, it is :func:`listing`'s. Else
    each match takes a line (rank, id, score, date, title, wrapped) and its
    components follow, indented, as ``name=score`` pairs.
    """
    table = listing(found).to_text()
    if width is None or max((text_width(line) for line in table.splitlines()), default=0) <= width:
        return table
    room = max(width, 40)
    lines: list[str] = []
    for rank, match in enumerate(found.matches, start=1):
        head = f"{rank}. {match.agreement} · score {_number(match.score)} · {match.date} · {match.title}"
        first, *rest = wrap(head, room - 4, first=room)
        lines += [first, *(f"    {line}" for line in rest)]
        parts = " ".join(f"{name}={_number(value)}" for name, value in match.components.items())
        lines += [f"    {line}" for line in wrap(parts, room - 4)]
    return "\n".join(lines) + "\n" if lines else ""


def to_json(found: SimilarView) -> str:
    """The agreement and its matches, scores as numbers (``null``: the component cannot compare them)."""
    data = {
        "agreement": found.agreement,
        "title": found.title,
        "matches": [
            {
                "rank": rank,
                "agreement": match.agreement,
                "title": match.title,
                "date": str(match.date),
                "score": match.score,
                "components": dict(match.components),
            }
            for rank, match in enumerate(found.matches, start=1)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
