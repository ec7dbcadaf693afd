"""The new pages in a real browser (Chromium, axe-core): starting a cooperation and its
agreement on a server of many cooperations, adding a party and inviting it, a
disagreement entered for a resident with its date, and a revision's preview. Each page
has no serious axe finding, is used by keyboard only, and works without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from botu_core import Cooperations
from botu_core.permissions import INSTALLATION
from botu_web import AccountStore
from test_web_browser import _axe_source, browser, check_axe, running_server, shot  # noqa: F401
from web_helpers import PASSWORD

pytestmark = pytest.mark.slow


@pytest.fixture
def many_server(store_path: Path) -> Iterator[str]:
    """A real server of every cooperation in this test's store, with an installation coordinator."""
    app = Cooperations(str(store_path))
    accounts = AccountStore.for_app(app)
    boss = accounts.create("gemeente", PASSWORD)
    accounts.grant(boss.id, INSTALLATION, "coordinator")
    accounts.close()
    app.close()
    yield from running_server(store_path, ", many=True")


def _tab(browser: Any, server: str, scripts: bool) -> Any:
    # bypass_csp only so the test can inject axe-core; the pages themselves need no script.
    context = browser.new_context(base_url=server, bypass_csp=True, java_script_enabled=scripts,
                                  viewport={"width": 1100, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return tab


def _type(tab: Any, label: str, text: str) -> None:
    """By keyboard: focus the field (as Tab would), clear it, type."""
    field = tab.get_by_label(label, exact=True)
    field.focus()
    if field.get_attribute("type") == "date":
        field.fill(text)  # a date picker's keys differ per locale; the value is what counts
        return
    tab.keyboard.press("Control+A")
    tab.keyboard.type(text)


def _submit(tab: Any, name: str) -> None:
    tab.get_by_role("button", name=name).focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def _log_in(tab: Any, prefix: str, username: str) -> None:
    tab.goto(f"{prefix}/login")
    _type(tab, "Naam van uw account", username)
    _type(tab, "Wachtwoord", PASSWORD)
    _submit(tab, "Inloggen")


def _secretary_year(tab: Any, axe: str | None) -> list[str]:
    """The secretary's start, by keyboard; axe on every page when ``axe`` is given."""
    problems: list[str] = []

    def look(where: str) -> None:
        if axe is not None:
            problems.extend(check_axe(tab, axe, where))

    _log_in(tab, "", "gemeente")
    tab.goto("/")
    look("front page")
    tab.get_by_role("link", name="Een samenwerking beginnen").focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    look("found form")
    _type(tab, "Naam (verplicht)", "Energiekring Spangen")
    _type(tab, "Korte naam", "spangen")
    _type(tab, "Begonnen op", "2026-01-01")
    _submit(tab, "Beginnen")
    tab.wait_for_url("**/c/spangen/agreement/adopt")
    look("adopt form")
    _type(tab, "Plenaire bijeenkomsten per jaar (minstens) (verplicht)", "4")
    _submit(tab, "Versturen")
    assert "plenaire bijeenkomsten per jaar: 4" in tab.content()
    look("adopt preview")
    shot(tab, "adopt-preview")
    _submit(tab, "Vastleggen")
    tab.wait_for_url("**/c/spangen/agreement?done=adopt")
    assert "De overeenkomst geldt nu." in tab.content()

    tab.goto("/c/spangen/parties/new")
    look("add party form")
    _type(tab, "Naam (verplicht)", "Bakkerij Zoet")
    tab.get_by_label("ondernemer", exact=True).focus()
    tab.keyboard.press("Space")
    _type(tab, "Wanneer gebeurde het?", "2026-01-05")
    _submit(tab, "Versturen")
    tab.wait_for_url("**/c/spangen/parties?done=add-party")
    look("parties with invitation form")
    tab.get_by_label("Welke partij?").select_option(label="Bakkerij Zoet")
    _submit(tab, "Uitnodiging maken")
    assert "/c/spangen/invite/" in tab.locator("#invitation").inner_text()
    look("invitation")

    tab.goto("/c/spangen/disagreements/new")
    look("disagreement for someone")
    tab.get_by_label("Namens welke partij? (verplicht)").select_option(label="Bakkerij Zoet")
    _type(tab, "Waarover? (verplicht)", "De plek van de laadpaal")
    _type(tab, "Wanneer gebeurde het?", "2026-02-10")
    _submit(tab, "Versturen")
    tab.wait_for_url("**/c/spangen/disagreements?done=disagreement")

    # A revision comes from a decision, taken at a meeting (the existing forms).
    tab.goto("/c/spangen/meetings/new")
    tab.get_by_label("bijeenkomst", exact=True).focus()
    tab.keyboard.press("Space")
    _type(tab, "Datum (verplicht)", "2026-03-01")
    _submit(tab, "Versturen")
    tab.goto("/c/spangen/decisions/new")
    tab.get_by_label("Op welke bijeenkomst? (verplicht)").select_option(index=1)
    _type(tab, "Onderwerp (verplicht)", "Vaker samenkomen")
    _type(tab, "Besluit (verplicht)", "Vijf keer per jaar.")
    _submit(tab, "Versturen")
    tab.goto("/c/spangen/agreement/revise")
    tab.get_by_label("Uit welk besluit?").select_option(index=1)
    _type(tab, "Waarom een nieuwe versie? (verplicht)", "Vaker samen")
    _type(tab, "Plenaire bijeenkomsten per jaar (minstens) (verplicht)", "5")
    _submit(tab, "Versturen")
    assert "plenaire bijeenkomsten per jaar: 4 → 5" in tab.content(), tab.locator("main").inner_text()[:600]
    look("revise preview")
    _submit(tab, "Vastleggen")
    tab.wait_for_url("**/c/spangen/agreement?done=revise")
    return problems


def _check_store(store_path: Path) -> None:
    app = Cooperations(str(store_path))
    try:
        assert app.agreement("spangen").commitments.plenary_meetings_per_year == 5
        raised = app.disagreements("spangen")
        assert [(d.raised_by_name, d.raised_on.isoformat()) for d in raised] == [("Bakkerij Zoet", "2026-02-10")]
        assert app.party("spangen", "Bakkerij Zoet").joined_on.isoformat() == "2026-01-05"
    finally:
        app.close()


def test_the_secretarys_start_by_keyboard_without_javascript(browser: Any, many_server: str,
                                                             store_path: Path) -> None:
    tab = _tab(browser, many_server, scripts=False)
    _secretary_year(tab, None)
    tab.context.close()
    _check_store(store_path)


def test_the_secretarys_start_passes_axe(browser: Any, many_server: str, store_path: Path) -> None:
    axe = _axe_source()
    tab = _tab(browser, many_server, scripts=True)
    problems = _secretary_year(tab, axe)
    tab.context.close()
    _check_store(store_path)
    assert not problems, "\n".join(problems)
