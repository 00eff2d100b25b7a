"""Reading PA-X's ``Part`` and ``ThrdPart`` cells: who is named, in what role, in which words.

A cell is a small document copied from the agreement, not a list: names one
per line or separated by ``;``, signature columns side by side (a tab or a
wide gap), headers that set a role for the lines below them (``Witnesses:``),
roles before or after a name (``Guarantor: Al Sham Legion``, ``Syrian Army to
act as guarantor``), signatories after their organisation (``Hayat Tahrir
al-Sham, signed by ...``, ``Represented by:``), editorial notes in brackets and
the marks of signatures (``[Signed]``, ``[illegible]``). :func:`mentions` turns a
cell into the names it gives, each with the role the text gives it (``None`` in
``Part``: a party) and the verbatim piece of the cell it was read from.

The rules are conservative: a piece that reads as prose, a count of
signatories or a note is not taken for a name; a list on one line is split
only when every part is a known state or organisation, or a capitalised name of
at least two words; a signatory is dropped in favour of the organisation it
signs for. What a rule misses stays in the quote, which is the cell's own text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Final, Literal, NamedTuple

import attrs

from agreements.model import ThirdPartyRole
from agreements.pax._gazetteer import canonical_name

__all__ = ["Mention", "mentions", "quotable"]

_R = ThirdPartyRole


@attrs.frozen
class Mention:
    """A name read from a cell: the name, its other names, the role, whether it is a person's, and the quote."""

    name: str
    aliases: tuple[str, ...] = ()
    role: ThirdPartyRole | None = None
    person: bool = False
    quote: str = ""


# ------------------------------------------------------------------ the words

_BREAK: Final = re.compile(r"(\r\n|\r|\n|[\u2028\u2029](?:\r\n|\r|\n)?)")
# A line broken inside a name ends on a word that needs the next ("Front Populaire pour la", "President of the
# Interim Government of"; "la", "en", "del", "por" ... only in small letters: "Gatwech Jock Por" is a Nuer name), or
# the next starts with one in small letters ("de la Centrafrique (FPRC)") or is an acronym in a bracket alone
# ("(FDPC)"). Not "and", "et" or "y", which join two names as often ("FARC-EP y\nELN").
_OPEN_WORDS: Final = frozenset({"of", "for", "the", "de", "du", "des", "pour"})
_OPEN_SMALL_WORDS: Final = frozenset({"la", "le", "les", "en", "au", "aux", "del", "por"})
_CONTINUED: Final = re.compile(
    r"^[ \u00a0]*(?:(?:of|de|du|des|del|la|le|les)[ \u00a0]|\([A-Z0-9][A-Z0-9&/\-]+\)(?=[ \u00a0]*$|\t|[ \u00a0]{3}))"
)
# In a numbered list, a line that starts with "and", or follows one that ends on it, goes on with the item above
# ("12. GETACHEW TOROCHI HEAD OF SOUTH OMO ZONE JUSTICE", "AND SECURITY", PA-X Local 2047); elsewhere "and" may
# start the next name (PA-X 420) or end a name before the next one.
_AND_GOES_ON: Final = re.compile(r"^[ \u00a0]*(?:and|AND|&)[ \u00a0]")


def _starts_with_and(line: str) -> bool:
    """Whether ``line`` starts with "and" or "&" (:data:`_AND_GOES_ON`), looked for by string methods first."""
    head = line.lstrip(" \u00a0")
    return head[:1] in "aA&" and head != "" and _AND_GOES_ON.match(line) is not None


_NUMBERED: Final = re.compile(r"^\s*\d{1,2}\s*[.)]\s")
_INVISIBLE: Final = str.maketrans({"\ufeff": None, "\ufffc": None, "\u00ad": None, "\u200b": None})
# Signature columns side by side: a tab, or a run of three or more blanks.
_COLUMNS: Final = re.compile(r"\t|[ \u00a0]{3,}")
# Where a name in a line ends: a comma, a semicolon, a colon or a column's gap.
_NAME_END: Final = re.compile(rf"[,;:]|{_COLUMNS.pattern}")
_ANNOTATION: Final = re.compile(
    r"\[[^\]]*(?:sign|sigh|stamp|illeg|unintellig|unclear|unknown|unreadable|finger|unspecified|\.\.\.|…|"
    r"signator|affiliation|note\b)[^\]]*\]|\[\s*\]|\((?:signed|sgd\.?|not signed|unsigned)\)|,?\s*\bsigned\.?\s*$",
    re.IGNORECASE,
)
# The marks before a name in a list: a bullet, a number, a letter in a bracket ("b)", "(A)"), a roman
# numeral ("ii.", "IV."), and "signed" as South Asian signatures write it ("Sd.", "Sd/-", "SD/-", "Sd/xxx",
# "Sd" before a number). Not a capital and a full stop: that is a person's initial ("A. Jalilov", "H.E. Dr.
# Amos SAWYER"), or a section's letter only before a header (:data:`_SECTION_MARK`); "V." is an initial as
# often as a numeral, and so is "v." before another initial or a name in capitals ("v. G. Ardzinba").
_LIST_MARK: Final = re.compile(
    r"^\s*(?:(?:[•·▪\-‐‑‒–—−]+|\d{1,2}\s*[.)\-–]|\(?[A-Za-z]\)|(?:[IVX]{2,4}|[ivx]{2,4}|i|[vx](?![.)]\s+(?:[A-Z]\.|[A-Z]{2})))[.)](?=\s)"
    r"|(?i:sd|sgd)(?:\.?\s*/\s*-?(?:xxx)?|\.|(?=\s+\d|\s*$)))\s*)+"
)
_MARK_STARTS: Final = frozenset("0123456789•·▪-–—(ivxIVXsS")
# "H.E." before a person's name: a head of state or government, who signs as one, not for the name above
# ("H.E. Deng Alor Kuol For the SPLM – FDs", then "H.E. Dr Riek Machar Teny SPLM/A -IO").
_EXCELLENCY: Final = re.compile(r"H\.\s?E\.")
# A section's letter or numeral before its header: "B. Witnesses", "III. The Facilitators".
_SECTION_MARK: Final = re.compile(r"^\s*(?:[A-Z]|[IVX]{2,4}|[ivx]{1,4})[.)]\s+")
# A numeral alone names no one: "II." in a column of its own before "The Guarantors".
_NUMERAL: Final = re.compile(r"[IVX]{1,4}|[ivx]{1,4}")
_NOTE: Final = re.compile(
    r"^(?:\[.*\]|according to\b|page \d|note\b|third signatory|two illegible|not signed|agreement unsigned|"
    r"\d+ signator|signed by\b|signed\s*(?:\((?:illegible|unreadable|signature)[^)]*\)|illegible\b)|these terms\b|\".*|unsigned\b|in witness whereof\b|done (?:at|in)\b|fait à\b|"
    r"this \w+ day of\b|"
    # prose that says who signed or attended, before or instead of their names
    r"to (?:this|the present) (?:[\w-]+ )?(?:agreement|accord|declaration|document)\b|(?:have|has) signed\b|have,|hereby\b|the following\b|these are\b|there (?:is|are) no\b|"
    r"(?:this|the present)\s+(?:[\w-]+\s+){0,2}?(?:agreement|accord|declaration|document|memorandum|protocol|"
    r"conference|meeting)(?:\s*$|\s+(?:is|was)(?:\s*$|\s+(?!(?:signed|witnessed|guaranteed|mediated|facilitated|"
    r"observed|made|done)\b)))|"
    r"unclear who\b|unable to read\b|parties are not listed\b|also in attendance\b)",
    re.IGNORECASE,
)
# "Agreement not signed", "Copy of agreement not signed, but ...", "Memorandum which is not signed", "Unsigned
# copy": a word for the document, then "not signed" or "unsigned" (only looked for when "signed" is there).
_UNSIGNED_NOTE: Final = re.compile(
    r"(?=[^,;:()\[\]]{0,60}?\b(?:agreement|accord|document|memorandum|copy|version|text|transcript|"
    r"declaration|protocol|annex|initialled)\b)[^,;:()\[\]]{0,60}?\b(?:not signed|unsigned)\b",
    re.IGNORECASE,
)


_MONTHS: Final = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|janvier|f[ée]vrier|"
    r"mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
)
_DAY: Final = r"\d{1,2}(?:st|nd|rd|th|er)?"
_DATE: Final = (
    rf"(?:{_DAY}\s+(?:day\s+)?(?:of\s+)?)?(?:{_MONTHS})\.?,?\s+(?:{_DAY},?\s+)?(?:1[89]|20)\d\d"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:1[89]|20)\d\d"
)
# Where and when the text was signed, which names no one: "6 November 1999", "San Egidio, Rome, 10 July 1990",
# "Signed in Oslo, Norway on 26 August 2016", "Signed and endorsed on Thursday, 13th January 2011".
_DATED: Final = re.compile(
    r"^(?:(?:signed|done|agreed|concluded|made)\b[^:;]{0,60}?|[^,;:]{0,40}(?:,\s*[^,;:]{0,40}){0,2},\s*)?"
    rf"(?:on\s+)?(?:\w+day,?\s+)?(?:{_DATE})\W*$",
    re.IGNORECASE,
)


