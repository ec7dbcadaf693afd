"""The new pages in a real browser (see test_web_browser): the meeting page, the minutes
form, the downloads and the yearly report — axe finds nothing serious, a keyboard
reaches everything, nothing needs JavaScript, and the print style leaves the menus out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest

from test_web_browser import _axe_source, browser, check_axe, log_in, page, server, shot  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


@pytest.fixture
def no_script(browser: Any, server: str) -> Iterator[Any]:  # noqa: F811 - the fixture above
    # A page of its own opens (and closes) a context of its own.
    tab = browser.new_page(base_url=server, java_script_enabled=False, accept_downloads=True, locale="nl-NL")
    yield tab
    tab.close()


def tab_to(page: Any, target: Any) -> None:
    """Press Tab until ``target`` has the focus, as someone without a mouse does."""
    for _ in range(300):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{target} cannot be reached with Tab")


def test_the_new_pages_pass_axe(page: Any) -> None:  # noqa: F811
    axe = _axe_source()
    problems: list[str] = []
    for path in ("/meetings", "/meetings/meeting-8", "/meetings/meeting-8?lang=en", "/compliance",
                 "/audit/report/2021", "/parties", "/budget?year=2021"):
        page.goto(path)
        problems += check_axe(page, axe, path)
        shot(page, "page-" + re.sub(r"[^a-z0-9]+", "-", path.strip("/")))
    page.goto("/?lang=nl")  # back to Dutch after the English page
    log_in(page, "fatima")
    page.goto("/meetings/new")
    problems += check_axe(page, axe, "meeting form with members-only minutes")
    assert not problems, "\n".join(problems)


def test_a_keyboard_reaches_the_meeting_page_and_keeps_minutes_for_members(page: Any, app_of: Any) -> None:  # noqa: F811
    page.goto("/meetings")
    tab_to(page, page.get_by_role("link", name="Energiebegroting 2021"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/meeting-8")
    assert page.get_by_role("heading", level=1, name="Energiebegroting 2021").is_visible()

    log_in(page, "fatima")
    page.goto("/meetings/new")
    page.get_by_label("bijeenkomst", exact=True).check()
    page.get_by_label("Datum").fill("2021-12-20")
    page.get_by_label("Titel").fill("Besloten overleg")
    page.get_by_label("Verslag", exact=True).fill("Priya vertelde over haar huur.")
    assert "Het verslag is openbaar" in " ".join(page.locator(".hint").all_text_contents())
    box = page.get_by_label("Alleen voor leden (niet openbaar)")
    tab_to(page, box)
    page.keyboard.press("Space")
    assert box.is_checked()
    tab_to(page, page.get_by_role("button", name="Versturen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings?done=meeting")
    app_of.catch_up()
    meeting = next(m for m in app_of.meetings("botu") if m.title == "Besloten overleg")
    assert meeting.minutes_members_only


def test_downloads_and_the_report_work_without_javascript(no_script: Any) -> None:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    no_script.goto("/meetings")
    with no_script.expect_download() as download:
        no_script.get_by_role("link", name="Bijeenkomsten als CSV").click()
    assert download.value.suggested_filename == f"botu-bijeenkomsten-{today}.csv"
    with no_script.expect_download() as download:
        no_script.get_by_role("link", name="Bijeenkomsten als spreadsheet").click()
    assert download.value.suggested_filename == f"botu-bijeenkomsten-{today}.xlsx"
    no_script.goto("/compliance")
    no_script.get_by_role("link", name="Jaarverslag 2021").click()
    no_script.wait_for_url("**/audit/report/2021")
    assert no_script.get_by_role("heading", level=1).text_content().startswith("Jaarverslag 2021")
    no_script.goto("/meetings/meeting-8")
    assert no_script.get_by_role("heading", level=1, name="Energiebegroting 2021").is_visible()


def test_the_print_style_shows_the_content_without_menus_or_forms(page: Any) -> None:  # noqa: F811
    page.goto("/meetings")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert not page.locator(".downloads").is_visible()
    assert page.get_by_role("heading", level=1, name="Bijeenkomsten").is_visible()
    assert page.locator("table.data").first.is_visible()
    shot(page, "print-meetings")
    page.emulate_media(media="screen")
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
