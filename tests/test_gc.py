"""agreements._gc: the collector paused for a burst of allocations, and as it was after."""

from __future__ import annotations

import gc

import pytest

from agreements import _gc


def _fail_while_paused() -> None:
    with _gc.paused():
        assert not gc.isenabled()
        raise ValueError("boom")


def test_the_collector_is_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"):
        _fail_while_paused()
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with _gc.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pauses_nest() -> None:
    with _gc.paused():
        with _gc.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
