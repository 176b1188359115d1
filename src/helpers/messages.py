"""Article warnings: one English template per kind, and its Chinese form for the Chinese reports.

The corpus stores warnings as English text (what the command line prints and
analysts read in ``articles["warnings"]``).  Each is made by :func:`warning`
from a template below; :func:`in_language` reads a stored warning back into
its fields and gives it in the report's language.  A warning that matches no
template (from an older cache, say) is shown as it is.
"""

from __future__ import annotations

import functools
import re

# name -> (English template, Chinese template)
WARNINGS: dict[str, tuple[str, str]] = {
    "lost_character": (
        "line {line}: '?' between Chinese characters (a character lost by the source)",
        "第 {line} 行：两个汉字之间有“?”（来源丢失了一个字）",
    ),
    "mojibake": (
        "line {line}: likely mojibake (stray kana or Latin letters inside Chinese text)",
        "第 {line} 行：疑似乱码（中文里夹有零散的假名或拉丁字母）",
    ),
    "pinyin_left": (
        "line {line}: pinyin annotation after a non-Chinese character left in place",
        "第 {line} 行：非汉字后的拼音注音未删除",
    ),
    "damaged_bytes": (
        "{count} damaged byte(s) could not be decoded and show as U+FFFD",
        "{count} 个损坏的字节无法解码，显示为 U+FFFD",
    ),
    "manual_replaces": (
        "{field}: manual value {manual} replaces extracted {found}",
        "{field}：人工值 {manual} 取代了提取值 {found}",
    ),
    "missing_checked": (
        "no {label} found (checked in {file}: not known)",
        "未找到{label}（已在 {file} 中核实：不详）",
    ),
    "missing": (
        "no {label} found; add it to {file} if known",
        "未找到{label}；如已知，请补充到 {file}",
    ),
    "national": (
        "no city of gazetteer.yaml named at least twice, so it counts as {national} (national); "
        "if it reports on one city, add that city to gazetteer.yaml or set city in {file}",
        "gazetteer.yaml 中没有哪个城市被提及至少两次，因此归为{national}；"
        "如果报道的是某一城市，请把该城市加入 gazetteer.yaml，或在 {file} 中设置 city",
    ),
    "duplicate": (
        "{kind} duplicate of {other} (similarity {score})",
        "与 {other} {kind}（相似度 {score}）",
    ),
}

# Fields whose values are English words: their Chinese forms.
_FIELD_VALUES_ZH: dict[str, dict[str, str]] = {
    "label": {"title": "标题", "source outlet": "来源媒体", "publication date": "发布日期"},
    "field": {"title": "标题", "source": "来源", "published": "发布日期", "city": "城市"},
    "kind": {"exact": "完全重复", "near": "近似重复"},
}


def warning(name: str, /, **fields: object) -> str:
    """The English warning called ``name`` in :data:`WARNINGS`, with ``fields`` filled in."""
    return WARNINGS[name][0].format(**fields)


@functools.lru_cache(maxsize=1)
def _readers() -> list[tuple[str, re.Pattern]]:
    readers = []
    for name, (english, _) in WARNINGS.items():
        parts = re.split(r"\{(\w+)\}", english)
        pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)" for i, part in enumerate(parts))
        readers.append((name, re.compile(f"^{pattern}$", re.S)))
    return readers


def parse(message: str) -> tuple[str, dict[str, str]] | None:
    """The template name and field values of a stored English warning, or None if no template matches."""
    for name, pattern in _readers():
        match = pattern.match(message)
        if match:
            return name, match.groupdict()
    return None


def in_language(message: str, lang: str) -> str:
    """``message`` (a stored English warning) in ``lang``: unchanged for 'en' or when no template matches."""
    parsed = parse(message) if lang == "zh" else None
    if parsed is None:
        return message
    name, fields = parsed
    return WARNINGS[name][1].format(**{key: _FIELD_VALUES_ZH.get(key, {}).get(value, value) for key, value in fields.items()})
