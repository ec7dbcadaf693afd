"""The pabulib file format (https://pabulib.org): read a ``.pb`` file, write one.

A ``.pb`` file has three parts, each a title line and a header line, then rows of
fields split by ``;`` (fields may be quoted as in CSV):

    META       key;value         budget, vote_type, rule, categories, budget_per_category, …
    PROJECTS   project_id;cost;…  name, category, votes, selected, … (other columns are kept)
    VOTES      voter_id;vote;…    vote = the approved project ids, split by ','

``parse_pabulib`` checks the whole file before anything is recorded; a problem gives a
Dutch and English error that names the line. Approval ballots are read (``approval``
and ``choose-1``, which is approval with one choice). Amounts become ``Money`` (cents).

``export_pabulib`` writes any round (imported or live) as a file that pabutools'
``parse_pabulib`` reads back: same budget, projects, costs, categories and ballots.
This module never imports pabutools (it is GPL-licensed; botu is EUPL).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import InvalidInput
from ..values import Money
from .pabulib_meta import check_meta
from .round_values import CategoryLimit, ImportedBallot, PabulibElection, PabulibProject
from .rounds import RoundRecord
from .rules import natural_key

SECTIONS = ("meta", "projects", "votes")
APPROVAL_TYPES = ("approval", "choose-1")


def _error(code: str, line: int, **params: Any) -> InvalidInput:
    return InvalidInput(code, line=line, **params)


def parse_amount(text: str, line: int) -> Money:
    """An amount in a .pb file, in the plain machine form: '250000' or '1500.50' (euros).

    Not in a human language: no group signs, no decimal comma (a ',' separates the
    amounts of budget_per_category), at most two decimals."""
    raw = text.strip()
    try:
        amount = Money.parse_plain(raw)
    except InvalidInput:
        raise _error("pabulib.bad_amount", line, value=raw) from None
    if amount.cents <= 0:
        raise _error("pabulib.zero_amount", line, value=raw)
    return amount


def _check_header(header: list[str], line: int, section: str) -> None:
    """A column named twice would make the last one win silently: refused."""
    seen: set[str] = set()
    for column in header:
        key = column.casefold()
        if key in seen:
            raise _error("pabulib.duplicate_column", line, column=column, section=section.upper())
        seen.add(key)


def _year(meta: dict[str, str]) -> int | None:
    for key in ("date_begin", "date_end"):
        value = meta.get(key, "")
        found = re.search(r"(19|20|21)\d{2}", value)
        if found and 2000 <= int(found.group(0)) <= 2100:
            return int(found.group(0))
    return None


def parse_pabulib(data: str | bytes, *, progress: Callable[[int, int], None] | None = None) -> PabulibElection:
    """Read a .pb file; raise ``InvalidInput`` naming the line when it is malformed.
    ``progress(done, total)`` is told how many lines are read."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise _error("pabulib.not_utf8", line) from None
    else:
        text = data.removeprefix("\ufeff")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise _error("pabulib.empty", 1)

    section = ""
    header: list[str] | None = None
    seen: dict[str, int] = {}
    meta: list[tuple[str, str]] = []
    meta_lines: dict[str, int] = {}  # key (case folded) -> its line
    project_rows: list[tuple[int, dict[str, str], list[tuple[str, str]]]] = []
    vote_rows: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(lines, start=1):
        if progress is not None and number % 4096 == 0:
            progress(number, len(lines))
        if not raw.strip():
            continue
        try:
            row = next(csv.reader([raw], delimiter=";", strict=True))
        except csv.Error:
            raise _error("pabulib.bad_row", number) from None
        first = row[0].strip().lower() if row else ""
        if len(row) == 1 and first in SECTIONS:
            if first in seen:
                raise _error("pabulib.section_twice", number, section=first.upper())
            section = first
            seen[first] = number
            header = None
            continue
        if not section:
            raise _error("pabulib.outside_section", number)
        if header is None:
            header = [h.strip() for h in row]
            _check_header(header, number, section)
            needed = {"meta": (), "projects": ("project_id", "cost"), "votes": ("voter_id", "vote")}
            for column in needed[section]:
                if column not in header:
                    raise _error("pabulib.missing_column", number, column=column, section=section.upper())
            continue
        if section == "meta":
            # A value may itself hold ';' (a comment): everything after the key is the value.
            if len(row) < 2 or not row[0].strip():
                raise _error("pabulib.field_count", number, found=len(row), expected=2)
            key = row[0].strip()
            # A key given twice would make the last value win (budget;5000 then budget;1).
            if key.casefold() in meta_lines:
                raise _error("pabulib.duplicate_meta_key", number, key=key, first=meta_lines[key.casefold()])
            meta_lines[key.casefold()] = number
            meta.append((key, ";".join(row[1:]).strip()))
            continue
        if len(row) != len(header):
            raise _error("pabulib.field_count", number, found=len(row), expected=len(header))
        fields = {h: v.strip() for h, v in zip(header, row, strict=True)}
        if section == "projects":
            project_rows.append((number, fields, [(h, v.strip()) for h, v in zip(header, row, strict=True)]))
        else:
            vote_rows.append((number, fields))
    for name in SECTIONS:
        if name not in seen:
            raise _error("pabulib.missing_section", len(lines), section=name.upper())

    meta_dict = dict(meta)
    meta_line = seen["meta"]
    for key in ("budget", "vote_type"):
        if not meta_dict.get(key):
            raise _error("pabulib.missing_meta", meta_line, key=key)
    budget = parse_amount(meta_dict["budget"], meta_lines.get("budget", meta_line))
    vote_type = meta_dict["vote_type"].strip().lower()
    if vote_type not in APPROVAL_TYPES:
        raise _error("pabulib.unsupported_vote_type", meta_lines.get("vote_type", meta_line), vote_type=vote_type)

    projects: list[PabulibProject] = []
    known: set[str] = set()
    for number, fields, ordered in project_rows:
        project_id = fields["project_id"]
        if not project_id or "," in project_id:
            raise _error("pabulib.bad_project_id", number, value=project_id)
        if project_id in known:
            raise _error("pabulib.duplicate_project", number, project=project_id)
        known.add(project_id)
        cost = parse_amount(fields["cost"], number)
        raw_categories = fields.get("category") or fields.get("categories") or ""
        categories = tuple(
            c.strip() for c in raw_categories.split(",") if c.strip() and raw_categories.lower() != "none"
        )
        selected_text = fields.get("selected")
        selected: bool | None = None
        if selected_text is not None and selected_text.lower() != "none":
            if selected_text not in ("0", "1"):
                raise _error("pabulib.bad_selected", number, value=selected_text)
            selected = selected_text == "1"
        name = fields.get("name") or project_id
        extra = tuple(
            (h, v) for h, v in ordered if h not in ("project_id", "cost", "name", "category", "categories", "selected")
        )
        projects.append(PabulibProject(project_id, cost, name, categories, selected, extra))

    ballots: list[ImportedBallot] = []
    voters: set[str] = set()
    for number, fields in vote_rows:
        voter_id = fields["voter_id"]
        if not voter_id:
            raise _error("pabulib.bad_voter_id", number)
        if voter_id in voters:
            raise _error("pabulib.duplicate_voter", number, voter=voter_id)
        voters.add(voter_id)
        approvals = [a.strip() for a in fields["vote"].split(",") if a.strip()]
        for project_id in approvals:
            if project_id not in known:
                raise _error("pabulib.unknown_project", number, project=project_id)
        if len(set(approvals)) != len(approvals):
            raise _error("pabulib.duplicate_approval", number)
        ballots.append(ImportedBallot(voter_id, tuple(sorted(approvals, key=natural_key))))

    check_meta(
        meta_dict,
        {key: meta_lines.get(key.casefold(), meta_line) for key in meta_dict},
        {p.project_id: Decimal(p.cost.cents) / 100 for p in projects},
        {p.project_id: p.categories for p in projects},
        ((number, b.approvals) for (number, _), b in zip(vote_rows, ballots, strict=True)),
    )
    limits: tuple[CategoryLimit, ...] = ()
    if meta_dict.get("budget_per_category"):
        line = meta_lines.get("budget_per_category", meta_line)
        names = [c.strip() for c in meta_dict.get("categories", "").split(",") if c.strip()]
        amounts = [a.strip() for a in meta_dict["budget_per_category"].split(",")]
        if len(names) != len(amounts):
            raise _error("pabulib.categories_mismatch", line, categories=len(names), amounts=len(amounts))
        limits = tuple(CategoryLimit(n, parse_amount(a, line)) for n, a in zip(names, amounts, strict=True))
    max_approvals = None
    if meta_dict.get("max_length"):
        line = meta_lines.get("max_length", meta_line)
        if not meta_dict["max_length"].isdigit():
            raise _error("pabulib.bad_number", line, value=meta_dict["max_length"])
        max_approvals = int(meta_dict["max_length"]) or None

    if progress is not None:
        progress(len(lines), len(lines))
    return PabulibElection(
        meta=tuple(meta),
        budget=budget,
        rule=meta_dict.get("rule", "").strip(),
        description=meta_dict.get("description", "").strip(),
        year=_year(meta_dict),
        category_limits=limits,
        max_approvals=max_approvals,
        projects=tuple(projects),
        ballots=tuple(ballots),
    )


