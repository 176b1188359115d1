"""Keep every sentence of the article body, drop the page around it.

Steps, in order, on each line of a decoded file:

1. invisible characters (zero-width spaces, mid-text BOMs, soft hyphens,
   direction marks) go; no-break and ideographic spaces become plain spaces;
2. pinyin annotations inserted after characters (``區(qū)``) go -- only a real
   pinyin syllable with a tone mark, in parentheses, right after a Han
   character; ``(孝南区、市高新区)``, ``(通讯员张灿)``, ``(PCR)`` stay;
3. punctuation width is made consistent: full-width forms of ASCII
   characters become ASCII, as the corpus writes them (a ``?`` between two
   Han characters in a clause that asks nothing marks a character lost by the
   source: it is left, with a warning, and does not end a sentence);
4. boilerplate lines are removed by the rules in ``data/boilerplate.yaml``,
   each removal logged ``{line, rule, reason, text}``;
5. the kept body is converted from Traditional to Simplified with OpenCC
   (``t2s``) plus :data:`SCRIPT_FIXES`; no conversion crosses a sentence end
   (see :func:`simplified_lines`), so the sentences of ``text`` and
   ``text_original`` line up one to one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError
from helpers.messages import warning
from helpers.reading import read_yaml

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

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile("[\u00a0\u3000\u2002-\u200a\t]")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONELESS = "aaaaeeeeiiiioooouuuuüüüü"
_PINYIN_CANDIDATE = re.compile(f"(?<=[{HAN}])[(\uff08]([a-zü{_TONED}]{{1,6}})[)\uff09]")
_PINYIN_AFTER_OTHER = re.compile(f"(?<![{HAN}])[(\uff08][a-zü]*[{_TONED}][a-zü]*[)\uff09]")
_SYLLABLE = re.compile(
    r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(iang|iong|uang|ueng|ian|iao|ing|ang|eng|ong|uai|uan|üan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|üe|ue|ün|a|o|e|i|u|ü)$"
)

# Full-width forms of ASCII characters (U+FF01..U+FF5E) and their ASCII twins.
_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_FULLWIDTH_RUN = re.compile("[\uff01-\uff5e]+")
# Stray kana, or a capital Latin letter between two Han characters: likely mojibake.
_MOJIBAKE = re.compile(f"[\u30a0-\u30ff]|[{HAN}][A-Z][{HAN}]")
# A '?' between two Han characters is a real question mark only if its clause asks something;
# otherwise it marks a character the source lost (戰『疫』每日觀察?常態化).
_QUESTION = re.compile(r"[吗呢吧么嘛]$|什么|怎么|怎样|为何|为什么|有没有|是不是|是否|能否|可否|多少|几个|哪|谁|难道|何时|如何|嗎|麼|為何|為什麼|有沒有|幾個|誰|難道")
_CLAUSE_BREAK = re.compile("[,;:!?。、“”\\s\u300c\u300d\u300e\u300f]")
_SPACE_RUN = re.compile(" {2,}")
# Whitespace other than a line end, so on a whole text no match spans two lines.
_SPACE_AFTER_PUNCT = re.compile(f"(?<=[{HAN}][,;:!?。、])[^\\S\\n]+(?=[{HAN}“])")
_SENTENCE_END = "。!?\uff01\uff1f"
_CLOSERS = "”’」』)\u300d\u300f\uff09"
_SENTENCE_END_CHAR = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_SENTENCE_TAIL = re.compile(f"[{re.escape(_SENTENCE_END + _CLOSERS)}]*")
# Anything str.isalnum() rejects: \w is isalnum() plus the underscore.
_NOT_ALNUM = re.compile(r"[\W_]+")
_TONE_TABLE = str.maketrans(_TONED, _TONELESS)


def _is_lost_character(line: str, index: int) -> bool:
    """True when the '?' at ``index`` sits between Han characters in a clause that asks nothing."""
    before = line[index - 1] if index > 0 else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    if not (before and after and _HAN_CHAR.match(before) and _HAN_CHAR.match(after)):
        return False
    clause = _CLAUSE_BREAK.split(line[:index])[-1]
    return not _QUESTION.search(clause)


@dataclass(frozen=True)
class LineRule:
    """One boilerplate rule that removes single lines."""

    id: str
    reason: str
    pattern: re.Pattern
    max_chars: int = 200
    reason_zh: str | None = None


@dataclass(frozen=True)
class BlockRule:
    """One boilerplate rule that removes a run of lines from `start` to `end`."""

    id: str
    reason: str
    start: re.Pattern
    end: re.Pattern
    max_lines: int = 30
    reason_zh: str | None = None


@dataclass(frozen=True)
class BoilerplateRules:
    """The validated contents of ``data/boilerplate.yaml``."""

    lines: tuple[LineRule, ...] = ()
    blocks: tuple[BlockRule, ...] = ()
    summaries: tuple[LineRule, ...] = ()

    def reason(self, rule_id: str, lang: str) -> str | None:
        """The reason of rule ``rule_id`` in ``lang`` ('zh' falls back to the English one), or None if no such rule."""
        for rule in (*self.lines, *self.blocks, *self.summaries):
            if rule.id == rule_id:
                return (rule.reason_zh or rule.reason) if lang == "zh" else rule.reason
        return None


@dataclass
class CleanedText:
    """A cleaned article.

    Attributes
    ----------
    text : str
        Body lines joined by ``\\n``: normalised and Simplified.
    text_original : str
        The same body in the original script (cleaned the same way otherwise).
    removed : list of dict
        ``{line, rule, reason, text}`` for every dropped line (1-based file
        line; ``text`` is the dropped line, normalised and Simplified).
    pinyin_removed : int
        Number of pinyin annotations removed.
    warnings : list of str
        Things a reader should know (lost characters, likely mojibake ...).
    body_lines : list of int
        1-based file line of each line of ``text``.
    """

    text: str
    text_original: str
    removed: list[dict] = field(default_factory=list)
    pinyin_removed: int = 0
    warnings: list[str] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)


# --------------------------------------------------------------------------- rules file

_RULE_KEYS = {
    "lines": ({"id", "reason", "pattern"}, {"max_chars", "reason_zh"}),
    "blocks": ({"id", "reason", "start", "end"}, {"max_lines", "reason_zh"}),
    "summaries": ({"id", "reason", "pattern"}, {"reason_zh"}),
}


def load_boilerplate_rules(path: str | Path | None = None) -> BoilerplateRules:
    """Load and validate the boilerplate rules.

    Parameters
    ----------
    path : str or Path, optional
        Rules file; default ``data/boilerplate.yaml``.

    Returns
    -------
    BoilerplateRules

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix for any bad key, value or regular expression.
    """
    path = Path(path) if path is not None else paths.data_file("boilerplate.yaml")
    data, lines = read_yaml(path)
    name = path.name
    if data is None:
        return BoilerplateRules()
    if not isinstance(data, dict):
        raise HelpersError(f"{name}, line 1: expected a mapping with keys lines, blocks, summaries")
    built: dict[str, list] = {"lines": [], "blocks": [], "summaries": []}
    seen_ids: set[str] = set()
    for section, rules in data.items():
        line = lines.get((section,), 1)
        if section not in _RULE_KEYS:
            raise HelpersError(f"{name}, line {line}: unknown section {section!r}; allowed: lines, blocks, summaries")
        if rules is None:
            continue
        if not isinstance(rules, list):
            raise HelpersError(f"{name}, line {line}: {section} must be a list of rules (items starting with '- ')")
        required, optional = _RULE_KEYS[section]
        for index, rule in enumerate(rules):
            where = f"{name}, line {lines.get((section, index), line)}"
            if not isinstance(rule, dict):
                raise HelpersError(f"{where}: each rule must be a mapping with keys {sorted(required)}")
            unknown = set(rule) - required - optional
            if unknown:
                raise HelpersError(f"{where}: unknown key {sorted(unknown)[0]!r}; allowed: {sorted(required | optional)}")
            missing = required - set(rule)
            if missing:
                raise HelpersError(f"{where}: rule lacks {sorted(missing)[0]!r}; add it")
            for key in required | ({"reason_zh"} & set(rule)):
                if not isinstance(rule[key], str) or not rule[key].strip():
                    raise HelpersError(f"{name}, line {lines.get((section, index, key))}: {key} must be non-empty text")
            if rule["id"] in seen_ids:
                raise HelpersError(f"{name}, line {lines.get((section, index, 'id'))}: rule id {rule['id']!r} is used twice; rename one")
            seen_ids.add(rule["id"])
            compiled = {}
            for key in ("pattern", "start", "end"):
                if key in rule:
                    try:
                        compiled[key] = re.compile(rule[key])
                    except re.error as exc:
                        raise HelpersError(
                            f"{name}, line {lines.get((section, index, key))}: bad regular expression ({exc}); fix the {key}"
                        ) from None
            for key in ("max_chars", "max_lines"):
                if key in rule and (not isinstance(rule[key], int) or isinstance(rule[key], bool) or rule[key] < 1):
                    raise HelpersError(f"{name}, line {lines.get((section, index, key))}: {key} must be a positive integer")
            if section == "blocks":
                built[section].append(
                    BlockRule(rule["id"], rule["reason"], compiled["start"], compiled["end"], rule.get("max_lines", 30),
                              rule.get("reason_zh"))
                )
            else:
                built[section].append(
                    LineRule(rule["id"], rule["reason"], compiled["pattern"], rule.get("max_chars", 200), rule.get("reason_zh"))
                )
    return BoilerplateRules(tuple(built["lines"]), tuple(built["blocks"]), tuple(built["summaries"]))


@functools.lru_cache(maxsize=1)
def default_rules() -> BoilerplateRules:
    """The shipped rules, loaded once per process (on first use, not at import)."""
    return load_boilerplate_rules()


# --------------------------------------------------------------------------- single rules


def remove_invisible(text: str) -> str:
    """Drop zero-width and direction characters; make odd spaces plain spaces."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


