"""The PA-X variables: names, labels, themes, and how each maps to our categories.

The labels and themes follow the PA-X v3 codebook (31 January 2020) and
PeaceRep's PA-X guide, in short: ``Ce`` is "Ceasefire", graded 0 to 3 (0 none,
1 rhetorical, 2 some detail, 3 detailed), with the 0/1 sub-codes ``CeProv``
(substantive provisions) and ``CeGen`` (general references). Where the
dataset's own short glosses mislead, the label says what the variable means:
``SsrGua`` is *general references to security*, not third-party guarantees, and
``ImUN`` and ``ImOth`` flag UN and other international *signatories*.

:data:`READ` gives the category of ours that a coded variable stands for,
where one means the same; :data:`WRITE` gives the variables one of our
clauses sets, by its category. docs/pax.md shows both tables and says why
each pair is there, and why the others are not.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Final

import attrs

from agreements.model import ActorKind, Category, Clause, Corpus

__all__ = [
    "AGTP",
    "BASIC_COLUMNS",
    "FLAGS",
    "ID_COLUMN",
    "LOCAL_TOPICS",
    "READ",
    "SCHEME",
    "STAGE",
    "STAGE_SUB",
    "THEMES",
    "UNMAPPED",
    "V3_COLUMNS",
    "VARIABLES",
    "WRITE",
    "Rule",
    "Variable",
]


#: The scheme of every code read from PA-X, or derived for it.
SCHEME: Final = "pax"
#: The column our own exports add for the agreement's id, since PA-X gives ids only to its own agreements.
ID_COLUMN: Final = "agreements_id"


@attrs.frozen
class Variable:
    """A PA-X topic variable: its name (the column), theme, label, the variable it refines, and whether it is graded 0-3."""

    name: str
    theme: str
    label: str
    parent: str | None = None
    graded: bool = False


def _v(name: str, theme: str, label: str, *, parent: str | None = None, graded: bool = False) -> Variable:
    return Variable(name=name, theme=theme, label=label, parent=parent, graded=graded)


#: The themes of the PA-X codebook, by the id our vocabulary gives them (``pax-<theme>``).
THEMES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "groups": "PA-X: groups",
        "gender": "PA-X: gender",
        "state-definition": "PA-X: state definition",
        "governance": "PA-X: governance",
        "power-sharing": "PA-X: power sharing",
        "human-rights": "PA-X: human rights and equality",
        "rights-institutions": "PA-X: rights institutions and rights-related issues",
        "justice-sector": "PA-X: justice sector reform",
        "socio-economic": "PA-X: socio-economic reconstruction",
        "land-and-environment": "PA-X: land, property and environment",
        "security-sector": "PA-X: security sector",
        "transitional-justice": "PA-X: transitional justice",
        "implementation": "PA-X: implementation",
        "local-issues": "PA-X Local: local issues",
    }
)

_V3_TOPICS: Final = (
    _v("GCh", "groups", "Children/youth", graded=True),
    _v("GChRhet", "groups", "Children/youth: rhetorical", parent="GCh"),
    _v("GChAntid", "groups", "Children/youth: anti-discrimination", parent="GCh"),
    _v("GChSubs", "groups", "Children/youth: substantive", parent="GCh"),
    _v("GChOth", "groups", "Children/youth: other", parent="GCh"),
    _v("GDis", "groups", "Disabled persons", graded=True),
    _v("GDisRhet", "groups", "Disabled persons: rhetorical", parent="GDis"),
    _v("GDisAntid", "groups", "Disabled persons: anti-discrimination", parent="GDis"),
    _v("GDisSubs", "groups", "Disabled persons: substantive", parent="GDis"),
    _v("GDisOth", "groups", "Disabled persons: other", parent="GDis"),
    _v("GAge", "groups", "Elderly/age", graded=True),
    _v("GAgeRhet", "groups", "Elderly/age: rhetorical", parent="GAge"),
    _v("GAgeAntid", "groups", "Elderly/age: anti-discrimination", parent="GAge"),
    _v("GAgeSubs", "groups", "Elderly/age: substantive", parent="GAge"),
    _v("GAgeOth", "groups", "Elderly/age: other", parent="GAge"),
    _v("GMig", "groups", "Migrant workers", graded=True),
    _v("GMigRhet", "groups", "Migrant workers: rhetorical", parent="GMig"),
    _v("GMigAntid", "groups", "Migrant workers: anti-discrimination", parent="GMig"),
    _v("GMigSubs", "groups", "Migrant workers: substantive", parent="GMig"),
    _v("GMigOth", "groups", "Migrant workers: other", parent="GMig"),
    _v("GRa", "groups", "Racial/ethnic/national group", graded=True),
    _v("GRaRhet", "groups", "Racial/ethnic/national group: rhetorical", parent="GRa"),
    _v("GRaAntid", "groups", "Racial/ethnic/national group: anti-discrimination", parent="GRa"),
    _v("GRaSubs", "groups", "Racial/ethnic/national group: substantive", parent="GRa"),
    _v("GRaOth", "groups", "Racial/ethnic/national group: other", parent="GRa"),
    _v("GRe", "groups", "Religious groups", graded=True),
    _v("GReRhet", "groups", "Religious groups: rhetorical", parent="GRe"),
    _v("GReAntid", "groups", "Religious groups: anti-discrimination", parent="GRe"),
    _v("GReSubs", "groups", "Religious groups: substantive", parent="GRe"),
    _v("GReOth", "groups", "Religious groups: other", parent="GRe"),
    _v("GInd", "groups", "Indigenous people", graded=True),
    _v("GIndRhet", "groups", "Indigenous people: rhetorical", parent="GInd"),
    _v("GIndAntid", "groups", "Indigenous people: anti-discrimination", parent="GInd"),
    _v("GIndSubs", "groups", "Indigenous people: substantive", parent="GInd"),
    _v("GIndOth", "groups", "Indigenous people: other", parent="GInd"),
    _v("GOth", "groups", "Other groups", graded=True),
    _v("GOthRhet", "groups", "Other groups: rhetorical", parent="GOth"),
    _v("GOthAntid", "groups", "Other groups: anti-discrimination", parent="GOth"),
    _v("GOthSubs", "groups", "Other groups: substantive", parent="GOth"),
    _v("GOthOth", "groups", "Other groups: other", parent="GOth"),
    _v("GRef", "groups", "Refugees/displaced persons", graded=True),
    _v("GRefRhet", "groups", "Refugees/displaced persons: rhetorical", parent="GRef"),
    _v("GRefSubs", "groups", "Refugees/displaced persons: substantive", parent="GRef"),
    _v("GRefOth", "groups", "Refugees/displaced persons: other", parent="GRef"),
    _v("GSoc", "groups", "Social class", graded=True),
    _v("GSocRhet", "groups", "Social class: rhetorical", parent="GSoc"),
    _v("GSocAntid", "groups", "Social class: anti-discrimination", parent="GSoc"),
    _v("GSocSubs", "groups", "Social class: substantive", parent="GSoc"),
    _v("GSocOth", "groups", "Social class: other", parent="GSoc"),
    _v("GeWom", "gender", "Women, girls and gender"),
    _v("GeMe", "gender", "Men and boys"),
    _v("GeMeNu", "gender", "Men and boys: gender-neutral wording", parent="GeMe"),
    _v("GeMeOth", "gender", "Men and boys: men and boys, other", parent="GeMe"),
    _v("GeLgbti", "gender", "LGBTI references"),
    _v("GeLgbtiPos", "gender", "LGBTI references: LGBTI positive", parent="GeLgbti"),
    _v("GeLgbtiNeg", "gender", "LGBTI references: LGBTI negative", parent="GeLgbti"),
    _v("GeFa", "gender", "Family"),
    _v("StDef", "state-definition", "State definition (any)"),
    _v("StGen", "state-definition", "State definition (any): Nature of state (general)", parent="StDef"),
    _v("StCon", "state-definition", "State definition (any): State configuration", parent="StDef"),
    _v("StSd", "state-definition", "State definition (any): Self-determination", parent="StDef"),
    _v("StRef", "state-definition", "State definition (any): Referendum (on state)", parent="StDef"),
    _v("StSym", "state-definition", "State definition (any): State symbols", parent="StDef"),
    _v("StInd", "state-definition", "State definition (any): Independence/secession", parent="StDef"),
    _v("StUni", "state-definition", "State definition (any): Accession/unification", parent="StDef"),
    _v("StBor", "state-definition", "State definition (any): Border delimitation", parent="StDef"),
    _v("StXbor", "state-definition", "State definition (any): Cross-border provision", parent="StDef"),
    _v("Pol", "governance", "Political institutions (new or reformed)", graded=True),
    _v("PolGen", "governance", "Political institutions (new or reformed): general references", parent="Pol"),
    _v(
        "PolNewInd",
        "governance",
        "Political institutions (new or reformed): new political institutions (indefinite)",
        parent="Pol",
    ),
    _v(
        "PolNewTemp",
        "governance",
        "Political institutions (new or reformed): temporary new institutions",
        parent="Pol",
    ),
    _v("ConRen", "governance", "Constitution affirmation/renewal", graded=True),
    _v("Cons", "governance", "Constitutional reform/making", graded=True),
    _v("Ele", "governance", "Elections", graded=True),
    _v("ElecComm", "governance", "Electoral commission", graded=True),
    _v("PolPar", "governance", "Political parties reform", graded=True),
    _v(
        "PolParTrans",
        "governance",
        "Political parties reform: rebels transitioning to political parties",
        parent="PolPar",
    ),
    _v(
        "PolParOth", "governance", "Political parties reform: other political parties reform", parent="PolPar"
    ),
    _v("Civso", "governance", "Civil society"),
    _v("Tral", "governance", "Traditional/religious leaders"),
    _v("Pubad", "governance", "Public administration", graded=True),
    _v("Polps", "power-sharing", "Political power sharing", graded=True),
    _v("PpsSt", "power-sharing", "Political power sharing: state level", parent="Polps"),
    _v("PpsSub", "power-sharing", "Political power sharing: sub-state level", parent="Polps"),
    _v("PpsEx", "power-sharing", "Political power sharing: executive coalition", parent="Polps"),
    _v("PpsOro", "power-sharing", "Political power sharing: proportionality in legislature", parent="Polps"),
    _v("PpsOthPr", "power-sharing", "Political power sharing: other proportionality", parent="Polps"),
    _v("PpsVet", "power-sharing", "Political power sharing: veto / communal majority", parent="Polps"),
    _v("PpsAut", "power-sharing", "Political power sharing: segmental autonomy", parent="Polps"),
    _v("PpsInt", "power-sharing", "Political power sharing: international involvement", parent="Polps"),
    _v("PpsOth", "power-sharing", "Political power sharing: other", parent="Polps"),
    _v("Terps", "power-sharing", "Territorial power sharing", graded=True),
    _v("TpsSub", "power-sharing", "Territorial power sharing: federal or similar", parent="Terps"),
    _v("TpsLoc", "power-sharing", "Territorial power sharing: local/municipal", parent="Terps"),
    _v("TpsAut", "power-sharing", "Territorial power sharing: autonomy", parent="Terps"),
    _v("TpsOth", "power-sharing", "Territorial power sharing: other", parent="Terps"),
    _v("Eps", "power-sharing", "Economic power sharing", graded=True),
    _v("EpsRes", "power-sharing", "Economic power sharing: sharing of resources", parent="Eps"),
    _v("EpsFis", "power-sharing", "Economic power sharing: fiscal federalism", parent="Eps"),
    _v("EpsOth", "power-sharing", "Economic power sharing: other", parent="Eps"),
    _v("Mps", "power-sharing", "Military power sharing", graded=True),
    _v("MpsMe", "power-sharing", "Military power sharing: merger of forces", parent="Mps"),
    _v("MpsJt", "power-sharing", "Military power sharing: joint command structures", parent="Mps"),
    _v("MpsPro", "power-sharing", "Military power sharing: proportionality", parent="Mps"),
    _v("MpsOth", "power-sharing", "Military power sharing: other", parent="Mps"),
    _v("HrGen", "human-rights", "Human rights/rule of law, general"),
    _v("EqGen", "human-rights", "Equality", graded=True),
    _v("HrDem", "human-rights", "Democracy", graded=True),
    _v("Prot", "human-rights", "Protection measures", graded=True),
    _v("ProtCiv", "human-rights", "Protection measures: protection of civilians", parent="Prot"),
    _v("ProtGrp", "human-rights", "Protection measures: protection of groups", parent="Prot"),
    _v(
        "ProtLgl",
        "human-rights",
        "Protection measures: protection of rights and legal frameworks",
        parent="Prot",
    ),
    _v("ProtOth", "human-rights", "Protection measures: other protection", parent="Prot"),
    _v("HrFra", "human-rights", "Human rights framework", graded=True),
    _v("HrfSp", "human-rights", "Human rights framework: isolated rights", parent="HrFra"),
    _v("HrfBor", "human-rights", "Human rights framework: bill of rights", parent="HrFra"),
    _v("HrfTinc", "human-rights", "Human rights framework: treaty incorporation", parent="HrFra"),
    _v("HrfOth", "human-rights", "Human rights framework: other", parent="HrFra"),
    _v("HrCp", "human-rights", "Civil and political rights (any)"),
    _v("CprLife", "human-rights", "Civil and political rights (any): life", parent="HrCp"),
    _v("CprTort", "human-rights", "Civil and political rights (any): torture", parent="HrCp"),
    _v("CprEq", "human-rights", "Civil and political rights (any): equality", parent="HrCp"),
    _v("CprSlav", "human-rights", "Civil and political rights (any): slavery", parent="HrCp"),
    _v(
        "CprLib",
        "human-rights",
        "Civil and political rights (any): liberty and security of person",
        parent="HrCp",
    ),
    _v(
        "CprDet",
        "human-rights",
        "Civil and political rights (any): humane treatment in detention",
        parent="HrCp",
    ),
    _v("CprFmov", "human-rights", "Civil and political rights (any): freedom of movement", parent="HrCp"),
    _v("CprFspe", "human-rights", "Civil and political rights (any): freedom of speech", parent="HrCp"),
    _v("CprFass", "human-rights", "Civil and political rights (any): freedom of association", parent="HrCp"),
    _v("CprTria", "human-rights", "Civil and political rights (any): fair trial", parent="HrCp"),
    _v("CprPriv", "human-rights", "Civil and political rights (any): privacy and family life", parent="HrCp"),
    _v("CprVote", "human-rights", "Civil and political rights (any): vote and take part", parent="HrCp"),
    _v(
        "CprReli",
        "human-rights",
        "Civil and political rights (any): thought, conscience, religion",
        parent="HrCp",
    ),
    _v("CprOth", "human-rights", "Civil and political rights (any): other", parent="HrCp"),
    _v("HrSec", "human-rights", "Socio-economic rights (any)"),
    _v("SerProp", "human-rights", "Socio-economic rights (any): property", parent="HrSec"),
    _v("SerWork", "human-rights", "Socio-economic rights (any): work", parent="HrSec"),
    _v("SerHeal", "human-rights", "Socio-economic rights (any): health", parent="HrSec"),
    _v("SerEdu", "human-rights", "Socio-economic rights (any): education", parent="HrSec"),
    _v("SerStdl", "human-rights", "Socio-economic rights (any): adequate standard of living", parent="HrSec"),
    _v("SerShel", "human-rights", "Socio-economic rights (any): shelter/housing", parent="HrSec"),
    _v("SerSs", "human-rights", "Socio-economic rights (any): social security", parent="HrSec"),
    _v("SerCult", "human-rights", "Socio-economic rights (any): cultural life", parent="HrSec"),
    _v("SerOth", "human-rights", "Socio-economic rights (any): other", parent="HrSec"),
    _v("HrNi", "rights-institutions", "National human rights institution", graded=True),
    _v("HrNiMe", "rights-institutions", "National human rights institution: mentions of NHRI", parent="HrNi"),
    _v(
        "HrNiNe",
        "rights-institutions",
        "National human rights institution: new or revised NHRI",
        parent="HrNi",
    ),
    _v("HrNiOth", "rights-institutions", "National human rights institution: other", parent="HrNi"),
    _v("HrIi", "rights-institutions", "Regional/international human rights institutions", graded=True),
    _v(
        "HrIiMon",
        "rights-institutions",
        "Regional/international human rights institutions: monitoring calls",
        parent="HrIi",
    ),
    _v(
        "HrIiBod",
        "rights-institutions",
        "Regional/international human rights institutions: body tasked",
        parent="HrIi",
    ),
    _v(
        "HrIiOth",
        "rights-institutions",
        "Regional/international human rights institutions: other",
        parent="HrIi",
    ),
    _v("HrMob", "rights-institutions", "Mobility/access"),
    _v("HrDet", "rights-institutions", "Detention procedures"),
    _v("Med", "rights-institutions", "Media and communication", graded=True),
    _v("MedGov", "rights-institutions", "Media and communication: governance of media", parent="Med"),
    _v("MedSubs", "rights-institutions", "Media and communication: media roles", parent="Med"),
    _v("MedLog", "rights-institutions", "Media and communication: media logistics", parent="Med"),
    _v("MedOth", "rights-institutions", "Media and communication: other", parent="Med"),
    _v("HrCit", "rights-institutions", "Citizenship", graded=True),
    _v("CitGen", "rights-institutions", "Citizenship: citizen, general", parent="HrCit"),
    _v("CitRights", "rights-institutions", "Citizenship: citizens' specific rights", parent="HrCit"),
    _v("CitDef", "rights-institutions", "Citizenship: citizenship delimitation", parent="HrCit"),
    _v("CitOth", "rights-institutions", "Citizenship: other", parent="HrCit"),
    _v("JusCr", "justice-sector", "Criminal justice and emergency law (any)"),
    _v(
        "JusCrSp",
        "justice-sector",
        "Criminal justice and emergency law (any): reform to specific laws",
        parent="JusCr",
    ),
    _v(
        "JusCrSys",
        "justice-sector",
        "Criminal justice and emergency law (any): criminal justice system reform",
        parent="JusCr",
    ),
    _v(
        "JusCrPow",
        "justice-sector",
        "Criminal justice and emergency law (any): delimitation of powers",
        parent="JusCr",
    ),
    _v("JusEm", "justice-sector", "State of emergency provisions"),
    _v("JusJu", "justice-sector", "Judiciary and courts"),
    _v("JusPri", "justice-sector", "Prisons and detention"),
    _v("JusTra", "justice-sector", "Traditional/religious laws"),
    _v("Dev", "socio-economic", "Development or socio-economic reconstruction", graded=True),
    _v(
        "DevSoc",
        "socio-economic",
        "Development or socio-economic reconstruction: socio-economic development",
        parent="Dev",
    ),
    _v(
        "DevHum",
        "socio-economic",
        "Development or socio-economic reconstruction: humanitarian assistance",
        parent="Dev",
    ),
    _v(
        "DevInfra",
        "socio-economic",
        "Development or socio-economic reconstruction: infrastructure and reconstruction",
        parent="Dev",
    ),
    _v("NEC", "socio-economic", "National economic plan"),
    _v("NatRes", "socio-economic", "Natural resources"),
    _v("IntFu", "socio-economic", "International funds"),
    _v("Bus", "socio-economic", "Business", graded=True),
    _v("Tax", "socio-economic", "Taxation", graded=True),
    _v("TaxPo", "socio-economic", "Taxation: power to tax", parent="Tax"),
    _v("TaxRef", "socio-economic", "Taxation: reform of taxation", parent="Tax"),
    _v("TaxOth", "socio-economic", "Taxation: other", parent="Tax"),
    _v("Ban", "socio-economic", "Banks (any)"),
    _v("CenBan", "socio-economic", "Banks (any): central bank", parent="Ban"),
    _v("BanPers", "socio-economic", "Banks (any): personal/commercial banking", parent="Ban"),
    _v("BanInt", "socio-economic", "Banks (any): international finance", parent="Ban"),
    _v("BanXb", "socio-economic", "Banks (any): cross-border financial flows", parent="Ban"),
    _v("LaRef", "land-and-environment", "Land reform/rights (any)"),
    _v(
        "LaRefMan",
        "land-and-environment",
        "Land reform/rights (any): land reform and management",
        parent="LaRef",
    ),
    _v(
        "LaRefRet",
        "land-and-environment",
        "Land reform/rights (any): property return and restitution",
        parent="LaRef",
    ),
    _v("LaRefOth", "land-and-environment", "Land reform/rights (any): other land rights", parent="LaRef"),
    _v("LaNom", "land-and-environment", "Pastoralist/nomadism rights"),
    _v("LaCH", "land-and-environment", "Cultural heritage (any)"),
    _v("LaCHTa", "land-and-environment", "Cultural heritage (any): tangible", parent="LaCH"),
    _v("LaCHIt", "land-and-environment", "Cultural heritage (any): intangible", parent="LaCH"),
    _v("LaCHPro", "land-and-environment", "Cultural heritage (any): promotion", parent="LaCH"),
    _v("LaCHOth", "land-and-environment", "Cultural heritage (any): other", parent="LaCH"),
    _v("LaEn", "land-and-environment", "Environment"),
    _v("Wat", "land-and-environment", "Water or riparian rights/access"),
    _v("SsrGua", "security-sector", "Security sector, general (labelled 'Security Guarantees')"),
    _v("Ce", "security-sector", "Ceasefire", graded=True),
    _v("CeProv", "security-sector", "Ceasefire: ceasefire provisions (substantive terms)", parent="Ce"),
    _v("CeGen", "security-sector", "Ceasefire: general references/commitments to ceasefire", parent="Ce"),
    _v("SsrPol", "security-sector", "Police", graded=True),
    _v("SsrArm", "security-sector", "Armed forces", graded=True),
    _v("SsrDdr", "security-sector", "DDR", graded=True),
    _v("DdrDemil", "security-sector", "DDR: demilitarisation provisions", parent="SsrDdr"),
    _v("DdrProg", "security-sector", "DDR programmes", parent="SsrDdr"),
    _v("SsrInt", "security-sector", "Intelligence services", graded=True),
    _v("SsrPsf", "security-sector", "Parastatal/rebel and opposition group forces"),
    _v("SsrFf", "security-sector", "Withdrawal of foreign forces"),
    _v("Cor", "security-sector", "Corruption", graded=True),
    _v("SsrCrOcr", "security-sector", "Crime/organised crime", graded=True),
    _v("SsrDrugs", "security-sector", "Drugs", graded=True),
    _v("Terr", "security-sector", "Terrorism"),
    _v("TjGen", "transitional-justice", "Transitional justice general", graded=True),
    _v("TjAm", "transitional-justice", "Amnesty/pardon", graded=True),
    _v("TjAmPro", "transitional-justice", "Amnesty/pardon: amnesty/pardon proper", parent="TjAm"),
    _v("TjSan", "transitional-justice", "Amnesty/pardon: relief of other sanctions", parent="TjAm"),
    _v("TjPower", "transitional-justice", "Amnesty/pardon: power to amnesty", parent="TjAm"),
    _v("TjAmBan", "transitional-justice", "Amnesty/pardon: amnesty prohibition", parent="TjAm"),
    _v("TjCou", "transitional-justice", "Courts", graded=True),
    _v("TjJaNc", "transitional-justice", "Courts: national courts", parent="TjCou"),
    _v("TjJaIc", "transitional-justice", "Courts: international courts", parent="TjCou"),
    _v("TjMech", "transitional-justice", "Mechanism", graded=True),
    _v("TjPrire", "transitional-justice", "Prisoner release", graded=True),
    _v("TjVet", "transitional-justice", "Vetting", graded=True),
    _v("TjVic", "transitional-justice", "Victims", graded=True),
    _v("TjMis", "transitional-justice", "Missing persons", graded=True),
    _v("TjRep", "transitional-justice", "Reparations", graded=True),
    _v("TjRSym", "transitional-justice", "Reparations: symbolic reparations", parent="TjRep"),
    _v("TjRMa", "transitional-justice", "Reparations: material reparations", parent="TjRep"),
    _v("TjNR", "transitional-justice", "Reconciliation", graded=True),
    _v("ImUN", "implementation", "UN signatory"),
    _v("ImOth", "implementation", "Other international signatory"),
    _v("ImRef", "implementation", "Referendum for agreement"),
    _v("ImPK", "implementation", "International mission/force/similar"),
    _v("ImE", "implementation", "Enforcement mechanism"),
    _v("ImSrc", "implementation", "Source"),
)

#: The four topics of PA-X Local (version 8), which codes none of the v3 topics.
LOCAL_TOPICS: Final = (
    _v("RitPray", "local-issues", "Ritual, prayer or scripture"),
    _v("Grieve", "local-issues", "Grievance list"),
    _v("Cattle", "local-issues", "Cattle rustling or banditry"),
    _v("Cover", "local-issues", "Social cover: handover of wanted persons, lifting of in-group protection"),
)

#: Every topic variable, by name: the 240 of v3 in column order, then PA-X Local's four.
VARIABLES: Final[Mapping[str, Variable]] = types.MappingProxyType(
    {variable.name: variable for variable in (*_V3_TOPICS, *LOCAL_TOPICS)}
)

#: The basic information, the first 26 columns of both releases.
BASIC_COLUMNS: Final = (
    "Con", "Contp", "PP", "PPName", "Reg", "AgtId", "Ver", "Agt", "Dat", "Status", "Lgt", "N_characters",
    "Agtp", "Stage", "StageSub", "Part", "ThrdPart", "OthAgr", "Loc1ISO", "Loc2ISO", "Loc1GWNO", "Loc2GWNO",
    "UcdpCon", "UcdpAgr", "PamAgr", "CowWar",
)  # fmt: skip

#: The columns of PA-X v3, in order: what :func:`agreements.pax.to_rows` writes first.
V3_COLUMNS: Final = (*BASIC_COLUMNS, *(variable.name for variable in _V3_TOPICS))

#: PA-X Local's 0/1 flags that are not topics: the kinds of party and of mediator, and the PT_ typology.
FLAGS: Final = frozenset(
    {
        "CentState", "RegState", "LocState", "LocArmedGr", "ReDomEld", "LocComSoc", "IntActor", "OthActor",
        "MedCentState", "MedRegState", "MedLocState", "MedLocArmed", "MedReDomEld", "MedLocCivSoc",
        "MedIntActor", "MedOtherUnclear", "PT_FSP", "PT_ISP", "PT_IPP", "PT_UTE",
    }
)  # fmt: skip

#: The stages of ``Stage``, in the PA-X guide's words.
STAGE: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Pre": "pre-negotiation",
        "SubPar": "framework-substantive, partial",
        "SubComp": "framework-substantive, comprehensive",
        "Imp": "implementation",
        "Cea": "ceasefire",
        "Ren": "renewal",
        "Oth": "other",
    }
)

#: The sub-stages of ``StageSub``.
STAGE_SUB: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Proc": "process",
        "Prin": "principles",
        "Conf": "confidence-building measure",
        "PreMix": "mixed pre-negotiation",
        "PreOth": "other pre-negotiation",
        "Iss": "core issue",
        "MultIss": "partial, multiple issues",
        "FrparOth": "other partial framework",
        "FrAg": "comprehensive framework agreement",
        "FrCons": "constitution",
        "ImpMod": "implementation modalities",
        "ExtSub": "extension to new or outstanding issues",
        "ExtPar": "extension to new parties",
        "ImpOth": "other implementation",
        "Repre": "renewal of pre-negotiation",
        "Reimp": "renewal of implementation",
        "Resub": "renewal of substantive agreement",
        "Reoth": "other renewal",
        "Ceas": "mainly or wholly a ceasefire",
        "Rel": "related to a ceasefire (monitoring, extension)",
        "CeaMix": "ceasefire with broader process elements",
    }
)

#: The agreement types of ``Agtp``.
AGTP: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Inter": "inter-state",
        "InterIntra": "inter-state and intra-state",
        "Intra": "intra-state",
        "IntraLocal": "intra-state, local",
    }
)

# ---------------------------------------------------------------- the mapping

_C = Category

#: The category of ours a coded variable stands for, where one means the same thing.
#: A variable not listed gets the category of its theme (``pax-security-sector``, ...).
READ: Final[Mapping[str, Category]] = types.MappingProxyType(
    {
        "Ce": _C.CEASEFIRE,
        "CeProv": _C.CEASEFIRE,
        "CeGen": _C.CEASEFIRE,
        "DdrDemil": _C.WEAPONS,
        "SsrDdr": _C.DEMOBILISATION,
        "DdrProg": _C.DEMOBILISATION,
        "TjAm": _C.AMNESTY,
        "TjAmPro": _C.AMNESTY,
        "TjPower": _C.AMNESTY,
        "TjAmBan": _C.AMNESTY,
        "TjPrire": _C.DETAINEES,
        "HrDet": _C.DETAINEES,
        "GRefSubs": _C.RETURN,
        "DevHum": _C.HUMANITARIAN_ACCESS,
        "DevInfra": _C.SERVICES,
        "Pubad": _C.STATE_INSTITUTIONS,
        "StSym": _C.STATE_INSTITUTIONS,
        "Ele": _C.ELECTIONS,
        "ElecComm": _C.ELECTIONS,
        "Pol": _C.POLITICAL_REFORM,
        "PolGen": _C.POLITICAL_REFORM,
        "PolNewInd": _C.POLITICAL_REFORM,
        "PolNewTemp": _C.POLITICAL_REFORM,
        "ConRen": _C.POLITICAL_REFORM,
        "Cons": _C.POLITICAL_REFORM,
        "PolPar": _C.POLITICAL_REFORM,
        "PolParTrans": _C.POLITICAL_REFORM,
        "PolParOth": _C.POLITICAL_REFORM,
        "MpsMe": _C.INTEGRATION,
        "SsrFf": _C.WITHDRAWAL,
        "SsrGua": _C.SECURITY_ARRANGEMENTS,
        "ImE": _C.MONITORING,
        "ImPK": _C.MONITORING,
    }
)

#: Which of a clause's obligors a rule needs before it applies (``None``: any clause of the category).
Condition = Callable[[Clause, Corpus], bool]


def _bound_actors_are(*kinds: ActorKind) -> Condition:
    def applies(clause: Clause, corpus: Corpus) -> bool:
        found = [corpus.actors.get(actor) for actor in clause.obligors]
        return bool(found) and all(actor is not None and actor.kind in kinds for actor in found)

    applies.__doc__ = "every obligor is " + " or ".join(f"{kind.value!r}" for kind in kinds)
    return applies


@attrs.frozen
class Rule:
    """What one of our categories sets in PA-X: the variables (each with its parent), and when.

    ``when`` is ``None`` when every clause of the category sets them, or a
    test of the clause (say, that every obligor is an armed group), whose
    docstring says it in words.
    """

    variables: tuple[str, ...]
    when: Condition | None = None
    why: str = ""


#: The variables a clause of ours sets, by its category. Categories not listed set none.
WRITE: Final[Mapping[str, Rule]] = types.MappingProxyType(
    {
        _C.CEASEFIRE: Rule(("CeProv",), why="ceasefire terms are CeProv's substantive provisions"),
        _C.WEAPONS: Rule(("DdrDemil",), why="DdrDemil: weapons removal that is not a DDR programme"),
        _C.DEMOBILISATION: Rule(("DdrProg",), why="DdrProg: DDR programmes"),
        _C.AMNESTY: Rule(("TjAmPro",), why="TjAmPro: amnesty or pardon proper"),
        _C.DETAINEES: Rule(("TjPrire",), why="TjPrire: release (and exchange) of prisoners"),
        _C.RETURN: Rule(
            ("GRefSubs",),
            _bound_actors_are(ActorKind.POPULATION, ActorKind.PERSON),
            "GRefSubs: frameworks for the return of refugees and displaced people; only for people, not forces",
        ),
        _C.HUMANITARIAN_ACCESS: Rule(
            ("DevHum", "HrMob"), why="DevHum: humanitarian assistance; HrMob: its flow"
        ),
        _C.SIEGE: Rule(
            ("HrMob",), why="HrMob: enabling or restricting mobility and access in non-rights terms"
        ),
        _C.CHECKPOINTS: Rule(("HrMob",), why="HrMob: enabling or restricting mobility in non-rights terms"),
        _C.BORDER_CROSSING: Rule(("HrMob",), why="HrMob: transit routes and crossings"),
        _C.SERVICES: Rule(("DevInfra",), why="DevInfra: infrastructure and its restoration"),
        _C.STATE_INSTITUTIONS: Rule(("Pubad",), why="Pubad: public administration"),
        _C.ELECTIONS: Rule(("Ele",), why="Ele: elections"),
        _C.POLITICAL_REFORM: Rule(("Pol",), why="Pol: new or reformed political institutions"),
        _C.INTEGRATION: Rule(
            ("MpsMe", "SsrPsf"),
            why="MpsMe: merger of forces; SsrPsf: how rebel or opposition forces are dealt with",
        ),
        _C.SECURITY_PRESENCE: Rule(
            ("SsrPsf",),
            _bound_actors_are(ActorKind.ARMED_GROUP),
            "SsrPsf: commitments and actions of rebel or opposition forces; only for armed groups",
        ),
        _C.WITHDRAWAL: Rule(
            ("SsrPsf",),
            _bound_actors_are(ActorKind.ARMED_GROUP),
            "SsrPsf, for armed groups; SsrFf needs the forces to be foreign, which our records do not say",
        ),
        _C.SECURITY_ARRANGEMENTS: Rule(("SsrGua",), why="SsrGua: general references to security"),
        _C.MONITORING: Rule(("ImE",), why="ImE: mechanisms that review how the agreement is carried out"),
    }
)


#: Why a category of ours sets no PA-X variable: what it would take, and why the mapping does not guess it.
UNMAPPED: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        _C.SETTLEMENT: "a settlement of status (taswiya) is not an amnesty; TjAm would claim one the text may not give",
        _C.MILITARY_SERVICE: "conscription and defectors' service have no variable; SsrArm is reform of the armed forces",
        _C.DISPLACEMENT: "GRef codes refugees and displaced people as a group, not a transfer of fighters and families",
        _C.EXCHANGE: "an exchange may be of bodies, which TjPrire (prisoner release) does not cover",
        _C.OTHER: "anything else: no variable can be told from it",
    }
)