# --- writing ----------------------------------------------------------------------


def _euros(amount: Money) -> str:
    whole, cents = divmod(amount.cents, 100)
    return str(whole) if cents == 0 else f"{whole}.{cents:02d}"


def _field(value: str) -> str:
    """A field as csv writes it: quoted when it holds ';', '"' or a line break."""
    clean = value.replace("\r", " ").replace("\n", " ")
    if any(ch in clean for ch in ';"'):
        return '"' + clean.replace('"', '""') + '"'
    return clean


# META keys botu writes itself (from the round), so a kept file META never contradicts them.
_OWN_META = (
    "description", "num_projects", "num_votes", "budget", "vote_type", "rule",
    "categories", "budget_per_category", "max_length",
)  # fmt: skip


def export_pabulib(rnd: RoundRecord, *, meta: tuple[tuple[str, str], ...] = (), unit: str = "") -> str:
    """The round as pabulib text (lines end with '\\n')."""
    kept = dict(meta)
    out: list[tuple[str, str]] = [("description", rnd.title)]
    if not kept:
        out += [("country", "Netherlands"), ("unit", unit or "botu"), ("instance", rnd.round_id)]
    out += [
        ("num_projects", str(len(rnd.proposals))),
        ("num_votes", str(len(rnd.ballots))),
        ("budget", _euros(rnd.budget)),
        ("vote_type", rnd.voting_method),
        ("rule", rnd.rule),
    ]
    if rnd.category_limits:
        out.append(("categories", ",".join(c.category for c in rnd.category_limits)))
        out.append(("budget_per_category", ",".join(_euros(c.amount) for c in rnd.category_limits)))
    if rnd.max_approvals is not None:
        out.append(("max_length", str(rnd.max_approvals)))
    if not kept:
        out += [("date_begin", str(rnd.year)), ("date_end", str(rnd.year)), ("language", "nl"), ("currency", "EUR")]
    for key, value in meta:
        if key not in _OWN_META:
            out.append((key, value))
    lines = ["META", "key;value"] + [f"{_field(k)};{_field(v)}" for k, v in out]

    counts = {pid: 0 for pid in rnd.proposals}
    for approvals in rnd.ballots.values():
        for pid in approvals:
            counts[pid] += 1
    winners = set(rnd.closed.winners) if rnd.closed is not None else None
    proposals = sorted(rnd.proposals.values(), key=lambda p: natural_key(p.proposal_id))
    columns = ["project_id", "cost", "votes", "name", "category"]
    if winners is not None:
        columns.append("selected")
    lines += ["PROJECTS", ";".join(columns)]
    for p in proposals:
        row = [p.proposal_id, _euros(p.cost), str(counts[p.proposal_id]), p.title, ",".join(p.categories) or "None"]
        if winners is not None:
            row.append("1" if p.proposal_id in winners else "0")
        lines.append(";".join(_field(v) for v in row))
    lines += ["VOTES", "voter_id;vote"]
    # Voters stand under their pseudonyms; a ballot cast before ballots were secret holds
    # a party id, which the file does not show (it gets a number of its own instead).
    hidden = {voter: f"earlier-{i}" for i, voter in enumerate(sorted(rnd.voted_openly, key=natural_key), start=1)}
    for voter in sorted(rnd.ballots, key=lambda v: natural_key(hidden.get(v) or v)):
        lines.append(f"{_field(hidden.get(voter) or voter)};{_field(','.join(rnd.ballots[voter]))}")
    return "\n".join(lines) + "\n"
