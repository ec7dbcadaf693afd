"""The yearly report on the web: the library's report (``app.audit.report``), one
self-contained page to read and print — residents' names only for members, as on
every page (auditors and visitors: the public rules).

The report brings its own print style inline; the page's policy allows exactly that
style (by its digest) and no script.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from litestar import MediaType, Request, Response
from litestar.params import FromPath

from botu_core import MEMBER

from .hardening import CONTENT_SECURITY_POLICY
from .pages import Page, page_get
from .texts import WebError

STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def policy_for(html: str) -> str:
    """The site's policy, with the report's inline styles allowed by digest and no scripts."""
    digests = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
        for style in STYLE.findall(html)
    )
    return CONTENT_SECURITY_POLICY.replace("style-src 'self'", f"style-src {digests}").replace(
        "script-src 'self'", "script-src 'none'")


def report_years(page: Page, coop: str) -> range:
    """From the founding year up to this year."""
    return range(page.read.cooperation(coop).founded_on.year, page.app.clock().year + 1)


@page_get("/audit/report/{year:int}", name="audit-report")
async def report_page(request: Request[Any, Any, Any], year: FromPath[int]) -> Response[str]:
    page = Page(request)
    coop = page.require_coop()
    years = report_years(page, coop)
    if year not in years:
        raise WebError("report.no_year", year=year, first=years.start, last=years.stop - 1)
    html = page.app.audit.report(coop, year, personal=page.read.audience == MEMBER)
    return Response(html, media_type=MediaType.HTML,
                    headers={"content-security-policy": policy_for(html), "content-language": "nl"})


def report_handlers() -> list[Any]:
    return [report_page]