# The first letters of :data:`_SIGNED_MARK`'s words, in small letters.
_MARK_INITIALS: Final = frozenset("oiaebs")
# A deed's way of naming its sides: "THE ISATABUR FREEDOM MOVEMENT of the Second Part" (PA-X 1663).
_PART_OF: Final = re.compile(r"\s+of the (?:first|second|third|fourth|fifth|sixth) part$", re.IGNORECASE)
# A form's label before the name it marks ("On behalf of: The Republic of the Sudan", "Initialed by: Sec. Rodolfo
# Garcia", "BETWEEN: THE MARAU EAGLE FORCE"), or "Signed", perhaps with where or when, before the name it marks: "Signed: Blaise COMPAORE", "Signed 20 December
# 1994: Alija Izetbegovic", "Signed at Sarajevo Airport by: H. Siljadzic", "Signed G. MERREM".
_SIGNED_MARK: Final = re.compile(
    r"^(?:on behalf of|initial(?:l)?ed by|approved by|enclosure|between)\s*:\s*(?=\S)|"
    rf"^signed\b(?:[^:;]{{0,60}}?(?:{_DATE}|\bby))?\s*:\s*(?=\S)"
    r"|^signed\s+(?!(?:by|under|on|in|at|and|only|for)\b)(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)


def _note(text: str) -> bool:
    """Whether a piece is a note, not a name (:data:`_NOTE`, :data:`_UNSIGNED_NOTE`, :data:`_DATED`)."""
    return (
        bool(_NOTE.match(text))
        or ("signed" in text.lower() and bool(_UNSIGNED_NOTE.match(text)))
        # (a date has a year: "18", "19" or "20" is in the text)
        or (("19" in text or "20" in text or "18" in text) and _DATED.match(text) is not None)
    )


# A piece that opens with a note is a note, but for an illegible signature before the signatory's office:
# "[Signature Illegible], Chairman of the Jabala Council" names the council.
_SIGNED_OFFICE: Final = re.compile(
    r"^\[[^\]]*(?:signature|illegible)[^\]]*\],?\s+(?:chairman|head|president|representative|commander|leader)\s+of\s",
    re.IGNORECASE,
)
_STRUCTURE: Final = re.compile(
    r"^(?:represented by|signed by|signatories|signatures?|signed|names?|participants?)\s*:?$", re.IGNORECASE
)
# What every role word contains, for a quick test before the pattern.
_ROLE_KEYS: Final = (
    "guarant", "witness", "moin", "attest", "presence", "présence", "observ", "diat", "broker", "good offices", "facilitat",
    "monitor", "sponsor", "auspices",
)  # fmt: skip
# The words that give a third party's role, one group per role.
_ROLE_WORDS: Final = re.compile(
    r"(?P<guarantor>guarant)|(?P<witness>witness|t[ée]moin|attest|in (?:the )?presence of|en pr[ée]sence)|"
    r"(?P<observer>observ)|(?P<mediator>m[ée]diat|broker|good offices)|(?P<facilitator>facilitat)|"
    r"(?P<monitor>monitor)|(?P<sponsor>sponsor|auspices)",
    re.IGNORECASE,
)
_ROLE_NOUN: Final = (
    r"guarantors?|witness(?:es)?|observers?|mediators?|facilitators?|monitors?|sponsors?|m[ée]diateurs?|"
    r"facilitateurs?|t[ée]moins?"
)
_ROLE_PREFIX: Final = re.compile(
    rf"^(?:the\s+)?(?:first|second|third|fourth|fifth)?\s*(?:international\s+)?(?P<role>{_ROLE_NOUN})"
    r"(?>\s+(?:one|two|three|four|\d))?\s*(?:[:\-–]\s*|\s+(?=\S))(?P<rest>.+)$"
    r"|^(?:(?:the|this|the present)\s+(?:[\w-]+\s+){0,2}?(?:agreement|accord|meeting|talks|negotiations|conference|"
    r"signing)\s+(?:is|was|were)\s+)?"
    r"(?P<role2>(?:mediated|witnessed|brokered|facilitated|guaranteed|observed|monitored|sponsored|attested)"
    r"\s+by|under the auspices of|(?:signed\s+|made\s+)?in (?:the )?presence of)"
    r"(?:\s+(?:a\s+)?third party)?\s*:?\s*(?P<rest2>.+)$",
    re.IGNORECASE,
)
_ROLE_SUFFIX: Final = re.compile(
    rf"^(?P<rest>.+?)\s+(?:to act as|acting as|as|is named as|will be|are|is)\s+(?:an?\s+|the\s+)?"
    rf"(?P<role>{_ROLE_NOUN}|mediating party|guaranteeing party)\b.*$",
    re.IGNORECASE,
)
_ADJECTIVE_GUARANTOR: Final = re.compile(r"\b(?:representative of )?the (\w+) guarantor\b", re.IGNORECASE)
# A side of the agreement named by its number ("The second side:", "Party one"): what follows is a party of its own.
_NUMBERED_SIDE: Final = (
    r"(?:the\s+)?(?:t?he\s+)?(?:first|second|third|1st|2nd|3rd)\s+(?:party|side)|side\s+(?:one|two|three|\d)|"
    r"party\s+(?:one|two|\d)"
)
_NEW_SIDE: Final = re.compile(rf"^(?:{_NUMBERED_SIDE})\b", re.IGNORECASE)
# The words a signature puts before the side it signs for, the longest first ("For and on behalf of the ...").
_ON_BEHALF: Final = r"for and on behalf of|for|on behalf of"
# The same in French and Spanish, with its article, but only before an acronym that ends the name ("Pour la
# CEEAC", "Por el EPL", "Por las FARC-EP: Raul Reyes"). Before other words what is left may be a common noun
# or a kind ("Pour la Médiation", "Pour les confessions religieuses", "Pour le Gouvernement de la RDC"),
# which the fuzzy rule would join to bodies of other agreements and countries. An acronym has five capitals at
# most (not "NATIONS-UNIES") and is none of a few short words and countries' letters ("Pour l'ETAT", "Pour la
# RDC", the DRC, which a Central African party's letters are too); a line in capitals throughout shows no
# acronym by its case ("POUR LA SOCIETE").
_ON_BEHALF_ABROAD: Final = (
    r"(?-i:(?=.*[a-zà-ÿ]))(?:pour|por|au\s+nom\s+d(?:e|u|es)|en\s+nombre\s+del?)\b(?:\s+(?:le|la|les|el|los|las)\b|\s+[ld]['’])?+"
    r"(?=\s*(?-i:(?!(?:ETAT|UNION|PAZ|SUD|NORD|EST|NORTE|TODOS|RDC|RCA)\b)"
    r"[A-Z](?:[a-z]?[A-Z0-9]){1,4}(?:[-–][A-Z](?:[a-z]?[A-Z0-9]){0,4})?)\s*(?:$|[:(]))"
)
_SIDE: Final = re.compile(
    rf"^(?:{_NUMBERED_SIDE}|signing on behalf of the \w+ party|on the side of|from factions of|"
    rf"(?:from|(?:signed\s+)?(?:{_ON_BEHALF})|representing)(?:\s+the)?(?=\s+(?-i:[A-Z]))|{_ON_BEHALF_ABROAD})"
    r"\s*[:,\-–]?\s*",
    re.IGNORECASE,
)
_TITLE: Final = (
    r"(?:abu|abi|umm|sheikh|shaykh|shiekh|sheik|al-sheikh|al-shiekh|dr|doctor|col|colonel|lt|lieutenant|capt|"
    r"captain|major|maj|brother|mr|mrs|ms|general|gen|brig|brigadier|h\.e|his excellency|mukhtar|imam|father)"
)
_PERSON: Final = re.compile(rf"^{_TITLE}\b\.?", re.IGNORECASE)
# Titles PA-X's signatories carry besides :data:`_TITLE`. They show who signs for an organisation
# ("ABASA: Amb. Térence NSANZE", "Bor Group: Cdr Arok Thong Arok", "Cdr. Nhial Deng Nhial (SPLM/A)"),
# but do not make a name a person's wherever it stands: PA-X Local lists members of parliament, clergy
# and elders as parties in their own right ("Hon. Simeon Lesirma, MP").
_SIGNING_TITLE_WORDS: Final = (
    r"amb|ambassador|cdr|prof|professor|hon|honourable|honorable|rev|reverend|sgt|sergeant|corporal|cpl|"
    r"mgen|mme|mlle|senator|sir|bishop|pastor|engr|alhaji|alh|cheikh"
)
_SIGNING_TITLES: Final = rf"(?:{_SIGNING_TITLE_WORDS})\b"
_SIGNING_TITLE: Final = re.compile(_SIGNING_TITLES, re.IGNORECASE)
# A title alone, which names no one: "Da (Dr.) Jonah Maduga" has no other name "Dr.".
_TITLE_ONLY: Final = re.compile(rf"(?:{_TITLE}|{_SIGNING_TITLE_WORDS})\.?", re.IGNORECASE)
# An organisation's name, a colon, then who signs for it with such a title.
_COLON_TITLED: Final = re.compile(rf"^(?P<org>[^,:]{{2,80}}?)\s*:\s*{_SIGNING_TITLES}", re.IGNORECASE)
# What stands before a colon in a form rather than an organisation's name: "Name: ...", "Signed 20 December 1994: ...".
# (A date alone, "20 December 1994:", starts with no capital, which the colon rule asks of a name.)
_LABEL: Final = re.compile(
    r"^(?:les\s+)?(?:names?|titles?|signed|signatures?|dates?|designations?|positions?|parties|signatories|"
    r"signataires|between|(?:also\s+)?present)\b",
    re.IGNORECASE,
)
_ORGANISATION_WORD: Final = re.compile(
    r"\b(?:brigades?|battalions?|front|movement|army|jaysh|jaish|liwa\w*|alwiy\w*|katib\w*|kata.ib|faylaq|failaq|"
    r"legion|division|firqa|farqa|forces|units?|council|committee|union|group|organi[sz]ation|government|"
    r"regime|ministry|administration|room|initiative|court|state|league|nations|society|crescent|cross|coalition)\b",
    re.IGNORECASE,
)
# What an office is "of" without naming a body: "Head of State", "Head of Government", "Head of Delegation",
# "Chief of Staff", "Head of Mission".
_OFFICE_OF_BODY: Final = r"delegation|mission|cabinet|staff|police"
_OFFICE_OF: Final = rf"state|government|{_OFFICE_OF_BODY}"
# Ways of writing an organisation with the person who signs for it; the person is dropped.
_ORGANISATION_AND_PERSON: Final[tuple[tuple[Callable[[str], bool], re.Pattern[str]], ...]] = (
    (
        lambda low: " by" in low,
        re.compile(
            r"^(?P<org>.+?),?\s+(?:(?:was|were|is|are)\s+)?(?:signed by|represented by|headed by|led by)\s*:?\s*"
            r"(?P<person>.*)$",
            re.I,
        ),
    ),
    (
        lambda low: low.startswith(("on behalf of", "for ", "from ")),
        re.compile(
            r"^(?:on behalf of|for|from)\s+(?:the\s+)?(?P<org>.+?)(?:,\s*|\s{2,}|\t)(?P<person>.+)$", re.I
        ),
    ),
    (
        lambda low: " of" in low or " from" in low,
        re.compile(
            r"^(?:an?\s+|the\s+)?(?:representative|delegate|commander|leader|deputy(?: general)? commander|official|"
            rf"heads? of (?:the )?(?:state(?: and (?:of )?government)?|{_OFFICE_OF_BODY})|"
            rf"head(?!s? of (?:the )?(?:state|{_OFFICE_OF_BODY})\b(?!\s+(?-i:[A-Z])))|president|chairman|"
            r"member)s?(?:\s+and\s+a\s+delegate)?\s+(?:of|from)\s+(?:the\s+)?"
            r"(?P<org>.+?)(?:\s*[,:]\s*(?P<person>.*))?$",
            re.I,
        ),
    ),
    (
        lambda low: " for " in low or " from " in low or " on behalf of " in low,
        re.compile(
            rf"^(?P<person>{_TITLE}\b.+?)\s+(?:{_ON_BEHALF}|from)\s+(?:the\s+)?(?P<org>.+)$",
            re.I,
        ),
    ),
    (
        # The same with a title PA-X's signatories carry besides (:data:`_SIGNING_TITLE_WORDS`), only before ", for":
        # "Cdr, Nhial Deng Nhial, for the Sudan People's Liberation Movement/Army (SPLM/A)" (an office may hold
        # a "for": "Hon. John L. Momis MP, Minister for Provincial Affairs").
        lambda low: ", for " in low or ", on behalf of " in low,
        re.compile(
            rf"^(?P<person>{_SIGNING_TITLES}\.?,?[^,]*+),\s*(?:{_ON_BEHALF})\s+(?:the\s+)?"
            r"(?P<org>(?-i:[A-Z]).+)$",
            re.I,
        ),
    ),
    (
        lambda low: any(mark in low for mark in ",:-–"),
        re.compile(rf"^(?P<org>[^,:]{{3,80}}?)\s*[,:\-–]\s+(?P<person>{_TITLE}\b.*)$", re.I),
    ),
    (
        lambda low: "," in low,
        re.compile(rf"^(?P<person>{_TITLE}\b[^,]+),\s+(?P<org>(?-i:[A-Z])[^,]+)$", re.I),
    ),
    (
        lambda low: " the " in low and " of " in low,
        re.compile(
            r"^(?P<person>[^,]+?),?\s+the\s+(?:representative|delegate|head|commander)\s+of\s+(?:the\s+)?(?P<org>.+)$",
            re.I,
        ),
    ),
    (
        lambda low: "," in low,
        re.compile(
            r"^(?:deputy\s+)?(?:general\s+)?(?:commander|leader|official|representative|delegate),\s*(?P<org>[^,]+)"
            r"(?:,\s*(?P<person>.*))?$",
            re.I,
        ),
    ),
    (
        lambda low: " - " in low or " – " in low,
        re.compile(r"^(?P<org>[^,]{3,80}?)\s+[\-–]\s+(?P<person>.+)$"),
    ),
)
#: Words of the names of armed groups, as a pattern to match in lower case: a name with one is a group's,
#: not a person's (``Ahrar al-Sham``, ``Ansar Allah``), and an armed group's (:func:`pax._actors.kind_of`).
ARMED_NAMES: Final = (
    r"nusrah?|tahrir al-sham|ahrar|isis|isil|daesh|islamic state|hezbollah|hizbullah|ypg|sdf|fsa|"
    r"(?<!al-)(?<!abdel )(?<!abdul )fatah|jund|"
    r"ansar|ajnad|suq[ou]+r|zenki|zanki|zinki|houthis|hts"
)
_ARMED_NAME: Final = re.compile(rf"\b(?:{ARMED_NAMES})\b")
#: The words for a kind of group, in English and in the transliterations PA-X uses (shared with the
#: actor registry, which tells two groups' kinds apart by them).
GROUP_WORDS: Final = {
    "front": "front", "jabhat": "front", "jabha": "front", "jebhat": "front",
    "army": "army", "jaysh": "army", "jaish": "army", "jeish": "army",
    "movement": "movement", "harakat": "movement", "harakah": "movement", "haraka": "movement",
    "harikat": "movement",
    "brigade": "brigade", "brigades": "brigade", "liwa": "brigade", "liwaa": "brigade", "liva": "brigade",
    "alwiya": "brigade", "alwiyat": "brigade", "katiba": "brigade", "kataib": "brigade",
    "battalion": "battalion", "battalions": "battalion",
    "legion": "legion", "faylaq": "legion", "failaq": "legion", "filaq": "legion",
    "division": "division", "firqa": "division", "farqa": "division",
    "council": "council", "majlis": "council", "shura": "council",
    "committee": "committee", "lajna": "committee",
    "union": "union", "tajam": "union", "tajamu": "union", "tajammu": "union", "ittihad": "union",
    "forces": "forces", "force": "forces", "quwat": "forces",
    "units": "units", "unit": "units", "wahadat": "units",
    "group": "group", "groups": "group",
    "organisation": "organisation", "organization": "organisation", "hayat": "organisation",
    "hayaat": "organisation", "hayah": "organisation",
    "room": "operations room", "ghurfa": "operations room", "operations": "operations room",
    "operation": "operations room",
    "government": "government", "regime": "government", "administration": "government",
    "ministry": "government",
    "movements": "movement", "fronts": "front",
}  # fmt: skip
_TRANSLATION: Final = re.compile(r"(?:[A-Z]|al-).{0,59}\Z", re.DOTALL)
# What every pattern of _ORGANISATION_AND_PERSON needs: a separator, or a word that opens a signatory.
_MAYBE_SIGNED: Final = re.compile(
    rf"[,:\-–]|\s{{2,}}|\t|\b(?:signed|represented|headed|led|behalf|for|from|representative|delegate|"
    rf"commander|leader|official|head|president|chairman|member|deputy)\b|^{_TITLE}\b",
    re.IGNORECASE,
)
_BRACKETS: Final = re.compile(r"\s*[\(\[]([^\(\)\[\]]*)[\)\]]")
# "Yaqoob al-Omar (Jabhat al-Nusra)": a person's name as PA-X writes one without a title (two to five
# words, each capitalised or a particle), then in brackets the organisation the person signs for.
# (Possessive, so that a hostile cell cannot make the pattern backtrack.)
_NAME_THEN_BRACKET: Final = re.compile(r"^(?P<person>[^()\[\],;:/]++)[\(\[](?P<org>[^()\[\],;:/]++)[\)\]]$")
_BARE_PERSON: Final = re.compile(
    r"^(?:(?:[A-Z]\S*|(?:al|el|bin|ibn|bint|abu|abd|umm)(?:-\S+)?)\s+){1,4}(?:[A-Z]\S*|(?:al|el)-\S+)$"
)
# Words that make a name a body of people rather than a person ("Jubba Delegation", "Joint Forum").
_BODY: Final = re.compile(
    r"\b(?:delegation|forum|assembly|commission|party|parties|alliance|coalition|congress|conference|"
    r"parliament|senate|secretariat|office|mission|agency|authority|association|federation|bloc|platform|"
    r"network|cent(?:re|er)|people|residents|tribes?|families|notables|elders|dignitaries|"
    r"university|school|college|institute|church|foundation|hospital)\b",
    re.IGNORECASE,
)
# The words for an office that, after a comma, describe the name before it ("…, head of …").
_OFFICES: Final = (
    r"head|governor|president|chairman|commander|leader|representative|member|co-chairs?|deputy|minister|"
    r"secretary|envoy|director|officer"
)
# Words that qualify an office's word: "Deputy Prime Minister", "Vice-Chairperson", "Chief Minister".
_OFFICE_QUALIFIERS: Final = (
    r"prime|deputy|vice|acting|chief|first|foreign|special|senior|executive|assistant|general|co|permanent|"
    r"paramount|personal|federal|national|regional|high|supreme|military|political"
)
# Words for an office: a bracket with one describes the person ("U Aung Min (Union Minister)").
_OFFICE_WORDS: Final = rf"{_OFFICES}|chair\w*|coordinator|chief|spokes\w*|advis[eo]r|commissioner"
_OFFICE: Final = re.compile(rf"\b(?:{_OFFICE_WORDS})\b", re.IGNORECASE)
# An office's word at the end, before "for": "Minister for Foreign Affairs", "SRSG of the UN for Somalia",
# "Special Envoy of the United Nations Secretary General for LRA affected areas".
_ENDS_IN_OFFICE: Final = re.compile(
    rf"\b(?:{_OFFICE_WORDS}|srsg|{_ROLE_NOUN}|(?:secretary|attorney|consul|adjutant)[\s-]+general)"
    r"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z]{2,}))?\s*$",
    re.IGNORECASE,
)
# A bracket that names a person, after the organisation the person signs for: a title, or a kunya
# or a patronymic ("Harikat Tahrir al-Sham (Muhammad Abu Zaid)").
_KIN: Final = re.compile(r"\b(?:abu|umm|bin|ibn|bint)\b", re.IGNORECASE)
# A bracket the cell leaves open at the end, around another name: "(YPG", "(Commander Rolando MORÁN".
_LEFT_OPEN: Final = re.compile(r"\((?:[A-Z]|al-)[^(),;]*+[\s.;:]*+$")  # not a comma: the list goes on
# A bracket that lists three names or more lists members, not another name of the one before it.
_MEMBERS: Final = re.compile(r"\s*[;,/]\s*|\s+(?:and|&)\s+")
# What a bracket says of a person, not another name: "Yassin Alloush (Independent)".
_NO_OTHER_NAME: Final = frozenset({"independent", "independents"})
# A bracket that says what the one before does or holds, not who it is: a role ("John Utho Achom (Witness)",
# "William Bak Uloro (Signatory)"), letters after a person's name ("(PhD)", "(Rtd.)", "(Chr)").
# Taken for another name, it made one actor of everyone it follows.
# (The letters in their small letters only: "(CHR)" may be an acronym, the Commission on Human Rights's.)
_DESCRIPTION: Final = re.compile(
    rf"(?i:(?:the\s+)?(?:{_ROLE_NOUN}|signator(?:y|ies)))|Ph\.?\s?D|Rtd|Retd|Ret|Chr"
)
_ACRONYMS: Final = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,5}(?:\s*[;,/]\s*[A-Z][A-Za-z]{0,2}[A-Z]{1,5})*$")
_LIST: Final = re.compile(r",\s+and\s+|\s+and\s+|\s+&\s+|,\s+")
# ", head of ...", ", co-chairs of ...": what follows describes the name before it.
_APPOSITION: Final = re.compile(
    r",\s+(?=(?!the\b|and\b|an?\b)[a-z]|(?i:(?:special|joint|deputy|acting|former|vice|chief|general)\s+)*"
    rf"(?i:{_OFFICES})\b)"
)
# Names that contain the words that separate names in a list.
_PROTECTED: Final = re.compile(
    r"Iraq and (?:the )?Levant|Iraq and (?:al-)?Sham|Iraq and Syria|Great Britain and Northern Ireland|"
    r"Bosnia and Herzegovina|Trinidad and Tobago|Security and Co-?operation|Saint Kitts and Nevis|"
    r"Antigua and Barbuda|Serbia and Montenegro|Sao Tome and Principe|Muhajireen wal-Ansar",
    re.IGNORECASE,
)
_UNNAMED: Final = re.compile(
    rf"(?:(?:{_TITLE}|{_ROLE_NOUN}|one|two|three|four|first|second|third|government|rebel groups|opposition|"
    r"pour|por|for|signed on behalf of the|on behalf of the)"
    r"\.?\s*)+",
    re.IGNORECASE,
)


