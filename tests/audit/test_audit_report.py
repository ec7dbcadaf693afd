"""The yearly audit report: content, escaping, and how it looks in Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from botu_core import Cooperations, JoinParty, PartyKind
from botu_core.audit import check_signed_head, write_report

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("BOTU_TEST_ARTIFACTS", ROOT / "test-artifacts")) / "audit"
CHROMIUM = "/usr/bin/chromium"


def text_of(html: str) -> str:
    body = re.sub(r"<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_2021_report_of_the_example(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    html = app.audit.report(coop, 2021)
    text = text_of(html)
    # Verification and the head of the year (event 62 is the last one dated in 2021).
    head = app.audit.head(coop, 62)
    assert "In orde: alle 66 gebeurtenissen zijn gecontroleerd" in text
    assert head.short in text and head.digest in text
    # The agreement as it was on 31 December 2021: version 1 only, with its five signatures.
    assert "Versie 1 (geldig op 31 december 2021)" in text and "Versie 2" not in text
    assert text.count("15 september 2021 (persoonlijk / personal)") == 2  # two residents' PS left out
    assert "Onze huiskamer is open voor iedereen" in text  # an organisation's PS is shown
    assert "Fatima El Amrani" not in text.replace("Fatima El Amrani en Buurthuiskamer", "")  # only in a decision text
    # Meetings, decisions with opinions, budget per source with every allocation and its decision.
    assert "Bijeenkomsten: 3, overleg: 6, evaluatie: 0." in text
    assert "Meningen: 2 voor, 1 tegen, 1 neutraal." in text
    assert "Wij willen graag meedoen bij de uitvoering." in text  # an entrepreneur's comment
    assert "Te weinig voor isolatie" not in text  # a resident's comment
    assert re.search(r"Aardgasvrij € 50\.000,00 € 30\.000,00 € 8\.450,00 € 20\.000,00", text)
    assert re.search(r"BoTu2028 € 50\.000,00 € 37\.500,00 € 12\.000,00 € 12\.500,00", text)
    assert text.count("decision-2 – Energiebegroting 2021, 20 oktober 2021") == 4
    # Benefits, the disagreement and compliance (2021 was evaluated, in January 2022).
    assert "Samen / total € 10.850,00 16.300,5" in text
    assert "Opgelost op 8 december 2021" in text
    assert "Geen opmerkingen over 2021." in text
    # Self-contained and print-friendly.
    assert "@media print" in html
    assert not re.search(r"https?://|<script|<link|<img|@import", html)


def test_personal_data_only_on_request_and_a_signed_head(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    html = app.audit.report(coop, 2021, personal=True, sign=True)
    text = text_of(html)
    assert "Te weinig voor isolatie van gewone woningen." in text
    signed_text = re.search(r'\{"cooperation".*?\}', html.replace("&#34;", '"'))
    assert signed_text is not None
    assert check_signed_head(signed_text.group(0), app.audit.public_key(coop))


def test_text_from_the_log_is_escaped(memory_app: Cooperations) -> None:
    coop = memory_app.create_cooperation("<script>alert(1)</script> & co", slug="x", founded_on=dt.date(2022, 1, 1))
    memory_app.execute(coop, JoinParty(name="<b>Bedrijf</b>", kind=PartyKind.ENTREPRENEUR, on=dt.date(2022, 1, 2)))
    html = memory_app.audit.report(coop, 2022)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "Er was nog geen overeenkomst." in text_of(html)


def test_the_report_opens_in_chromium_and_a_screenshot_is_saved(
    example: tuple[Cooperations, str], tmp_path: Path
) -> None:
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        reason = f"{CHROMIUM} is not installed (apt-get install chromium); no screenshot of the report"
        if os.environ.get("BOTU_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (BOTU_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    app, coop = example
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "jaarverslag-2021.html"
    screenshot = ARTIFACTS / "jaarverslag-2021.png"
    screenshot.unlink(missing_ok=True)
    head = write_report(app, app.audit.resolve(coop), 2021, report)
    assert head is not None and head.position == 62
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--window-size=1100,4200",
            f"--screenshot={screenshot}",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert screenshot.exists() and screenshot.stat().st_size > 50_000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
