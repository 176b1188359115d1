"""Keep every sentence of the article body, drop the page around it.

Steps, in order, on each line of a decoded file:

1. invisible characters (zero-width spaces, mid-text BOMs, soft hyphens,
   direction marks) go; no-break and ideographic spaces become plain spaces;
2. pinyin annotations inserted after characters go (``區(qū)``, ``社区(shè qū)``,
   ``防控（fángkòng）``) -- only real pinyin, every syllable with its tone
   mark, in parentheses right after as many Han characters as it has
   syllables; ``(孝南区、市高新区)``, ``(通讯员张灿)``, ``(PCR)``, ``(community)`` stay;
3. punctuation width is made consistent: full-width forms of ASCII
   characters become ASCII, as the corpus writes them (a ``?`` between two
   Han characters in a clause that asks nothing marks a character lost by the
   source: it is left, with a warning, and does not end a sentence);
4. boilerplate lines are removed by the rules in ``data/boilerplate.yaml``
   (:mod:`helpers.corpus.boilerplate`), each removal logged
   ``{line, rule, reason, reason_zh, text}``;
5. the kept body is converted from Traditional to Simplified with OpenCC
   (``t2s``) plus :data:`SCRIPT_FIXES`; no conversion crosses a sentence end
   (see :func:`simplified_lines`), so the sentences of ``text`` and
   ``text_original`` line up one to one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from helpers.catalogue import Message, message
from helpers.corpus.boilerplate import BlockRule, BoilerplateRules, LineRule, LinkRule, default_rules
from helpers.script import HAN, HAN_CHAR, simplified_lines

_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad\u202a-\u202e\u2066-\u2069]"
)
_SPACES = re.compile("[\u00a0\u3000\u2002-\u200a\t]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONELESS = "aaaaeeeeiiiioooouuuuüüüü"
# A few syllables, joined or apart (a space or an apostrophe), capitals allowed (Wǔhàn); checked by pinyin_syllables.
_PINYIN_CANDIDATE = re.compile(f"(?<=[{HAN}])[(\uff08]([a-zA-ZüÜ{_TONED}{_TONED.upper()}' ]{{1,60}})[)\uff09]")
_PINYIN_SEPARATOR = re.compile("[ ']+")
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
_QUESTION = re.compile(
    r"[吗呢吧么嘛]$|什么|怎么|怎样|为何|为什么|有没有|是不是|是否|能否|可否|多少|几个|哪|谁|难道|何时|如何|咋|啥"
    r"|嗎|麼|為何|為什麼|有沒有|幾個|誰|難道"
    # and a verb asked as itself and its negation (能不能, 要不要, 会不会, 可不可以)
    rf"|([{HAN}])不\1"
)
# (a list's 、 does not end the clause: 社区是否还需要团购保供、上门服务?)
_CLAUSE_BREAK = re.compile("[,;:!?。“”\\s\u300c\u300d\u300e\u300f]")
_SPACE_RUN = re.compile(" {2,}")
# Whitespace other than a line end, so on a whole text no match spans two lines.
_SPACE_AFTER_PUNCT = re.compile(f"(?<=[{HAN}][,;:!?。、])[^\\S\\n]+(?=[{HAN}“])")
_NOT_ALNUM = re.compile(r"[\W_]+")
_TONE_TABLE = str.maketrans(_TONED, _TONELESS)


def is_lost_character(line: str, index: int) -> bool:
    """True when the '?' at ``index`` sits between Han characters in a clause that asks nothing."""
    before = line[index - 1] if index > 0 else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    if not (before and after and HAN_CHAR.match(before) and HAN_CHAR.match(after)):
        return False
    clause = _CLAUSE_BREAK.split(line[:index])[-1]
    return not _QUESTION.search(clause)


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
        ``{line, rule, reason, reason_zh, text}`` for every dropped line (1-based file
        line; ``text`` is the dropped line, normalised and Simplified).
    pinyin_removed : int
        Number of pinyin annotations removed.
    warnings : list of Message
        Things a reader should know (lost characters, likely mojibake ...), as
        catalogue messages (:func:`helpers.catalogue.render` gives their text).
    body_lines : list of int
        1-based file line of each line of ``text``.
    links : tuple of int
        1-based file lines of the links to other pages a link rule removed (相关阅读：…): their dates
        and outlets are those pages', not this one's (see :meth:`own_removed`).
    """

    text: str
    text_original: str
    removed: list[dict] = field(default_factory=list)
    pinyin_removed: int = 0
    warnings: list[Message] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)
    links: tuple[int, ...] = ()

    def own_removed(self) -> list[dict]:
        """The removed lines that are this page's own (header, byline, footer), not links to other pages."""
        return [item for item in self.removed if item["line"] not in self.links]



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


