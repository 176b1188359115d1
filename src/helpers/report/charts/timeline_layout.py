"""Rows of labelled marks on a date axis, reference events behind them: the drawing under the timeline charts.

Labels never collide: each row of the chart is measured in points (one data
unit on the y axis is one point), every label's width is measured with the
chart font, and labels are stacked on the lowest free level of their row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.catalogue import text
from helpers.errors import HelpersError
from helpers.report.style import MAX_WIDTH_IN

_LABEL_SIZE = 8.0      # points
_LINE = 11.5           # points between stacked label levels
_DOT_ZONE = 14.0       # points from a row's bottom to its first label level
_ROW_GAP = 8.0         # points between rows
_PAD = 3.0             # points kept free between labels on one level
_REFERENCE_GREY = "#9E9E9E"
_PUBLICATION_GREY = "#424242"


def as_datetime(value: object, what: str) -> dt.datetime | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise HelpersError(f"{what} {value!r} is not a date; write YYYY-MM-DD") from None


@dataclass
class Item:
    """One thing drawn in a row: a point (``end`` None) or a span, with its label."""

    row: int
    start: dt.datetime
    end: dt.datetime | None
    label: str
    color: str
    marker: str = "o"
    kind: str = "point"   # point | range | month
    hollow: bool = False  # a date that is not a fact: a bound, an approximation
    status: str | None = None  # of an event: reported, clipped


def _label_widths(labels: Sequence[str], fontsize: float) -> list[float]:
    """Width of each label in points, measured with the chart font (call inside chart_style)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    scratch = Figure(figsize=(4, 1), dpi=72)
    renderer = FigureCanvasAgg(scratch).get_renderer()
    widths = []
    for label in labels:
        artist = scratch.text(0, 0, label, fontsize=fontsize)
        widths.append(artist.get_window_extent(renderer).width)
        artist.remove()
    return widths


def _stack(intervals: list[tuple[float, float]]) -> list[int]:
    """Lowest level for each interval (in the given order) that no earlier one occupies."""
    levels: list[list[tuple[float, float]]] = []
    assigned = []
    for left, right in intervals:
        for number, taken in enumerate(levels):
            if all(right + _PAD <= a or left >= b + _PAD for a, b in taken):
                taken.append((left, right))
                assigned.append(number)
                break
        else:
            levels.append([(left, right)])
            assigned.append(len(levels) - 1)
    return assigned