@functools.lru_cache(maxsize=4096)  # the same few annotations recur across a corpus
def is_pinyin_syllable(candidate: str) -> bool:
    """True for one pinyin syllable carrying exactly one tone mark (``qū``, ``jī``, ``lüè``)."""
    plain = candidate.translate(_TONE_TABLE)
    toned = sum(a != b for a, b in zip(candidate, plain))
    return toned == 1 and bool(_SYLLABLE.match(plain))


def remove_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin annotations such as ``區(qū)`` -> ``區``.

    Parameters
    ----------
    text : str
        A line or a whole text.

    Returns
    -------
    text : str
        The text without annotations.
    count : int
        How many annotations were removed.
    """
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        if is_pinyin_syllable(match.group(1)):
            count += 1
            return ""
        return match.group(0)

    return _PINYIN_CANDIDATE.sub(replace, text), count


def normalise_width(text: str) -> str:
    """Make punctuation width consistent: full-width ASCII forms become ASCII.

    The corpus, like most scraped Chinese news, writes ``, : ; ! ? ( )`` in
    ASCII next to Chinese text; a page that uses the full-width forms
    (U+FF01..U+FF5E, e.g. full-width comma, digits, Latin letters) is brought to
    the same form so patterns, codebook terms and offsets match everywhere.
    Chinese-only marks (。、“”《》『』) have no ASCII twin and stay.  A space
    left after a comma or full stop between Chinese characters goes; runs of
    spaces become one; the ends are stripped.
    """
    return _width_and_spaces(text).strip()


def _width_and_spaces(text: str) -> str:
    """:func:`normalise_width` without the strip; no rule crosses a line end, so it may run on a whole text."""
    return _SPACE_RUN.sub(" ", _SPACE_AFTER_PUNCT.sub("", _FULLWIDTH_RUN.sub(_fullwidth_to_ascii, text)))


def _fullwidth_to_ascii(match: re.Match) -> str:
    return match.group().translate(_FULLWIDTH)


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


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one line (whitespace around them excluded).

    A sentence ends at 。 ! ? (and closing quotes or brackets right after);
    a ``?`` that marks a lost character (see :func:`normalise_width`) does not end one.
    """
    spans, start, search_from = [], 0, 0
    while match := _SENTENCE_END_CHAR.search(line, search_from):
        index = match.start()
        if line[index] == "?" and _is_lost_character(line, index):
            search_from = index + 1
            continue
        # The sentence takes every end mark and closing quote or bracket right after it.
        start_next = _SENTENCE_TAIL.match(line, index + 1).end()
        spans.append((start, start_next))
        start = search_from = start_next
    spans.append((start, len(line)))
    return trimmed_spans(line, spans)


