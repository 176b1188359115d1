"""The coding, the city, the dates and the events on articles written apart from the software.

Three held-out sets of 30 articles each, written with their gold coding from the coding
definitions alone (see each folder's README): ``heldout`` (the development set: rules were
corrected after reading its errors), ``heldout2`` (its city and date errors were read once the
rules were written) and ``heldout3`` (measured blind once; its city errors were then read and
the city rule extended, as the methods note on issue 14 tells).  The targets are the codebook
issue's: presence per article F1 >= 0.93 with specificity >= 0.95, every printed date found and
none invented, in-text event recall >= 0.9, and the city of every article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heldout_eval import HeldoutResult, evaluate

HERE = Path(__file__).resolve().parent
SETS = ("heldout", "heldout2", "heldout3")
#: Articles whose city is still missed, and why (a strict xfail: it fails when they are found).
CITY_MISSES = {
    "heldout3": "h3_23: a feature names 雷山县 once and never again; its kind is not recognised",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=SETS)
def result(request, tmp_path_factory) -> tuple[str, HeldoutResult]:
    name = request.param
    return name, evaluate(tmp_path_factory.mktemp(name), folder=HERE / name)


def _all(result: HeldoutResult):
    return result.measures.set_index("measure").loc["all"]


def test_presence_per_article_reaches_the_targets(result):
    name, found = result
    overall = _all(found)
    assert overall["articles"] == 30 * 15, name
    assert overall["f1"] >= 0.93 and overall["specificity"] >= 0.95, (name, overall.to_dict())


def test_every_printed_date_is_found_and_none_is_invented(result):
    name, found = result
    assert found.date_errors == [], name


def test_in_text_events_are_recalled(result):
    name, found = result
    assert found.event_recall >= 0.9, (name, found.missed_events)


def test_every_article_gets_its_city(result, request):
    name, found = result
    if name in CITY_MISSES:
        request.applymarker(pytest.mark.xfail(reason=CITY_MISSES[name], strict=True))
    assert found.city_errors == [], name