# An office's words without the body it serves name no one ("President", "Head of State", "Second
# Vice-President", "Secretary General", "Her Excellency"), nor a word a list or a broken line leaves alone
# ("the", "of"): PA-X writes an office on a line of its own under the name of the one who holds it.
_OFFICE_ALONE: Final = re.compile(
    r"(?:(?:the|his|her)\s+)?"
    rf"(?:(?:{_OFFICE_QUALIFIERS}|second|third|founder|incoming|outgoing|current|state|union|lead|talks|legal|"
    r"police|finance|federation)[\s-]+)*"
    rf"(?:(?:{_OFFICE_WORDS})s?|(?:secretary|attorney)[\s-]+general|excellency|pr[ée]sident|ministre|"
    r"secr[ée]taire(?:[\s-]+g[ée]n[ée]ral)?)"
    rf"(?:\s+(?:of|and)\s+(?:the\s+)?(?:{_OFFICE_OF}))*"
    # and another office after a comma: "Second Vice-President, Attorney-General" (PA-X 564)
    rf"(?:,\s*(?:(?:deputy|vice|first|second|acting|chief)[\s-]+)*(?:{_OFFICE_WORDS}|(?:secretary|attorney)[\s-]+general))*"
    r"|et|the|of|his|her|state",
    re.IGNORECASE,
)


