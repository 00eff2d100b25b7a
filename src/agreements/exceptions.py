"""Every exception this library raises on purpose.

Each one derives from :class:`AgreementsError`, so ``except AgreementsError``
catches whatever the library means to say, and each also inherits the builtin
exception it refines (as attrs and packaging do), so ``except KeyError`` or
``except ValueError`` keeps working for code that does not know this library.

>>> import agreements as ag
>>> try:
...     ag.corpus().merge(ag.corpus())
... except ag.AgreementsError as error:
...     print(type(error).__name__)
MergeConflictError
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from agreements._text import and_list, excerpt, or_list

__all__ = [
    "AgreementsError",
    "ArgumentTypeError",
    "DiffApplyError",
    "FieldError",
    "FieldTypeError",
    "InvalidArgumentError",
    "InvalidDataError",
    "InvalidPairsError",
    "MergeConflictError",
    "MissingExtraError",
    "Problem",
    "UnknownActorError",
    "UnknownAgreementError",
    "UnknownAspectError",
    "UnknownIdError",
]


class AgreementsError(Exception):
    """Root of every error raised by ``agreements``."""


class InvalidArgumentError(AgreementsError, ValueError):
    """A function was given a value it does not accept; the message says what it expected."""


class ArgumentTypeError(AgreementsError, TypeError):
    """A function was given an argument of the wrong type; the message names the type expected.

    >>> ArgumentTypeError.check("fmt", None, str, "a format name like 'json'")
    Traceback (most recent call last):
    ...
    agreements.exceptions.ArgumentTypeError: fmt: expected a format name like 'json', got None
    """

    @classmethod
    def check(cls, name: str, value: object, expected: type | tuple[type, ...], what: str) -> None:
        """Raise unless ``value`` is an instance of ``expected`` (a bool is not a number here)."""
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in _types(expected)):
            raise cls(f"{name}: expected {what}, got {excerpt(value)}")


def _types(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


class FieldError(AgreementsError, ValueError):
    """A value that a record's field does not accept.

    ``field`` names the field, so that loaders can report ``clauses[2].citations``
    rather than only ``clauses[2]``.

    >>> str(FieldError("count", "-1 is not a count (0 or more)"))
    'count: -1 is not a count (0 or more)'
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.message))