def draw_rows(
    row_names: Sequence[str],
    row_colors: Sequence[str],
    items: list[Item],
    references: pd.DataFrame | None,
    start: dt.datetime,
    end: dt.datetime,
    lang: str,
    title: str,
    y_label: str,
    legend_items: Sequence[str],
    publication_marks: Sequence[tuple[int, dt.datetime, bool]] = (),
):
    """Draw rows of labelled items on a date axis, reference events behind them.

    ``publication_marks`` are (row, day, exact) ticks at the day a row's article was
    published: a solid tick, or a dotted one where the day is only a bound.
    """
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    width_in = MAX_WIDTH_IN
    name_widths = _label_widths(list(row_names) + [text("timeline.reference_row", lang)], 10.0)
    left_in = max(name_widths) / 72 + 0.35
    right_in = 0.25
    axes_pts = (width_in - left_in - right_in) * 72
    x0, x1 = mdates.date2num(start), mdates.date2num(end)

    def to_pts(value: dt.datetime) -> float:
        return (mdates.date2num(value) - x0) / (x1 - x0) * axes_pts

    # Reference events inside the range: bands and day markers, named in their own row.
    refs = []
    if references is not None:
        for ref in references.itertuples(index=False):
            r_start = as_datetime(ref.start, "reference start")
            r_end = as_datetime(ref.end, "reference end")
            last = (r_end or r_start) + dt.timedelta(days=1)
            if last < start or r_start > end:
                continue
            name = str(ref.name_zh if lang == "zh" else ref.name_en)
            refs.append((r_start, r_end, name))

    def place(labels_at: list[tuple[float, str]]) -> tuple[list[int], list[str], list[float]]:
        widths = _label_widths([t for _, t in labels_at], _LABEL_SIZE)
        intervals, aligns, anchors = [], [], []
        for (x, _), w in zip(labels_at, widths):
            anchor = min(max(x, 0.0), axes_pts)
            if anchor + 2 + w <= axes_pts:
                intervals.append((anchor, anchor + 2 + w))
                aligns.append("left")
            else:
                intervals.append((anchor - 2 - w, anchor))
                aligns.append("right")
            anchors.append(anchor)
        return _stack(intervals), aligns, anchors

    # Row heights from the stacked labels.
    row_items: list[list[Item]] = [[] for _ in row_names]
    for item in items:
        row_items[item.row].append(item)
    layouts = []
    for entries in row_items:
        entries.sort(key=lambda it: it.start)
        layouts.append(place([(to_pts(max(it.start, start)), it.label) for it in entries]))
    refs.sort(key=lambda r: r[0])
    # A band is named at its start, a one-day event at the middle of its day (its line).
    ref_layout = place([(to_pts(max(r[0] if r[1] is not None else r[0] + dt.timedelta(hours=12),
                                    start)), r[2]) for r in refs])

    def height(levels: list[int]) -> float:
        return _DOT_ZONE + (max(levels) + 1 if levels else 0) * _LINE + _ROW_GAP

    heights = [height(levels) for levels, _, _ in layouts]
    ref_height = (max(ref_layout[0]) + 1) * _LINE + _ROW_GAP if refs else 0.0
    total_pts = sum(heights) + ref_height
    axes_in = max(total_pts / 72, 1.4)  # room for the rotated axis label
    top_in, bottom_in = 0.95, 0.75
    figure = Figure(figsize=(width_in, axes_in + top_in + bottom_in), layout="none")
    figure.subplots_adjust(left=left_in / width_in, right=1 - right_in / width_in,
                           bottom=bottom_in / (axes_in + top_in + bottom_in),
                           top=1 - top_in / (axes_in + top_in + bottom_in))
    ax = figure.add_subplot()
    ax.set_xlim(start, end)
    ax.set_ylim(0, max(total_pts, axes_in * 72))
    axes_to_data = (x1 - x0) / axes_pts  # date units per point

    # Rows from the top: reference names first, then each row.
    top = ax.get_ylim()[1]
    y = top - ref_height
    rows_top = y
    for (_start, _end, name), level, align, anchor in zip(refs, *ref_layout):
        # A short grey tick from the rows up to the name says where the event starts.
        x_name = x0 + anchor * axes_to_data
        ax.plot([x_name, x_name], [rows_top, y + _ROW_GAP / 2 + level * _LINE + 2],
                color=_REFERENCE_GREY, linewidth=0.6, zorder=1)
        ax.text(x0 + anchor * axes_to_data + (1 if align == "left" else -1) * 2 * axes_to_data,
                y + _ROW_GAP / 2 + level * _LINE, name, fontsize=_LABEL_SIZE, color="#616161",
                ha=align, va="bottom", gid="timeline-label", clip_on=False)
    row_ticks = []
    for (levels, aligns, anchors), entries, row_height, _color in zip(
            layouts, row_items, heights, row_colors):
        bottom = y - row_height
        dot_y = bottom + _ROW_GAP / 2 + 5
        row_ticks.append(dot_y)
        ax.axhline(bottom, color="#EEEEEE", linewidth=0.6, zorder=0)
        for mark_row, day, exact in publication_marks:
            if mark_row == len(row_ticks) - 1 and start <= day <= end:
                ax.plot([day, day], [dot_y - 5, dot_y + 5], color=_PUBLICATION_GREY, linewidth=1.4,
                        linestyle="-" if exact else (0, (1, 1)), zorder=2, gid="timeline-publication")
        for item, level, align, anchor in zip(entries, levels, aligns, anchors):
            if item.end is not None:
                ax.plot([item.start, item.end], [dot_y, dot_y], color=item.color,
                        linewidth=4 if item.kind == "month" else 2,
                        alpha=0.45 if item.kind == "month" else 0.9, solid_capstyle="butt", zorder=3)
            if item.kind != "month":
                ax.plot([item.start], [dot_y], marker=item.marker, color=item.color,
                        markerfacecolor="white" if item.hollow else item.color,
                        markersize=5, linestyle="none", zorder=4)
            label_y = bottom + _DOT_ZONE + level * _LINE
            x_label = x0 + anchor * axes_to_data
            if level > 0:
                ax.plot([x_label, x_label], [dot_y + 3, label_y + 1], color=item.color,
                        linewidth=0.5, alpha=0.35, zorder=2)
            ax.text(x_label + (1 if align == "left" else -1) * 2 * axes_to_data, label_y,
                    item.label, fontsize=_LABEL_SIZE, color="#212121", ha=align,
                    va="bottom", gid="timeline-label", zorder=5)
        y = bottom
    for ref_start, ref_end, _ in refs:
        if ref_end is not None:
            # Bands and day lines stay below the names of the reference events.
            ax.fill_between([ref_start, ref_end + dt.timedelta(days=1)], 0, rows_top,
                            color=_REFERENCE_GREY, alpha=0.13, linewidth=0, zorder=0)
        else:
            ax.plot([ref_start + dt.timedelta(hours=12)] * 2, [0, rows_top],
                    color=_REFERENCE_GREY, linestyle="--", linewidth=0.9, zorder=1)

    ax.set_yticks(row_ticks, list(row_names))
    for tick, color in zip(ax.get_yticklabels(), row_colors):
        tick.set_color(color)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    if lang == "zh":
        formatter = _zh_date_formatter(locator)
    else:
        formatter = mdates.ConciseDateFormatter(locator)
    ax.xaxis.set_major_formatter(formatter)
    ax.set_xlabel(text("timeline.date_axis", lang))
    ax.set_ylabel(y_label)
    ax.set_title(title, pad=28)

    handles = {
        "legend_day_event": Line2D([], [], marker="o", color="#616161", linestyle="none",
                                   markersize=5),
        "legend_time_event": Line2D([], [], marker="D", color="#616161", linestyle="none",
                                    markersize=5),
        "legend_range": Line2D([], [], color="#616161", linewidth=2),
        "legend_month_event": Line2D([], [], color="#616161", linewidth=4, alpha=0.45),
        "legend_not_exact": Line2D([], [], marker="o", color="#616161", markerfacecolor="white",
                                   linestyle="none", markersize=5),
        "legend_publication": Line2D([], [], color=_PUBLICATION_GREY, linewidth=1.4, marker="|",
                                     markersize=7, linestyle="none"),
        "legend_band": Patch(color=_REFERENCE_GREY, alpha=0.25, linewidth=0),
        "legend_day": Line2D([], [], color=_REFERENCE_GREY, linestyle="--", linewidth=0.9),
    }
    chosen = [key for key in legend_items if key in handles]
    if chosen:
        ax.legend([handles[k] for k in chosen], [text(f"timeline.{k}", lang) for k in chosen],
                  loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(chosen),
                  frameon=False, fontsize=8, handlelength=1.6, borderaxespad=0.2)
    if not items:
        ax.text(0.5, 0.5, text("timeline.no_data", lang), transform=ax.transAxes, ha="center",
                va="center", color="#757575")
    return figure


