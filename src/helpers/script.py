"""Chinese script: which characters are Han, and Traditional to Simplified.

The one definition of a Han character (CJK Unified Ideographs, Extension A
and the compatibility ideographs) for every stage, and the one converter from
Traditional to Simplified (OpenCC ``t2s`` plus :data:`SCRIPT_FIXES`) used to
normalise articles, check codebook terms and convert search terms.
"""

from __future__ import annotations

import functools
import itertools
import re

#: Han character ranges, for use inside a regular-expression character class.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_WORD = re.compile(f"^[{HAN}]+$")

# Mis-conversions OpenCC's t2s leaves in this kind of text, checked on the
# seeds with OpenCC 1.4.2: 下沈 and 支橕 pass through unchanged, as do the
# particle 著 after some verbs, 著 in 著重, and 於 in 處於.  乾部 and 纔 are
# converted correctly by this OpenCC but are listed so another converter
# version cannot regress them.  Keys are whole phrases, never single
# characters: 著 stays in 显著/著名.  Applied after OpenCC, to the
# Simplified text only; every key and value have the same length, so
# sentence offsets are unchanged.
SCRIPT_FIXES: dict[str, str] = {
    "下沈": "下沉",
    "乾部": "干部",
    "纔": "才",
    "支橕": "支撑",
    "处於": "处于",
    "从事著": "从事着",
    "带著": "带着",
    "拿著": "拿着",
    "打著": "打着",
    "挥著": "挥着",
    "跟著": "跟着",
    "隔著": "隔着",
    "保卫著": "保卫着",
    "记录著": "记录着",
    "发布著": "发布着",
    "忙活著": "忙活着",
    "著重": "着重",
}


def has_han(text: str, count: int) -> bool:
    """At least ``count`` Han characters in ``text`` (stops looking once found, unlike counting all)."""
    return sum(1 for _ in itertools.islice(HAN_CHAR.finditer(text), count)) >= count


def is_han_word(text: str) -> bool:
    """True when ``text`` is one or more Han characters and nothing else."""
    return bool(HAN_WORD.match(text))


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on first use: building the converter reads its dictionaries

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional to Simplified (OpenCC ``t2s`` plus :data:`SCRIPT_FIXES`).

    The result has the same length as the input for the texts seen so far;
    sentences convert the same on their own as inside their line.
    """
    converted = _converter().convert(text)
    for wrong, right in SCRIPT_FIXES.items():
        converted = converted.replace(wrong, right)
    return converted


def simplified_lines(lines: list[str]) -> list[str]:
    """:func:`to_simplified` of every line, converted as one text (one OpenCC call instead of one per line).

    The result is the same as converting line by line, and as converting each
    sentence on its own: OpenCC's ``t2s`` dictionaries hold Han words and
    characters only, so no phrase it matches spans a line end, a sentence end
    mark, a closing quote or a space, and neither does a :data:`SCRIPT_FIXES`
    key.  Should a converter ever change the number of lines, each line is
    converted on its own.
    """
    converted = to_simplified("\n".join(lines)).split("\n") if lines else []
    if len(converted) != len(lines):
        return [to_simplified(line) for line in lines]
    return converted
