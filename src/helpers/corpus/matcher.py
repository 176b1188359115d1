"""Find place names in a text: one pass with an index of every name by its first two characters.

The names (about 4,000: units, counties, districts, their usual short forms,
streets and landmarks, and names to ignore) are indexed by their first two
characters, longest first; the text is read once from left to right and at
each position the longest name there wins (石景山区 is one mention, not also
石景山), the search going on after it.  The index takes about a millisecond
to build, so nothing has to be compiled or cached, and reading the five
seeds takes about a millisecond too (a regular expression over the same names
took 60 ms to compile and matched more slowly).  A name to ignore (a province,
北京时间, 哈密瓜) is matched so that the characters it covers are not read as
a place, then dropped.  Every name has at least two characters.

A name of two characters read from the divisions dataset (单县, 范县, 芒市)
counts only after a boundary: the start of the text, a character that is not
Han, a name just matched (菏泽市单县), the end of a larger division
(省 市 州 盟 区 县 旗), a date (4日), a preposition (在 于 到 至 赴 往 从 自 与 及 和 同) or the words people are
called from a place by (我是原平人, 各位原平的朋友, 咱们原平), or before a town and a village (代县阳明堡镇段家庄村);
so 示范县 and 振兴县 do not name 范县 and 兴县.  A short name right before 镇, 乡, 街道, 社区 or 村
names a town, a subdistrict, a community or a village (霞浦县三沙镇, 武侯区玉林街道, 玉林社区, 东营村), not the city
(三沙, 玉林); one right before 路, 东路, 花园, 新村 … names a street or a compound (松江花园小区 in
吉林, 海拉尔东路 in 呼和浩特), not the place.

A name that belongs to several cities (朝阳区 in 北京 and 长春, 鼓楼区 in
four cities) counts for the city the text has written right before it
(南京市鼓楼区 … 鼓楼区), from there on; else
for the one among them that the outlet or the dispatch line names (徐州日报 on
鼓楼区: a local paper reports its own districts); else for the one the same
text names most by other names; else for the one in a province the text
names (西藏 … 城关区 is 拉萨's); without such evidence, for the city the
gazetteer file prefers, else for none.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from helpers.script import HAN, HAN_CHAR

_BOUNDARY_CHARS = frozenset("省市州盟区县旗在于到至赴往从自与及和同是位们")
_DATE_BEFORE = re.compile(r"\d{1,2}[日号]$")
# a town and a village after a county name make it an address (到了代县阳明堡镇段家庄村)
_ADDRESS_AFTER = re.compile(f"[{HAN}]{{1,4}}?[镇乡][{HAN}]{{1,5}}?村")
# a short name right before 镇, 乡, 街道 or 社区 names a town, a subdistrict or a community (三沙镇, 玉林街道),
# unless it ends like a division itself, or what follows is a word (乡村, 乡镇, 乡亲) or another place (南京镇江)
_DIVISION_ENDS = frozenset("省市州盟区县旗")
# (and a village named like a city: 东营村, 东营村民委员会)
_TOWN = re.compile("镇|乡(?![村镇亲下音愁土情贤])|街道|社区|村(?![镇级])")
# streets and compounds named after a place elsewhere (松江花园小区, 长沙路, 上海新村)
_NAMED_AFTER = re.compile("[东西南北中]?(?:路|大街|街(?!道)|大道)|花园|家园|公寓|新村|广场|大厦|苑")


# the longest word of general Chinese looked for round a name
_WORD_MAX = 5


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of its own: no word of general Chinese (jieba's list) runs across
    either of its ends (非常熟悉 has 非常 and 熟悉 across 常熟), nor holds it with two characters or more besides
    (天长地久, 新民主主义)."""
    from helpers.wordlist import dictionary_words  # noqa: PLC0415  (read only when such a name is met)

    words = dictionary_words()
    for a in range(max(0, start - _WORD_MAX + 1), end):
        for b in range(max(a + 2, start + 1), min(len(text), a + _WORD_MAX) + 1):
            across = a < start < b or a < end < b
            holding = a <= start and end <= b and (b - a) - (end - start) >= 2
            if (across or holding) and text[a:b] in words:
                return False
    return True


