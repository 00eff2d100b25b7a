"""Shared test configuration: Hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs at least 200 examples per
property with a random seed each run; the default profile is quicker for work
at the desk. The properties over whole agreements and corpora, the most
expensive to draw, take :data:`COSTLY`: half the default profile's examples at
the desk, and all of the ``ci`` profile's.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)

#: Settings for the properties over whole agreements and corpora (``@COSTLY`` above ``@given``).
COSTLY = settings(max_examples=25) if PROFILE == "dev" else settings()


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands read ``COLUMNS`` when their output is a pipe; a test sees the same width wherever it runs."""
    monkeypatch.delenv("COLUMNS", raising=False)
