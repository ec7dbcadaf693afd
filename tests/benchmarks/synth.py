"""A realistic synthetic log: many cooperations, every core event kind, from a seed.

Each cooperation gets a history that a neighbourhood could have written: it is
founded, adopts its agreement, parties join and sign, meetings are held monthly,
decisions are proposed, discussed (opinions) and taken, projects start, define
indicators and measure them, funds come in and are allocated and spent,
disagreements are raised and resolved, a yearly evaluation is recorded. The facts
are valid (every reference points at something that exists), so the rules and the
projections accept them. Cooperation ``i`` always gets the same history for the same
seed, whatever the total size, so cooperation 0 (the "probe") can be queried in a
small and in a large store alike.

The stored events are made through the library's own mapper (canonical JSON,
personal fields encrypted per person) and written through its recorder in big
batches, not through commands — that is what ``command_per_s`` measures separately.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from botu_core import agreement as ag
from botu_core import budget as bu
from botu_core import disagreements as di
from botu_core import evaluations as ev
from botu_core import meetings as me
from botu_core import parties as pa
from botu_core import projects as pr
from botu_core.values import AgreementTerms, Clause, CoBenefit, MeetingKind, Money, PartyKind, Stance

PROBE_EVENTS = 1_000
START = dt.date(2021, 1, 4)

# Relative frequency of each kind of fact once a cooperation runs (measurements and
# opinions dominate, as they do in a real workbook; forgetting a person is rare).
WEIGHTS: dict[str, float] = {
    "measure": 20,
    "opinion": 14,
    "join": 7,
    "sign": 5,
    "meeting": 7,
    "propose": 5,
    "take": 4,
    "benefit": 5,
    "spend": 5,
    "allocate": 3,
    "fund": 1,
    "withdraw": 0.5,
    "start": 2,
    "plan": 2,
    "contact": 0.7,
    "indicator": 2.5,
    "complete": 0.5,
    "stop": 0.3,
    "details": 2,
    "leave": 0.8,
    "rejoin": 0.3,
    "consent": 0.7,
    "unconsent": 0.4,
    "forget": 0.1,
    "raise": 1,
    "discuss": 1,
    "resolve": 0.7,
    "evaluate": 0.25,
    "coordinators": 0.2,
    "revise": 0.1,
}
KINDS = list(WEIGHTS)
CUM = list(WEIGHTS.values())
WORDS = (
    "zon dak buurt warmte isolatie energie coach wijk huis plan subsidie school "
    "tuin groen samen bewoners netwerk kosten besparing voorlichting"
).split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize()


def _terms(rng: random.Random, version: int) -> AgreementTerms:
    return AgreementTerms(
        title=f"Samenwerkingsovereenkomst versie {version}",
        values=tuple(Clause(f"waarde-{i}", _text(rng, 8)) for i in range(1, 8)),
        goals=tuple(Clause(f"doel-{i}", _text(rng, 10)) for i in range(1, 6)),
        working_agreements=tuple(Clause(f"afspraak-{i}", _text(rng, 12)) for i in range(1, 8)),
        end_date=dt.date(2028, 12, 31),
        organisation="Energiewijk",
    )


class _Coop:
    """What the generator must know of a cooperation to write only valid facts."""

    def __init__(self) -> None:
        self.parties: dict[str, dict[str, Any]] = {}
        self.active: list[str] = []
        self.version = 0
        self.signed: set[tuple[int, str]] = set()
        self.running: list[str] = []
        self.indicators: dict[str, list[str]] = {}
        self.meetings: list[str] = []
        self.pending: list[str] = []
        self.decisions: list[str] = []
        self.funds: dict[tuple[str, int], int] = {}
        self.standing: dict[str, dict[str, Any]] = {}
        self.open_disagreements: list[str] = []
        self.evaluations: list[str] = []
        self.evaluated_years: set[int] = set()
        self.counters: dict[str, int] = {}
        self.contacts: dict[str, str] = {}

    def next_id(self, prefix: str) -> str:
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}-{n}"


def events_for(seed: int, index: int) -> int:
    """How many events cooperation ``index`` has (the probe has exactly PROBE_EVENTS)."""
    if index == 0:
        return PROBE_EVENTS
    return random.Random(f"{seed}/size/{index}").randint(500, 4_000)


def cooperation_history(seed: int, index: int, events: int) -> Iterator[Any]:
    """``events`` valid facts of cooperation ``index``, deterministic from ``seed``."""
    rng = random.Random(f"{seed}/coop/{index}")
    s = _Coop()
    day = START
    # Spread the history over about five years, whatever its length.
    step = max(1, 5 * 365 // max(events, 1))
    yield ag.CooperationFounded(f"Energiewijk {index}", slug(index), f"Wijk {index}", day)
    s.version = 1
    yield ag.AgreementAdopted(1, _terms(rng, 1), day)
    emitted = 2
    while emitted < events:
        if rng.random() < 0.5:
            day += dt.timedelta(days=rng.randint(0, step))
        fact = _one(rng, s, day, not s.active)
        if fact is not None:
            yield fact
            emitted += 1


def slug(index: int) -> str:
    return f"bench-{index}"


def _one(rng: random.Random, s: _Coop, day: dt.date, empty: bool) -> Any:  # noqa: C901 - one branch per kind
    kind = "join" if empty or len(s.active) < 3 else rng.choices(KINDS, CUM)[0]
    year = day.year
    if kind == "join":
        pid = s.next_id("party")
        pkind = rng.choice(list(PartyKind)) if rng.random() < 0.4 else PartyKind.RESIDENT
        share = rng.random() < 0.6
        s.parties[pid] = {"kind": pkind, "share": share}
        s.active.append(pid)
        return pa.PartyJoined(
            pid, f"{rng.choice(['Ann', 'Bas', 'Cor', 'Dewi', 'Eva'])} {pid}", pkind,
            f"06{rng.randint(10000000, 99999999)}", f"{pid}@example.nl" if rng.random() < 0.7 else "", share, day,
        )
    party = rng.choice(s.active)
    if kind == "sign":
        if (s.version, party) in s.signed:
            return None
        s.signed.add((s.version, party))
        return pa.AgreementSigned(party, s.version, _text(rng, 6), rng.choice(["", "bewoner", "namens de school"]), day)
    if kind == "details":
        info = s.parties[party]
        info["share"] = rng.random() < 0.6
        return pa.PartyDetailsChanged(
            party, f"Naam {party}", info["kind"], f"06{rng.randint(10000000, 99999999)}", f"{party}@example.org",
            info["share"],
        )
    if kind == "leave":
        if len(s.active) < 6:
            return None
        s.active.remove(party)
        s.parties[party]["left"] = True
        return pa.PartyLeft(party, rng.choice(["", "verhuisd"]), day)
    if kind == "rejoin":
        gone = [p for p, i in s.parties.items() if i.get("left") and not i.get("forgotten")]
        if not gone:
            return None
        back = rng.choice(gone)
        s.parties[back]["left"] = False
        s.active.append(back)
        return pa.PartyRejoined(back, day)
    if kind == "consent":
        s.parties[party]["share"] = True
        return pa.ContactConsentGiven(party, day)
    if kind == "unconsent":
        s.parties[party]["share"] = False
        return pa.ContactConsentWithdrawn(party, day)
    if kind == "forget":
        used = {s.contacts[r] for r in s.running}
        if len(s.active) < 6 or party in used or s.parties[party]["kind"] != PartyKind.RESIDENT:
            return None
        s.active.remove(party)
        s.parties[party]["forgotten"] = True
        return pa.PartyForgotten(party, day)
    if kind == "coordinators":
        return ag.CoordinatorsChosen(tuple(rng.sample(s.active, min(2, len(s.active)))), None, day)
    if kind == "revise":
        s.version += 1
        return ag.AgreementRevised(s.version, _terms(rng, s.version), "jaarlijkse evaluatie", None, None, day)
    if kind == "meeting":
        mid = s.next_id("meeting")
        s.meetings.append(mid)
        mkind = MeetingKind.MONTHLY if rng.random() < 0.7 else MeetingKind.PLENARY
        attendees = tuple(rng.sample(s.active, min(len(s.active), rng.randint(3, 12))))
        return me.MeetingHeld(mid, mkind, day, f"Overleg {mid}", attendees, _text(rng, 20))
    if kind == "propose":
        did = s.next_id("decision")
        s.pending.append(did)
        return me.DecisionProposed(did, f"Voorstel {did}", _text(rng, 15), day)
    if kind == "opinion":
        if not s.pending:
            return None
        return me.OpinionGiven(rng.choice(s.pending), party, rng.choice(list(Stance)), rng.choice(["", _text(rng, 8)]), day)
    if kind == "take":
        if not s.pending or not s.meetings:
            return None
        did = s.pending.pop(rng.randrange(len(s.pending)))
        s.decisions.append(did)
        return me.DecisionTaken(did, s.meetings[-1], f"Besluit {did}", _text(rng, 15), day)
    if kind == "start":
        prid = s.next_id("project")
        s.running.append(prid)
        s.indicators[prid] = []
        contact = rng.choice(s.active)
        s.contacts[prid] = contact
        return pr.ProjectStarted(
            prid, f"Project {prid}", _text(rng, 25), contact, ("doel-1", f"waarde-{rng.randint(1, 7)}"),
            tuple(rng.sample(list(CoBenefit), 2)), year, day,
        )
    if not s.running:
        return None
    project = rng.choice(s.running)
    if kind == "plan":
        return pr.PlanUpdated(project, _text(rng, 25), day)
    if kind == "contact":
        s.contacts[project] = party
        return pr.ContactChanged(project, party, day)
    if kind == "indicator":
        iid = s.next_id("indicator")
        s.indicators[project].append(iid)
        return pr.IndicatorDefined(project, iid, f"Indicator {iid}", rng.choice(["kWh", "huishoudens", "m2"]), Decimal(rng.randint(10, 500)), day)
    if kind == "measure":
        if not s.indicators[project]:
            return None
        value = Decimal(rng.randint(0, 100000)) / 100
        return pr.IndicatorMeasured(project, rng.choice(s.indicators[project]), value, rng.choice(["", "meting"]), day)
    if kind == "benefit":
        start = day - dt.timedelta(days=30)
        return pr.BenefitRecorded(
            s.next_id("benefit"), project, Money(rng.randint(0, 500_000)), Decimal(rng.randint(0, 20000)) / 10, start, day,
            rng.choice(["", "geschat"]),
        )
    if kind in ("complete", "stop"):
        if len(s.running) < 3:
            return None
        s.running.remove(project)
        if kind == "complete":
            return pr.ProjectCompleted(project, "klaar", day)
        return pr.ProjectStopped(project, "geen trekker meer", day)
    if kind == "fund":
        source = rng.choice(["BoTu2028", "Aardgasvrij", "Gemeente"])
        cents = rng.randint(1_000_000, 5_000_000)
        s.funds[(source, year)] = s.funds.get((source, year), 0) + cents
        return bu.FundsMadeAvailable(source, year, Money(cents), None, day)
    if kind == "allocate":
        left = [(k, v) for k, v in s.funds.items() if v > 10_000 and k[1] == year]
        if not left or not s.decisions:
            return None
        (source, fyear), available = rng.choice(left)
        cents = rng.randint(5_000, min(available, 2_000_000))
        s.funds[(source, fyear)] -= cents
        aid = s.next_id("allocation")
        s.standing[aid] = {"left": cents, "key": (source, fyear), "amount": cents}
        return bu.BudgetAllocated(aid, project, source, fyear, Money(cents), rng.choice(s.decisions), day)
    if kind == "spend":
        spendable = [a for a, i in s.standing.items() if i["left"] > 100]
        if not spendable:
            return None
        aid = rng.choice(spendable)
        cents = rng.randint(100, s.standing[aid]["left"])
        s.standing[aid]["left"] -= cents
        s.standing[aid]["spent"] = True
        return bu.SpendingRecorded(s.next_id("spending"), aid, Money(cents), _text(rng, 6), day)
    if kind == "withdraw":
        unspent = [a for a, i in s.standing.items() if not i.get("spent")]
        if not unspent:
            return None
        aid = rng.choice(unspent)
        info = s.standing.pop(aid)
        s.funds[info["key"]] += info["amount"]
        return bu.AllocationWithdrawn(aid, "niet meer nodig", None, day)
    if kind == "raise":
        did = s.next_id("disagreement")
        s.open_disagreements.append(did)
        return di.DisagreementRaised(did, party, f"Onenigheid {did}", _text(rng, 12), day)
    if kind == "discuss":
        if not s.open_disagreements or not s.meetings:
            return None
        return di.DisagreementDiscussed(rng.choice(s.open_disagreements), s.meetings[-1], _text(rng, 8), day)
    if kind == "resolve":
        if not s.open_disagreements:
            return None
        did = s.open_disagreements.pop(0)
        return di.DisagreementResolved(did, "samen opgelost", s.meetings[-1] if s.meetings else None, day)
    if kind == "evaluate":
        if year - 1 in s.evaluated_years or year - 1 < START.year:
            return None
        s.evaluated_years.add(year - 1)
        return ev.EvaluationRecorded(s.next_id("evaluation"), year - 1, _text(rng, 10), _text(rng, 10), _text(rng, 10), _text(rng, 10), None, day)
    return None
