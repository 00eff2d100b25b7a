"""The exceptions this library raises.

Every error derives from :class:`AgreementsError`, and each subclass also
inherits the builtin exception it refines, so ``except KeyError`` keeps working
for code that does not know this library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "AgreementsError",
    "InvalidDataError",
    "Problem",
    "UnknownActorError",
    "UnknownAgreementError",
]


class AgreementsError(Exception):
    """Root of every error raised by ``agreements``."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a document or an agreement.

    ``path`` points inside the document (``clauses[3].weapons.classes[0]``);
    an empty path means the document as a whole. ``code`` is a short stable
    identifier that tools can match on, ``severity`` is ``"error"`` or
    ``"warning"``. ``file`` names the file the problem is in, when one error
    covers several files (a corpus folder); otherwise the error's own file does.

    >>> print(Problem(path="clauses[0].id", message="'' is not a valid id"))
    clauses[0].id: '' is not a valid id
    >>> print(Problem(path="status", message="missing", file="a.toml"))
    a.toml: status: missing
    """

    path: str
    message: str
    code: str = "invalid"
    severity: str = "error"
    file: str | None = None

    def __str__(self) -> str:
        located = ": ".join(part for part in (self.file, self.path) if part)
        return f"{located}: {self.message}" if located else self.message


class InvalidDataError(AgreementsError, ValueError):
    """A document does not describe valid agreements data.

    It carries every problem found, not only the first, and the file they were
    found in when there is one. ``str()`` gives one line per problem, each
    starting with the file and the path inside it.
    """

    def __init__(self, problems: Iterable[Problem], *, file: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.file = file
        super().__init__(self._render())

    def _render(self) -> str:
        prefix = f"{self.file}: " if self.file else ""
        lines = [str(problem) if problem.file else f"{prefix}{problem}" for problem in self.problems]
        return "\n".join(lines) if lines else f"{prefix}invalid data"

    def with_file(self, file: str) -> InvalidDataError:
        """The same problems, attributed to ``file``."""
        return InvalidDataError(self.problems, file=file)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_invalid, (self.problems, self.file))


def _rebuild_invalid(problems: Sequence[Problem], file: str | None) -> InvalidDataError:
    return InvalidDataError(problems, file=file)


class UnknownAgreementError(AgreementsError, KeyError):
    """No agreement has the id asked for; the message names the closest ids."""

    def __init__(self, wanted: str, closest: Sequence[str] = ()) -> None:
        self.wanted = wanted
        self.closest = tuple(closest)
        super().__init__(wanted)

    def __str__(self) -> str:
        hint = f"; did you mean {_or_list(self.closest)}?" if self.closest else ""
        return f"no agreement with id {self.wanted!r}{hint}"


class UnknownActorError(AgreementsError, LookupError):
    """A name matches no actor or place, or matches several equally well.

    ``candidates`` holds the closest ids (for an unknown name) or every id the
    name could mean (for an ambiguous one).
    """

    def __init__(self, name: str, candidates: Sequence[str] = (), *, ambiguous: bool = False) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        self.ambiguous = ambiguous
        super().__init__(name)

    def __str__(self) -> str:
        if self.ambiguous:
            return f"{self.name!r} is ambiguous: it could be {_or_list(self.candidates)}"
        hint = f"; the closest are {_or_list(self.candidates)}" if self.candidates else ""
        return f"no actor or place is called {self.name!r}{hint}"


def _or_list(items: Sequence[str]) -> str:
    quoted = [repr(item) for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
