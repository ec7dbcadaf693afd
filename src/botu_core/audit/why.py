"""Why-trail: for an item a read model shows, the events that made it, in log order,
with the decision, the opinions and the meeting behind them.

Items are named by their id (``allocation-2``, ``party-1``, ``project-3``,
``decision-2``, ``meeting-8``, ``disagreement-1``, ``evaluation-1``, ``indicator-4``,
``benefit-1``, ``spending-1``), or:

- ``signature:VERSION:PARTY`` — a signature under an agreement version (``signature:1:party-2``)
- ``agreement:VERSION`` — an agreement version
- ``finding:CODE:YEAR[:ITEM]`` — a compliance finding (``finding:compliance.too_few_plenary:2021``)

An event belongs to an item of kind ``x`` when a field ``x_id`` names it or a field
``x_ids`` lists it, so new kinds of events join the trails without changes here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from uuid import UUID

import attrs

from ..errors import NotFound
from ..serialization import fact_to_dict

if TYPE_CHECKING:
    from ..application import Cooperations
    from ..cooperation import Recorded

ROLES = {
    "item": ("maakte of veranderde dit", "made or changed this"),
    "decision": ("besluit erachter", "decision behind it"),
    "opinion": ("mening over dat besluit", "opinion on that decision"),
    "meeting": ("bijeenkomst waar het besproken of besloten is", "meeting where it was discussed or decided"),
    "evaluation": ("evaluatie erachter", "evaluation behind it"),
    "funds": ("geld waar het uit komt", "funds it comes from"),
    "allocation": ("toekenning waar het bij hoort", "allocation it belongs to"),
    "agreement": ("versie van de overeenkomst", "agreement version"),
}

# Fields that name something without making it part of the item's trail.
_NOT_PRODUCING = {("party", "OpinionGiven")}


@attrs.frozen
class TrailStep:
    position: int
    type: str
    on: dt.date
    recorded_at: dt.datetime
    role: str
    data: dict[str, Any]

    @property
    def role_nl(self) -> str:
        return ROLES[self.role][0]

    @property
    def role_en(self) -> str:
        return ROLES[self.role][1]


@attrs.frozen
class WhyTrail:
    item: str
    kind: str
    steps: tuple[TrailStep, ...]

    @property
    def decisions(self) -> tuple[str, ...]:
        return _unique(str(s.data["decision_id"]) for s in self.steps if s.type in ("DecisionTaken", "DecisionProposed"))

    @property
    def meetings(self) -> tuple[str, ...]:
        return _unique(str(s.data["meeting_id"]) for s in self.steps if s.type == "MeetingHeld")


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _names(data: dict[str, Any], kind: str, item: str) -> bool:
    single = data.get(f"{kind}_id")
    many = data.get(f"{kind}_ids")
    return single == item or (isinstance(many, list) and item in many)


class _Trail:
    def __init__(self, events: list[Recorded]) -> None:
        from ..query_surface import effective_date

        from ..privacy import hide_secret_fields

        # A trail shows no voter of a ballot, as the log does not.
        self.events = [(r, hide_secret_fields(type(r.fact), fact_to_dict(r.fact))) for r in events]
        self.data_at = {r.originator_version: d for r, d in self.events}
        self.dates = {r.originator_version: effective_date(r) for r in events}
        self.roles: dict[int, str] = {}

    def add(self, position: int, role: str) -> None:
        self.roles.setdefault(position, role)

    def where(self, predicate: Any, role: str) -> list[tuple[Recorded, dict[str, Any]]]:
        found = [(r, d) for r, d in self.events if predicate(r, d)]
        for r, _d in found:
            self.add(r.originator_version, role)
        return found

    def direct(self, kind: str, item: str) -> list[tuple[Recorded, dict[str, Any]]]:
        return self.where(lambda r, d: _names(d, kind, item) and (kind, r.type) not in _NOT_PRODUCING, "item")

    def context(self) -> None:
        """Add the decision, its opinions, the meeting and the evaluation behind every step so far."""
        for _ in range(2):  # a decision's meeting, an evaluation's meeting
            for position in list(self.roles):
                data = self.data_at[position]
                decision = data.get("decision_id")
                if decision:
                    self.where(lambda r, d, x=decision: r.type in ("DecisionProposed", "DecisionTaken") and d.get("decision_id") == x, "decision")
                    self.where(lambda r, d, x=decision: r.type == "OpinionGiven" and d.get("decision_id") == x, "opinion")
                meeting = data.get("meeting_id")
                if meeting:
                    self.where(lambda r, d, x=meeting: r.type == "MeetingHeld" and d.get("meeting_id") == x, "meeting")
                evaluation = data.get("evaluation_id")
                if evaluation:
                    self.where(lambda r, d, x=evaluation: r.type == "EvaluationRecorded" and d.get("evaluation_id") == x, "evaluation")

    def steps(self) -> tuple[TrailStep, ...]:
        out = []
        for recorded, data in self.events:
            role = self.roles.get(recorded.originator_version)
            if role is not None:
                out.append(
                    TrailStep(recorded.originator_version, recorded.type, self.dates[recorded.originator_version], recorded.timestamp, role, data)
                )
        return tuple(out)


def why(app: Cooperations, coop: UUID, item: str) -> WhyTrail:
    wanted = item.strip()
    trail = _Trail(app.events_of(coop))
    kind = _fill(trail, wanted)
    if not trail.roles and kind != "finding":  # a finding may be about what is missing
        raise NotFound("audit.why_unknown", item=item)
    trail.context()
    return WhyTrail(wanted, kind, trail.steps())


def _fill(trail: _Trail, item: str) -> str:
    if item.startswith("signature:"):
        _, version, party = (item.split(":", 2) + ["", ""])[:3]
        found = trail.where(
            lambda r, d: r.type == "AgreementSigned" and str(d.get("version")) == version and d.get("party_id") == party, "item"
        )
        if found:
            trail.where(lambda r, d: r.type == "PartyJoined" and d.get("party_id") == party, "item")
            trail.where(lambda r, d: r.type in ("AgreementAdopted", "AgreementRevised") and str(d.get("version")) == version, "agreement")
        return "signature"
    if item.startswith("agreement:"):
        version = item.split(":", 1)[1]
        trail.where(lambda r, d: r.type in ("AgreementAdopted", "AgreementRevised") and str(d.get("version")) == version, "item")
        trail.where(lambda r, d: r.type == "AgreementSigned" and str(d.get("version")) == version, "item")
        return "agreement"
    if item.startswith("finding:"):
        _fill_finding(trail, item)
        return "finding"
    kind = item.rpartition("-")[0]
    if not kind:
        return "unknown"
    direct = trail.direct(kind, item)
    if kind == "project":  # what happened to its allocations is part of the project
        for allocation in {d["allocation_id"] for r, d in direct if r.type == "BudgetAllocated"}:
            trail.direct("allocation", allocation)
    if kind == "allocation":
        for _r, d in direct:
            if "source" in d and "year" in d:
                trail.where(
                    lambda r, e, s=d["source"], y=d["year"]: r.type == "FundsMadeAvailable" and e.get("source") == s and e.get("year") == y,
                    "funds",
                )
    if kind == "spending":
        for _r, d in direct:
            trail.where(lambda r, e, a=d.get("allocation_id"): r.type == "BudgetAllocated" and e.get("allocation_id") == a, "allocation")
    return kind


def _fill_finding(trail: _Trail, item: str) -> None:
    parts = item.split(":", 3)
    code = parts[1] if len(parts) > 1 else ""
    year = parts[2] if len(parts) > 2 else ""
    subject = parts[3] if len(parts) > 3 else ""
    if subject:
        trail.direct(subject.rpartition("-")[0], subject)
        return
    if not year.isdigit():
        return
    kinds = {
        "compliance.too_few_plenary": ("plenary",),
        # events recorded before consultations had a cadence say "monthly"
        "compliance.missing_consultations": ("consultation", "monthly"),
        "compliance.missing_quarterly_consultations": ("consultation", "monthly"),
        "compliance.no_evaluation": ("evaluation",),
    }.get(code, ())
    trail.where(
        lambda r, d: r.type == "MeetingHeld" and d.get("kind") in kinds and str(d.get("held_on", ""))[:4] == year,
        "meeting",
    )
    if code == "compliance.no_evaluation":
        trail.where(lambda r, d: r.type == "EvaluationRecorded" and str(d.get("year")) == year, "evaluation")
