"""Timeline figures: publication dates by city, in-text events per article, reference events.

Every function returns a :class:`helpers.style.Chart` (figure + one-sentence
caption computed from the data), titled and labelled in ``lang`` ("zh" or
"en"), drawn inside :func:`helpers.style.chart_style` with a fixed colour per
city.  Figures are ``matplotlib.figure.Figure`` objects (not pyplot), shown in
notebooks with :func:`helpers.style.show`.

Labels never collide: each row of the chart is measured in points (one data
unit on the y axis is one point), every label's width is measured with the
chart font, and labels are stacked on the lowest free level of their row.
Events whose year is unresolved cannot be placed on a calendar axis; they are
left out and counted in the caption.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.errors import HelpersError
from helpers.style import MAX_WIDTH_IN, Chart, chart_style, city_color

__all__ = [
    "event_periods",
    "plot_article_events",
    "plot_publication_dates",
]

# Chart strings.  Templates use str.format fields; both languages for every key.
_TEXT: dict[str, dict[str, str]] = {
    "pub_title": {"zh": "各城市文章的发布日期", "en": "Publication dates of the articles, by city"},
    "events_title": {"zh": "各篇文章报道的事件时间线", "en": "Dated events reported in each article"},
    "date_axis": {"zh": "日期", "en": "Date"},
    "city_axis": {"zh": "城市", "en": "City"},
    "article_axis": {"zh": "文章（城市 编号）", "en": "Article (city, id)"},
    "reference_row": {"zh": "参考事件", "en": "Reference events"},
    "legend_band": {"zh": "参考时期", "en": "Reference period"},
    "legend_day": {"zh": "参考日期", "en": "Reference day"},
    "legend_day_event": {"zh": "某日", "en": "Day"},
    "legend_time_event": {"zh": "具体时刻", "en": "Time of day"},
    "legend_month_event": {"zh": "某月（无具体日）", "en": "Month (no day given)"},
    "legend_range": {"zh": "起止日期", "en": "Date range"},
    "no_data": {"zh": "所选范围内没有可显示的日期", "en": "No dates to show in the chosen range"},
    "pub_caption": {
        "zh": "每个点是一篇文章，按城市分行：{n}篇有日期的文章发布于{first}至{last}之间{missing}。",
        "en": "Each dot is one article, one row per city: the {n} dated articles were "
              "published between {first} and {last}{missing}.",
    },
    "pub_missing": {
        "zh": "；{ids}没有发布日期，未画出",
        "en": "; {ids} {verb} no publication date and {pronoun} not shown",
    },
    "events_caption": {
        "zh": "每行是一篇文章报道的事件（标签摘自原句）：{n}个事件来自{k}篇文章，时间在{first}至{last}之间，"
              "{city}的事件最多（{m}个）{unresolved}。",
        "en": "Each row holds the dated events one article reports (labels quote its "
              "sentence): {n} events from {k} articles fall between {first} and {last}, "
              "most of them in {city} ({m}){unresolved}.",
    },
    "events_caption_one_city": {
        "zh": "每行是一篇文章报道的事件（标签摘自原句）：{city}的{k}篇文章报道了{n}个事件，"
              "时间在{first}至{last}之间{unresolved}。",
        "en": "Each row holds the dated events one article reports (labels quote its "
              "sentence): {n} events from {k} {articles} in {city} fall between {first} "
              "and {last}{unresolved}.",
    },
    "events_unresolved": {
        "zh": "；另有{u}个事件年份不详，未画出",
        "en": "; {u} events with an unresolved year are not shown",
    },
    "events_none": {
        "zh": "所选范围和城市内没有可画出的事件{unresolved}。",
        "en": "No event falls in the chosen range and cities{unresolved}.",
    },
}

_LABEL_SIZE = 8.0      # points
_LINE = 11.5           # points between stacked label levels
_DOT_ZONE = 14.0       # points from a row's bottom to its first label level
_ROW_GAP = 8.0         # points between rows
_PAD = 3.0             # points kept free between labels on one level
_REFERENCE_GREY = "#9E9E9E"
_PART_EN: dict[str, str] = {
    "凌晨": "before dawn", "清晨": "early morning", "早": "morning", "早上": "morning",
    "早晨": "morning", "上午": "morning", "中午": "noon", "午后": "afternoon",
    "下午": "afternoon", "傍晚": "dusk", "晚": "evening", "晚上": "evening", "晚间": "evening",
    "夜": "night", "夜间": "night", "夜里": "night", "深夜": "late night",
}
# Where a part of day sits on the axis (hour of day).
_PART_HOURS: dict[str, int] = {
    "凌晨": 3, "清晨": 6, "早": 7, "早上": 7, "早晨": 7, "上午": 9, "中午": 12, "午后": 14,
    "下午": 15, "傍晚": 18, "晚": 20, "晚上": 20, "晚间": 20, "夜": 22, "夜间": 22, "夜里": 22,
    "深夜": 23,
}
_LANGS = ("zh", "en")


def _text(key: str, lang: str, **fields: object) -> str:
    template = _TEXT[key][lang]
    return template.format(**fields) if fields else template


def _check_lang(lang: str) -> str:
    if lang not in _LANGS:
        raise HelpersError(f"unknown language {lang!r}; use one of {', '.join(_LANGS)}")
    return lang


def _as_datetime(value: object, what: str) -> dt.datetime | None:
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


def _format_date(value: dt.datetime, lang: str) -> str:
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%d %b %Y").lstrip("0")


def _city_names(articles: pd.DataFrame, lang: str) -> dict[str, str]:
    """City name in ``lang``: the Chinese name, or ``city_en`` from the corpus."""
    names: dict[str, str] = {}
    for row in articles.itertuples(index=False):
        city = str(row.city)
        english = getattr(row, "city_en", None)
        names[city] = city if lang == "zh" or not english or pd.isna(english) else str(english)
    return names


def _select_cities(frame: pd.DataFrame, cities: Iterable[str] | None) -> pd.DataFrame:
    if cities is None:
        return frame
    wanted = [str(c) for c in cities]
    known = set(frame["city"].astype(str))
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise HelpersError(
            f"unknown cit{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; "
            f"choose from {', '.join(sorted(known))} (Chinese names as in the corpus)"
        )
    return frame[frame["city"].astype(str).isin(wanted)]


def _short_ids(ids: Iterable[str]) -> dict[str, str]:
    """Article ids as shown on charts: the part before ``_`` (``004``) when that is unique."""
    ids = [str(i) for i in ids]
    short = {i: i.split("_", 1)[0] for i in ids}
    return short if len(set(short.values())) == len(set(ids)) else {i: i for i in ids}


@dataclass
class _Item:
    """One thing drawn in a row: a point (``end`` None) or a span, with its label."""

    row: int
    start: dt.datetime
    end: dt.datetime | None
    label: str
    color: str
    marker: str = "o"
    kind: str = "point"   # point | range | month


def event_periods(events: pd.DataFrame, *, cities: Iterable[str] | None = None,
                  start: str | dt.date | None = None, end: str | dt.date | None = None,
                  gap_days: int = 30, pad_days: int = 3,
                  known_cities: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Runs of dated events separated by more than ``gap_days``, as (start, end) ISO dates.

    Lets a notebook zoom on each cluster of events (the Xiaogan articles's
    weeks of 2020, Baicheng's days of 2022) after the overview.

    Parameters
    ----------
    events : DataFrame
        :func:`helpers.timeline.extract_events` output.
    cities, start, end : optional
        Restrict to these cities and this date range first
        (:func:`helpers.timeline.select_events`, which checks ``cities`` against
        ``known_cities`` when given).
    gap_days : int
        A pause longer than this starts a new period.
    pad_days : int
        Days added on both sides of each period.
    """
    from helpers.timeline import select_events

    if gap_days < 0 or pad_days < 0:
        raise HelpersError(f"gap_days={gap_days}, pad_days={pad_days}: use numbers >= 0")
    events = select_events(events, cities=cities, start=start, end=end, known_cities=known_cities)
    dated = _event_items(events, None, {})[0]
    if not dated:
        return []
    points = sorted((item.start, item.end or item.start) for item in dated)
    periods: list[list[dt.datetime]] = []
    for first, last in points:
        if periods and (first - periods[-1][1]).days <= gap_days:
            periods[-1][1] = max(periods[-1][1], last)
        else:
            periods.append([first, last])
    pad = dt.timedelta(days=pad_days)
    return [((a - pad).date().isoformat(), (b + pad).date().isoformat()) for a, b in periods]


