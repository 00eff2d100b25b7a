"""Dates as the sources give them, and durations counted from them.

A source says "July 2018", "mid-2018", "Wednesday 1 September" or "from
00:00 Kyiv time on 15 February 2015": :class:`PartialDate` keeps exactly what
is known, to the year, the month, the day or the minute, with a UTC offset
when the source gives the time zone. A deadline counts a duration (ISO 8601,
``P14D``) from a date: :func:`duration` reads one.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from typing import Final, Self

import attrs

from agreements._text import excerpt
from agreements.exceptions import FieldError
from agreements.model._fields import DURATION_PATTERN, checked_fields

__all__ = ["DATE_PATTERN", "PartialDate", "duration"]

# ASCII digits only: "\d" would take Arabic-Indic and full-width digits, which the schema refuses.
_DATE_TEXT: Final = re.compile(
    r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?(~)?\Z"
)
#: The text form of a date, for the JSON Schema.
DATE_PATTERN: Final = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?~?$"
_LONGEST_OFFSET: Final = 14 * 60


@functools.total_ordering
@attrs.frozen(kw_only=True, order=False, field_transformer=checked_fields)
class PartialDate:
    """A date known to the year, the month, the day or the minute, possibly approximate.

    The text form is ISO 8601 cut to the known precision
    (``2018``, ``2018-07``, ``2018-07-06``, ``2015-02-15T00:00+02:00``), with
    the EDTF ``~`` suffix for approximate dates. A time needs a day; a UTC
    offset (in minutes east of UTC) needs a time, and says the source gave the
    time zone.

    Dates order by their first possible moment, a less precise date before a
    more precise one on the same start, and an exact one before an
    approximate one. Times order as written (their offsets are not applied;
    an offset only breaks a tie, no offset first).

    >>> PartialDate.parse("2018-07")
    PartialDate(year=2018, month=7, day=None, approximate=False, hour=None, minute=None, utc_offset=None)
    >>> str(PartialDate(year=2018, approximate=True))
    '2018~'
    >>> str(PartialDate.parse("2015-02-15T00:00+02:00"))
    '2015-02-15T00:00+02:00'
    >>> PartialDate.parse("2018") < PartialDate.parse("2018-07") < PartialDate.parse("2018-07-06")
    True
    >>> PartialDate.parse("2021-02-31")
    Traceback (most recent call last):
    ...
    agreements.exceptions.FieldError: day: 31 is not a day of 2021-02
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    hour: int | None = None
    minute: int | None = None
    utc_offset: int | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise FieldError("year", f"{self.year!r} is not a year between 1 and 9999")
        if self.month is not None and not 1 <= self.month <= 12:
            raise FieldError("month", f"{self.month!r} is not a month (1 to 12)")
        if self.day is not None:
            if self.month is None:
                raise FieldError("day", "a day needs a month")
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise FieldError("day", f"{self.day!r} is not a day of {self.year:04d}-{self.month:02d}")
        if (self.hour is None) != (self.minute is None):
            raise FieldError("minute" if self.minute is None else "hour", "a time needs an hour and a minute")
        if self.hour is not None:
            if self.day is None:
                raise FieldError("hour", "a time needs a day")
            if not 0 <= self.hour <= 23:
                raise FieldError("hour", f"{self.hour!r} is not an hour (0 to 23)")
            if self.minute is not None and not 0 <= self.minute <= 59:
                raise FieldError("minute", f"{self.minute!r} is not a minute (0 to 59)")
        if self.utc_offset is not None:
            if self.hour is None:
                raise FieldError("utc_offset", "a UTC offset needs a time")
            if not -_LONGEST_OFFSET <= self.utc_offset <= _LONGEST_OFFSET:
                raise FieldError(
                    "utc_offset",
                    f"{self.utc_offset!r} minutes is not a UTC offset (at most 14 hours either way)",
                )

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read the text form: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm[±hh:mm|Z]``, then ``~``."""
        match = _full_match(_DATE_TEXT, text)
        if match is None:
            raise FieldError(
                "date",
                f"{excerpt(text)} is not a date like '2018', '2018-07', '2018-07-06~' or '2015-02-15T00:00+02:00'",
            )
        year, month, day, hour, minute, offset, approximate = match.groups()
        return cls(
            year=int(year),
            month=None if month is None else int(month),
            day=None if day is None else int(day),
            hour=None if hour is None else int(hour),
            minute=None if minute is None else int(minute),
            utc_offset=_offset(offset),
            approximate=approximate is not None,
        )

    @classmethod
    def from_date(cls, value: datetime.date) -> Self:
        """The exact day of a :class:`datetime.date`, or the minute of a :class:`datetime.datetime`.

        A date and time is known to the minute at most: one with seconds is refused
        rather than cut short.
        """
        if isinstance(value, datetime.datetime):
            if value.second or value.microsecond:
                raise FieldError(
                    "minute", f"expected a date with a time to the minute, got {value.isoformat()!r}"
                )
            delta = value.utcoffset()
            return cls(
                year=value.year,
                month=value.month,
                day=value.day,
                hour=value.hour,
                minute=value.minute,
                utc_offset=None if delta is None else int(delta.total_seconds() // 60),
            )
        return cls(year=value.year, month=value.month, day=value.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"``, ``"day"`` or ``"minute"``."""
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def first_day(self) -> datetime.date:
        """The first day the date may be."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The last day the date may be."""
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def after(self, offset: datetime.timedelta) -> PartialDate | None:
        """The date ``offset`` later, as precise as this one; ``None`` when no day is known to count from.

        A date without a time counts whole days ("within 24 hours" of 6
        September is 7 September); an approximate date stays approximate.

        >>> str(PartialDate.parse("2015-02-15T00:00+02:00").after(duration("P1DT12H")))
        '2015-02-16T12:00+02:00'
        >>> str(PartialDate.parse("2021-09-06~").after(duration("PT24H"))), PartialDate(year=2018).after(duration("P1D"))
        ('2021-09-07~', None)
        """
        if self.day is None:
            return None
        start = datetime.datetime(self.year, self.month or 1, self.day, self.hour or 0, self.minute or 0)
        moved = start + offset
        if self.hour is None:
            return PartialDate(
                year=moved.year, month=moved.month, day=moved.day, approximate=self.approximate
            )
        return PartialDate(
            year=moved.year,
            month=moved.month,
            day=moved.day,
            hour=moved.hour,
            minute=moved.minute,
            utc_offset=self.utc_offset,
            approximate=self.approximate,
        )

    def _key(self) -> tuple[int, int, int, int, int, bool, int]:
        # The offset only breaks ties, so that dates that differ order one way or the other.
        return (
            self.year,
            self.month or 0,
            self.day or 0,
            -1 if self.hour is None else self.hour,
            -1 if self.minute is None else self.minute,
            self.approximate,
            -(_LONGEST_OFFSET + 1) if self.utc_offset is None else self.utc_offset,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None and self.minute is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
            if self.utc_offset is not None:
                sign = "+" if self.utc_offset >= 0 else "-"
                hours, minutes = divmod(abs(self.utc_offset), 60)
                text += f"{sign}{hours:02d}:{minutes:02d}"
        return text + ("~" if self.approximate else "")


def _full_match(pattern: re.Pattern[str], text: object) -> re.Match[str] | None:
    """The match of ``pattern`` at the start of ``text``; ``None`` for no match, or for a value that is no text."""
    return pattern.match(text) if isinstance(text, str) else None


def _offset(text: str | None) -> int | None:
    if text is None:
        return None
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    hours, minutes = text[1:].split(":")
    if int(minutes) > 59:
        raise FieldError("utc_offset", f"{text!r} is not a UTC offset (its minutes run from 00 to 59)")
    return sign * (int(hours) * 60 + int(minutes))


_DURATION: Final = re.compile(DURATION_PATTERN.removesuffix("$") + r"\Z")


def duration(text: str) -> datetime.timedelta:
    """An ISO 8601 duration of weeks, days, hours and minutes as a :class:`datetime.timedelta`.

    Months and years are left out on purpose: their length depends on the date.

    >>> duration("P14D"), duration("PT24H"), duration("P1DT12H")
    (datetime.timedelta(days=14), datetime.timedelta(days=1), datetime.timedelta(days=1, seconds=43200))
    """
    match = _full_match(_DURATION, text)
    if match is None:
        raise FieldError("offset", f"{excerpt(text)} is not a duration like 'P14D', 'PT24H' or 'P1DT12H'")
    weeks, days, _, hours, minutes = match.groups()
    weeks, days, hours, minutes = (int(part[:-1]) if part else 0 for part in (weeks, days, hours, minutes))
    return datetime.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)
