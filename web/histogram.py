"""The date histogram beside the results: an SVG bar chart drawn here, on the server.

One bar per month (per year when the months span more than MAX_MONTH_BARS),
months without results included so time reads evenly; each bar is a link that
narrows the search to its month or year. Colours live in the stylesheet
(classes only), so the strict Content-Security-Policy needs no inline styles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from web.formatting import counted, month_name

MAX_MONTH_BARS = 72
WIDTH, HEIGHT = 240, 90
BAR_AREA = 68  # the rest is for the labels under the bars
GAP = 1


@dataclass
class Bar:
    key: str  # "2022-01" or "2022"
    label: str  # "January 2022" or "2022"
    count: int
    selected: bool


def bars(months: list, date_from: str = "", date_to: str = "") -> list[Bar]:
    """`months`: FacetValue-likes with `.value` "YYYY-MM" and `.count`."""
    counts: dict[tuple[int, int], int] = {}
    for item in months:
        match = re.fullmatch(r"(\d{4})-(\d{2})", item.value or "")
        if match and 1 <= int(match[2]) <= 12:
            counts[(int(match[1]), int(match[2]))] = counts.get((int(match[1]), int(match[2])), 0) + item.count
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > MAX_MONTH_BARS:
        years: dict[int, int] = {}
        for (year, _), count in counts.items():
            years[year] = years.get(year, 0) + count
        return [Bar(str(y), str(y), years.get(y, 0), _in_range(str(y), date_from, date_to))
                for y in range(first[0], last[0] + 1)]
    result = []
    year, month = first
    for _ in range(span):
        key = f"{year:04d}-{month:02d}"
        result.append(Bar(key, month_name(key), counts.get((year, month), 0), _in_range(key, date_from, date_to)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _in_range(key: str, date_from: str, date_to: str) -> bool:
    """Whether a bar lies inside the chosen range (compared as text: YYYY[-MM[-DD]] sorts in time order)."""
    if not (date_from or date_to):
        return False
    start, end = key, key + "\uffff"
    return (not date_from or end >= date_from) and (not date_to or start <= date_to + "\uffff")


def svg(bar_list: list[Bar], link_for, noun: str = "result") -> Markup:
    """The chart; `link_for(key)` gives the URL that narrows the search to a bar."""
    if not bar_list:
        return Markup("")
    tallest = max(b.count for b in bar_list) or 1
    step = WIDTH / len(bar_list)
    width = max(step - GAP, 1)
    parts = [f'<svg class="histogram" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="Results over time" xmlns="http://www.w3.org/2000/svg">']
    for i, bar in enumerate(bar_list):
        x = i * step
        height = 0 if bar.count == 0 else max(2.0, BAR_AREA * bar.count / tallest)
        classes = "bar selected" if bar.selected else "bar"
        title = f"{bar.label}: {counted(bar.count, noun)}"
        parts.append(
            f'<a href="{escape(link_for(bar.key))}" class="{classes}">'
            f'<title>{escape(title)}</title>'
            f'<rect class="hit" x="{x:.2f}" y="0" width="{step:.2f}" height="{BAR_AREA}"/>'
            f'<rect class="fill" x="{x:.2f}" y="{BAR_AREA - height:.2f}" width="{width:.2f}" height="{height:.2f}"/>'
            f'</a>')
    parts.append(f'<line class="axis" x1="0" y1="{BAR_AREA + 0.5}" x2="{WIDTH}" y2="{BAR_AREA + 0.5}"/>')
    for x, text, anchor in _labels(bar_list, step):
        parts.append(f'<text x="{x:.2f}" y="{HEIGHT - 6}" text-anchor="{anchor}">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _labels(bar_list: list[Bar], step: float) -> list[tuple[float, str, str]]:
    """First and last period under the chart (one label when there is one bar)."""
    first, last = bar_list[0], bar_list[-1]
    short = (lambda b: b.key) if len(first.key) == 4 else (lambda b: _short_month(b.key))
    if len(bar_list) == 1:
        return [(WIDTH / 2, first.label, "middle")]
    return [(0, short(first), "start"), (WIDTH, short(last), "end")]


def _short_month(key: str) -> str:
    return month_name(key)[:3] + " " + key[:4]
