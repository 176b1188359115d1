"""Timeline figures: publication dates by city, in-text events per article, reference events.

Every function returns a :class:`helpers.report.style.Chart` (figure + one-sentence
caption computed from the data), titled and labelled in ``lang`` ("zh" or
"en"), drawn inside :func:`helpers.report.style.chart_style` with a fixed colour per
city.  Figures are ``matplotlib.figure.Figure`` objects (not pyplot), shown in
notebooks with :func:`helpers.report.style.show`.

Labels never collide: each row of the chart is measured in points (one data
unit on the y axis is one point), every label's width is measured with the
chart font, and labels are stacked on the lowest free level of their row.
Events whose year is unresolved cannot be placed on a calendar axis; they are
left out and counted in the caption.  The drawing itself (rows, stacked
labels, reference bands) is :mod:`helpers.report.charts.timeline_layout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from helpers.analysis.date_mention import PART_HOURS
from helpers.catalogue import text
from helpers.corpus.cities import check_cities
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.report.charts.timeline_layout import Item, as_datetime, date_range, draw_rows
from helpers.report.dates import day_text, qualifier_sign
from helpers.report.style import Chart, chart_style, city_color


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
    wanted = check_cities(cities, frame["city"].astype(str))
    return frame[frame["city"].astype(str).isin(wanted)]


def _short_ids(ids: Iterable[str]) -> dict[str, str]:
    """Article ids as shown on charts: the part before ``_`` (``004``) when that is unique."""
    ids = [str(i) for i in ids]
    short = {i: i.split("_", 1)[0] for i in ids}
    return short if len(set(short.values())) == len(set(ids)) else {i: i for i in ids}


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
        :func:`helpers.analysis.events.extract_events` output.
    cities, start, end : optional
        Restrict to these cities and this date range first
        (:func:`helpers.analysis.events.select_events`, which checks ``cities`` against
        ``known_cities`` when given).
    gap_days : int
        A pause longer than this starts a new period.
    pad_days : int
        Days added on both sides of each period.
    """
    from helpers.analysis.events import select_events

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


#: Precisions drawn as a light bar: the event is somewhere in the span, not all of it.
SPANS = frozenset({"month", "month_part", "week"})


