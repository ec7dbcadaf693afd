"""The yearly audit report: one self-contained, print-friendly HTML file.

Everything is taken as of 31 December of the year (time travel, so later events do
not leak in), plus the verification of the whole log and the heads. Jinja2 renders
it with autoescaping on, so text from the log can never become markup. The file has
no external links, scripts or fonts: it can be mailed, archived and printed.

Personal data of residents (names, their PS and comments) is left out unless
``personal=True``: auditors see no personal data: an audit checks the process, not the people in it.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..privacy import MEMBER, PUBLIC
from ..values import PartyKind
from ..version import __version__
from .agreement_changes import agreement_changes
from .heads import Head

if TYPE_CHECKING:
    from ..application import Cooperations

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
MEETING_KINDS = {"plenary": "bijeenkomst", "consultation": "overleg", "evaluation": "evaluatie"}
STANCES = {"for": "voor", "against": "tegen", "neutral": "neutraal"}


def nl_date(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def nl_number(value: Decimal) -> str:
    text = f"{value:,.1f}" if value != value.to_integral_value() else f"{value:,.0f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("botu_core.audit", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["nl_date"] = nl_date
    env.filters["nl_number"] = nl_number
    return env


def render_report(
    app: Cooperations, coop: UUID, year: int, *, personal: bool = False, sign: bool = False
) -> str:
    year_end = dt.date(year, 12, 31)
    verification = app.audit.verify(coop)
    with app.audit.as_of(coop, date=year_end) as past:
        # Names of people and their free text only in a report asked for with them.
        then = past.view_as(MEMBER if personal else PUBLIC)
        cooperation = then.cooperation()
        parties = {p.id: p for p in then.parties()}
        versions = then.agreement_versions()
        agreements = [then.agreement(None, version) for version in versions]
        changes = {
            version: agreement_changes(app, coop, version - 1, version) for version in versions if version > 1
        }
        all_decisions = then.decisions()
        decisions = [
            d
            for d in all_decisions
            if (d.taken_on and d.taken_on.year == year) or (d.status == "pending" and d.proposed_on and d.proposed_on.year <= year)
        ]
        disagreements = [
            d for d in then.disagreements() if d.resolved_on is None or d.resolved_on.year == year
        ]
        context = {
            "agreements": agreements,
            "changes": changes,
            "meetings": then.meetings(None, year),
            "per_year": then.meetings_per_year().get(year, {"plenary": 0, "consultation": 0, "evaluation": 0}),
            "decisions": decisions,
            "budget": then.budget(None, year),
            "allocations": then.allocations(None, year),
            "benefits": then.benefits(),
            "disagreements": disagreements,
            # As known now: the evaluation of a year is usually recorded early the next year.
            "compliance": app.compliance(coop, year)[0],
            "as_of": past,
        }
        year_head = app.audit.head(coop, past.position) if past.position and verification.ok else None
    decision_index = {d.id: d for d in all_decisions}

    def shown(party_id: str) -> bool:
        party = parties.get(party_id)
        return personal or party is None or not PartyKind(party.kind).is_person

    def party_name(party_id: str) -> str:
        party = parties.get(party_id)
        if party is None:
            return party_id
        return party.name if shown(party_id) else f"bewoner / resident ({party_id})"

    signed = app.audit.sign_head(coop, year_head.position) if sign and year_head is not None else None
    template = _environment().get_template("report.html.j2")
    return template.render(
        version=__version__,
        year=year,
        year_end=year_end,
        made_on=app.clock().date(),
        coop=cooperation,
        personal=personal,
        verification=verification,
        year_head=year_head,
        signed=signed,
        party_name=party_name,
        shown=shown,
        decision_of=decision_index.get,
        meeting_kind=lambda kind: MEETING_KINDS.get(kind, kind),
        stance=lambda s: STANCES.get(s, s),
        **context,
    )


def write_report(
    app: Cooperations,
    coop: UUID,
    year: int,
    target: str | os.PathLike[str],
    *,
    personal: bool = False,
    sign: bool = False,
) -> Head | None:
    """Write the report to ``target``; returns the verified head of the year (None without events)."""
    html = render_report(app, coop, year, personal=personal, sign=sign)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(html)
    with app.audit.as_of(coop, date=dt.date(year, 12, 31)) as then:
        position = then.position
    return app.audit.head(coop, position) if position else None
