"""Tools for testing code that uses ``agreements``: Hypothesis strategies and edited pairs.

Importing this package imports Hypothesis (install ``agreements[test]``);
importing ``agreements`` alone does not.

- :mod:`agreements.testing.strategies`: a strategy for every record of the model,
  and :func:`~agreements.testing.strategies.edited` for an agreement, an edited
  copy and the truth about the edits.
- :func:`synthetic_pair`: a large edited pair from a seed, without Hypothesis,
  for benchmarks.

>>> from agreements.testing import strategies, synthetic_pair
>>> pair = synthetic_pair(10, seed=1)
>>> sorted(pair.truth.removed | {old for old, new in pair.truth.pairs}) == sorted(
...     clause.id for clause in pair.before.clauses)
True
"""

from agreements.exceptions import MissingExtraError

try:
    import hypothesis  # noqa: F401  # the strategies are Hypothesis strategies
except ImportError:  # pragma: no cover - the test extra is installed wherever the tests run
    raise MissingExtraError("agreements.testing", "test") from None

from agreements.testing import strategies
from agreements.testing._edits import EDIT_KINDS, ClauseEdit, EditedPair, EditTruth, synthetic_pair

__all__ = ["EDIT_KINDS", "ClauseEdit", "EditTruth", "EditedPair", "strategies", "synthetic_pair"]
