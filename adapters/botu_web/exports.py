"""Every list as a download, CSV or spreadsheet: for the municipality, or a printed report.

A download holds what the page shows, to the same person: the rows come from the same
privacy ``Reader`` queries as the page (a visitor's list of parties has no phone or
e-mail; a member's has what the member sees). ``table_rows`` turns a query's result into
rows once; CSV and xlsx only write those rows differently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs
from litestar import Request, Response
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from openpyxl import Workbook

from botu_core import Money

from .pages import Page, page_get
from .web import Say

Cell = str | int | Decimal | dt.date | None
MEMBERS_ONLY = ("(alleen voor leden)", "(members only)")


@attrs.frozen
class Column:
    nl: str
    en: str
    value: Callable[[Any, Say], Any]


@attrs.frozen
class ExportList:
    """One list page as a download: ``key`` names the file and the address."""

    key: str
    columns: tuple[Column, ...]
    items: Callable[[Page, str, int | None], Iterable[Any]]


def _field(name: str) -> Callable[[Any, Say], Any]:
    return lambda item, _say: getattr(item, name)


def _label(name: str) -> Callable[[Any, Say], Any]:
    return lambda item, say: say.label(str(getattr(item, name)))


def _yes_no(name: str) -> Callable[[Any, Say], Any]:
    return lambda item, say: say.yes_no(bool(getattr(item, name)))


def col(nl: str, en: str, value: str | Callable[[Any, Say], Any]) -> Column:
    return Column(nl, en, _field(value) if isinstance(value, str) else value)


def cell(value: Any) -> Cell:
    """A value as a spreadsheet holds it: amounts in euros, lists joined, no objects."""
    if value is None or isinstance(value, str | int | Decimal | dt.date):
        return value
    if isinstance(value, Money):
        return Decimal(value.cents) / 100
    if isinstance(value, tuple | list):
        return "; ".join(str(cell(v)) for v in value)
    return str(value)


def table_rows(export: ExportList, items: Iterable[Any], say: Say) -> list[list[Cell]]:
    """The header (in the reader's language) and one row per item."""
    header: list[Cell] = [say(c.nl, c.en) for c in export.columns]
    return [header, *([cell(c.value(item, say)) for c in export.columns] for item in items)]


def to_csv(rows: list[list[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (ë, é, €).
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[Cell]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = title[:31]  # the longest name a sheet may have
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- what each list holds ---------------------------------------------------------------


def _minutes(meeting: Any, say: Say) -> str:
    if meeting.minutes_members_only and not meeting.minutes:
        return say(*MEMBERS_ONLY)
    return str(meeting.minutes)


def _measurements(page: Page, coop: str, _year: int | None) -> list[tuple[Any, Any, Any]]:
    """One row per measurement of an indicator; an indicator not yet measured gets one too."""
    rows: list[tuple[Any, Any, Any]] = []
    for project in page.read.projects(coop):
        for indicator in project.indicators:
            rows.extend((project, indicator, m) for m in indicator.measurements or (None,))
    return rows


def _proposals(page: Page, coop: str, _year: int | None) -> list[tuple[Any, Any]]:
    return [(r, p) for r in page.read.rounds(coop) for p in page.read.proposals(coop, r.id)]


EXPORTS: tuple[ExportList, ...] = (
    ExportList("partijen", (
        col("Id", "Id", "id"), col("Naam", "Name", "name"), col("Soort", "Kind", _label("kind")),
        col("Sinds", "Since", "joined_on"), col("Coördinator", "Coordinator", _yes_no("coordinator")),
        col("Bevestigd", "Confirmed", _yes_no("confirmed")), col("Ondertekend (versies)", "Signed (versions)", "signed_versions"),
        col("Telefoon", "Phone", "phone"), col("E-mail", "E-mail", "email"),
    ), lambda page, coop, _y: [p for p in page.read.parties(coop) if p.active]),
    ExportList("projecten", (
        col("Id", "Id", "id"), col("Titel", "Title", "title"), col("Stand", "Status", _label("status")),
        col("Reeks", "Series", "series_year"), col("Contactpersoon", "Contact person", "contact_name"),
        col("Doelen", "Goals", "goals"), col("Meekoppelkansen", "Co-benefits", "co_benefits"),
        col("Begonnen", "Started", "started_on"), col("Afgerond", "Ended", "ended_on"),
        col("Toegekend (€)", "Allocated (€)", "allocated"), col("Uitgegeven (€)", "Spent (€)", "spent"),
        col("Voordeel (€)", "Benefit (€)", "benefit_euros"), col("CO2 bespaard (kg)", "CO2 saved (kg)", "benefit_co2_kg"),
        col("Plan", "Plan", "plan"),
    ), lambda page, coop, _y: page.read.projects(coop)),
    ExportList("indicatoren", (
        col("Project", "Project", lambda r, _s: r[0].title), col("Indicator", "Indicator", lambda r, _s: r[1].name),
        col("Eenheid", "Unit", lambda r, _s: r[1].unit), col("Doel", "Target", lambda r, _s: r[1].target),
        col("Gemeten", "Measured", lambda r, _s: r[2].value if r[2] else None),
        col("Op", "On", lambda r, _s: r[2].measured_on if r[2] else None),
        col("Toelichting", "Note", lambda r, _s: r[2].note if r[2] else ""),
    ), _measurements),
    ExportList("begroting", (
        col("Bron", "Source", "source"), col("Jaar", "Year", "year"), col("Beschikbaar (€)", "Available (€)", "available"),
        col("Toegekend (€)", "Allocated (€)", "allocated"), col("Uitgegeven (€)", "Spent (€)", "spent"),
        col("Over (€)", "Left (€)", "left"),
    ), lambda page, coop, year: page.read.budget(coop, year)),
    ExportList("toekenningen", (
        col("Id", "Id", "id"), col("Project", "Project", "project_title"), col("Bron", "Source", "source"),
        col("Jaar", "Year", "year"), col("Bedrag (€)", "Amount (€)", "amount"), col("Uitgegeven (€)", "Spent (€)", "spent"),
        col("Besluit", "Decision", "decision_id"), col("Toegekend op", "Allocated on", "allocated_on"),
    ), lambda page, coop, year: page.read.allocations(coop, year)),
    ExportList("bijeenkomsten", (
        col("Id", "Id", "id"), col("Datum", "Date", "held_on"), col("Soort", "Kind", _label("kind")),
        col("Titel", "Title", "title"), col("Plaats", "Place", "location"),
        col("Aanwezig", "Present", lambda m, _s: len(m.attendees)), col("Verslag", "Minutes", _minutes),
    ), lambda page, coop, year: sorted(page.read.meetings(coop, year), key=lambda m: m.held_on)),
    ExportList("besluiten", (
        col("Id", "Id", "id"), col("Onderwerp", "Subject", "subject"), col("Stand", "Status", _label("status")),
        col("Voorgesteld op", "Proposed on", "proposed_on"), col("Genomen op", "Taken on", "taken_on"),
        col("Bijeenkomst", "Meeting", "meeting_id"), col("Voor", "For", "opinions_for"),
        col("Tegen", "Against", "opinions_against"), col("Neutraal", "Neutral", "opinions_neutral"),
        col("Tekst", "Text", "text"),
    ), lambda page, coop, _y: page.read.decisions(coop)),
    ExportList("onenigheid", (
        col("Id", "Id", "id"), col("Door", "By", "raised_by_name"), col("Waarover", "About", "about"),
        col("Stand", "Status", _label("status")), col("Op", "On", "raised_on"),
        col("Besproken op", "Discussed at", "discussed_at"), col("Opgelost op", "Resolved on", "resolved_on"),
        col("Uitkomst", "Outcome", "outcome"), col("Beschrijving", "Description", "description"),
    ), lambda page, coop, _y: page.read.disagreements(coop)),
    ExportList("stemrondes", (
        col("Id", "Id", "id"), col("Titel", "Title", "title"), col("Jaar", "Year", "year"),
        col("Geld (€)", "Money (€)", "budget"), col("Stand", "Status", _label("status")),
        col("Geopend op", "Opened on", "opened_on"), col("Gesloten op", "Closed on", "closed_on"),
        col("Voorstellen", "Proposals", "proposals"), col("Stemmers", "Voters", "voters"),
        col("Gekozen", "Chosen", "winners"), col("Kosten gekozen (€)", "Cost chosen (€)", "total_cost"),
    ), lambda page, coop, _y: page.read.rounds(coop)),
    ExportList("uitslagen", (
        col("Ronde", "Round", lambda r, _s: r[0].id), col("Ronde (titel)", "Round (title)", lambda r, _s: r[0].title),
        col("Voorstel", "Proposal", lambda r, _s: r[1].id), col("Titel", "Title", lambda r, _s: r[1].title),
        col("Kosten (€)", "Cost (€)", lambda r, _s: r[1].cost), col("Stemmen", "Approvals", lambda r, _s: r[1].approvals),
        col("Gekozen", "Chosen", lambda r, s: s.yes_no(r[1].selected)),
    ), _proposals),
    ExportList("naleving", (
        col("Jaar", "Year", "year"), col("Versie", "Version", "version"),
        col("Bijeenkomsten", "Meetings", "plenary_meetings"),
        col("Afgesproken (minstens)", "Agreed (at least)", "required_plenary_meetings"),
        col("Overleg", "Consultations", "consultations"), col("Evaluatie", "Evaluation", _yes_no("evaluation_recorded")),
        col("In orde", "All right", _yes_no("ok")),
        col("Wat beter kan", "What can be better", lambda y, s: [s(f.message_nl, f.message_en) for f in y.findings]),
    ), lambda page, coop, _y: [y for y in page.read.compliance(coop) if y.checked]),
)
BY_KEY = {e.key: e for e in EXPORTS}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(slug: str, key: str, today: dt.date, fmt: str, year: int | None) -> str:
    """E.g. ``botu-projecten-2026-12-03.csv``; a list of one year says which."""
    part = f"{key}-{year}" if year is not None else key
    return f"{slug}-{part}-{today.isoformat()}.{fmt}"


@page_get("/export/{name:str}", name="export")
async def export(request: Request[Any, Any, Any], name: FromPath[str], year: FromQuery[int | None] = None) -> Response[bytes]:
    key, _, fmt = name.rpartition(".")
    wanted = BY_KEY.get(key)
    if wanted is None or fmt not in FORMATS:
        raise NotFoundException()
    page = Page(request)
    coop = page.require_coop()
    rows = table_rows(wanted, wanted.items(page, coop, year), page.say)
    body = to_csv(rows) if fmt == "csv" else to_xlsx(rows, key)
    slug = page.read.cooperation(coop).slug
    filename = file_name(slug, key, page.app.clock().date(), fmt, year)
    return Response(body, media_type=FORMATS[fmt], headers={
        "content-disposition": f'attachment; filename="{filename}"',
        "content-language": page.lang,
    })


def export_handlers() -> list[Any]:
    return [export]