@dataclass(frozen=True)
class NameMatcher:
    """Place names and the cities they belong to, compiled once.

    Attributes
    ----------
    owners : dict
        Name -> the cities it may belong to; an empty tuple for a name to ignore.
    preferred : dict
        Name of several cities -> the city to count it for when the text says no more.
    guarded : frozenset
        Names that count only after a boundary (see the module docstring).
    words : frozenset
        Names that count only as a word of their own, where no word of general Chinese runs across them or
        holds them (天长地久 and 新民主主义 name no 天长 or 新民; see :func:`whole_word`).
    """

    owners: Mapping[str, tuple[str, ...]]
    preferred: Mapping[str, str] = field(default_factory=dict)
    guarded: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()

    @functools.cached_property
    def _index(self) -> dict[str, tuple[str, ...]]:
        """First two characters -> the names that start with them, longest first."""
        index: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self.owners, key=len, reverse=True):
            index[name[:2]].append(name)
        return {start: tuple(names) for start, names in index.items()}

    def _scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every name in ``text`` from left to right, the longest at each position, names to ignore included."""
        found: list[tuple[int, int, str]] = []
        index = self._index
        position, last = 0, len(text) - 1
        while position < last:
            for name in index.get(text[position:position + 2], ()):
                if text.startswith(name, position):
                    found.append((position, position + len(name), name))
                    position += len(name)
                    break
            else:
                position += 1
        return found

    def __len__(self) -> int:
        return len(self.owners)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of every place name in ``text`` that counts, names to ignore left out."""
        found: list[tuple[int, int, str]] = []
        last_end = -1
        for start, end, name in self._scan(text):
            if name in self.guarded and not (self._after_boundary(text, start, last_end)
                                             or _ADDRESS_AFTER.match(text, end)):
                continue
            if name[-1] not in _DIVISION_ENDS and (self._town_after(text, end) or _NAMED_AFTER.match(text, end)):
                continue  # a town named like a city (霞浦县三沙镇 is no 三沙市), a street or compound (松江花园)
            if name in self.words and not whole_word(text, start, end):
                continue
            last_end = end
            if self.owners[name]:
                found.append((start, end, name))
        return found

    def ignored_in(self, text: str) -> list[str]:
        """The names to ignore that ``text`` names (provinces among them), from left to right."""
        return [name for *_, name in self.ignored_at(text)]

    def ignored_at(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of the names to ignore that ``text`` names, from left to right."""
        return [(start, end, name) for start, end, name in self._scan(text) if not self.owners[name]]

    def count(self, text: str, context: Mapping[str, int] | None = None, prefer: bool = True,
              favoured: frozenset[str] = frozenset()) -> Counter:
        """Mentions per city in ``text``, a name of several cities resolved as the module docstring says.

        ``context``: cities the text's surroundings name (its outlet, its
        dispatch line), evidence for a shared name beside the text's own
        mentions (来源：鹤岗日报 makes 南山区 Hegang's).
        """
        return Counter(city for *_, city in self.located(text, context, prefer, favoured) if city is not None)

    def located(self, text: str, context: Mapping[str, int] | None = None, prefer: bool = True,
                favoured: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str | None]]:
        """``(start, end, name, city)`` of every place name in ``text``; ``city`` is None for a name of several
        cities nothing decides (see :meth:`count`)."""
        found = self.find(text)
        introduced = self.introduced(text)
        cities: list[str | None] = []
        counts: Counter = Counter()
        for start, _, name in found:
            owners = self.owners[name]
            city = owners[0] if len(owners) == 1 else (  # written after its city before: 南京市鼓楼区 … 鼓楼区
                introduced[name][0] if name in introduced and introduced[name][1] <= start else None)
            cities.append(city)
            counts[city] += city is not None
        # the other names of several cities, by the mentions of single cities and the context
        cities = [city if city is not None or len(self.owners[name]) == 1
                  else self.resolve(name, counts, context, prefer, favoured)
                  for (_, _, name), city in zip(found, cities, strict=True)]
        return [(start, end, name, city) for (start, end, name), city in zip(found, cities, strict=True)]

    def introduced(self, text: str) -> dict[str, tuple[str, int]]:
        """Names of several cities that ``text`` writes right after one of them (南京市鼓楼区) -> that city,
        and where: the name stands for it from there on."""
        found: dict[str, tuple[str, int]] = {}
        previous: tuple[int, str] | None = None  # where the last name ended, and its city
        for start, end, name in self.find(text):
            owners = self.owners[name]
            if len(owners) > 1 and previous is not None and previous[0] == start and previous[1] in owners:
                found.setdefault(name, (previous[1], start))
            previous = (end, owners[0]) if len(owners) == 1 else None
        return found

    def resolve(self, name: str, evidence: Mapping[str, int], context: Mapping[str, int] | None = None,
                prefer: bool = True, favoured: frozenset[str] = frozenset()) -> str | None:
        """The city a name of several cities stands for: the one of them the ``context`` names (the outlet's,
        the dispatch line's), else the one the other ``evidence`` (city -> mentions) names most, else the
        only one among the ``favoured`` (cities of a province the text names), else the preferred one
        (unless ``prefer`` is false)."""
        owners = self.owners.get(name, ())
        if len(owners) == 1:
            return owners[0]
        framing = [city for city in owners if context and context.get(city)]
        if len(framing) == 1:
            return framing[0]
        scores = {city: evidence.get(city, 0) + (context or {}).get(city, 0) for city in owners}
        best = max(scores.values(), default=0)
        leaders = [city for city, score in scores.items() if score == best]
        if best > 0 and len(leaders) == 1:
            return leaders[0]
        among = [city for city in owners if city in favoured]
        if len(among) == 1:
            return among[0]  # 城关区 in a text that names 西藏 is 拉萨's
        return self.preferred.get(name) if prefer else None

    def ignored_at_start(self, text: str) -> bool:
        """Whether ``text`` starts with a name to ignore (东方网, a province)."""
        for name in self._index.get(text[:2], ()):
            if text.startswith(name):
                return not self.owners[name]
        return False

    def _town_after(self, text: str, end: int) -> bool:
        """Whether ``text`` at ``end`` goes on with 镇 or 乡 making the name before it a town's."""
        if not _TOWN.match(text, end):
            return False
        return not any(text.startswith(name, end) for name in self._index.get(text[end:end + 2], ()))

    @staticmethod
    def _after_boundary(text: str, start: int, last_end: int) -> bool:
        if start == 0 or start == last_end:
            return True
        before = text[start - 1]
        # (a date right before is a boundary too: 11月4日庄河报告本土疫情)
        return (before in _BOUNDARY_CHARS or not HAN_CHAR.match(before)
                or _DATE_BEFORE.search(text, max(0, start - 3), start) is not None)
