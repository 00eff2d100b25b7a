"""The exception hierarchy and its messages."""

from __future__ import annotations

import pickle

import pytest

from agreements.exceptions import (
    AgreementsError,
    InvalidDataError,
    Problem,
    UnknownActorError,
    UnknownAgreementError,
)


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [(InvalidDataError, ValueError), (UnknownAgreementError, KeyError), (UnknownActorError, LookupError)],
)
def test_each_error_refines_a_builtin(cls: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(cls, AgreementsError)
    assert issubclass(cls, builtin)


def test_invalid_data_lists_every_problem_with_the_file() -> None:
    error = InvalidDataError(
        [Problem(path="status", message="'x' is not a status"), Problem(path="", message="whole document")],
        file="daraa.toml",
    )
    assert str(error) == "daraa.toml: status: 'x' is not a status\ndaraa.toml: whole document"
    assert str(InvalidDataError([])) == "invalid data"
    assert str(error.with_file("other.toml")).startswith("other.toml: status")


def test_invalid_data_pickles() -> None:
    error = InvalidDataError([Problem(path="a", message="b", code="c", severity="warning")], file="f.toml")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.problems, copy.file, str(copy)) == (error.problems, error.file, str(error))


def test_unknown_agreement_names_the_closest() -> None:
    assert str(UnknownAgreementError("busra-2018", ["busra-al-sham-2018"])) == (
        "no agreement with id 'busra-2018'; did you mean 'busra-al-sham-2018'?"
    )
    assert (
        str(UnknownAgreementError("x", ["a", "b", "c"]))
        == "no agreement with id 'x'; did you mean 'a', 'b' or 'c'?"
    )
    assert str(UnknownAgreementError("x")) == "no agreement with id 'x'"


def test_unknown_actor_messages() -> None:
    assert (
        str(UnknownActorError("Zzz", ["russia"]))
        == "no actor or place is called 'Zzz'; did you mean 'russia'?"
    )
    assert str(UnknownActorError("Zzz")) == "no actor or place is called 'Zzz'"
    assert str(UnknownActorError("Daraa", ["daraa", "daraa-city"], ambiguous=True)) == (
        "'Daraa' is ambiguous: it could be 'daraa' or 'daraa-city'"
    )