def _event_items(events: pd.DataFrame, rows: dict[str, int] | None,
                 colors: dict[str, str], lang: str = "zh") -> tuple[list[_Item], int]:
    """Drawable items of the events table (rows by article id) and the count left out.

    A label starts with the time of day or the part of day, which the axis
    cannot show legibly.
    """
    items: list[_Item] = []
    unresolved = 0
    for event in events.itertuples(index=False):
        if not bool(event.year_resolved):
            unresolved += 1
            continue
        row = rows.get(str(event.id), -1) if rows is not None else 0
        color = colors.get(str(event.city), "#333333")
        date_text = str(event.date)
        label = str(event.label)
        part = getattr(event, "part_of_day", None)
        if isinstance(event.time, str):
            label = f"{event.time} {label}"
        elif isinstance(part, str):
            label = f"{part if lang == 'zh' else _PART_EN.get(part, part)} {label}"
        if event.precision == "month":
            start = dt.datetime.fromisoformat(date_text + "-01")
            # To the last minute of the month, so captions name its last day.
            end = ((start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                   - dt.timedelta(minutes=1))
            items.append(_Item(row, start, end, label, color, "s", "month"))
            continue
        start = dt.datetime.fromisoformat(date_text)
        if event.time is not None and not pd.isna(event.time):
            hour, minute = (int(p) for p in str(event.time).split(":"))
            start = start.replace(hour=hour, minute=minute)
            marker = "D"
        else:
            # A part of day (上午, 下午 ...) places the mark in its part, else at noon.
            part = getattr(event, "part_of_day", None)
            start = start.replace(hour=_PART_HOURS.get(part, 12) if isinstance(part, str)
                                  else 12)
            marker = "o"
        end_date = getattr(event, "end_date", None)
        if end_date is not None and not pd.isna(end_date) and not str(end_date).startswith("--"):
            end = dt.datetime.fromisoformat(str(end_date)).replace(hour=12)
            items.append(_Item(row, start, end, label, color, marker, "range"))
        else:
            items.append(_Item(row, start, None, label, color, marker, "point"))
    return items, unresolved


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


def _draw_rows(
    row_names: Sequence[str],
    row_colors: Sequence[str],
    items: list[_Item],
    references: pd.DataFrame | None,
    start: dt.datetime,
    end: dt.datetime,
    lang: str,
    title: str,
    y_label: str,
    legend_items: Sequence[str],
):
    """Draw rows of labelled items on a date axis, reference events behind them."""
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    width_in = MAX_WIDTH_IN
    name_widths = _label_widths(list(row_names) + [_text("reference_row", lang)], 10.0)
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
            r_start = _as_datetime(ref.start, "reference start")
            r_end = _as_datetime(ref.end, "reference end")
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
    row_items: list[list[_Item]] = [[] for _ in row_names]
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
    for (ref_start, ref_end, name), level, align, anchor in zip(refs, *ref_layout):
        # A short grey tick from the rows up to the name says where the event starts.
        x_name = x0 + anchor * axes_to_data
        ax.plot([x_name, x_name], [rows_top, y + _ROW_GAP / 2 + level * _LINE + 2],
                color=_REFERENCE_GREY, linewidth=0.6, zorder=1)
        ax.text(x0 + anchor * axes_to_data + (1 if align == "left" else -1) * 2 * axes_to_data,
                y + _ROW_GAP / 2 + level * _LINE, name, fontsize=_LABEL_SIZE, color="#616161",
                ha=align, va="bottom", gid="timeline-label", clip_on=False)
    row_ticks = []
    for (levels, aligns, anchors), entries, row_height, color in zip(
            layouts, row_items, heights, row_colors):
        bottom = y - row_height
        dot_y = bottom + _ROW_GAP / 2 + 5
        row_ticks.append(dot_y)
        ax.axhline(bottom, color="#EEEEEE", linewidth=0.6, zorder=0)
        for item, level, align, anchor in zip(entries, levels, aligns, anchors):
            if item.end is not None:
                ax.plot([item.start, item.end], [dot_y, dot_y], color=item.color,
                        linewidth=4 if item.kind == "month" else 2,
                        alpha=0.45 if item.kind == "month" else 0.9, solid_capstyle="butt",
                        zorder=3)
            if item.kind != "month":
                ax.plot([item.start], [dot_y], marker=item.marker, color=item.color,
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
    ax.set_xlabel(_text("date_axis", lang))
    ax.set_ylabel(y_label)
    ax.set_title(title, pad=28)

    handles = {
        "legend_day_event": Line2D([], [], marker="o", color="#616161", linestyle="none",
                                   markersize=5),
        "legend_time_event": Line2D([], [], marker="D", color="#616161", linestyle="none",
                                    markersize=5),
        "legend_range": Line2D([], [], color="#616161", linewidth=2),
        "legend_month_event": Line2D([], [], color="#616161", linewidth=4, alpha=0.45),
        "legend_band": Patch(color=_REFERENCE_GREY, alpha=0.25, linewidth=0),
        "legend_day": Line2D([], [], color=_REFERENCE_GREY, linestyle="--", linewidth=0.9),
    }
    chosen = [key for key in legend_items if key in handles]
    if chosen:
        ax.legend([handles[k] for k in chosen], [_text(k, lang) for k in chosen],
                  loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(chosen),
                  frameon=False, fontsize=8, handlelength=1.6, borderaxespad=0.2)
    if not items:
        ax.text(0.5, 0.5, _text("no_data", lang), transform=ax.transAxes, ha="center",
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


def _range(values: Sequence[dt.datetime], start: object, end: object) -> tuple[
        dt.datetime, dt.datetime]:
    """The date range to draw: the parameters, else the data with a margin."""
    first = _as_datetime(start, "start date")
    last = _as_datetime(end, "end date")
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


def plot_publication_dates(
    articles: pd.DataFrame,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    cities: Iterable[str] | None = None,
    references: pd.DataFrame | None = None,
    lang: str = "zh",
) -> Chart:
    """When each article was published: one row per city, one dot per article.

    Parameters
    ----------
    articles : DataFrame
        ``Corpus.articles``; uses ``id``, ``city``, ``published`` and ``city_en``.
    start, end : str or date, optional
        Date range drawn (ISO); by default the publication dates with a margin.
    cities : iterable of str, optional
        Cities to show (Chinese names as in ``articles.city``); all by default.
    references : DataFrame, optional
        :func:`helpers.timeline.load_reference_events`, drawn behind the rows.
    lang : {"zh", "en"}

    Returns
    -------
    Chart
        Articles without a publication date are named in the caption.
    """
    _check_lang(lang)
    missing_columns = [c for c in ("id", "city", "published") if c not in articles.columns]
    if missing_columns:
        raise HelpersError(f"articles table lacks column(s) {', '.join(missing_columns)}; "
                           f"pass Corpus.articles")
    chosen = _select_cities(articles, cities)
    names = _city_names(articles, lang)
    city_order = sorted(chosen["city"].astype(str).unique())
    rows = {city: number for number, city in enumerate(city_order)}
    dated, undated = [], []
    short = _short_ids(articles["id"])
    for article in chosen.sort_values("id").itertuples(index=False):
        when = _as_datetime(article.published, f"publication date of {article.id}")
        if when is None:
            undated.append(short[str(article.id)])
        else:
            dated.append(_Item(rows[str(article.city)], when.replace(hour=12), None,
                               short[str(article.id)], city_color(str(article.city))))
    first, last = _range([item.start for item in dated], start, end)
    shown = [item for item in dated if first <= item.start <= last]
    if references is not None and cities is not None:
        from helpers.timeline import reference_events_for

        references = reference_events_for(references, cities)
    with chart_style():
        figure = _draw_rows(
            [names[c] for c in city_order], [city_color(c) for c in city_order], shown,
            references, first, last, lang, _text("pub_title", lang), _text("city_axis", lang),
            ["legend_day_event"] + (["legend_band", "legend_day"]
                                    if references is not None else []),
        )
    if undated:
        ids = "、".join(undated) if lang == "zh" else ", ".join(undated)
        plural = len(undated) > 1
        missing = _text("pub_missing", lang, ids=ids, verb="have" if plural else "has",
                        pronoun="are" if plural else "is")
    else:
        missing = ""
    dates = [item.start for item in shown] or [first, last]
    caption = _text("pub_caption", lang, n=len(shown), first=_format_date(min(dates), lang),
                    last=_format_date(max(dates), lang), missing=missing)
    return Chart(figure, caption)


def plot_article_events(
    events: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    cities: Iterable[str] | None = None,
    references: pd.DataFrame | None = None,
    lang: str = "zh",
) -> Chart:
    """The dated events each article reports, all articles on one time axis.

    One row per article (city and id), one mark per event: a dot for a day,
    a diamond for a time of day, a line for a range, a light bar for a month;
    each labelled with a few words of its sentence, stacked so no two labels
    overlap.  Reference events are grey bands (periods) and dashed lines (days).

    Parameters
    ----------
    events : DataFrame
        :func:`helpers.timeline.extract_events` output.
    articles : DataFrame
        ``Corpus.articles`` (for the row names: ``id``, ``city``, ``city_en``).
    start, end : str or date, optional
        Date range drawn (ISO); by default the events' dates with a margin.
    cities : iterable of str, optional
        Cities to show (Chinese names); all by default.
    references : DataFrame, optional
        :func:`helpers.timeline.load_reference_events`; for ``cities``, only the
        national events and those of the chosen cities are drawn.
    lang : {"zh", "en"}
    """
    _check_lang(lang)
    needed = ("id", "city", "date", "end_date", "precision", "time", "year_resolved", "label")
    missing_columns = [c for c in needed if c not in events.columns]
    if missing_columns:
        raise HelpersError(f"events table lacks column(s) {', '.join(missing_columns)}; pass "
                           f"helpers.timeline.extract_events(...)")
    names = _city_names(articles, lang)
    chosen_events = events
    if cities is not None:
        # Check against the corpus's cities: a city whose articles report no dated
        # event is valid and gets an empty chart that says so.
        _select_cities(articles, cities)
        chosen_events = events[events["city"].astype(str).isin([str(c) for c in cities])]
    if chosen_events.empty:
        references = None  # nothing to place against them; the chart just says so
    if cities is not None and references is not None:
        from helpers.timeline import reference_events_for

        references = reference_events_for(references, cities)
    article_rows = (chosen_events[["city", "id"]].drop_duplicates()
                    .sort_values(["city", "id"]).astype(str))
    rows = {aid: number for number, aid in enumerate(article_rows["id"])}
    colors = {city: city_color(city) for city in chosen_events["city"].astype(str).unique()}
    items, unresolved = _event_items(chosen_events, rows, colors, lang)
    first, last = _range([i.start for i in items] + [i.end for i in items if i.end], start, end)
    shown = [i for i in items if i.start <= last and (i.end or i.start) >= first]
    # Only articles with something in the range get a row.
    kept = sorted({i.row for i in shown})
    renumber = {old: new for new, old in enumerate(kept)}
    article_rows = article_rows.iloc[kept] if kept else article_rows.iloc[:0]
    rows = {aid: renumber[rows[aid]] for aid in article_rows["id"]}
    for item in shown:
        item.row = renumber[item.row]
    kinds = {(i.kind, i.marker) for i in shown}
    legend = [key for key, present in (
        ("legend_day_event", any(m == "o" for k, m in kinds if k != "month")),
        ("legend_time_event", any(m == "D" for _, m in kinds)),
        ("legend_range", any(k == "range" for k, _ in kinds)),
        ("legend_month_event", any(k == "month" for k, _ in kinds)),
    ) if present] + (["legend_band", "legend_day"] if references is not None else [])
    short = _short_ids(articles["id"])
    row_names = [f"{names.get(city, city)} {short.get(aid, aid)}"
                 for city, aid in article_rows.itertuples(index=False)]
    with chart_style():
        figure = _draw_rows(
            row_names, [city_color(c) for c in article_rows["city"]], shown, references,
            first, last, lang, _text("events_title", lang), _text("article_axis", lang), legend,
        )
    unresolved_text = _text("events_unresolved", lang, u=unresolved) if unresolved else ""
    if shown:
        by_city = pd.Series([article_rows.set_index("id").loc[
            next(a for a, r in rows.items() if r == i.row), "city"] for i in shown])
        top_city = by_city.value_counts().sort_index().sort_values(
            ascending=False, kind="stable").index[0]
        n_articles = len({i.row for i in shown})
        caption = _text(
            "events_caption_one_city" if by_city.nunique() == 1 else "events_caption", lang,
            n=len(shown), k=n_articles, articles="article" if n_articles == 1 else "articles",
            first=_format_date(min(i.start for i in shown), lang),
            last=_format_date(max(i.end or i.start for i in shown), lang),
            city=names.get(top_city, top_city), m=int((by_city == top_city).sum()),
            unresolved=unresolved_text,
        )
    else:
        caption = _text("events_none", lang, unresolved=unresolved_text)
    return Chart(figure, caption)
