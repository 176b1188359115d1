"""The coding, the city, the dates and the events on articles written apart from the software.

Sixteen held-out sets, each written with its gold coding from the coding definitions alone (see
each folder's README): ``heldout`` (30 articles, the development set: rules were corrected after
reading its errors), ``heldout2`` (30; its city and date errors were read once the rules were
written), ``heldout3`` (30; measured blind once, then its city errors were read and the city rule
extended) and ``heldout4`` (24; measured blind once, after all that; then its coding, date and city errors
were read and the rules extended in general terms, with tests on sentences of our own) and
``heldout5`` (30; measured blind once at 69195af -- F1 0.881, specificity 0.942, city 28/30, dates
29/30, events 42/43 -- then read and used like heldout4) and ``heldout6`` (30; measured blind
once at 275a824 -- F1 0.928, specificity 0.948, city 26/30, dates 30/30, events 43/49 as the
harness then counted ranges -- then read and used like heldout4); ``heldout7`` (30; measured blind
once at 7da8927, after all that; then read and used like heldout4), ``heldout8`` (30; measured
blind once at 708d16c -- F1 0.890, specificity 0.912 -- then read and used like heldout4),
``heldout9`` (30, written around the definitions' traps) and ``heldout10`` (30, written like ordinary
coverage by a second writer who read real pages first), both measured blind once at f7a7d16 -- F1
0.902 and 0.964, specificity 0.919 and 0.983, city 29/30 and 28/30 -- then read and used like
heldout4; ``heldout11`` (traps) and ``heldout12`` (ordinary coverage), measured blind once at
4ad85a8 -- F1 0.929 and 0.941, specificity 0.923 and 0.943, city 24/30 and 29/30 -- then read and
used like heldout4; ``heldout13`` (traps) and ``heldout14`` (ordinary coverage), measured blind once
at 08284ef -- F1 0.937 and 0.944, specificity 0.961 and 0.944, city 30/30 and 28/30 -- then read and
used like heldout4; ``heldout15`` (traps) and ``heldout16`` (ordinary coverage), measured blind once
at 4afea82 after all that and not used since: the blind sets of the methods report (a review
afterwards narrowed three rules for Chinese news in general -- no verdict from 问题 or 加码 before a
colon, a condition's consequence after 立即 in its clause, a serving label's later action found in any
order -- and changed no cell of theirs).  The
targets are the codebook issue's: presence per article F1 >= 0.93 with specificity >= 0.95, every
printed date found and none invented, in-text event recall >= 0.9, and the city of every article.
Where a set misses a target the test is a strict xfail that says what is missed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heldout_eval import HeldoutResult, evaluate, gold

HERE = Path(__file__).resolve().parent
SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
        "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16")
#: Targets still missed, by set and check, and why (strict xfails: each fails once the target is met).
MISSES = {
    ("heldout7", "city"): "h7_15: 黄石日报 on a Huangshi man stranded in 鄂州 (黄石 named more often than 鄂州)",
    ("heldout8", "city"): "h8_22: a Macau-style 本報 interview on 中山坦洲 (a town) whose commuters go to 澳門",
    ("heldout11", "city"): "25/30: h11_03 阳泉 and h11_11 铜陵 (the district name 郊区 they share), h11_04 忻州 "
                           "(五台县 named once, a 太原 paper, 太原 where a son works), h11_08 鸡西 (虎林市 once beside "
                           "牡丹江 and 哈尔滨 names), h11_20 河源 (a Hong Kong paper; 广州 named more)",
    ("heldout14", "city"): "h14_25 丽江 (古城区 once; 瑞丽, where the outbreak was, named more)",
    ("heldout15", "city"): "blind 26/30: h15_04 泰安, h15_08 永州, h15_14 保山, h15_28 云浮",
    ("heldout16", "presence"): "blind F1 0.910, specificity 0.935 (P 0.910, R 0.910)",
    ("heldout16", "city"): "blind 27/30: h16_05 大兴安岭, h16_11 三门峡, h16_23 保山 (counted national)",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=SETS)
def result(request, tmp_path_factory) -> tuple[str, HeldoutResult]:
    name = request.param
    return name, evaluate(tmp_path_factory.mktemp(name), folder=HERE / name)


def _all(result: HeldoutResult):
    return result.measures.set_index("measure").loc["all"]


def _expect(request, name: str, check: str) -> None:
    if (name, check) in MISSES:
        request.applymarker(pytest.mark.xfail(reason=MISSES[name, check], strict=True))


def test_presence_per_article_reaches_the_targets(result, request):
    name, found = result
    _expect(request, name, "presence")
    overall = _all(found)
    assert overall["articles"] == len(gold(HERE / name)) * 15, name
    assert overall["f1"] >= 0.93 and overall["specificity"] >= 0.95, (name, overall.to_dict())


def test_every_printed_date_is_found_and_none_is_invented(result, request):
    name, found = result
    _expect(request, name, "dates")
    assert found.date_errors == [], name


def test_in_text_events_are_recalled(result):
    name, found = result
    assert found.event_recall >= 0.9, (name, found.missed_events)


def test_every_article_gets_its_city(result, request):
    name, found = result
    _expect(request, name, "city")
    assert found.city_errors == [], name