def trimmed_spans(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``line`` without the whitespace at their ends; blank ones dropped."""
    trimmed = []
    for begin, end in spans:
        piece = line[begin:end]
        if piece.strip():
            trimmed.append((begin + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))))
    return trimmed


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


def alnum_only(text: str) -> str:
    """Letters, digits and Han characters only (what ``str.isalnum`` keeps), e.g. for 'does this repeat the body?'."""
    return _NOT_ALNUM.sub("", text)


def _warnings_for(line: str, line_no: int) -> list[str]:
    found = []
    if "?" in line and any(_is_lost_character(line, m.start()) for m in re.finditer(r"\?", line)):
        found.append(warning("lost_character", line=line_no))
    if _MOJIBAKE.search(line):
        found.append(warning("mojibake", line=line_no))
    if _PINYIN_AFTER_OTHER.search(line):
        found.append(warning("pinyin_left", line=line_no))
    return found


# --------------------------------------------------------------------------- the article


def clean_text(text: str, rules: BoilerplateRules | None = None) -> CleanedText:
    """Clean a decoded article.

    Parameters
    ----------
    text : str
        Decoded file text (``\\n`` line ends).
    rules : BoilerplateRules, optional
        Default: the shipped ``data/boilerplate.yaml``.

    Returns
    -------
    CleanedText
    """
    rules = rules if rules is not None else default_rules()
    # No rule here can match across a line end, so they run on the whole text at once:
    # invisible characters, pinyin, then normalise_width (each line stripped after the split).
    text, pinyin_total = remove_pinyin(remove_invisible(text))
    text = _width_and_spaces(text)
    numbered = [(line_no, line.strip()) for line_no, line in enumerate(text.split("\n"), start=1)]
    numbered = [(line_no, line) for line_no, line in numbered if line]
    simplified = simplified_lines([line for _, line in numbered])
    # (file line, cleaned original-script line, Simplified)
    prepared = [(line_no, line, simple) for (line_no, line), simple in zip(numbered, simplified)]
    warnings: list[str] = []

    removed: list[dict] = []
    drop: dict[int, tuple[str, str]] = {}
    for block in rules.blocks:
        index = 0
        while index < len(prepared):
            if block.start.search(prepared[index][2]):
                for offset in range(index, min(index + block.max_lines, len(prepared))):
                    if block.end.search(prepared[offset][2]):
                        for k in range(index, offset + 1):
                            drop.setdefault(k, (block.id, block.reason))
                        index = offset
                        break
            index += 1
    for index, (_, _, simple) in enumerate(prepared):
        if index in drop:
            continue
        for rule in rules.lines:
            if len(simple) <= rule.max_chars and rule.pattern.search(simple):
                drop[index] = (rule.id, rule.reason)
                break
    kept_comparable = None  # the kept text, letters and digits only: made when a summary label is found
    for index, (_, _, simple) in enumerate(prepared):
        if index in drop:
            continue
        for rule in rules.summaries:
            match = rule.pattern.search(simple)
            if match:
                if kept_comparable is None:
                    kept_comparable = alnum_only("".join(p[2] for i, p in enumerate(prepared) if i not in drop))
                rest = alnum_only(simple[match.end():])
                others = kept_comparable.replace(alnum_only(simple), "", 1)
                if rest and rest in others:
                    drop[index] = (rule.id, rule.reason)
                break

    body_original, body_simple, body_lines = [], [], []
    for index, (line_no, original, simple) in enumerate(prepared):
        if index in drop:
            rule_id, reason = drop[index]
            removed.append({"line": line_no, "rule": rule_id, "reason": reason, "text": simple})
            continue
        body_original.append(original)
        body_simple.append(simple)
        body_lines.append(line_no)
        warnings.extend(_warnings_for(original, line_no))
    return CleanedText(
        text="\n".join(body_simple),
        text_original="\n".join(body_original),
        removed=removed,
        pinyin_removed=pinyin_total,
        warnings=warnings,
        body_lines=body_lines,
    )


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(_HAN_CHAR.findall(text))


def iter_sentences(text: str) -> Iterable[tuple[int, int]]:
    """Spans of every sentence in a multi-line text (offsets into ``text``)."""
    offset = 0
    for line in text.split("\n"):
        for start, end in sentence_spans(line):
            yield offset + start, offset + end
        offset += len(line) + 1