def _unnamed(text: str) -> bool:
    """Whether ``text`` names no one: no letter (a ``'`` closing a quotation), a numeral alone (``II``), a
    title or a role without a name (``Sheikh [name illegible]``, ``Witness one``), an office's words alone
    (:data:`_OFFICE_ALONE`), or what is left of a name whose start stands elsewhere (:data:`_FRAGMENT_STARTS`)."""
    return (
        not any(map(str.isalpha, text))
        or _NO_NAME.fullmatch(text) is not None
        or text.startswith(_FRAGMENT_STARTS)
        # "OF DELEGATION."; not "De", "Du", "In", which start surnames and names
        or text[:3].casefold() == "of "
    )


# A numeral, a title or a role, or an office alone, as one pattern: one call in C for the three.
_NO_NAME: Final = re.compile(
    rf"(?-i:{_NUMERAL.pattern})|{_UNNAMED.pattern}|{_OFFICE_ALONE.pattern}", re.IGNORECASE
)


# What is left of an office or a name whose start stands elsewhere: "of the Negotiations" after a role's word
# ("Facilitator of the Negotiations"), "et le développement economique et social" or "OF DELEGATION." after a
# line's end.
_FRAGMENT_STARTS: Final = ("of ", "in ", "et ", "de ", "du ", "des ")


# How each of :data:`_INTRODUCES`'s words ends.
_INTRODUCING_ENDS: Final = ("are", "follows", "following", "namely", "of", "comprised", "composed", "up")


def _may_introduce(text: str) -> bool:
    """Whether :data:`_INTRODUCES` may find its words at ``text``'s end: for ASCII text, whether the text ends
    as one of them ends, before blanks and a colon; other text may."""
    if not text.isascii():
        return True
    tail = text.rstrip()
    tail = tail[:-1].rstrip() if tail.endswith(":") else tail
    return tail.lower().endswith(_INTRODUCING_ENDS)


# Words that open a list rather than name anyone: "And the brothers in the area of Al-Saliyah, and they are:".
_INTRODUCES: Final = re.compile(
    r"\b(?:they are|as follows|the following|namely|(?:is |are )?(?:comprised|composed|made up)(?: of)?)\s*:?$",
    re.IGNORECASE,
)


# The words a name cannot end on, which a line's end left hanging when the next line did not go on with the
# name: "Attorney-General and", "ACAT Association centrafricaine de lutte contre la torture et".
_BROKEN_END: Final = re.compile(
    r"(?:[\s,]+(?:of|for|the|de|du|des|pour|and|et|which|who))+\s*$", re.IGNORECASE
)
_BREAKING_WORDS: Final = frozenset(
    {"of", "for", "the", "de", "du", "des", "pour", "and", "et", "which", "who"}
)


def _may_end_on(text: str, words: frozenset[str]) -> bool:
    """Whether ``text``'s last word, after a blank or a comma, may be one of ``words`` (small letters), as a
    pattern that ignores case would find it: for ASCII text, whether it is; other text may."""
    if not text.isascii():
        return True
    last = text.replace(",", " ").rsplit(None, 1)
    return bool(last) and last[-1].lower() in words


#: The longest name, in words: a longer piece is prose, not a name.
MOST_WORDS: Final = 10
# What a piece needs the rules for: punctuation, digits, or a word that starts a role, a header, a
# signatory or a note. A piece without any is a plain name.
_RULE_WORDS: Final = frozenset(
    {
        "and", "by", "of", "for", "from", "as", "to", "on", "behalf", "side", "party", "signed", "signature",
        "signatures", "delegate", "commander", "leader", "head", "president", "chairman", "member", "official",
        "auspices", "presence", "according", "note", "page", "these", "participant", "participants", "name",
        "names", "international", "temoin", "temoins", "témoin", "témoins", "unsigned", "pour", "por", "done",
        "fait", "is", "was", "are", "were", "this",
    }
)  # fmt: skip
_RULE_PREFIXES: Final = (
    "represent", "witness", "guarant", "observ", "mediat", "médiat", "facilitat", "monitor", "sponsor", "broker",
    "attest", "signator",
)  # fmt: skip
_RULE_MARKS: Final = re.compile(r"[^\w\s'’ʼ.\-]|\d|^[\s.\-]")
_RULES_NEEDED: Final = re.compile(
    rf"{_RULE_MARKS.pattern}|\b(?:{'|'.join(sorted(_RULE_WORDS))})\b|\b(?:{'|'.join(_RULE_PREFIXES)})\w*",
    re.IGNORECASE,
)
_WORD_BREAKS: Final = str.maketrans("'.-", "   ")


def _rules_needed(plain: str) -> bool:
    """Whether a piece needs the rules (:data:`_RULES_NEEDED` finds something in it).

    ASCII text, the usual case, is tested without the pattern's slow part: once
    no mark is found, its words are runs of letters between blanks, ``'``, ``.``
    and ``-``, and ignoring case is lower-casing.
    """
    if not plain.isascii():
        return _RULES_NEEDED.search(plain) is not None
    if _RULE_MARKS.search(plain):
        return True
    words = plain.lower().translate(_WORD_BREAKS).split()
    return not _RULE_WORDS.isdisjoint(words) or any(word.startswith(_RULE_PREFIXES) for word in words)


# The words of _ROLE_KEYS as one pattern: one search in C instead of a test per word.
_ROLE_HINT: Final = re.compile("|".join(map(re.escape, _ROLE_KEYS)))


def role_in(text: str) -> ThirdPartyRole | None:
    """The third-party role a piece of text names first, if any."""
    if not _ROLE_HINT.search(text.lower()):
        return None
    found = _ROLE_WORDS.search(text)
    return None if found is None or found.lastgroup is None else ThirdPartyRole(found.lastgroup)


def quotable(text: str) -> str:
    """``text`` as a quote that stays verbatim in a CSV file: a cell's ``"`` is doubled there, so quote around it.

    >>> quotable('Mediators: "Sheikh Muslih"')
    'Sheikh Muslih'
    >>> quotable("Syrian Government;")
    'Syrian Government;'
    """
    text = text.strip()
    if '"' not in text:
        return text
    return max((part.strip() for part in text.split('"')), key=len)


_TRIM: Final = ' ,.;:"“”‘’*'
_TRANSLATED: Final = re.compile(r"^(?:trans\.|translated:?|i\.e\.)\s*", re.IGNORECASE)
_STRAY_BRACKET: Final = re.compile(r"[\(\)\[\]]")
_LEADING_AND: Final = re.compile(r"^and\b[\s,]*", re.IGNORECASE)
_LEADING_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)
_PLACE_WORD: Final = re.compile(r"\s(?:in|of|from|at)\s")


def _visible(text: str) -> str:
    """``text`` without the invisible characters PA-X cells carry, a no-break space made a space."""
    return text if text.isascii() else text.translate(_INVISIBLE).replace("\u00a0", " ")


def _tidy(text: str) -> str:
    """The piece without invisible characters, list markers and the marks of signatures.

    A mark between two names ends the first: ``Jaysh al-Islam [Illegible]
    Mohammad 'Alosh`` is Jaysh al-Islam, signed by a person; ``Capt Ahmad
    Ghazalah [Signed] Islamic State ...`` is the organisation a person signed for.
    """
    text = _visible(text)
    if "[" not in text and "(" not in text and "signed" not in text.lower():  # no mark to take off
        return " ".join(_LIST_MARK.sub("", text.strip(_TRIM)).split()).strip(_TRIM)
    parts = [part.strip(_TRIM) for part in _ANNOTATION.split(text)]
    parts = [part for part in parts if part and any(char.isalpha() for char in part)]
    if not parts:
        return ""
    signed_for = len(parts) > 1 and _person(parts[0]) and bool(_ORGANISATION_WORD.search(parts[1]))
    text = parts[1] if signed_for and not _person(parts[1]) else parts[0]
    text = _LIST_MARK.sub("", text)
    return " ".join(text.split()).strip(_TRIM)


# A column that only opens the next one: a role or a title alone ("Guarantor Major"), or words
# that end on a preposition ("Representative from").
_OPENING: Final = re.compile(
    rf"^(?:\s*(?:{_ROLE_NOUN}|{_TITLE})\.?)+\s*$|\b(?:of|from|for|by|to|the)\s*:?\s*$", re.IGNORECASE
)


# A joining word alone between two gaps: a line of justified prose, not columns ("His   Excellency   Mr.  Ahmed
# Teguedi,   Minister   for   Foreign Affairs", PA-X 1575).
_JUSTIFIED: Final = re.compile(
    rf"(?:{_COLUMNS.pattern})(?:of|for|and|the|de|du|des|et|to|in|la|le)(?:{_COLUMNS.pattern})", re.IGNORECASE
)


def _columns(line: str) -> list[str]:
    """The line's signature columns, each a verbatim part of it; a column that only opens the next joins it.
    A line of justified prose (:data:`_JUSTIFIED`) is one column."""
    if _JUSTIFIED.search(line):
        return [line]
    starts = [0]
    ends = []
    for gap in _COLUMNS.finditer(line):
        ends.append(gap.start())
        starts.append(gap.end())
    ends.append(len(line))
    found: list[str] = []
    begin = None
    for start, end in zip(starts, ends, strict=True):
        begin = start if begin is None else begin
        if _OPENING.search(line[start:end]) and end != len(line):
            continue
        found.append(line[begin:end])
        begin = None
    return found


# A bracket that gives a year tells two records apart ("Committee of local representatives (Daraa, 2021)"):
# part of the name, not another name.
_YEARS: Final = re.compile(r".*\b(1[89]|20)\d\d\b.*")