class FieldTypeError(FieldError, TypeError):
    """A value of the wrong type for a record's field: a :class:`FieldError` that is also a ``TypeError``.

    >>> import agreements as ag
    >>> ag.Citation(source="s", quote=3)
    Traceback (most recent call last):
    ...
    agreements.exceptions.FieldTypeError: quote: expected text, got 3
    """


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a document or an agreement.

    ``path`` points inside the document (``clauses[3].weapons.classes[0]``);
    an empty path means the document as a whole. ``code`` is a short stable
    identifier that tools can match on, ``severity`` is ``"error"`` or
    ``"warning"``. ``file`` names the file the problem is in, when one error
    covers several files (a corpus folder); otherwise the error's own file does.
    ``line`` is the line in that file, when the parser gives one.

    >>> print(Problem(path="clauses[0].id", message="'' is not a valid id"))
    clauses[0].id: '' is not a valid id
    >>> print(Problem(path="status", message="missing", file="a.toml", line=3))
    a.toml:3: status: missing
    """

    path: str
    message: str
    code: str = "invalid"
    severity: str = "error"
    file: str | None = None
    line: int | None = None

    def where(self) -> str:
        """The file (with its line) and the path, as one prefix: ``a.toml:3: status``."""
        file = self.file if self.line is None or self.file is None else f"{self.file}:{self.line}"
        return ": ".join(part for part in (file, self.path) if part)

    def __str__(self) -> str:
        located = self.where()
        return f"{located}: {self.message}" if located else self.message


class InvalidDataError(AgreementsError, ValueError):
    """A document does not describe valid agreements data.

    It carries every problem found, not only the first, and the file they were
    found in when there is one. ``str()`` gives one line per problem, each
    starting with the file and the path inside it.
    """

    def __init__(self, problems: Iterable[Problem], *, file: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            problem if problem.file is not None or file is None else attrs.evolve(problem, file=file)
            for problem in problems
        )
        self.file = file
        super().__init__(self._render())

    def _render(self) -> str:
        lines = [str(problem) for problem in self.problems]
        return "\n".join(lines) if lines else f"{self.file + ': ' if self.file else ''}invalid data"

    def with_file(self, file: str) -> InvalidDataError:
        """The same problems, all attributed to ``file``."""
        return InvalidDataError([attrs.evolve(problem, file=file) for problem in self.problems], file=file)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_invalid, (self.problems, self.file))


def _rebuild_invalid(problems: Sequence[Problem], file: str | None) -> InvalidDataError:
    return InvalidDataError(problems, file=file)


class MergeConflictError(AgreementsError, ValueError):
    """Two corpora being merged both define a record with the same id.

    ``registry`` is ``"actors"``, ``"places"``, ``"sources"`` or
    ``"agreements"``, or ``"vocabulary.categories"`` (and the other tables of
    a vocabulary) for a word both define differently; ``ids`` the ids defined
    twice. The message says how to reuse the record that is already there.
    """

    def __init__(self, registry: str, ids: Sequence[str]) -> None:
        self.registry = registry
        self.ids = tuple(ids)
        super().__init__(registry, self.ids)

    def __str__(self) -> str:
        listed = and_list([repr(record_id) for record_id in self.ids])
        if self.registry.startswith("vocabulary."):
            table = self.registry.removeprefix("vocabulary.").replace("_", " ")
            return (
                f"both corpora define {listed} in their vocabulary's {table}, differently; give each word"
                " the same label and description in both, or another id in one"
            )
        kind = self.registry.removesuffix("s")
        what = f"the {kind} {listed}" if len(self.ids) == 1 else f"the {self.registry} {listed}"
        return (
            f"both corpora define {what}; to use the existing record, delete your copy and refer"
            " to its id, or give yours another id"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.registry, self.ids))


class UnknownIdError(AgreementsError, KeyError):
    """No record of some kind has the id asked for; the message names the closest ids.

    >>> print(UnknownIdError("clause", "handover", ["handover-heavy"]))
    no clause with id 'handover'; did you mean 'handover-heavy'?
    """

    def __init__(self, kind: str, wanted: str, closest: Sequence[str] = (), *, hint: str = "") -> None:
        self.kind = kind
        self.wanted = wanted
        self.closest = tuple(closest)
        self.hint = hint
        super().__init__(wanted)

    def __str__(self) -> str:
        hint = f"; did you mean {or_list([repr(item) for item in self.closest])}?" if self.closest else ""
        return f"no {self.kind} with id {self.wanted!r}{hint}{self.hint}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unknown, (type(self), self.kind, self.wanted, self.closest, self.hint))


def _rebuild_unknown(
    cls: type[UnknownIdError], kind: str, wanted: str, closest: Sequence[str], hint: str
) -> UnknownIdError:
    error = UnknownIdError.__new__(cls)
    UnknownIdError.__init__(error, kind, wanted, closest, hint=hint)
    return error


class UnknownAgreementError(UnknownIdError):
    """No agreement has the id asked for; the message names the closest ids."""

    def __init__(self, wanted: str, closest: Sequence[str] = (), *, hint: str = "") -> None:
        super().__init__("agreement", wanted, closest, hint=hint)


class UnknownAspectError(UnknownIdError):
    """No comparison aspect has the id asked for; the message names the closest ids."""

    def __init__(self, wanted: str, closest: Sequence[str] = (), *, hint: str = "") -> None:
        super().__init__("aspect", wanted, closest, hint=hint)


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
            return f"{self.name!r} is ambiguous: it could be {or_list([repr(c) for c in self.candidates])}"
        hint = f"; did you mean {or_list([repr(c) for c in self.candidates])}?" if self.candidates else ""
        return f"no actor or place is called {self.name!r}{hint}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_actor, (self.name, self.candidates, self.ambiguous))


def _rebuild_actor(name: str, candidates: Sequence[str], ambiguous: bool) -> UnknownActorError:
    return UnknownActorError(name, candidates, ambiguous=ambiguous)


class InvalidPairsError(AgreementsError, ValueError):
    """The ``pairs=`` given to :func:`agreements.diff` name a clause that is not there, or one twice."""


class DiffApplyError(AgreementsError, ValueError):
    """:meth:`AgreementDiff.apply` was given an agreement other than the diff's old one."""


class MissingExtraError(AgreementsError, ImportError):
    """An optional extra (``rich``, ``pandas``, ``yaml``) is needed and not installed.

    >>> print(MissingExtraError("to_dataframe()", "pandas"))
    to_dataframe() needs the optional extra 'pandas': pip install 'agreements[pandas]' (from a source checkout: pip install -e '.[pandas]')
    """

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(
            f"{what} needs the optional extra {extra!r}: pip install 'agreements[{extra}]'"
            f" (from a source checkout: pip install -e '.[{extra}]')"
        )
        self.what = what
        self.extra = extra

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.what, self.extra))
