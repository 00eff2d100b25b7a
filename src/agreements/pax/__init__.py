"""PA-X in and out: read the PA-X peace agreements database, and code our agreements in its terms.

PA-X (PeaceRep, University of Edinburgh; Bell and Badanjak 2019) codes some
two thousand peace agreements on about 240 variables. :func:`read` turns any
PA-X CSV release, the full coding (version 3) or PA-X Local (version 8), into
a :class:`~agreements.model.Corpus`: one agreement per row, with id
``pax-<AgtId>``, its parties and third parties read from ``Part`` and
``ThrdPart`` and resolved across rows into one actor each, the locale as a
place with its coordinates (Local), and one clause for each coded topic,
carrying ``Code(scheme="pax", variable=..., level=...)`` and the category of
ours that the variable stands for (else ``pax-<theme>``). Every value is cited
to its cell: ``check(corpus, sources=FOLDER)`` finds each quote in the file.

:func:`to_rows` and :func:`to_csv` go the other way: our agreements in PA-X's
columns, from their structured clauses, by the mapping of
:mod:`agreements.pax._variables` (docs/pax.md has the table).

This module is not imported by ``import agreements``; import it yourself.

>>> from agreements import pax
>>> text = (
...     "Con,PPName,AgtId,Agt,Dat,Stage,Part,ThrdPart,Ce,CeProv,CeGen,TjPrire\\n"
...     'Syria,Syrian Local Agreements,9001,Example truce,2018-06-29,Cea,"Faylaq al-Rahman;\\nJaysh al-Islam",'
...     "Guarantor: Russian Federation,2,1,0,1\\n"
... )
>>> corpus = pax.reads(text)
>>> agreement = corpus.get("pax-9001")
>>> [(corpus.actor_name(p.actor)) for p in agreement.parties]
['Faylaq al-Rahman', 'Jaysh al-Islam']
>>> [(corpus.actor_name(t.actor), t.role.value) for t in agreement.third_parties]
[('Russian Federation', 'guarantor')]
>>> [(clause.category.value, clause.codes[0].variable, clause.codes[0].level) for clause in agreement.clauses[1:]]
[('ceasefire', 'Ce', 2), ('ceasefire', 'CeProv', 1), ('detainees', 'TjPrire', 1)]
>>> row = pax.to_rows(corpus)[0]
>>> row["AgtId"], row["Ce"], row["CeProv"], row["TjPrire"], row["ThrdPart"]
('9001', '2', '1', '1', 'Guarantor: Russian Federation')
"""

from agreements.pax._read import Where, category_of, read, reads, validate, vocabulary
from agreements.pax._variables import ID_COLUMN, READ, SCHEME, V3_COLUMNS, VARIABLES, WRITE, Rule, Variable
from agreements.pax._write import DERIVABLE, code, derived, to_csv, to_rows, write

__all__ = [
    "DERIVABLE",
    "ID_COLUMN",
    "READ",
    "SCHEME",
    "V3_COLUMNS",
    "VARIABLES",
    "WRITE",
    "Rule",
    "Variable",
    "Where",
    "category_of",
    "code",
    "derived",
    "read",
    "reads",
    "to_csv",
    "to_rows",
    "validate",
    "vocabulary",
    "write",
]