def _bracketed(text: str) -> tuple[str, list[str]]:
    """The name without its brackets, and the other names they give (acronyms, translations)."""
    aliases: list[str] = []
    if "(" not in text and "[" not in text and ")" not in text and "]" not in text:
        return text, aliases

    def organisation() -> bool:  # whether the name outside the brackets names a group, not a person
        return _names_group(_BRACKETS.sub(" ", text))

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1).strip(" ;,")
        if _YEARS.fullmatch(inner) and len(inner.split()) <= 3:
            return f" \x00{inner}\x01"  # part of the name: "Opposition delegation at the Busra talks (2018)"
        inner = _TRANSLATED.sub("", inner)
        if (
            inner.casefold() in _NO_OTHER_NAME
            or inner.casefold() in GROUP_WORDS
            # "(Dr.)", "(DR.)"; but "(REV)" after a name in small letters is an acronym
            or (
                _TITLE_ONLY.fullmatch(inner)
                and not (inner.isalpha() and inner.isupper() and not text.isupper())
            )
        ):
            return " "  # a note on the person, "Yassin Alloush (Independent)"; a kind of group, "(Army)"; "(Dr.)"
        # What the name is, or the body of a place: "(Negotiating Committee)", "Tal Rifaat (Military Council)".
        if inner[:1].isupper() and (not _names_one(inner) or _PLACE_NAME.match(text.lstrip())):
            return f" \x00{inner}\x01"
        # A role, an office, letters after a name: "(Witness)", "(Union Minister)", "(PhD)".
        if _describes(inner):
            return " "
        if len(_MEMBERS.split(inner)) > 2:  # its members: "TROIKA (USA, UK and Norway)"
            return " "
        # The person who signs for the organisation: "Harikat Tahrir al-Sham (Muhammad Abu Zaid)".
        if (
            (_PERSON.match(inner) or _KIN.search(inner) or _OFFICE.search(inner))
            and _names_one(inner)
            and not _names_group(inner)
            and organisation()
        ):
            return " "
        if _ACRONYMS.match(inner):
            aliases.extend(part for part in re.split(r"\s*[;,/]\s*", inner) if part)
        elif _TRANSLATION.match(inner) and len(inner.split()) <= MOST_WORDS and not _note(inner):
            aliases.append(inner)  # a translation or another name: "[Hawks of Syria Brigade]"
        return " "

    bare = text
    for _ in range(3):  # brackets within brackets, innermost first
        bare, count = _BRACKETS.subn(keep, bare)
        if not count:
            break
    bare = _STRAY_BRACKET.sub(" ", bare)  # an unbalanced bracket: "People's Protection Units (YPG;"
    bare = " ".join(bare.replace("\x00", "(").replace("\x01", ")").split()).strip(" ,.;:-–")
    if aliases and bare.casefold() in GROUP_WORDS:  # a kind of group, named in brackets: "Army (FARC – EP)"
        return aliases[0], aliases[1:]
    return bare, aliases


# A bracket right after the first name that gives it a third party's role.
_ROLE_BRACKET: Final = re.compile(rf"[^(),;:]+\(\s*(?:the\s+)?({_ROLE_NOUN})\s*\)", re.IGNORECASE)


def _describes(inner: str) -> bool:
    """Whether a bracket says what the name before it does or holds, not who it is (:data:`_DESCRIPTION`),
    or gives an office: "(Paramount Chief, Yirol East County)", "(Union Minister)", "(Member of JCSM)".

    An office before a person's name is the name's title: "Ricardo RAMÍREZ DE LÉON (Commander Rolando
    MÓRAN)" gives the same person's other name.
    """
    if _DESCRIPTION.fullmatch(inner.rstrip(".")):
        return True
    office = _OFFICE.search(inner)
    if office is None:
        return False
    name = inner[office.end() :]
    titled = office.start() == 0 and name[:1].isspace() and not _OFFICE.search(name)
    return not (titled and _person_shaped(name.strip()))


def _known(part: str) -> bool:
    return canonical_name(part) is not None


# Apostrophes and the letters transliterations write for ʿayn and hamza, which spellings of a word differ by.
_APOSTROPHES: Final = str.maketrans(dict.fromkeys("'’‘ʼʿʾ`´", ""))


def unquoted(text: str) -> str:
    """``text`` without :data:`_APOSTROPHES` (for ASCII, the usual case, by the quicker string methods)."""
    if text.isascii():
        return text.replace("'", "").replace("`", "") if "'" in text or "`" in text else text
    return text.translate(_APOSTROPHES)


