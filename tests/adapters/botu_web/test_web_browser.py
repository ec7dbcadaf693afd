"""The web app in a real browser: Debian's Chromium, driven by Playwright, against a real
uvicorn server on 127.0.0.1. With axe-core (npm, test-only) injected for accessibility.

Without /usr/bin/chromium these tests are skipped with the reason — unless
BOTU_REQUIRE_BROWSER=1 (set by .ci/run), then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from botu_core import ConfirmParty

from web_helpers import PASSWORD

CHROMIUM = "/usr/bin/chromium"
HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "botu_web"
REQUIRE = os.environ.get("BOTU_REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.slow


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if REQUIRE:
        pytest.fail(reason + " (BOTU_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def _axe_source() -> str:
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock"], cwd=HERE,
                       check=False, capture_output=True, timeout=300)
    _need(AXE.exists(), f"axe-core is not installed in {HERE / 'node_modules'} (run npm install there)")
    return AXE.read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(store_path: Path) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 over this test's copy of the example store."""
    yield from running_server(store_path)


def running_server(store_path: Path, options: str = "") -> Iterator[str]:
    """Start ``botu_web.server.serve`` over the store (with more keyword ``options``), yield its URL, stop it."""
    port = _free_port()
    code = (
        "from botu_web.server import serve; "
        f"serve({str(store_path)!r}, host='127.0.0.1', port={port}, log_level='warning'{options})"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"the server stopped: {out[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the server did not start within 60 s")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    # bypass_csp only so the test can inject axe-core; the site's own pages need no script.
    context = browser.new_context(base_url=server, bypass_csp=True, viewport={"width": 1100, "height": 900},
                                  locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def check_axe(page: Any, axe: str, where: str) -> list[str]:
    page.add_script_tag(content=axe)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{where}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    return bad


def log_in(page: Any, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Naam van uw account").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/?done=login")


def test_a_resident_joins_and_signs_with_a_ps(page: Any, app_of: Any) -> None:
    axe = _axe_source()
    problems: list[str] = []
    page.goto("/register")
    problems += check_axe(page, axe, "register")
    page.get_by_label("Naam van uw account").fill("sanne")
    page.get_by_label("Wachtwoord", exact=True).fill("sanne-haar-wachtwoord")
    page.get_by_label("Wachtwoord nog een keer").fill("sanne-haar-wachtwoord")
    page.get_by_role("button", name="Account maken").click()
    page.wait_for_url("**/join?done=account")
    page.get_by_label("Naam (verplicht)", exact=True).fill("Sanne Bakker")
    page.get_by_label("bewoner").check()
    page.get_by_label("Telefoon", exact=True).fill("06 5555 1234")
    page.get_by_label("Andere deelnemers mogen mijn telefoon en e-mail zien").check()
    problems += check_axe(page, axe, "join")
    shot(page, "join")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url("**/agreement?done=join")
    assert page.get_by_role("status").first.inner_text().startswith("U doet nu mee.")
    # She registered herself: she signs once a coordinator has confirmed her.
    app_of.catch_up()
    joined = next(p for p in app_of.view_as("member").parties("botu") if p.name == "Sanne Bakker")
    assert not joined.confirmed
    app_of.execute("botu", ConfirmParty(party=joined.id))
    page.goto("/agreement")
    page.get_by_role("link", name="De overeenkomst ondertekenen").click()
    page.get_by_label("Persoonlijke noot (PS)").fill("Ik doe mee omdat mijn straat van het gas af wil.")
    page.get_by_label("Met welke pet op tekent u?").fill("bewoner")
    problems += check_axe(page, axe, "sign")
    shot(page, "sign")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url("**/agreement?done=sign")
    assert "U heeft de overeenkomst ondertekend." in page.content()
    assert page.get_by_text("PS: Ik doe mee omdat mijn straat van het gas af wil.").is_visible()
    shot(page, "agreement-signed")
    app_of.catch_up()
    sanne = next(p for p in app_of.view_as("member").parties("botu") if p.name == "Sanne Bakker")
    assert sanne.kind == "resident" and sanne.share_contact
    current = app_of.view_as("member").agreement("botu")
    assert [(s.note, s.capacity) for s in current.signatures if s.party_id == sanne.id] == [
        ("Ik doe mee omdat mijn straat van het gas af wil.", "bewoner")
    ]
    assert not problems, "\n".join(problems)


def test_a_coordinator_records_a_meeting_and_allocates_budget(page: Any, app_of: Any) -> None:
    axe = _axe_source()
    problems: list[str] = []
    log_in(page, "fatima")
    page.goto("/meetings/new")
    page.get_by_label("bijeenkomst", exact=True).check()
    page.get_by_label("Datum").fill("2021-12-15")
    page.get_by_label("Titel").fill("Winterbijeenkomst")
    page.get_by_label("Henk de Vries").check()
    page.get_by_label("Gemeente Rotterdam").check()
    page.get_by_label("Verslag").fill("We kijken terug op het eerste halfjaar.")
    problems += check_axe(page, axe, "meeting form")
    shot(page, "meeting-form")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url("**/meetings?done=meeting")
    assert "De bijeenkomst is vastgelegd." in page.content()
    assert page.get_by_role("heading", name="Winterbijeenkomst").is_visible()

    page.goto("/budget/allocate")
    page.get_by_label("Project").select_option(label="Inzet van sociale teams")
    page.get_by_label("Uit welke bron en welk jaar?").select_option(value="BoTu2028|2021")
    page.get_by_label("Bedrag in euro").fill("5.000,00")
    page.get_by_label("Besluit").select_option(index=1)
    problems += check_axe(page, axe, "allocate form")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url("**/budget?done=allocate")
    assert "Het geld is toegekend." in page.content()
    app_of.catch_up()
    left = {(b.source, b.year): b.left.cents for b in app_of.budget("botu")}
    assert left[("BoTu2028", 2021)] == 750_000
    events = app_of.cooperation("botu").events

    # More than is left: the Dutch refusal, and nothing changes.
    page.goto("/budget/allocate")
    page.get_by_label("Project").select_option(label="Inzet van sociale teams")
    page.get_by_label("Uit welke bron en welk jaar?").select_option(value="BoTu2028|2021")
    page.get_by_label("Bedrag in euro").fill("10000")
    page.get_by_label("Besluit").select_option(index=1)
    page.get_by_role("button", name="Versturen").click()
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    text = alert.inner_text()
    assert "Dat kan niet: van BoTu2028 is in 2021 nog € 7.500,00 over, en u vraagt € 10.000,00." in text
    assert "Er is niets vastgelegd." in text
    assert page.get_by_label("Bedrag in euro").input_value() == "10000"  # what was typed stays
    problems += check_axe(page, axe, "allocate refused")
    shot(page, "allocation-refused")
    app_of.catch_up()
    assert app_of.cooperation("botu").events == events
    assert {(b.source, b.year): b.left.cents for b in app_of.budget("botu")} == left
    assert not problems, "\n".join(problems)


WRITING_FORMS = ["/join", "/agreement/sign", "/opinion", "/disagreements/new", "/projects/new", "/meetings/new",
                 "/decisions/propose", "/decisions/new", "/budget/funds", "/budget/allocate", "/evaluations/new",
                 "/agreement/revise", "/disagreements/resolve", "/rounds/new", "/rounds/propose", "/rounds/vote",
                 "/rounds/close", "/budget/spend", "/budget/withdraw", "/projects/indicator", "/projects/measure",
                 "/projects/benefit", "/projects/plan", "/projects/contact", "/projects/complete", "/projects/stop",
                 "/disagreements/discuss", "/parties/coordinators"]
MAIN_PAGES = {"home": "/", "agreement": "/agreement", "projects": "/projects", "project": "/projects/project-1",
              "budget": "/budget", "benefits": "/benefits", "meetings": "/meetings", "decisions": "/decisions",
              "disagreements": "/disagreements", "compliance": "/compliance", "parties": "/parties",
              "rounds": "/rounds", "audit": "/audit", "audit-as-of": "/audit?as_of=2021-10-30", "login": "/login"}


def test_an_anonymous_visitor_sees_the_budget_chart_and_reaches_no_writing_form(page: Any) -> None:
    axe = _axe_source()
    problems: list[str] = []
    page.goto("/budget")
    chart = page.get_by_role("img", name="Energiebegroting per bron")
    assert chart.is_visible()
    assert "Aardgasvrij 2021" in page.locator("#budget-chart-desc").text_content()
    # Only the login and account forms post anything; none of the pages has a writing form.
    for name, path in MAIN_PAGES.items():
        page.goto(path)
        # (The audit page's date form is a GET: it asks, it writes nothing.)
        actions = page.eval_on_selector_all("form[method=post]", "forms => forms.map(f => f.getAttribute('action'))")
        assert set(actions) <= {"/login", "/register"}, (path, actions)
        problems += check_axe(page, axe, name)
        shot(page, f"page-{name}")
    page.goto("/budget?lang=en")
    shot(page, "page-budget-en")
    page.goto("/budget?lang=nl")
    for path in WRITING_FORMS:
        page.goto(path)
        assert page.url.split("?")[0].endswith("/login"), (path, page.url)
        actions = page.eval_on_selector_all("form", "forms => forms.map(f => f.getAttribute('action'))")
        assert path not in actions
    # Sending a form without logging in is refused by the server, not only hidden in the page.
    response = page.request.post("/budget/allocate", form={"amount": "1"})
    assert response.status in (401, 403)
    assert not problems, "\n".join(problems)


def test_the_main_pages_on_a_phone(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  locale="nl-NL")
    phone = context.new_page()
    try:
        for name in ("home", "budget", "meetings"):
            phone.goto(MAIN_PAGES[name])
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 400, (name, width)  # nothing sticks out sideways
            shot(phone, f"phone-{name}")
    finally:
        context.close()


def test_axe_results_are_written_for_the_record(page: Any) -> None:
    """Forms for members and coordinators, checked with axe as a logged-in coordinator."""
    axe = _axe_source()
    log_in(page, "fatima")
    report: dict[str, list[str]] = {}
    for path in ("/projects/new", "/decisions/new", "/evaluations/new", "/agreement/revise", "/opinion",
                 "/disagreements/new", "/account",
                 # The coordinators' bookkeeping forms, prefilled as the pages link to them, and those pages.
                 "/budget/spend?allocation=allocation-1", "/budget/withdraw?allocation=allocation-3",
                 "/projects/indicator?project=project-1", "/projects/measure?project=project-1&indicator=indicator-1",
                 "/projects/benefit?project=project-1", "/projects/plan?project=project-1",
                 "/projects/contact?project=project-1", "/projects/complete?project=project-1",
                 "/projects/stop?project=project-1", "/disagreements/discuss", "/parties/coordinators",
                 "/budget", "/projects/project-1", "/disagreements", "/parties"):
        page.goto(path)
        report[path] = check_axe(page, axe, path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-forms.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    assert not any(report.values()), json.dumps(report, indent=2, ensure_ascii=False)


@pytest.fixture
def rounds_recorded(store_path: Path) -> None:
    """Two rounds in this test's store before the server starts: one closed with its
    outcome, one open with a proposal."""
    from botu_core import CastBallot, CloseRound, Cooperations, FundShare, Money, OpenRound, SubmitProposal

    app = Cooperations(str(store_path))
    try:
        funds = (FundShare("BoTu2028", Money(500_000)),)
        app.execute("botu", OpenRound("Buurtbudget 2021", 2021, funds, "decision-2"))
        for title, euros, by in (("Zonnepanelen op het buurthuis", 3000, "Henk de Vries"),
                                 ("Energiecafé", 1000, "Buurthuiskamer Tussendijken"),
                                 ("Isolatie voor de Bellamystraat", 2500, "Priya Ramdin")):
            app.execute("botu", SubmitProposal("round-1", title, Money(euros * 100), by, "Een plan."))
        app.execute("botu", CastBallot("round-1", "Henk de Vries", ("proposal-1", "proposal-2")))
        app.execute("botu", CastBallot("round-1", "Priya Ramdin", ("proposal-2", "proposal-3")))
        app.execute("botu", CloseRound("round-1"))
        app.execute("botu", OpenRound("Buurtbudget 2022", 2021, (FundShare("Aardgasvrij", Money(200_000)),),
                                      "decision-2"))
        app.execute("botu", SubmitProposal("round-2", "Bloembakken", Money(80_000), "Henk de Vries", "Groen."))
    finally:
        app.close()


def test_the_round_pages_and_forms_pass_axe(rounds_recorded: None, page: Any) -> None:
    axe = _axe_source()
    problems: list[str] = []
    page.goto("/rounds/round-1")
    chart = page.get_by_role("img", name="Stemmen per voorstel")
    assert chart.is_visible()
    assert "Energiecafé: 2 stemmen" in page.locator("#approvals-chart-desc").text_content()
    for path in ("/rounds", "/rounds/round-1", "/rounds/round-2", "/rounds/round-1?lang=en"):
        page.goto(path)
        problems += check_axe(page, axe, path)
        shot(page, "page-" + path.strip("/").replace("/", "-").replace("?lang=", "-"))
    page.goto("/rounds?lang=nl")
    log_in(page, "fatima")
    for path in ("/rounds/new", "/rounds/propose?round=round-2", "/rounds/vote?round=round-2", "/rounds/close",
                 "/rounds/round-2"):
        page.goto(path)
        problems += check_axe(page, axe, path)
    assert not problems, "\n".join(problems)