@functools.lru_cache(maxsize=4096)
def _is_pinyin_word(word: str) -> bool:
    """True when ``word`` is one or more toned syllables written together (``shèqū``, ``qū``)."""
    # Longest first; a syllable has one tone mark and at most six letters (zhuàng).
    return any(is_pinyin_syllable(word[:end]) and (end == len(word) or _is_pinyin_word(word[end:]))
               for end in range(min(6, len(word)), 0, -1))


def pinyin_syllables(annotation: str) -> int:
    """How many syllables a pinyin annotation (``shè qū``, ``fángkòng``) has; 0 if it is not pinyin."""
    words = _PINYIN_SEPARATOR.split(annotation.strip().lower())
    if not all(words) or not all(_is_pinyin_word(word) for word in words):
        return 0
    # Every syllable carries exactly one tone mark, so the marks count the syllables.
    return sum(char in _TONED for char in annotation.lower())


def remove_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin annotations such as ``區(qū)`` -> ``區`` and ``社区(shè qū)`` -> ``社区``.

    An annotation of n syllables is removed only right after n Han characters.

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
        syllables = pinyin_syllables(match.group(1))
        start = match.start()
        if syllables and start >= syllables and all(HAN_CHAR.match(char) for char in text[start - syllables:start]):
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



def alnum_only(text: str) -> str:
    """Letters, digits and Han characters only (what ``str.isalnum`` keeps), e.g. for 'does this repeat the body?'."""
    return _NOT_ALNUM.sub("", text)


def _warnings_for(line: str, line_no: int) -> list[Message]:
    found = []
    if "?" in line and any(is_lost_character(line, m.start()) for m in re.finditer(r"\?", line)):
        found.append(message("warning.lost_character", line=line_no))
    if _MOJIBAKE.search(line):
        found.append(message("warning.mojibake", line=line_no))
    if _PINYIN_AFTER_OTHER.search(line):
        found.append(message("warning.pinyin_left", line=line_no))
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
    warnings: list[Message] = []

    removed: list[dict] = []
    drop: dict[int, LineRule | BlockRule | LinkRule] = {}
    for block in rules.blocks:
        index = 0
        while index < len(prepared):
            if block.start.search(prepared[index][2]):
                for offset in range(index, min(index + block.max_lines, len(prepared))):
                    if block.end.search(prepared[offset][2]):
                        for k in range(index, offset + 1):
                            drop.setdefault(k, block)
                        index = offset
                        break
            index += 1
    # a heading of links to other pages, and the links under it (up to the first line that is no link)
    for link in rules.links:
        for index, (_, _, simple) in enumerate(prepared):
            if index in drop or not link.heading.search(simple):
                continue
            drop[index] = link
            for k in range(index + 1, min(index + 1 + link.max_lines, len(prepared))):
                if k in drop or not link.items.search(prepared[k][2]):
                    break
                drop[k] = link
    for index, (_, _, simple) in enumerate(prepared):
        if index in drop:
            continue
        for rule in rules.lines:
            if len(simple) <= rule.max_chars and rule.pattern.search(simple):
                drop[index] = rule
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
                    drop[index] = rule
                break

    body_original, body_simple, body_lines = [], [], []
    for index, (line_no, original, simple) in enumerate(prepared):
        if index in drop:
            rule = drop[index]
            removed.append({"line": line_no, "rule": rule.id, "reason": rule.reason,
                            "reason_zh": rule.reason_zh or rule.reason, "text": simple})
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
        links=tuple(prepared[index][0] for index, rule in sorted(drop.items()) if isinstance(rule, LinkRule)),
    )