def comparable(text: str) -> str:
    """Case, accents and apostrophes away: the form words are compared in."""
    text = unquoted(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    return text.casefold()


_GROUP_WORD_SET: Final = frozenset(GROUP_WORDS)
_LETTERS: Final = re.compile(r"[a-z]+")
_WORDS: Final = re.compile(r"[^\W_]+")


def _names_group(text: str) -> bool:
    """Whether ``text`` has a word for an organisation or a kind of group, in English or transliterated, or of an armed group's name."""
    if _ORGANISATION_WORD.search(text) or _ARMED_NAME.search(text.lower()):
        return True
    return not _GROUP_WORD_SET.isdisjoint(_LETTERS.findall(comparable(text)))


# Words that name no one by themselves: with the words for a kind of group, "Local Council",
# "Negotiating Committee", "General Command" say what, not who.
_GENERIC: Final = frozenset(
    {
        "local", "negotiating", "general", "joint", "interim", "transitional", "executive", "command",
        "delegation", "military", "revolutionary", "civil", "the", "of", "for", "and",
    }
)  # fmt: skip


def _names_one(text: str) -> bool:
    """Whether ``text`` has a word besides the words for a kind of group and :data:`_GENERIC`: a name, not a kind."""
    words = _WORDS.findall(comparable(text))
    return any(word not in _GENERIC and word not in _GROUP_WORD_SET for word in words)


# Given names that PA-X's signatories most often carry: with a kunya, a patronymic, an initial or a
# surname in capitals, what shows that a name without a title is a person's, not a group's
# ("Yaqoob al-Omar" is; "Ajnad al-Sham", "Shabab al-Sunna", "Beit Jinn" are not).
_GIVEN_NAMES: Final = frozenset(
    {
        "muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad", "ahmad", "ahmed", "ali", "omar",
        "umar", "hassan", "hasan", "hussein", "husayn", "hussain", "mahmoud", "mahmud", "mustafa", "moustafa",
        "ibrahim", "khalid", "khaled", "yusuf", "youssef", "yousef", "yasser", "yasir", "yassin", "yasin",
        "abdullah", "abdallah", "saleh", "salih", "said", "saeed", "walid", "waleed", "jamal", "kamal", "nabil",
        "samir", "tarek", "ziad", "zaid", "zayd", "bashar", "hamza", "ismail", "issa", "musa", "moussa",
        "sulayman", "suleiman", "yaqoob", "yaqub", "yacoub", "jaber", "jabir", "adnan", "anas", "osama", "usama",
        "fares", "faris", "moustapha", "mustapha", "majid", "maher", "marwan", "nasser", "nasir", "qasim",
        "qassem", "rashid", "sami", "taha", "wael", "yahya", "fadi", "firas", "haitham", "hisham", "imad", "emad", "iyad", "karim",
        "louay", "mazen", "munir", "nidal", "radwan", "raed", "riad", "riyad", "salim", "salem", "shadi",
        "tamer", "zuhair",
    }
)  # fmt: skip
_INITIAL: Final = re.compile(r"\b[A-Z]\.")
_CAPITALS: Final = re.compile(r"[A-Z][A-Z'’\-]{2,}")  # a surname as signature blocks write it: "DONA-FOLOGO"


def _bare_person(name: str) -> bool:
    """Whether ``name``, without a title, reads as a person's name and nothing else's.

    It has the shape (:data:`_BARE_PERSON`); names no group, body, known state
    or organisation, armed group (``Ahrar al-Sham``) or place by its first word
    (``Beit Jinn``); and shows it is a person's: a kunya or a patronymic, a
    name beginning ``Abd``, a common given name (:data:`_GIVEN_NAMES`), a title,
    an initial, or a surname in capitals after a name in small letters
    (``Laurent DONA-FOLOGO``). A name without any (``Kenan Berekat``) is not
    taken for a person's: it may be a group's or a place's.
    """
    if not _person_shaped(name):
        return False
    words = name.split()
    first = words[0].strip("‘’'ʿ`").casefold()
    if _PERSON.match(name) or _SIGNING_TITLE.match(name) or _KIN.search(name) or _INITIAL.search(name):
        return True
    if first in _GIVEN_NAMES or first.startswith("abd"):
        return True
    # A surname in capitals after a given name that is not: a cell in capitals throughout shows nothing.
    return not name.isupper() and any(_CAPITALS.fullmatch(word) for word in words[1:])


def reads_as_person(name: str) -> bool:
    """Whether ``name`` reads as a person's: with a title (``Sheikh ...``) or without (:func:`_bare_person`)."""
    return _person(name) or _bare_person(name)


def shaped_as_person(name: str) -> bool:
    """Whether ``name`` has a person's name's shape: with a title, or without one (:func:`_person_shaped`)."""
    return _person(name) or _person_shaped(name)


def _person_shaped(name: str) -> bool:
    """Whether ``name`` has a person's name's shape (:data:`_BARE_PERSON`) and names no group, body, known
    state or organisation, armed group or place by its first word: a person's, or a group's without a word for one.
    """
    if not _BARE_PERSON.match(name) or _names_group(name) or _BODY.search(name) or _known(name):
        return False
    return not (_ARMED_NAME.search(name.lower()) or _PLACE_NAME.match(name))


def _signed_for(text: str) -> str | None:
    """The organisation in brackets after a person's name (``Yaqoob al-Omar (Jabhat al-Nusra)``); else ``None``.

    The name outside the bracket must read as a person's (:func:`_bare_person`),
    and the one inside as an organisation's by name, not a kind's or an office's.
    """
    found = _NAME_THEN_BRACKET.match(text)
    if found is None:
        return None
    person, organisation = found.group("person").strip(), found.group("org").strip()
    if not _bare_person(person):
        return None
    if not organisation[:1].isupper() or not _names_group(organisation) or not _names_one(organisation):
        return None
    if _OFFICE.search(organisation):
        return None
    return organisation


_LEADING_BRACKET: Final = re.compile(r"^\((?P<name>[^()]+)\)\s*(?P<rest>.*)$")


def _bracketed_signatory(text: str) -> tuple[str, bool]:
    """A person's name in a bracket that opens the piece, as South Asian signatures write it after "Sd/-";
    and whether the piece is that name alone, a signatory (of an organisation above, if one is).

    Alone, it is the name: ``(Rajuram Bhul)``; before an office's word alone, the name holding it:
    ``(Mr Laxman Tharu) Member`` reads as ``Mr Laxman Tharu, Member``. Before an office of an organisation,
    the person signs for it, and the rest is read without the bracket: ``(K. Padmanabhaiah) Representative of
    the Government of India`` is the Government of India.
    """
    found = _LEADING_BRACKET.match(text)
    if found is None:
        return text, False
    name, rest = found.group("name").strip(), found.group("rest").strip()
    if not shaped_as_person(name) or _unnamed(name):
        return text, False
    if not rest:
        return name, True
    return (f"{name}, {rest}" if _bare_office(rest) else rest), False


# A word that does not count toward a name's length when it leads: an initial or "H.E.", which an old reading
# took off ("G. MERREM Special Representative of the Secretary-General of the United Nations"), not the
# initials of several names in a row ("V. Zorin. S. Stepashin. N. Bezborodov ...").
_UNCOUNTED: Final = re.compile(r"[A-Z]\.|H\.E\.?|S\.E\.M?\.?")


def _length(name: str) -> int:
    """A name's length in words, for :data:`MOST_WORDS`: a leading initial or "H.E." does not count."""
    words = name.split()
    return len(words) - (1 if words and _UNCOUNTED.fullmatch(words[0]) else 0)


def _too_long(name: str) -> bool:
    """Whether ``name`` has more words than a name has (:data:`MOST_WORDS`, by :func:`_length`)."""
    # A name with fewer blanks than that has fewer words: the usual case, without splitting it.
    return name.count(" ") >= MOST_WORDS and _length(name) > MOST_WORDS


_ROLE_WORD: Final = re.compile(_ROLE_NOUN, re.IGNORECASE)
# An office's name: its words ("Minister", "Coordinator", "Facilitator"), after words that qualify one
# ("Deputy Prime Minister", "Vice-Chairperson", "Chief Minister").
_OFFICE_START: Final = re.compile(
    rf"\b(?:(?:{_OFFICE_QUALIFIERS})[\s-]+)*"
    rf"(?:{_OFFICE_WORDS}|{_ROLE_NOUN})\b",
    re.IGNORECASE,
)


def _bare_office(text: str) -> bool:
    """Whether ``text`` is an office's or a role's word or two alone, of no organisation: "Member",
    "Coordinator", "Paramount Chief", "Facilitator" (not "Chair DMMPC")."""
    words = text.split()
    if not words or len(words) > 2 or "," in text or any(_ACRONYMS.match(word) for word in words):
        return False
    return _OFFICE.search(text) is not None or _ROLE_WORD.fullmatch(words[-1].strip("'‘’\"")) is not None


def _before_office(text: str) -> str:
    """A person's name before a long office: before the comma that opens it ("Gen. Saw Mo Shay, Vice Chief of
    Staff, Democratic Karen Benevolent Army"), or before its first word ("H.E. MATE Granic Deputy Prime
    Minister and Minister for Foreign Affairs of the Republic of Croatia"). The name must read as a person's,
    and the office start with a capital, not be prose ("Abyei Area, the parties agreed ..."); else ``text``."""
    head, _, rest = text.partition(",")
    if rest:
        office = rest.split(",", 1)[0].strip().removeprefix("the ")
    else:
        found = _OFFICE_START.search(text)
        head, office = (text[: found.start()], text[found.start() :]) if found else (text, "")
    head = head.strip()
    named = bool(office) and ":" not in head and not _unnamed(head)  # not "His Excellency" alone
    if named and office[:1].isupper() and _OFFICE_START.search(office) and reads_as_person(head):
        return head
    return text


def _split_list(text: str) -> list[str]:
    """One name, or several when the text lists them and every part reads as a name.

    The parts are names when each is a known state or organisation, or, when
    no place list is in sight ("... in Jubar and East Ghouta"), when each is a
    capitalised name of two words or more. A known name that contains the
    separators ("United Kingdom of Great Britain and Northern Ireland") stays whole.
    """
    if "," not in text and " and " not in text and " & " not in text:
        return [text]
    # A name that holds the words that separate names ("Bosnia and Herzegovina") is one part: its blanks are
    # masked while the text is split.
    masked = _PROTECTED.sub(lambda name: name.group().replace(" ", "\x00"), text)
    parts = [part.strip(" ,.").replace("\x00", " ") for part in _LIST.split(masked)]
    parts = [_LEADING_AND.sub("", part) for part in parts if part]
    if len(parts) < 2:
        return [text]
    places = _PLACE_WORD.search(text.split(" and ", maxsplit=1)[0].split(",", maxsplit=1)[0])
    names = not places and all(_names_itself(part) for part in parts)
    if (names or all(_known(part) for part in parts)) and not _known(text):
        return parts
    return [text]


def _names_itself(part: str) -> bool:
    first = _LEADING_THE.sub("", part)
    return len(part.split()) >= 2 and first[:1].isupper() and not _PERSON.match(first)


# A second role after the first: "Mediator and witness, State of Qatar", "Mediator and Signatory: Russian Federation",
# "Facilitators and Sponsors" (PA-X 721, 249, 1917); the first role is the one kept. Or "and" before others the
# role's word names: "international observers and experts" (PA-X 1819).
_SECOND_ROLE: Final = re.compile(
    rf"^(?:and|&)\s+(?:(?:{_ROLE_NOUN}|signator(?:y|ies))\b[\s,:]*)?", re.IGNORECASE
)


def _role_of(text: str) -> tuple[ThirdPartyRole | None, str]:
    """The role a piece gives itself (prefix, suffix, adjective) and the name without it."""
    if role_in(text) is None and "mediating" not in text.lower():
        return None, text  # every pattern below names a role
    found = _ROLE_PREFIX.match(text)
    if found:
        word = found.group("role") or found.group("role2")
        rest = _SECOND_ROLE.sub("", (found.group("rest") or found.group("rest2")).strip(" ,:"))
        return role_in(word), rest.strip(" ,:")
    found = _ROLE_SUFFIX.match(text)
    if found:
        return role_in(found.group("role")) or _R.MEDIATOR, found.group("rest").strip(" ,:")
    found = _ADJECTIVE_GUARANTOR.search(text)
    if found:
        return _R.GUARANTOR, canonical_name(found.group(1)) or found.group(1)
    return None, text


# A line that is only a header: "Witnesses", "In the presence of", "The guarantor countries" ...
_HEADER: Final = re.compile(
    rf"(?:the\s+)?(?:international\s+|local\s+)?(?:{_ROLE_NOUN})|(?:the agreement was\s+)?"
    r"(?:signed\s+|made\s+)?in (?:the )?presence of|witnessed by|attested (?:to|by)|mediated by|"
    r"(?:as|the)\s+(?:witnesses|observers|mediators|guarantors)|by the (?:guarantor|accompanying) countries|"
    r"les facilitateurs internationaux|(?:\w+\s+)?signatories|(?:the\s+)?parties|"
    r"(?:list of\s+)?(?:\w+\s+)?participants",
    re.IGNORECASE,
)


def _header(text: str) -> ThirdPartyRole | Literal[False] | None:
    """For a header line (``Witnesses:``, ``International Observers``): the role it sets; ``False`` when not a header."""
    bare = text.rstrip(" :,")  # "In the Presence of," (PA-X 565)
    if not text.endswith(":") and bare.count(" ") > 4:
        return False
    role = role_in(bare)
    if _HEADER.fullmatch(bare):
        return role
    if text.endswith(":") and role is not None and len(bare.split()) <= 6:
        return role
    return False


def _person(text: str) -> bool:
    return bool(_PERSON.match(text)) and not _ORGANISATION_WORD.search(text)


# The document or meeting a sentence is about, as the subject of "... was signed by": no party.
_DOCUMENT: Final = re.compile(
    r"(?:this|the present|the)\s+(?:[\w-]+\s+){0,2}?(?:agreement|accord|declaration|document|memorandum|protocol|"
    r"conference|meeting|minutes)",
    re.IGNORECASE,
)


def _organisation(text: str) -> tuple[str, bool]:
    """The organisation a piece names, dropping the person who signs for it; and whether a person was dropped."""
    if not _MAYBE_SIGNED.search(text):
        return text, False
    # A separator inside brackets separates no organisation from its signatory ("TROIKA (USA, UK and
    # Norway)"): the patterns match the text with those blanked out, the same length, so its spans hold.
    masked = _BRACKETS.sub(_blank_separators, text) if "(" in text or "[" in text else text
    low = masked.lower()
    for applies, pattern in _ORGANISATION_AND_PERSON:
        found = pattern.match(masked) if applies(low) else None
        if found and found.group("org").strip():
            organisation = text[found.start("org") : found.end("org")].strip(" ,:")
            person = text[found.start("person") : found.end("person")] if found.group("person") else ""
            if _person(organisation) and not _person(person):
                continue
            # "for" after an office is the office's: "H.E. Mr. Radisa Gacic, Federal Secretary for Labour, ...".
            if found.start("person") < found.start("org") and _ENDS_IN_OFFICE.search(person):
                continue
            # An office's or a role's word alone is no organisation: the name is the person's, who holds it and
            # so signs as themselves ("Sd. 2. Mr. Dinanath Sharma, Member", "Chadian mediator: Dr. Adam Diar
            # Mougoudi").
            if _bare_office(organisation):
                if person.strip() and reads_as_person(person.strip(" ,:")):
                    return person.strip(" ,:"), True
                continue
            # "This Agreement is signed by the Government of Sudan": the signatory, not the document.
            if _DOCUMENT.fullmatch(organisation):
                return (person.strip(" ,:.") if person.strip() else ""), False
            # "Representative of the Hayat Tahrir Al Sham" drops an office, no person: its signatory follows.
            return organisation, bool(person.strip())
    titled = _COLON_TITLED.match(masked) if ":" in masked else None
    if titled is not None:
        organisation = _FORMULA.sub("", text[: titled.end("org")].strip())
        # Not a header that gives a role or opens the next name ("Facilitators/ Witness:", "Accreditation by:"),
        # nor a form's label, an office or a person's name ("Name:", "President:", "Sheikh Ali:").
        bare = _BRACKETS.sub("", organisation).strip()  # "The Federal Republic of Nigeria (Chair of the AU)"
        if (
            bare[:1].isupper()
            and role_in(bare) is None
            and not _OPENING.search(bare)
            and not _LABEL.match(bare)
            and not _names_office(bare)
            and not (_person(bare) and not _names_group(bare) and not _BODY.search(bare))
            and not _bare_person(bare)
        ):
            return organisation, True
    return _then_signatory(text)


# A group's name and a bracket, then the signatory's name: "... Azawad (MNLA, HCUA, MAA and CMFPR2) Algabass AG INTALLA".
_BRACKET_THEN_NAME: Final = re.compile(
    r"^(?P<org>[^()\[\],]++[\(\[][^()\[\]]*+[\)\]])\s*+(?P<person>[^()\[\],;:]++)$"
)


def _names_office(name: str) -> bool:
    """Whether ``name`` is an office's ("The President", "Prime Minister"), not an organisation's with an
    office's word in it ("Office of the High Representative", "IGAD Member States")."""
    if not _OFFICE.search(name) or _names_group(name) or _BODY.search(name):
        return False
    return not any(_ACRONYMS.match(word) for word in name.split())


def _then_signatory(text: str) -> tuple[str, bool]:
    """A group's name, a comma or a colon, then a person's name without a title: the group, and whether a person was dropped.

    ``Jaysh al-Muhajireen wal-Ansar, ‘Abd al-Karim al-Awkarani`` and ``African
    Union: Sam B. Ibok`` are the group, signed for by the person
    (:func:`_signatory`); two groups' names are not.
    """
    after = _BRACKET_THEN_NAME.match(text)  # "For the Union of ... (FPLS, MUR, FAR) MOHAMED ANACKO"
    splits: list[tuple[list[str], bool]] = []  # (group, signatory) and whether a colon separates them
    if after is not None:
        splits.append(([after.group("org"), after.group("person")], False))
    else:
        parts = _top_level(text, ",")
        # "African Union: Sam B. Ibok[, ...]": a colon before the first comma ends the group's name, or
        # else the comma does ("JBC MOVEMENT: JHON JAIRO R, JORGE P. JORGE ELIECER", a name with no sign).
        # Not when another side follows after a comma: "MILF: Mohagher Iqbal, GPH: Miriam Coronel Ferrer".
        if ":" in parts[0] and not any(
            ":" in part and _side_before_colon(part.split(":", 1)[0]) for part in parts[1:]
        ):
            splits.append((parts[0].split(":", 1), True))
        splits.append((parts, False))
    for split, colon in splits:
        # A bracket before the separator may give another group: left alone.
        if len(split) != 2 or (after is None and ("(" in split[0] or "[" in split[0])):
            continue
        organisation, person = split[0].strip(), split[1].strip().lstrip("‘’'ʿ`")
        bare = _BRACKETS.sub("", organisation)
        if _names_group(bare) and _names_one(bare) and not _OFFICE.match(bare) and _signatory(person):
            return _FORMULA.sub("", _LEADING_AND.sub("", organisation)), True
        # A side, a colon and a name shaped like a person's: the name needs no sign of it ("Russian
        # Federation: B. Yeltsin", "MILF: Mohagher Iqbal", "Republic of Croatia: FRANJO TUDJMAN").
        if colon and _side_before_colon(bare) and _person_shaped(person):
            return _FORMULA.sub("", _LEADING_AND.sub("", organisation)), True
    return text, False


# A state's formal name or its government: "Republic of Croatia", "INDEPENDENT STATE OF PAPUA NEW GUINEA",
# "Republika Srpska", "Government of Ireland".
_STATE_WORDS: Final = (
    "republic", "republika", "kingdom", "state", "federation", "principality", "sultanate", "emirate", "government",
)  # fmt: skip
_STATE_FORM: Final = re.compile(
    r"(?:the\s+)?(?:(?:federal|democratic|independent|islamic|socialist|united|arab|people'?s)\s+)*"
    rf"(?:{'|'.join(_STATE_WORDS)})\b",
    re.IGNORECASE,
)


def _side_before_colon(name: str) -> bool:
    """Whether ``name``, before a colon and a name shaped like a person's, is the side the person signs for:
    a state or organisation the reader knows, an acronym (``MILF``, ``GRP``), a state's formal name or its
    government (:data:`_STATE_FORM`), or a group's name (``Justice and Equality Movement``); not a form's
    label, a header, a role or an office (``Name:``, ``BETWEEN:``, ``Facilitator:``, ``President:``).

    After a comma a person's name needs a sign of it (:func:`_signatory`), as two groups are often listed
    so; every group's name before a colon in either release is followed by its signatory's.
    """
    name = _LEADING_AND.sub("", _FORMULA.sub("", name.strip()))
    if name.casefold() in _RULE_WORDS or _LABEL.match(name) or _OPENING.search(name):  # "AND:", "BETWEEN:"
        return False
    # An office, also after a word ("For the current Chairman of African Union:", "Vice-Chairman of ...:").
    if role_in(name) is not None or _names_office(name) or _OFFICE.search(name.split(" of ", 1)[0]):
        return False
    if _known(name):
        return True
    # An acronym, or two joined by a dash ("FARC-EP"); a word in capitals that a form writes is none:
    # "NOMBRE:", "OMDA:", "POUR:".
    if all(_ACRONYMS.fullmatch(part) for part in _DASH.split(name)):
        return name.casefold() not in _FORM_WORDS
    # A state's or a group's name, not only the kind of one: "Republic:", "Armed Forces:", "Civil society:".
    named = any(word not in _SIDE_KINDS for word in _WORDS.findall(comparable(name)))
    return named and (bool(_STATE_FORM.match(name)) or (_names_group(name) and _names_one(name)))


_DASH: Final = re.compile(r"\s*[-–]\s*")
# Words in capitals before a colon that are a form's, not an acronym: labels, small words, roles, titles
# and offices, in the languages of PA-X's cells.
_FORM_WORDS: Final = frozenset(
    {
        "nombre", "firma", "nom", "noms", "signe", "signé", "cargo", "fonction", "function", "qualite",
        "qualité", "titre", "rank", "pour", "por", "para", "entre", "et", "testigo", "testigos", "garante",
        "mediador", "members", "membres", "miembros", "omda", "sultan", "wali", "chef", "maire", "mayor",
        "prefet", "préfet", "amir", "emir", "chief", "omdas",
    }
)  # fmt: skip
# Words that say what kind of side a name is, not which: with _GENERIC and the group words, a name of
# these alone names no side.
_SIDE_KINDS: Final = _GENERIC | _GROUP_WORD_SET | frozenset(_STATE_WORDS) | frozenset(
    {
        "armed", "forces", "society", "elders", "ministers", "states", "delegation", "group", "groups",
        "independent", "democratic", "islamic", "socialist", "united", "arab", "people", "peoples", "s",
    }
)  # fmt: skip


# "For the ..., Person": the formula of a signature, once the person is set aside.
_FORMULA: Final = re.compile(
    rf"^(?:(?:{_ON_BEHALF}|from|on the behalf of)\s+(?:the\s+)?|{_ON_BEHALF_ABROAD}\s*)", re.IGNORECASE
)
# The first words of Arabic place names ("Beit Jinn", "Wadi Barada", "Kafr Nabl"): a place, not a person.
_PLACE_NAME: Final = re.compile(
    r"(?:beit|bayt|wadi|tal|tell|tall|khan|kafr|kfar|deir|dayr|ain|ayn|jabal|jebel|ma.?arat|qal.?at|ras|bab|"
    r"hayy|harat|madinat|mukhayyam|camp|old city|city|town|village|district|province|governorate)\b",
    re.IGNORECASE,
)


def _signatory(name: str) -> bool:
    """Whether ``name``, after a group's name and a comma, is a person's who signs for it.

    A person's name without a title (:func:`_bare_person`), not an office.
    """
    return _bare_person(name) and not _OFFICE.search(name)


def _blank_separators(bracket: re.Match[str]) -> str:
    return bracket.group(0).translate(_SEPARATORS)


_SEPARATORS: Final = str.maketrans(",:;-–", "\x02\x02\x02\x02\x02")


def mentions(cell: str, *, third_parties: bool) -> list[Mention]:
    """The names a ``Part`` cell (``third_parties=False``) or a ``ThrdPart`` cell gives, in order.

    In ``ThrdPart`` every name gets a role: the one the text gives, else
    ``unspecified``. In ``Part`` a name is a party (role ``None``) unless the
    text gives it a third party's role (``Witnesses:``), as PA-X sometimes
    lists third parties among the parties.

    >>> [(m.name, m.role.value) for m in mentions("Guarantor: Al Sham Legion\\nRepresented by:\\nAbu Shadi", third_parties=True)]
    [('Al Sham Legion', 'guarantor')]
    >>> [m.name for m in mentions("Hayat Tahrir al-Sham, signed by Abu Muhammed al-Jolani;\\nSyrian Liberation Front", third_parties=False)]
    ['Hayat Tahrir al-Sham', 'Syrian Liberation Front']
    """
    reading = _Reading(third_parties=third_parties)
    for line in _lines(cell):
        if not line.strip():
            reading.blank()
            continue
        for column in _columns(line) if "\t" in line or "   " in line or "\u00a0" in line else [line]:
            for piece in _top_level(column, ";"):
                reading.piece(piece)
    return reading.found


def _lines(cell: str) -> list[str]:
    """The cell's lines, a line broken inside a name joined to the next with its break (so it stays verbatim)."""
    if "\n" not in cell and "\r" not in cell and "\u2028" not in cell and "\u2029" not in cell:
        return [cell]
    parts = _BREAK.split(cell)
    lines = [parts[0]]
    for index in range(1, len(parts), 2):
        last, following = lines[-1], parts[index + 1]
        if _wraps(last, following):
            lines[-1] = last + parts[index] + following
        else:
            lines.append(following)
    return lines


def _goes_on_at_and(last: str, end: str, following: str) -> bool:
    """Whether a line that ends on ``end`` (folded) goes on into ``following`` at "and", "et" or "y": in a
    numbered list (:data:`_NUMBERED`), before a line in small letters ("... développement économique et" and
    "sociale"), or inside a name that holds "and" ("Federation of Bosnia and" and "Herzegovina")."""
    if end not in _JOINING_ENDS and following.lstrip(" \u00a0")[:1] not in ("a", "A", "&"):
        return False  # the usual case, known without a pattern
    if (end == "and" or _starts_with_and(following)) and _NUMBERED.match(last):
        return True
    if end in _JOINING_ENDS and following.lstrip()[:1].islower():
        return True
    return end == "and" and _PROTECTED.search(f"{last} {following.lstrip()}") is not None


_JOINING_ENDS: Final = frozenset({"and", "et", "y"})


def _wraps(last: str, following: str) -> bool:
    """Whether ``following`` goes on with the name that ``last`` breaks off (:data:`_OPEN_WORDS`,
    :data:`_CONTINUED`). Not after a header ("In the Presence of") or a note ("Agreement not signed, but a
    declaration of"); not before a list's next item ("1. Les Forces ..." after "POUR")
    or a person's name ("Mr. John Smith" after "Representative of the Government of"); and not when the name joined would
    be too long for one (a paragraph's lines), not counting a person's name before an office."""
    words = last.rsplit(None, 1)
    if not words or not following.strip():
        return False
    end = words[-1].casefold()
    if not (
        end in _OPEN_WORDS
        or words[-1] in _OPEN_SMALL_WORDS
        or _CONTINUED.match(following)
        or _goes_on_at_and(last, end, following)
    ):
        return False
    bare = _visible(_LIST_MARK.sub("", last, count=1)).strip()
    if _header(bare) is not False or _note(bare):
        return False
    if _LIST_MARK.match(following):
        return False
    head = _NAME_END.split(following, maxsplit=1)[0].strip()
    tail = _LIST_MARK.sub("", _NAME_END.split(last)[-1], count=1)  # a list's number is no word of the name
    if reads_as_person(head):
        return False
    # The person's name before an office counts apart ("H.E. Mr. Charles TAYLOR Head of the ... of").
    person = _before_office(tail)
    office = _length(tail) - (_length(person) if person != tail else 0)
    return office + _length(head) <= MOST_WORDS


@attrs.define
class _Reading:
    """A cell being read, piece by piece: the names found, and what the pieces before say of the next."""

    third_parties: bool
    found: list[Mention] = attrs.field(factory=list)
    block_role: ThirdPartyRole | None = None  # set by a header ("Witnesses:") until a blank line or a header
    skip_person: bool = False  # after "Represented by:", the next piece signs for the organisation above
    after_organisation: bool = False  # a person right after an organisation signs for it
    named_under_header: bool = False  # a name has followed the last header
    spaced: bool = False  # a blank line came between the last header and its first name

    def add(self, mention: Mention, *, own_role: bool = False) -> None:
        self.found.append(mention)
        self.named_under_header = True
        # A name with a role of its own ("Guarantor: ...") has no signatories listed under it.
        self.after_organisation = not mention.person and not own_role

    def blank(self) -> None:
        """A blank line ends a header's block once names have followed it, unless a blank line came between the
        header and its first name: then blank lines part its names ("Witnessed by:", a blank line, a witness,
        a blank line, a witness ...)."""
        if not self.named_under_header and self.block_role is not None:
            self.spaced = True
        elif not self.spaced:
            self.block_role = None
        self.skip_person, self.after_organisation = False, False

    def piece(self, piece: str) -> None:
        quote = quotable(piece)
        if not quote:
            return
        # Only a piece that may start with a list's mark is looked at: a number, a bullet, a letter and a
        # bracket, a roman numeral, "Sd".
        marked = quote[0] in _MARK_STARTS or quote[1:2] == ")"
        plain = _LIST_MARK.sub("", quote, count=1) if marked else quote
        if plain and not _rules_needed(plain):  # a plain name, maybe numbered: read at once
            self.plain(plain, quote)
        else:
            self.ruled(piece, quote)

    def plain(self, plain: str, quote: str) -> None:
        text = " ".join(_visible(plain).split()).strip(" .-")
        if _may_end_on(text, _BREAKING_WORDS):  # "... contre la torture et"
            text = _BROKEN_END.sub("", text)
        person = _person(text)
        unnamed = _unnamed(text) or _too_long(text)
        if unnamed or (person and self.after_organisation) or self.skip_person:
            self.skip_person = False
            return
        role = (self.block_role or _R.UNSPECIFIED) if self.third_parties else self.block_role
        self.add(Mention(name=text, role=role, person=person, quote=quote))

    def ruled(self, piece: str, quote: str) -> None:
        read = _read_ruled(piece)
        if read is None:
            return
        if read.structure:
            self.skip_person = True
            return
        if read.header is not False:
            # A header without a role ("Founding Signatories", "The Parties:") ends the block before it.
            self.block_role, self.named_under_header, self.spaced = read.header, False, False
            return
        if self.skip_person or (read.signs and self.after_organisation and not read.new_side):
            self.skip_person = False
            return  # a signatory, listed under the organisation it signs for
        # In a block whose names blank lines part, a piece that names a role of its own has it ("Witnessed by:",
        # ..., "Dr. Samson L. Kwaje, Acting Mediator"): the header may be far above.
        role = read.own_role or (read.piece_role if self.spaced else None) or self.block_role
        if self.third_parties and role is None:
            role = read.piece_role or _R.UNSPECIFIED
        for name, shown, person in read.names:
            self.add(
                Mention(name=name, aliases=shown, role=role, person=person, quote=quote),
                own_role=read.own_role is not None,
            )


class _Ruled(NamedTuple):
    """What a piece that needs the rules says by itself; :meth:`_Reading.ruled` adds what the pieces before say."""

    structure: bool  # "Represented by:": the next piece signs for the organisation above
    # False when the piece is no header, else the role it sets (if any)
    header: ThirdPartyRole | Literal[False] | None
    own_role: ThirdPartyRole | None  # the role the piece gives itself
    signs: bool  # a person's name with no role and no organisation dropped: a signatory after an organisation
    new_side: (
        bool  # opens a side of its own ("The second side: ..."): a party, not a signatory of the one before
    )
    piece_role: ThirdPartyRole | None  # the role the whole piece names first
    names: tuple[tuple[str, tuple[str, ...], bool], ...]  # (name, aliases, a person's?) in order


_NO_NAMES: Final = _Ruled(False, False, None, False, False, None, ())


# A unit or a place named by its kind alone, in small letters: the office "of the group", "of the area".
_KIND_ALONE: Final = re.compile(r"(?:the )?(?:military )?(?:group|area|mission|unit|sector|zone|region)")


def _organisation_taken(text: str) -> tuple[str, bool] | None:
    """The organisation a piece names, the person who signs for it taken out (:func:`_organisation`,
    :func:`_signed_for`), and whether something was taken out; ``None`` when what is left is a note."""
    given = _SIDE.sub("", text).strip(" ,:")
    text, dropped = _organisation(given)
    if text != given:  # what the rules left of the piece
        # "This agreement is signed by the following people ..." (PA-X 156); "Commander of the group", which
        # names no body (PA-X Local 2436)
        if _note(text) or _KIND_ALONE.fullmatch(text):
            return None
        if _may_end_on(text, _BREAKING_WORDS):  # "... of the unit JNA which signed by ..."
            text = _BROKEN_END.sub("", text)
    organisation = None if dropped else _signed_for(text)
    return (organisation, True) if organisation is not None else (text, dropped)


def _part_name(part: str, text: str) -> str | None:
    """The name a part of ``text``'s list gives (the part itself when ``text`` is no list), ``None`` for none."""
    # "the Russian Federation" in a list; "The Sham Front" keeps its article
    name = part.removeprefix("the ")
    if name != text and _unnamed(name):  # "Head of State" in "Heads of State and Government"; "and" left
        return None
    before, colon, office = name.partition(":")
    # "Blaise Compaoré: President" (PA-X 119) is the person; "Title: Chairman", a form's label, no one
    if colon and before.strip() and _unnamed(office.strip()):
        if _LABEL.match(before):
            return None
        name = before.strip()
    if _too_long(name):  # prose, not a name; or a person's name before a long office
        name = _before_office(name)
    if _too_long(name) and _known(name.partition(" as ")[0]):  # "France as Co-Chairs of ..." (PA-X 823)
        name = name.partition(" as ")[0]
    return None if _too_long(name) else name


def _name_text(piece: str) -> tuple[str, bool]:
    """The piece's text without marks and without what a line's end left of a name, and whether the piece goes
    on a list with "and" (then it names the list's next, no signatory: "and Mrs. Adel Balasingham")."""
    tidied = _tidy(piece)
    # Each pattern runs only where ASCII text, the usual case, starts or ends with what it looks for (most names
    # do not); other text always meets the pattern, whose ignoring case matches letters that lower() does not.
    ascii_text = tidied.isascii()
    if not ascii_text or tidied[:1].lower() in _MARK_INITIALS:
        tidied = _SIGNED_MARK.sub("", tidied)
    if not ascii_text or tidied[-4:].lower() == "part":
        tidied = _PART_OF.sub("", tidied)
    # "and Current Chairman of ECOWAS", "and, representatives of"
    leading = _LEADING_AND.match(tidied) if not ascii_text or tidied[:3].lower() == "and" else None
    listed = leading is not None
    text = tidied[leading.end() :] if leading is not None else tidied
    if _may_end_on(text, _BREAKING_WORDS):
        text = _BROKEN_END.sub("", text)
    # What is left of an organisation's name after a line's end: "of the Arab Coalition" (PA-X 2123).
    if text[:3].casefold() == "of ":
        rest = _LEADING_THE.sub("", text[3:])
        text = rest if _ORGANISATION_WORD.search(rest) else text
    return text, listed


def _piece_header(piece: str) -> ThirdPartyRole | Literal[False] | None:
    """The role a header piece sets (:func:`_header`), also after a section's letter or numeral ("B. Witnesses")."""
    visible = _visible(piece).strip()
    header = _header(visible)
    section = _SECTION_MARK.match(visible) if header is False else None
    return _header(visible[section.end() :]) if section is not None else header


@functools.lru_cache(maxsize=1 << 16)
def _read_ruled(piece: str) -> _Ruled | None:
    """The reading of one piece by the rules, ``None`` when it names no one; the same piece recurs across rows."""
    opened = piece.rfind("(")
    if opened > piece.rfind(")") and _LEFT_OPEN.match(piece, opened):  # "People's Protection Units (YPG;"
        piece = piece.rstrip(" ,.;:") + ")"
    text, listed = _name_text(piece)
    if not text:
        return None
    text, signatory = _bracketed_signatory(text) if text[0] == "(" else (text, False)
    if _STRUCTURE.match(text):
        return _NO_NAMES._replace(structure=True)
    header = _piece_header(piece)
    if header is not False:
        return _NO_NAMES._replace(header=header)
    bare = piece.strip()
    if _note(text) or (_note(bare) and not _SIGNED_OFFICE.match(bare)):
        return None
    new_side = _NEW_SIDE.match(text) is not None
    own_role, text = _role_of(text)
    # After words that name no one, "Signed:" marks the name: "The Mediator in the crisis in Guinea, Signed: ..."
    head, signed, tail = text.partition("Signed:") if "Signed:" in text else (text, "", "")
    if signed and _unnamed(head.strip(" ,;")):
        text = tail.strip()
    if own_role is not None and not text:  # "Facilitators and Sponsors": a header
        return _NO_NAMES._replace(header=own_role)
    if own_role is not None and _note(text):  # "WITNESS TO THIS AGREEMENT" (PA-X Local 2286)
        return None
    whole = text  # before an organisation's rules take a name out of it
    if own_role is None and "(" in text:  # "John Utho Achom (Witness) – Kangi County" in a list of parties
        bracket = _ROLE_BRACKET.match(text)
        own_role = role_in(bracket.group(1)) if bracket is not None else None
    taken = _organisation_taken(text)
    if taken is None:
        return None
    text, dropped = taken
    text, aliases = _bracketed(text)
    described = text  # with the office that may follow the name
    if "," in text:
        text = _APPOSITION.split(text, maxsplit=1)[0]
    text = _SIDE.sub("", text).strip(" ,:;.")
    if _unnamed(text) or (_may_introduce(text) and _INTRODUCES.search(text) is not None):
        return None
    names = []
    for part in _split_list(text):
        name = _part_name(part, text)
        if name is not None:
            person = _person(name)
            names.append((name, tuple(aliases) if part == text and not person else (), person))
    if not names and dropped:
        # The organisation or office the rules took out is too long for a name: the person's, if it leads
        # ("H.E. President Joachim Chissano, President of the Republic of Mozambique and Current Chairman of SADC").
        person_name = _before_office(whole)
        if person_name != whole and not _too_long(person_name):
            names.append((person_name, (), _person(person_name)))
    return _Ruled(
        structure=False,
        header=False,
        own_role=own_role,
        # A person with an office of their own signs as themselves ("H.E. Gen. Gnassingbe EYADEMA President of
        # the Republic of Togo" after "Current Chairman of ECOWAS"), not for the organisation above.
        signs=(_person(text) or signatory)
        and not listed
        and not _EXCELLENCY.match(text)
        and not dropped
        and own_role is None
        and not _OFFICE.search(described),
        new_side=new_side,
        piece_role=role_in(piece),
        names=tuple(names),
    )


def _top_level(text: str, separator: str) -> list[str]:
    """``text`` split on ``separator`` outside brackets (``[ISIS; ISIL]`` stays whole)."""
    if separator not in text:
        return [text]
    if "(" not in text and "[" not in text:
        return text.split(separator)
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts
