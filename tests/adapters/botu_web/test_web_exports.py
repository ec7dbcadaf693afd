"""Every list as CSV and as a spreadsheet: the page's rows, to the same person, named
after the cooperation and the day."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from botu_core import Cooperations, MeetingKind, RecordMeeting

# Each list: its page, and the column whose values the page shows.
LISTS = {
    "partijen": ("/parties", "Naam"),
    "projecten": ("/projects", "Titel"),
    "indicatoren": ("/projects/project-1", None),
    "begroting": ("/budget", "Bron"),
    "toekenningen": ("/budget", "Project"),
    "bijeenkomsten": ("/meetings", "Titel"),
    "besluiten": ("/decisions", "Onderwerp"),
    "onenigheid": ("/disagreements", "Waarover"),
    "stemrondes": ("/rounds", "Titel"),
    "uitslagen": ("/rounds", "Ronde (titel)"),
    "naleving": ("/compliance", "Jaar"),
}


def read_csv(response: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response: Any) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


@pytest.fixture
def rounds(store_path: Any) -> None:
    """A closed round in this test's store, so the rounds have results to export."""
    from botu_core import CastBallot, CloseRound, FundShare, Money, OpenRound, SubmitProposal

    app = Cooperations(str(store_path))
    app.execute("botu", OpenRound("Buurtbudget 2021", 2021, (FundShare("BoTu2028", Money(500_000)),), "decision-2"))
    app.execute("botu", SubmitProposal("round-1", "Energiecafé", Money(100_000), "Henk de Vries", "Een plan."))
    app.execute("botu", CastBallot("round-1", "Henk de Vries", ("proposal-1",)))
    app.execute("botu", CloseRound("round-1"))
    app.close()


@pytest.mark.parametrize("key", sorted(LISTS))
def test_each_list_downloads_as_csv_and_xlsx_with_the_pages_rows(key: str, rounds: None, make_client: Any) -> None:
    client = make_client()
    page_path, shown = LISTS[key]
    page = html.unescape(client.get(page_path).text)
    assert f'href="/export/{key}.csv' in page or page_path == "/projects/project-1"
    today = dt.datetime.now(dt.UTC).date().isoformat()
    as_csv = client.get(f"/export/{key}.csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.headers["content-disposition"] == f'attachment; filename="botu-{key}-{today}.csv"'
    rows = read_csv(as_csv)
    assert rows, key
    if shown is not None:
        for row in rows:
            assert row[shown] in page, (key, row[shown])
    as_xlsx = client.get(f"/export/{key}.xlsx")
    assert as_xlsx.status_code == 200 and "spreadsheetml" in as_xlsx.headers["content-type"]
    assert as_xlsx.headers["content-disposition"] == f'attachment; filename="botu-{key}-{today}.xlsx"'
    sheet = read_xlsx(as_xlsx)
    assert sheet[0] == list(rows[0])
    assert [[as_text(v) for v in r] for r in sheet[1:]] == [list(r.values()) for r in rows]


def test_the_rows_are_the_librarys_answers(rounds: None, make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    public = app.view_as("public")
    client = make_client()
    projects = read_csv(client.get("/export/projecten.csv"))
    assert [(r["Id"], r["Titel"], r["Toegekend (€)"]) for r in projects] == [
        (p.id, p.title, str(Decimal(p.allocated.cents) / 100)) for p in public.projects("botu")]
    budget = read_csv(client.get("/export/begroting.csv?year=2021"))
    assert [(r["Bron"], r["Over (€)"]) for r in budget] == [
        (b.source, str(Decimal(b.left.cents) / 100)) for b in public.budget("botu", 2021)]
    measured = read_csv(client.get("/export/indicatoren.csv"))
    expected = [(p.title, i.name, str(m.value)) for p in public.projects("botu") for i in p.indicators
                for m in i.measurements]
    assert [(r["Project"], r["Indicator"], r["Gemeten"]) for r in measured if r["Gemeten"]] == expected
    results = read_csv(client.get("/export/uitslagen.csv"))
    assert [(r["Titel"], r["Stemmen"], r["Gekozen"]) for r in results] == [("Energiecafé", "1", "ja")]
    app.close()


def test_a_list_of_one_year_says_so_in_its_name(make_client: Any) -> None:
    response = make_client().get("/export/toekenningen.xlsx?year=2021")
    assert "botu-toekenningen-2021-" in response.headers["content-disposition"]
    assert 'href="/export/toekenningen.xlsx?year=2021"' in make_client().get("/budget?year=2021").text


def test_a_visitors_parties_have_no_contact_details_and_a_members_have_what_she_sees(
        make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    visitor = read_csv(make_client().get("/export/partijen.csv"))
    assert all(r["Telefoon"] == "" and r["E-mail"] == "" for r in visitor)
    residents = [p for p in app.view_as("member").parties("botu") if p.kind == "resident" and p.active]
    assert {f"bewoner ({p.id})" for p in residents} <= {r["Naam"] for r in visitor}
    assert not {p.name for p in residents} & {r["Naam"] for r in visitor}
    henk = app.party("botu", "Henk de Vries").id
    member_view = {p.id: p for p in app.view_as("member", viewer=henk).parties("botu")}
    member = read_csv(make_client("member").get("/export/partijen.csv"))
    assert [(r["Naam"], r["Telefoon"], r["E-mail"]) for r in member] == [
        (member_view[r["Id"]].name, member_view[r["Id"]].phone or "", member_view[r["Id"]].email or "") for r in member]
    assert any(r["Telefoon"] for r in member)  # someone shares her phone with members
    app.close()


def test_members_only_minutes_stay_out_of_a_visitors_download(make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    app.execute("botu", RecordMeeting(kind=MeetingKind.PLENARY, held_on=dt.date(2021, 12, 20), title="Besloten",
                                      minutes="Priya vertelde over haar huur.", minutes_members_only=True))
    app.close()
    visitor = {r["Titel"]: r["Verslag"] for r in read_csv(make_client().get("/export/bijeenkomsten.csv"))}
    assert visitor["Besloten"] == "(alleen voor leden)"
    english = read_csv(make_client().get("/export/bijeenkomsten.csv?lang=en"))
    assert {r["Title"]: r["Minutes"] for r in english}["Besloten"] == "(members only)"
    member = {r["Titel"]: r["Verslag"] for r in read_csv(make_client("member").get("/export/bijeenkomsten.csv"))}
    assert member["Besloten"] == "Priya vertelde over haar huur."


@pytest.mark.parametrize("name", ["projecten.pdf", "geheim.csv", "projecten"])
def test_an_unknown_list_or_format_is_not_found(name: str, make_client: Any) -> None:
    assert make_client().get(f"/export/{name}").status_code == 404
