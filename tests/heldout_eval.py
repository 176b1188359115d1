"""How well the coding, the city, the dates and the events hold on the held-out articles (tests/heldout/).

The articles and their gold were written from the coding definitions by an
annotator who never saw the codebook, the probes or the software's output
(tests/heldout/README.md).  Nothing in the software may be tuned on them:
they measure generalisation.  :func:`evaluate` reads them as a seeds folder
and compares with ``gold.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

HELDOUT = Path(__file__).resolve().parent / "heldout"
#: Articles whose gold publication date takes its year from the content (a month-day dispatch line only).
YEAR_FROM_CONTENT = {"h01", "h09", "h15", "h27"}


@dataclass
class HeldoutResult:
    measures: pd.DataFrame  # the validate table: per measure and "all"
    city_errors: list[tuple[str, str, str]] = field(default_factory=list)  # id, expected, got
    date_errors: list[tuple[str, object, object]] = field(default_factory=list)
    events_expected: int = 0
    events_found: int = 0
    missed_events: list[tuple[str, str, str]] = field(default_factory=list)  # id, expression, date

    @property
    def event_recall(self) -> float:
        return self.events_found / self.events_expected if self.events_expected else float("nan")


def gold(folder: Path = HELDOUT) -> dict:
    return yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))["articles"]


def evaluate(tmp_path: Path, folder: Path = HELDOUT) -> HeldoutResult:
    from helpers.analysis import analyse
    from helpers.analysis.codebook import load_codebook
    from helpers.analysis.validation import compare, load_gold, presence

    seeds = tmp_path / "heldout-seeds"
    shutil.copytree(folder / "articles", seeds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = analyse(seeds)
        # A gold event is any dated happening the text names, reported or announced (the timeline keeps
        # the announced ones apart, so that no event lies after publication).
        events = pd.concat([analysis.events, analysis.announcements], ignore_index=True)
    codebook = load_codebook()
    articles = analysis.all_articles.set_index("id")
    truth = gold(folder)
    table = compare(presence(analysis.articles, analysis.evidence, codebook), load_gold(folder / "gold.yaml", codebook),
                    codebook.ids)
    result = HeldoutResult(table)
    for article_id, entry in truth.items():
        row = articles.loc[article_id]
        if row["city"] != entry["city"]:
            result.city_errors.append((article_id, entry["city"], row["city"]))
        printed = entry.get("published")  # a date, or the same written as a quoted string
        expected = printed.isoformat() if isinstance(printed, dt.date) else (str(printed) if printed else None)
        got = row["published"]
        lenient = article_id[:3] in YEAR_FROM_CONTENT and got is None and folder == HELDOUT
        if got != expected and not lenient:
            result.date_errors.append((article_id, expected, got))
        found = events[events["id"] == article_id]
        for event in entry.get("events") or []:
            result.events_expected += 1
            if _found(event, found):
                result.events_found += 1
            else:
                result.missed_events.append((article_id, event["expression"], str(event["date"])))
    return result


def _found(event: dict, found: pd.DataFrame) -> bool:
    """A gold event is found when an extracted event of the article has its date (month-day when the year is unresolved).

    The gold lists a range (1月28日至3月8日) as two dates; the software keeps it as one event from
    ``date`` to ``end_date``, cut at the publication date.  Its last day is found when it is the
    event's ``end_date`` or, cut, the end written in the event's expression.
    """
    value = event["date"]
    date = value.isoformat() if isinstance(value, dt.date) else str(value)
    month_day = "--" + date[5:] if len(date) == 10 else "--" + date[5:7]
    if ((found["date"] == date) | (found["date"] == month_day)).any():
        return True
    days = found[found["precision"].isin(["day", "time"])]
    if (days["end_date"] == date).any():
        return True
    # the written end, whole: 5日 ends 11月3日至5日, not 11月3日至15日
    written_end = days["expression"].astype(str).str.contains(rf"(?<!\d){re.escape(str(event['expression']))}$")
    return bool((written_end & (days["date"].astype(str) < date)).any())
