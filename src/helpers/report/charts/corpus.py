"""The chart of the corpus itself: articles per city and year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report import names
from helpers.report.charts.common import city_labels, figure, require
from helpers.report.style import PHONE_TEXT_PT, PHONE_WIDTH_IN, Chart, chart_style, set_wrapped_title, text_width

_UNKNOWN_YEAR_COLOR = "#BDBDBD"


def _year(published: object) -> str | None:
    if isinstance(published, str) and len(published) >= 4 and published[:4].isdigit():
        return published[:4]
    return None


def corpus_overview(articles: pd.DataFrame, lang: str = "zh") -> Chart:
    """Stacked bars: articles per city, split by year of publication (unknown dates in grey).

    Parameters
    ----------
    articles : DataFrame
        Columns ``id``, ``city``, ``published`` (ISO str or None), ``n_chars``.
    lang : {"zh", "en"}
    """
    check_lang(lang)
    require(articles, ("id", "city", "published"), "articles")
    unknown = text("chart.year_unknown", lang)
    years = articles["published"].map(_year)
    frame = pd.DataFrame({"city": articles["city"].astype(str),
                          "year": years.fillna(unknown)})
    counts = pd.crosstab(frame["city"], frame["year"])
    known_years = sorted(y for y in counts.columns if y != unknown)
    columns = known_years + ([unknown] if unknown in counts.columns else [])
    counts = counts.reindex(columns=columns, fill_value=0)
    totals = counts.sum(axis=1)
    cities = sorted(counts.index, key=lambda c: (-int(totals[c]), c))
    counts = counts.reindex(index=cities)
    city_names = city_labels(cities, lang)

    import matplotlib

    ramp = matplotlib.colormaps["Blues"]
    colors = {y: matplotlib.colors.to_hex(ramp(0.4 + 0.5 * k / max(len(known_years) - 1, 1)))
              for k, y in enumerate(known_years)}
    colors[unknown] = _UNKNOWN_YEAR_COLOR
    tick_text = [city_names[c] for c in cities]
    slot_in = (PHONE_WIDTH_IN - 0.8) / max(len(cities), 1)
    # Names wider than their bar's slot are turned, so neighbours never overlap.
    turned = max(text_width(name, PHONE_TEXT_PT) for name in tick_text) / 72 > 0.9 * slot_in
    with chart_style():
        fig = figure(PHONE_WIDTH_IN, 4.4)
        ax = fig.add_subplot()
        bottom = np.zeros(len(cities))
        positions = np.arange(len(cities))
        for year in columns:
            heights = counts[year].to_numpy(dtype=float)
            ax.bar(positions, heights, bottom=bottom, color=colors[year], label=year, width=0.65)
            bottom += heights
        for x, total in zip(positions, bottom):
            ax.text(x, total, f"{int(total)}", ha="center", va="bottom", fontsize=PHONE_TEXT_PT)
        if turned:
            ax.set_xticks(positions, tick_text, rotation=30, ha="right", rotation_mode="anchor")
        else:
            ax.set_xticks(positions, tick_text)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.15)  # room for the totals
        ax.set_xlabel(text("chart.city", lang))
        ax.set_ylabel(text("chart.articles_unit", lang))
        # Below the plot, where it takes no width from the bars.
        fig.legend(title=text("chart.year", lang), loc="outside lower center", ncol=min(len(columns), 4),
                   frameon=False)
        set_wrapped_title(ax, text("chart.overview_title", lang))

    most = int(totals[cities[0]])
    tied = [c for c in cities if int(totals[c]) == most]
    fields = dict(n_articles=int(totals.sum()), n_cities=len(cities), n_city=most)
    if len(cities) == 1:
        caption = text("chart.overview_caption_single", lang, city=names.place(cities[0], lang, city_names[cities[0]]),
                              n_articles=most)
    elif len(tied) == 1:
        caption = text("chart.overview_caption", lang, city=names.place(tied[0], lang, city_names[tied[0]]), **fields)
    elif len(tied) == len(cities):
        caption = text("chart.overview_caption_even", lang, **fields)
    else:
        caption = text("chart.overview_caption_tie", lang, **fields,
                              cities=names.join_names([city_names[c] for c in tied], lang))
    return Chart(fig, caption)
