"""What botu's codes are called: one glossary, Dutch first and English second.

The library keeps kinds, statuses, roles and choices as short English codes
(``resident``, ``running``, ``coordinator``); people read words. Every front end, the
library's own messages and the docs take the words from here, so a status is called the
same on every page and in every language ("afgerond" everywhere, never "klaar" on one
page and "afgerond" on another). A test checks that every code has both words.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from .values import ClauseSection, CoBenefit, Consultation, MeetingKind, PartyKind, ProjectStatus, Stance

Term = tuple[str, str]  # (Dutch, English)

GLOSSARY: Mapping[str, Mapping[str, Term]] = {
    "party_kind": {
        PartyKind.RESIDENT.value: ("bewoner", "resident"),
        PartyKind.INITIATIVE.value: ("initiatief", "initiative"),
        PartyKind.ENTREPRENEUR.value: ("ondernemer", "entrepreneur"),
        PartyKind.MUNICIPALITY.value: ("gemeente", "municipality"),
        PartyKind.HOUSING_CORPORATION.value: ("woningcorporatie", "housing corporation"),
        PartyKind.ENERGY_COMPANY.value: ("energiebedrijf", "energy company"),
        PartyKind.OTHER.value: ("anders", "other"),
    },
    "meeting_kind": {
        MeetingKind.PLENARY.value: ("bijeenkomst", "plenary meeting"),
        MeetingKind.CONSULTATION.value: ("overleg", "consultation"),
        MeetingKind.EVALUATION.value: ("evaluatie", "evaluation"),
    },
    "consultation": {
        Consultation.MONTHLY.value: ("elke maand", "every month"),
        Consultation.QUARTERLY.value: ("elk kwartaal", "every quarter"),
        Consultation.NONE.value: ("geen vast overleg", "no regular consultation"),
    },
    "co_benefit": {
        CoBenefit.EDUCATION.value: ("opleiding", "education"),
        CoBenefit.WORK.value: ("werk", "work"),
        CoBenefit.CARE.value: ("zorg", "care"),
        CoBenefit.LANGUAGE.value: ("taal", "language"),
        CoBenefit.POVERTY.value: ("armoede en schulden", "poverty and debt"),
        CoBenefit.SOCIAL_COHESION.value: ("gezelligheid en zorg voor elkaar", "social cohesion"),
        CoBenefit.GREENING.value: ("vergroening", "greening"),
    },
    "project_status": {
        ProjectStatus.RUNNING.value: ("loopt", "running"),
        ProjectStatus.COMPLETED.value: ("afgerond", "completed"),
        ProjectStatus.STOPPED.value: ("gestopt", "stopped"),
    },
    "allocation_status": {
        "standing": ("toegekend", "allocated"),
        "withdrawn": ("ingetrokken", "withdrawn"),
    },
    "decision_status": {
        "pending": ("nog niet besloten", "not yet decided"),
        "taken": ("besloten", "decided"),
    },
    "disagreement_status": {
        "open": ("open", "open"),
        "resolved": ("opgelost", "resolved"),
    },
    "round_status": {
        "open": ("open", "open"),
        "closed": ("gesloten", "closed"),
    },
    "stance": {
        Stance.FOR.value: ("voor", "for"),
        Stance.AGAINST.value: ("tegen", "against"),
        Stance.NEUTRAL.value: ("neutraal", "neutral"),
    },
    "clause_section": {
        ClauseSection.VALUE.value: ("waarde", "value"),
        ClauseSection.GOAL.value: ("doel", "goal"),
        ClauseSection.WORKING_AGREEMENT.value: ("afspraak", "working agreement"),
    },
    # The parts of an agreement a revision can change besides its clauses.
    "agreement_part": {
        "title": ("titel", "title"),
        "organisation": ("organisatie", "organisation"),
        "end-date": ("einddatum", "end date"),
        "commitment": ("afspraak die botu bewaakt", "commitment botu checks"),
    },
    "change": {
        "added": ("toegevoegd", "added"),
        "removed": ("weggehaald", "removed"),
        "changed": ("veranderd", "changed"),
    },
    "role": {
        "owner": ("beheerder van de opslag", "owner of the store"),
        "coordinator": ("coördinator", "coordinator"),
        "member": ("deelnemer", "member"),
        "pending": ("wacht op bevestiging", "waiting for confirmation"),
        "account": ("account, geen partij", "account, not a party"),
        "auditor": ("controleur", "auditor"),
        "anonymous": ("bezoeker", "visitor"),
    },
    "rule": {
        "greedy": ("meeste stemmen eerst", "most approvals first"),
        "equalshares/add1": ("gelijke delen", "equal shares"),
    },
}

# Which part of the glossary names the members of each of the library's enums.
ENUM_KINDS: Mapping[type[enum.Enum], str] = {
    PartyKind: "party_kind",
    MeetingKind: "meeting_kind",
    Consultation: "consultation",
    CoBenefit: "co_benefit",
    ProjectStatus: "project_status",
    Stance: "stance",
    ClauseSection: "clause_section",
}


def term(value: str | enum.Enum, kind: str | None = None) -> Term:
    """Both words for ``value``: (Dutch, English). An enum member knows its kind; a plain
    code is looked up in ``kind`` when given (needed where a code means two things, such
    as ``pending``: a decision not yet taken, or a party waiting for confirmation), else in
    the first part of the glossary that has it. An unknown code is its own word."""
    if isinstance(value, enum.Enum):
        kind = kind or ENUM_KINDS.get(type(value))
        value = str(value.value)
    if kind is not None:
        return GLOSSARY.get(kind, {}).get(value, (value, value))
    return _FIRST.get(value, (value, value))


def label(value: str | enum.Enum, lang: str = "nl", kind: str | None = None) -> str:
    """The word for ``value`` in ``lang`` ('en' English, anything else Dutch)."""
    nl, en = term(value, kind)
    return en if lang == "en" else nl


def choices(kind: str, lang: str = "nl") -> list[tuple[str, str]]:
    """Every code of ``kind`` with its word, in the glossary's order: a form's choice list."""
    return [(code, en if lang == "en" else nl) for code, (nl, en) in GLOSSARY[kind].items()]


_FIRST: dict[str, Term] = {}
for _part in GLOSSARY.values():
    for _code, _words in _part.items():
        _FIRST.setdefault(_code, _words)


__all__ = ["ENUM_KINDS", "GLOSSARY", "Term", "choices", "label", "term"]