def _event_items(events: pd.DataFrame, rows: dict[str, int] | None,
                 colors: dict[str, str], lang: str = "zh") -> tuple[list[Item], int]:
    """Drawable items of the events table (rows by article id) and the count left out.

    A label starts with the time of day or the part of day, which the axis
    cannot show legibly.  A month, part of a month or week is a light bar (to its
    ``end_date`` where it was cut at the publication date).
    """
    items: list[Item] = []
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
            label = f"{text(f'part_of_day.{part}', lang)} {label}"
        status = getattr(event, "status", None)
        end_date = getattr(event, "end_date", None)
        end_date = str(end_date) if isinstance(end_date, str) and not end_date.startswith("--") else None
        if event.precision in SPANS:
            start = dt.datetime.fromisoformat(date_text + "-01" if event.precision == "month" else date_text)
            if end_date is not None:  # a part of a month, a week, or a month cut at publication
                end = dt.datetime.fromisoformat(end_date) + dt.timedelta(days=1, minutes=-1)
            else:  # to the last minute of the month, so captions name its last day
                end = ((start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                       - dt.timedelta(minutes=1))
            items.append(Item(row, start, end, label, color, "s", "month", status=status))
            continue
        start = dt.datetime.fromisoformat(date_text)
        if event.time is not None and not pd.isna(event.time):
            hour, minute = (int(p) for p in str(event.time).split(":"))
            start = start.replace(hour=hour, minute=minute)
            marker = "D"
        else:
            # A part of day (上午, 下午 ...) places the mark in its part, else at noon.
            part = getattr(event, "part_of_day", None)
            start = start.replace(hour=PART_HOURS.get(part, 12) if isinstance(part, str)
                                  else 12)
            marker = "o"
        if end_date is not None:
            end = dt.datetime.fromisoformat(end_date).replace(hour=12)
            items.append(Item(row, start, end, label, color, marker, "range", status=status))
        else:
            items.append(Item(row, start, None, label, color, marker, "point", status=status))
    return items, unresolved


def _publication_marks(articles: pd.DataFrame, rows: dict[str, int], short: dict[str, str],
                       lang: str) -> tuple[list[tuple[int, dt.datetime, bool]], str]:
    """Ticks at each drawn article's publication date, and the caption's word on dates that are bounds."""
    marks, bounded = [], {}
    for article in articles.itertuples(index=False):
        if str(article.id) not in rows:
            continue
        when = as_datetime(getattr(article, "published", None), f"publication date of {article.id}")
        if when is None:
            continue
        qualifier = getattr(article, "published_qualifier", None)
        exact = not (isinstance(qualifier, str) and qualifier)
        marks.append((rows[str(article.id)], when.replace(hour=12), exact))
        if not exact:
            bounded.setdefault(str(qualifier), []).append(short.get(str(article.id), str(article.id)))
    separator = text("timeline.id_separator", lang)
    qualified = "".join(text(f"timeline.events_{kind}", lang, ids=separator.join(ids))
                        for kind, ids in sorted(bounded.items()))
    return marks, qualified


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
        :func:`helpers.analysis.reference_events.load_reference_events`, drawn behind the rows.
    lang : {"zh", "en"}

    Returns
    -------
    Chart
        Articles without a publication date are named in the caption; a date that
        is a bound or an approximation (``published_qualifier``) is a hollow dot
        marked ≥, ≤ or ≈, and the caption says what it is, as it does for a date
        from the manual metadata.
    """
    check_lang(lang)
    missing_columns = [c for c in ("id", "city", "published") if c not in articles.columns]
    if missing_columns:
        raise HelpersError(f"articles table lacks column(s) {', '.join(missing_columns)}; "
                           f"pass Corpus.articles")
    chosen = _select_cities(articles, cities)
    names = _city_names(articles, lang)
    city_order = sorted(chosen["city"].astype(str).unique())
    rows = {city: number for number, city in enumerate(city_order)}
    dated, undated = [], []
    marked: dict[str, list[str]] = {}  # qualifier (or "manual") -> short ids
    short = _short_ids(articles["id"])
    for article in chosen.sort_values("id").itertuples(index=False):
        when = as_datetime(article.published, f"publication date of {article.id}")
        if when is None:
            undated.append(short[str(article.id)])
            continue
        qualifier = getattr(article, "published_qualifier", None)
        qualifier = qualifier if isinstance(qualifier, str) and qualifier else None
        sign = qualifier_sign(qualifier, lang)
        label = f"{short[str(article.id)]} {sign}" if sign else short[str(article.id)]
        dated.append(Item(rows[str(article.city)], when.replace(hour=12), None, label,
                          city_color(str(article.city)), hollow=qualifier is not None))
        if qualifier is not None:
            marked.setdefault(qualifier, []).append(short[str(article.id)])
        elif getattr(article, "published_provenance", None) == "manual":
            marked.setdefault("manual", []).append(short[str(article.id)])
    first, last = date_range([item.start for item in dated], start, end)
    shown = [item for item in dated if first <= item.start <= last]
    if references is not None and cities is not None:
        from helpers.analysis.reference_events import reference_events_for

        references = reference_events_for(references, cities)
    with chart_style():
        figure = draw_rows(
            [names[c] for c in city_order], [city_color(c) for c in city_order], shown,
            references, first, last, lang, text("timeline.pub_title", lang), text("timeline.city_axis", lang),
            ["legend_day_event"] + (["legend_not_exact"] if marked.keys() - {"manual"} else [])
            + (["legend_band", "legend_day"] if references is not None else []),
        )
    if undated:
        ids = "、".join(undated) if lang == "zh" else ", ".join(undated)
        plural = len(undated) > 1
        missing = text("timeline.pub_missing", lang, ids=ids, verb="have" if plural else "has",
                        pronoun="are" if plural else "is")
    else:
        missing = ""
    separator = text("timeline.id_separator", lang)
    missing += "".join(text(f"timeline.pub_{kind}", lang, ids=separator.join(ids))
                       for kind, ids in sorted(marked.items()))
    dates = [item.start for item in shown] or [first, last]
    caption = text("timeline.pub_caption", lang, n=len(shown), first=day_text(min(dates), lang),
                    last=day_text(max(dates), lang), missing=missing)
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
    overlap.  A dark tick marks the day each article was published (dotted where
    that day is only a bound or approximate), and spans begun before it end at
    it; nothing an article announced for after it is drawn (``events`` holds no
    announcement).  Reference events are grey bands (periods) and dashed lines (days).

    Parameters
    ----------
    events : DataFrame
        :func:`helpers.analysis.events.extract_events` output.
    articles : DataFrame
        ``Corpus.articles`` (for the row names: ``id``, ``city``, ``city_en``).
    start, end : str or date, optional
        Date range drawn (ISO); by default the events' dates with a margin.
    cities : iterable of str, optional
        Cities to show (Chinese names); all by default.
    references : DataFrame, optional
        :func:`helpers.analysis.reference_events.load_reference_events`; for ``cities``, only the
        national events and those of the chosen cities are drawn.
    lang : {"zh", "en"}
    """
    check_lang(lang)
    needed = ("id", "city", "date", "end_date", "precision", "time", "year_resolved", "label")
    missing_columns = [c for c in needed if c not in events.columns]
    if missing_columns:
        raise HelpersError(f"events table lacks column(s) {', '.join(missing_columns)}; pass "
                           f"helpers.analysis.events.extract_events(...)")
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
        from helpers.analysis.reference_events import reference_events_for

        references = reference_events_for(references, cities)
    article_rows = (chosen_events[["city", "id"]].drop_duplicates()
                    .sort_values(["city", "id"]).astype(str))
    rows = {aid: number for number, aid in enumerate(article_rows["id"])}
    colors = {city: city_color(city) for city in chosen_events["city"].astype(str).unique()}
    items, unresolved = _event_items(chosen_events, rows, colors, lang)
    first, last = date_range([i.start for i in items] + [i.end for i in items if i.end], start, end)
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
    marks, qualified = _publication_marks(articles, rows, short, lang)
    if any(first <= day <= last for _, day, _ in marks):
        legend.insert(len(legend) - (2 if references is not None else 0), "legend_publication")
    with chart_style():
        figure = draw_rows(
            row_names, [city_color(c) for c in article_rows["city"]], shown, references,
            first, last, lang, text("timeline.events_title", lang), text("timeline.article_axis", lang), legend,
            publication_marks=marks,
        )
    unresolved_text = text("timeline.events_unresolved", lang, u=unresolved) if unresolved else ""
    clipped = sum(item.status == "clipped" for item in shown)
    unresolved_text = (
        (text("timeline.events_clipped", lang, c=clipped) if clipped else "")
        + qualified + unresolved_text
    )
    if shown:
        by_city = pd.Series([article_rows.set_index("id").loc[
            next(a for a, r in rows.items() if r == i.row), "city"] for i in shown])
        top_city = by_city.value_counts().sort_index().sort_values(
            ascending=False, kind="stable").index[0]
        n_articles = len({i.row for i in shown})
        caption = text(
            "timeline.events_caption_one_city" if by_city.nunique() == 1 else "timeline.events_caption", lang,
            n=len(shown), k=n_articles, articles="article" if n_articles == 1 else "articles",
            first=day_text(min(i.start for i in shown), lang),
            last=day_text(max(i.end or i.start for i in shown), lang),
            city=names.get(top_city, top_city), m=int((by_city == top_city).sum()),
            unresolved=unresolved_text,
        )
    else:
        caption = text("timeline.events_none", lang, unresolved=unresolved_text)
    return Chart(figure, caption)
