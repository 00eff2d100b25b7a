"""The private machinery behind :func:`agreements.diff.diff`.

``assignment`` pairs rows with columns for the largest total weight,
``chain`` finds which paired clauses kept their relative order, and ``align``
scores clauses and puts the two together. Nothing here is public API.
"""
