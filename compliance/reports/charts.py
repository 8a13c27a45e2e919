"""Geometry of the report's SVG charts. Templates draw them; no JavaScript, no images."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from compliance.gaps.selectors import FrameworkGaps, GapRow, Score

BAR_CHART_WIDTH = 640
BAR_HEIGHT = 18
LABEL_HEIGHT = 15
BAR_GAP = 10
# Status colours (met, in progress, not started): distinguishable in greyscale too.
COLOURS = {"met": "#1b7a3d", "in_progress": "#2f6db5", "not_started": "#c9ced6"}
TEXT_ON = {"met": "#ffffff", "in_progress": "#ffffff", "not_started": "#212529"}
FRAMEWORK_COLOURS = ["#1f3a5f", "#b35c00", "#6a3d9a", "#1b7a3d", "#a51d2d", "#2f6db5"]


@dataclass
class BarSegment:
    x: float
    width: float
    colour: str
    text_colour: str
    label: str


@dataclass
class Bar:
    label: str
    label_y: int
    y: int
    text_y: int
    segments: list[BarSegment]
    caption: str


@dataclass
class BarChart:
    width: int
    height: int
    plot_width: int
    bar_height: int
    bars: list[Bar]


def compliance_chart(*, frameworks: list[FrameworkGaps], overall: Score) -> BarChart:
    """One stacked bar per framework in scope, and one overall: met, in progress, not started.

    Each label sits above its bar, so long framework names never get cut.
    """
    plot_width = BAR_CHART_WIDTH - 50
    rows = [(fw.name, fw.score) for fw in frameworks if fw.in_scope] + [(gettext("All frameworks"), overall)]
    bars = []
    for index, (label, score) in enumerate(rows):
        top = index * (LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP)
        y = top + LABEL_HEIGHT
        segments, x = [], 0.0
        for status, count in (("met", score.met), ("in_progress", score.in_progress), ("not_started", score.not_started)):
            if score.counted and count:
                width = plot_width * count / score.counted
                segments.append(BarSegment(round(x, 1), round(width, 1), COLOURS[status], TEXT_ON[status], str(count)))
                x += width
        caption = f"{score.met_percent}%" if score.counted else "n/a"
        bars.append(Bar(label, top + 11, y, y + 13, segments, caption))
    height = len(bars) * (LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP)
    return BarChart(BAR_CHART_WIDTH, height, plot_width, BAR_HEIGHT, bars)


@dataclass
class TimelineTick:
    x: float
    label: str


@dataclass
class TimelineDot:
    x: float
    y: float
    radius: float
    count: int
    colour: str
    title: str


@dataclass
class TimelineLane:
    label: str
    y: float
    colour: str


@dataclass
class Timeline:
    width: int
    height: int
    left: int
    right: int
    axis_y: float
    lanes: list[TimelineLane]
    dots: list[TimelineDot]
    ticks: list[TimelineTick]
    today_x: float | None
    empty: bool


def timeline_chart(*, frameworks: list[FrameworkGaps], today: dt.date) -> Timeline:
    """Open obligations on a time axis of legal dates: one lane per framework, one dot per date."""
    width, left, right, lane_height = 640, 40, 620, 34
    lanes_rows: list[tuple[FrameworkGaps, list[GapRow]]] = [
        (fw, [r for r in fw.rows if r.is_open and r.legal_date]) for fw in frameworks if fw.in_scope]
    dates = [r.legal_date for _, rows in lanes_rows for r in rows if r.legal_date]
    height = 50 + max(len(lanes_rows), 1) * lane_height
    axis_y = height - 30
    if not dates:
        return Timeline(width, height, left, right, axis_y, [], [], [], None, True)
    start = min(min(dates), today)
    end = max(max(dates), today)
    start = dt.date(start.year, 1, 1)
    end = dt.date(end.year + 1, 1, 1)
    span = (end - start).days

    def x_of(day: dt.date) -> float:
        return round(left + (right - left) * (day - start).days / span, 1)

    lanes, dots = [], []
    for index, (fw, rows) in enumerate(lanes_rows):
        y = 25 + index * lane_height
        colour = FRAMEWORK_COLOURS[index % len(FRAMEWORK_COLOURS)]
        lanes.append(TimelineLane(fw.short_name, y, colour))
        for day, count in sorted(Counter(r.legal_date for r in rows if r.legal_date).items()):
            radius = min(5 + 2.2 * (count - 1), 13)
            dots.append(TimelineDot(x_of(day), y, radius, count, colour,
                                    gettext("%(framework)s: %(count)s open on %(date)s")
                                    % {"framework": fw.name, "count": count, "date": date_format(day)}))
    years = range(start.year, end.year + 1)
    step = 1 if len(years) <= 8 else 2
    ticks = [TimelineTick(x_of(dt.date(year, 1, 1)), str(year)) for year in years[::step]]
    return Timeline(width, height, left, right, axis_y, lanes, dots, ticks, x_of(today), False)
