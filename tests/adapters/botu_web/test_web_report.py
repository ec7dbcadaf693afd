"""The yearly report on the web, to read and print: the library's report, with the
viewer's privacy, linked from the compliance page."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from botu_core import Cooperations


def test_the_compliance_page_links_the_report_of_each_year(make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    page = make_client().get("/compliance").text
    for year in app.compliance("botu"):
        if year.checked:
            assert f'href="/audit/report/{year.year}"' in page
    app.close()


def test_the_report_is_the_librarys_with_the_viewers_privacy(make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    visitor = make_client().get("/audit/report/2021")
    assert visitor.status_code == 200 and visitor.headers["content-type"].startswith("text/html")
    assert visitor.text == app.audit.report("botu", 2021)
    assert "Jaarverslag 2021" in visitor.text and "Henk de Vries" not in visitor.text
    member = make_client("member").get("/audit/report/2021").text
    assert member == app.audit.report("botu", 2021, personal=True) and "Henk de Vries" in member
    assert make_client("auditor").get("/audit/report/2021").text == visitor.text  # auditors see no people
    app.close()


def test_the_reports_own_style_is_allowed_and_nothing_else(make_client: Any) -> None:
    response = make_client().get("/audit/report/2021")
    style = re.search(r"<style>(.*?)</style>", response.text, flags=re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    policy = response.headers["content-security-policy"]
    assert f"style-src 'sha256-{digest}'" in policy and "script-src 'none'" in policy
    assert "<script" not in response.text


def test_a_year_without_the_cooperation_is_refused_clearly(make_client: Any) -> None:
    response = make_client().get("/audit/report/2019")
    assert response.status_code == 404 and "2019" in response.text and "2021" in response.text
    assert make_client().get("/audit/report/2019?lang=en").text.count("no yearly report") == 1