def _zh_date_formatter(locator):
    """Concise Chinese date ticks (2020年, 3月, 3月14日) without leading zeros, on any OS."""
    import re

    import matplotlib.dates as mdates

    leading_zero = re.compile(r"(?<!\d)0(\d)(?=[月日])")  # 03月 -> 3月, not 12:05

    class ZhDateFormatter(mdates.ConciseDateFormatter):
        def format_ticks(self, values):
            return [leading_zero.sub(r"\1", t) for t in super().format_ticks(values)]

        def get_offset(self):
            return leading_zero.sub(r"\1", super().get_offset())

    return ZhDateFormatter(
        locator, formats=["%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M", "%S秒"],
        zero_formats=["", "%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M"],
        offset_formats=["", "%Y年", "%Y年%m月", "%Y年%m月%d日", "%Y年%m月%d日", "%Y年%m月%d日"])


def date_range(values: Sequence[dt.datetime], start: object, end: object) -> tuple[
        dt.datetime, dt.datetime]:
    """The date range to draw: the parameters, else the data with a margin."""
    first = as_datetime(start, "start date")
    last = as_datetime(end, "end date")
    if first is not None and last is not None and last <= first:
        raise HelpersError(f"end date {end} is not after start date {start}; swap them")
    if values:
        span = max(values) - min(values)
        margin = max(span * 0.04, dt.timedelta(days=2))
        if first is None:
            first = min(values) - margin
            if span > dt.timedelta(days=365):
                # Over several years, start on 1 January so the first tick names the year.
                first = dt.datetime(min(values).year, 1, 1)
        last = last or max(values) + margin
    else:
        first = first or dt.datetime(2020, 1, 1)
        last = last or first + dt.timedelta(days=365)
    if last <= first:
        last = first + dt.timedelta(days=1)
    return first, last
