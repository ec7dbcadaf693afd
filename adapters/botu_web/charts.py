"""Charts drawn on the server as accessible SVG: no script, a title, a description,
and a table with the same numbers next to every chart (the text alternative).

Colours have a contrast of at least 3:1 against white and against each other's
neighbours, and every part is also named in text, so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

SPENT = "#123f6e"  # dark blue
ALLOCATED = "#2f78c4"  # blue
LEFT_FILL = "#ffffff"
LEFT_STROKE = "#4d4d4d"
MINIMUM = "#b3261e"  # red line: the meetings the agreement in force asks for
BAR = "#1f6b45"  # green
INK = "#1a1a1a"


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 14, weight: str = "normal",
          fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def budget_chart(
    lines: Sequence[tuple[str, int, int, int, int]],
    money: Callable[[int], str],
    t: Callable[[str, str], str],
) -> Markup:
    """One bar per source and year: spent, allocated but not spent, and left.

    ``lines``: (source, year, available, allocated, spent) in cents.
    """
    width, bar_h, gap, left_margin, top = 720, 34, 46, 10, 56
    height = top + max(1, len(lines)) * (bar_h + gap) + 10
    plot_w = width - left_margin - 10
    biggest = max((available for _s, _y, available, _a, _sp in lines), default=0) or 1
    body = [
        f'<rect x="{left_margin}" y="8" width="16" height="16" fill="{SPENT}"/>',
        _text(left_margin + 22, 21, t("uitgegeven", "spent")),
        f'<rect x="{left_margin + 140}" y="8" width="16" height="16" fill="{ALLOCATED}"/>',
        _text(left_margin + 162, 21, t("toegekend, nog niet uitgegeven", "allocated, not yet spent")),
        f'<rect x="{left_margin + 420}" y="8" width="16" height="16" fill="{LEFT_FILL}" stroke="{LEFT_STROKE}" '
        f'stroke-dasharray="4 2"/>',
        _text(left_margin + 442, 21, t("nog over", "left")),
    ]
    parts = []
    for i, (source, year, available, allocated, spent) in enumerate(lines):
        y = top + i * (bar_h + gap)
        scale = plot_w / biggest
        left = available - allocated
        body.append(_text(left_margin, y - 8, f"{source} {year}: {money(available)}", weight="bold"))
        x = float(left_margin)
        for value, fill, stroke in (
            (spent, SPENT, "none"),
            (allocated - spent, ALLOCATED, "none"),
            (left, LEFT_FILL, LEFT_STROKE),
        ):
            w = max(0.0, value * scale)
            if w > 0:
                dash = ' stroke-dasharray="4 2"' if stroke != "none" else ""
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" stroke="{stroke}"{dash}/>'
                )
            x += w
        parts.append(
            t(
                f"{source} {year}: {money(spent)} uitgegeven, {money(allocated)} toegekend, {money(left)} over",
                f"{source} {year}: {money(spent)} spent, {money(allocated)} allocated, {money(left)} left",
            )
        )
    desc = "; ".join(parts) or t("Er is nog geen geld beschikbaar.", "No funds are available yet.")
    return _svg("budget-chart", width, height, t("Energiebegroting per bron", "Energy budget per source"), desc, body)


def meetings_chart(per_year: Sequence[tuple[int, int, int | None]], t: Callable[[str, str], str]) -> Markup:
    """Bars of plenary meetings per year, each with a red mark at what the agreement in
    force that year asks (``None``: nothing asked, no mark). The figures come from the data."""
    width, height, bottom, top, left_margin = 720, 280, 40, 30, 40
    plot_h = height - bottom - top
    highest = max([1, *((r or 0) + 1 for _y, _n, r in per_year), *(n for _y, n, _r in per_year)])
    scale = plot_h / highest
    n = max(1, len(per_year))
    slot = (width - left_margin - 10) / n
    bar_w = min(90.0, slot * 0.6)
    body = [f'<line x1="{left_margin}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="{INK}"/>']
    parts = []
    for i, (year, count, required) in enumerate(per_year):
        x = left_margin + i * slot + (slot - bar_w) / 2
        h = count * scale
        y = height - bottom - h
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>')
        body.append(_text(x + bar_w / 2, y - 6, str(count), anchor="middle", weight="bold"))
        body.append(_text(x + bar_w / 2, height - bottom + 20, str(year), anchor="middle"))
        if required is None:
            parts.append(t(f"{year}: {count} bijeenkomsten", f"{year}: {count} meetings"))
            continue
        line_y = height - bottom - required * scale
        body.append(
            f'<line x1="{x - 8:.1f}" y1="{line_y:.1f}" x2="{x + bar_w + 8:.1f}" y2="{line_y:.1f}" stroke="{MINIMUM}" '
            f'stroke-width="3" stroke-dasharray="8 4"/>'
        )
        body.append(_text(x + bar_w + 10, line_y + 4, t(f"min. {required}", f"min. {required}"), fill=MINIMUM,
                          weight="bold", size=13))
        ok = count >= required
        parts.append(
            t(
                f"{year}: {count} bijeenkomsten, afgesproken minstens {required}" + ("" if ok else " (te weinig)"),
                f"{year}: {count} meetings, at least {required} agreed" + ("" if ok else " (too few)"),
            )
        )
    desc = (
        t("De rode streep is wat de overeenkomst van dat jaar vraagt. ",
          "The red line is what that year's agreement asks. ")
        + ("; ".join(parts) or t("Nog geen bijeenkomsten.", "No meetings yet."))
    )
    return _svg("meetings-chart", width, height, t("Bijeenkomsten per jaar", "Meetings per year"), desc, body)


def benefits_chart(
    points: Sequence[tuple[dt.date, int, Decimal]],
    money: Callable[[int], str],
    number: Callable[[Decimal], str],
    day: Callable[[dt.date], str],
    t: Callable[[str, str], str],
) -> Markup:
    """Benefits added up over time: one bar per date a period ended, with the total so far.

    ``points``: (end of period, euros in cents so far, kg CO2 so far), in date order.
    """
    width, height, bottom, top, left_margin = 720, 300, 60, 36, 20
    plot_h = height - bottom - top
    highest = max((cents for _d, cents, _c in points), default=0) or 1
    n = max(1, len(points))
    slot = (width - left_margin - 10) / n
    bar_w = min(110.0, slot * 0.6)
    body = [f'<line x1="{left_margin}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="{INK}"/>']
    parts = []
    for i, (on, cents, co2) in enumerate(points):
        h = cents / highest * plot_h
        x = left_margin + i * slot + (slot - bar_w) / 2
        y = height - bottom - h
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>')
        body.append(_text(x + bar_w / 2, y - 6, money(cents), anchor="middle", weight="bold", size=13))
        body.append(_text(x + bar_w / 2, height - bottom + 18, day(on), anchor="middle", size=13))
        body.append(_text(x + bar_w / 2, height - bottom + 36, f"{number(co2)} kg CO2", anchor="middle", size=13))
        parts.append(t(f"tot {day(on)}: {money(cents)} en {number(co2)} kg CO2",
                       f"until {day(on)}: {money(cents)} and {number(co2)} kg CO2"))
    desc = "; ".join(parts) or t("Er is nog geen voordeel vastgelegd.", "No benefits have been recorded yet.")
    return _svg("benefits-chart", width, height, t("Voordeel opgeteld over de tijd", "Benefits added up over time"),
                desc, body)


CHOSEN = "#1f6b45"  # green, filled: a winning proposal
NOT_CHOSEN_STROKE = "#4d4d4d"  # grey dashed outline, no fill: a proposal that did not win


def approvals_chart(
    rows: Sequence[tuple[str, int, int, bool]],
    money: Callable[[int], str],
    t: Callable[[str, str], str],
) -> Markup:
    """One bar per proposal of a closed round: its approvals. Winners are filled and say
    "gekozen" in text; the others are a dashed outline, so colour is never the only cue.

    ``rows``: (title, approvals, cost in cents, chosen), in the order to show.
    """
    width, bar_h, gap, left_margin, top = 720, 26, 44, 10, 48
    height = top + max(1, len(rows)) * (bar_h + gap) + 4
    plot_w = width - left_margin - 210  # room for "2 stemmen, ✔ gekozen" after the longest bar
    highest = max((n for _t, n, _c, _w in rows), default=0) or 1
    body = [
        f'<rect x="{left_margin}" y="8" width="16" height="16" fill="{CHOSEN}"/>',
        _text(left_margin + 22, 21, t("gekozen (✔)", "chosen (✔)")),
        f'<rect x="{left_margin + 200}" y="8" width="16" height="16" fill="{LEFT_FILL}" stroke="{NOT_CHOSEN_STROKE}" '
        f'stroke-dasharray="4 2"/>',
        _text(left_margin + 222, 21, t("niet gekozen", "not chosen")),
    ]
    parts = []
    for i, (title, approvals, cost, chosen) in enumerate(rows):
        y = top + i * (bar_h + gap) + 18
        body.append(_text(left_margin, y - 6, f"{title} ({money(cost)})", weight="bold"))
        w = max(2.0, approvals / highest * plot_w)
        if chosen:
            body.append(f'<rect x="{left_margin}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{CHOSEN}"/>')
        else:
            body.append(
                f'<rect x="{left_margin}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{LEFT_FILL}" '
                f'stroke="{NOT_CHOSEN_STROKE}" stroke-dasharray="4 2"/>'
            )
        count = t(f"{approvals} stem" if approvals == 1 else f"{approvals} stemmen",
                  f"{approvals} approval" if approvals == 1 else f"{approvals} approvals")
        mark = t(", ✔ gekozen", ", ✔ chosen") if chosen else ""
        body.append(_text(left_margin + w + 8, y + bar_h - 8, count + mark, weight="bold" if chosen else "normal"))
        parts.append(t(f"{title}: {count}, {money(cost)}" + (", gekozen" if chosen else ", niet gekozen"),
                       f"{title}: {count}, {money(cost)}" + (", chosen" if chosen else ", not chosen")))
    desc = "; ".join(parts) or t("Er zijn geen voorstellen.", "There are no proposals.")
    return _svg("approvals-chart", width, height, t("Stemmen per voorstel", "Approvals per proposal"), desc, body)
