"""The measures codebook (``data/codebook.yaml``): measures, their terms and the rules that qualify them.

Loaded once per file content and validated by the schema below: an unknown key, a duplicate id or term, an empty
term list, a term that can never match or a label without actions is a one-line error naming the file, the line,
the measure and the fix.  How the rules are applied is :mod:`helpers.analysis.matching`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, model_validator

from helpers import schema
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.paths import data_file
from helpers.schema import Text
from helpers.script import to_simplified

CODEBOOK_FILE = "codebook.yaml"
DEFAULT_WINDOW = 10
#: Terms (and not_carried_out / continuation words) up to this many characters must be whole words by default.
WORD_MATCH_MAX_CHARS = 2

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------- codebook


# A phrase, not a word: it holds the particle 的 or opens with the aspect adverb 正在.
_PHRASE = re.compile("的|^正在")


def is_phrase(term: str) -> bool:
    """Whether a term is a phrase (居家隔离的居民, 正在居家隔离) rather than a word of the segmentation."""
    return _PHRASE.search(term) is not None


def whole_word_by_default(word: str) -> bool:
    """Whether ``word`` must match a whole word unless the codebook says otherwise (short words sit inside others)."""
    return len(word) <= WORD_MATCH_MAX_CHARS


@dataclass(frozen=True)
class TermRule:
    """One codebook term and the conditions under which it counts.

    ``word``: the term counts only as whole word(s) of the sentence's
    segmentation; ``label``: it names a group and counts only with one of
    the measure's actions in its clause; ``restriction``: it names what the
    measure keeps out or stops (外来车辆, 聚集性活动), so a not-carried-out
    word before it is the measure itself and does not drop it; ``serving``:
    a label of people who serve (志愿者): doing the work of another measure
    in its clause (志愿者为居民测温) is serving, so that counts it too;
    ``near_in_sentence``: a near word counts anywhere in the sentence within
    the window, not only in the term's clause (村口设了卡点，村干部轮流值守).
    """

    term: str
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW
    near_in_sentence: bool = False
    label: bool = False
    word: bool = False
    restriction: bool = False
    serving: bool = False
    line: int = 0


@dataclass(frozen=True)
class Measure:
    """One measure category: names, definitions, terms, rules and examples.

    ``not_near``: words that drop any of its terms within the term's window,
    as the term's own not_near words do (other topics: 燃气, 防汛).
    ``group_topic``: its labels name those the measure is for (独居老人), and a
    sentence whose first clause names them is about them: an action in a
    later clause counts (辖区28户低保户，社区干部每天电话联系).
    """

    id: str
    name_zh: str
    name_en: str
    definition: str
    terms: tuple[TermRule, ...]
    exclude: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    group_topic: bool = False
    definition_zh: str = ""
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    does_not_count: tuple[str, ...] = ()
    line: int = 0
    includes_zh: tuple[str, ...] = ()
    excludes_zh: tuple[str, ...] = ()
    counts_en: tuple[str, ...] = ()
    does_not_count_en: tuple[str, ...] = ()

    def definition_in(self, lang: str) -> str:
        """The definition in ``lang`` (``""`` where the codebook gives none)."""
        return self.definition_zh if check_lang(lang) == "zh" else self.definition


@dataclass(frozen=True)
class Codebook:
    """The validated codebook; measures keep the file's order.

    ``not_carried_out``: words marking a measure lifted, stopped, refused or criticised (不再, 取消, 解除 ...);
    ``prohibition``: words prohibiting what follows (不得, 禁止), which drop a measure too, except a restriction
    (禁止外来车辆进入 is entry control); ``continuation``: words that mark it continued after all (继续, 坚持 ...);
    ``lifted_after``: words that, right after a term, end it (卡口已全部撤除); ``lifted_before``: words that
    end it right before it (结束静默管理); ``criticism``: words that, after 被 following it, say it was
    criticised (劝返，被上级点名纠正);
    ``criticism_lead``: words that, before a colon, say that what the
    sentence lists after it was done wrongly (一些地方的做法让群众苦不堪言：有的…);
    ``hypothetical``: words that open a condition (一旦, 如果; ``hypothetical_opening``: 如有, 如出现 ..., only
    opening a clause): a term after one in its sentence is supposed, not carried out; ``advice``: words that urge
    residents (倡议, 倡导): a term after one in its clause is advice, not a measure carried out, except
    for the ``advice_is`` measure (publicity), whose work advice is; ``plans`` (原本, 提议) before a term
    and ``abandoned`` (暂不, 没有采纳) after it say it was planned or proposed, then dropped; ``other_settings``:
    places whose own measures do not count (医院, 学校 ...) unless the
    sentence names a ``residential`` setting too (社区, 小区, 居民 ...).
    ``unit``, ``never_counts`` and ``notes`` (English; ``*_zh`` Chinese): the
    coding definitions' general part: what a measure is, what never counts, notes.
    """

    measures: tuple[Measure, ...]
    path: Path | None = None
    window: int = DEFAULT_WINDOW
    not_carried_out: tuple[str, ...] = ()
    prohibition: tuple[str, ...] = ()
    continuation: tuple[str, ...] = ()
    lifted_after: tuple[str, ...] = ()
    lifted_before: tuple[str, ...] = ()
    criticism: tuple[str, ...] = ()
    criticism_lead: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()
    hypothetical_opening: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    advice_is: str | None = None
    plans: tuple[str, ...] = ()
    abandoned: tuple[str, ...] = ()
    other_settings: tuple[str, ...] = ()
    residential: tuple[str, ...] = ()
    unit: str = ""
    unit_zh: str = ""
    never_counts: tuple[str, ...] = ()
    never_counts_zh: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()

    @property
    def ids(self) -> list[str]:
        """Measure ids in codebook (report) order."""
        return [m.id for m in self.measures]

    def measure(self, measure_id: str) -> Measure:
        """The measure with this id; a HelpersError listing the valid ids otherwise."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise HelpersError(
            f"unknown measure {measure_id!r}; valid measures: {', '.join(self.ids)}"
        )

    def name(self, measure_id: str, lang: str = "zh") -> str:
        """The measure's display name in ``lang`` (``"zh"`` or ``"en"``)."""
        check_lang(lang)
        m = self.measure(measure_id)
        return m.name_zh if lang == "zh" else m.name_en

    def names(self, lang: str = "zh") -> dict[str, str]:
        """Mapping measure id -> display name in ``lang``."""
        return {mid: self.name(mid, lang) for mid in self.ids}

    def all_terms(self) -> list[str]:
        """Every term of every measure that is a word, sorted, for the tokenizer's user dictionary.

        A term that is a phrase (:func:`is_phrase`: 居家隔离的居民, 正在居家隔离) is
        matched as written and is no word: made one, it would hide the words it is
        made of from the word counts.
        """
        return sorted({rule.term for m in self.measures for rule in m.terms if not is_phrase(rule.term)})


# --------------------------------------------------------------------------- codebook file

Words = Annotated[list[str], Field(min_length=1)]
Sentences = Annotated[list[Text], Field(min_length=1)]
Window = Annotated[int, Field(ge=1)]


def _is_wordlike(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "N")


def _check_simplified(text: str, what: str, at: tuple = ()) -> None:
    simplified = to_simplified(text)
    if simplified != text:
        raise schema.fail(
            f"{what} {text!r} is not in Simplified script, and text is matched after conversion to Simplified",
            f"write {simplified!r}", at,
        )


def _check_word(word: str, what: str, at: tuple = ()) -> None:
    """Raise if ``word`` can never match the normalised text the codebook is matched against."""
    if not word or not any(_is_wordlike(ch) for ch in word):
        raise schema.fail(f"{what} {word!r} has no letters or characters, so it can never match", "write a word", at)
    if any(ch.isspace() for ch in word):
        raise schema.fail(f"{what} {word!r} contains whitespace, which normalised text does not keep",
                          "remove the spaces", at)
    _check_simplified(word, what, at)


def _check_words(words: list[str] | None, what: str, key: str) -> None:
    for index, word in enumerate(words or ()):
        _check_word(word, what, (key, index))


def _term_rule(item: object) -> object:
    # A plain term (``- 隔离``) is the rule ``- term: 隔离`` without conditions.
    return item if isinstance(item, dict) else {"term": item}


class TermEntry(schema.Section):
    """One item under a measure's ``terms:``, written as a plain term or as a rule."""

    term: str
    near: Words | None = None
    not_near: Words | None = None
    window: Window | None = None
    near_scope: Literal["clause", "sentence"] = "clause"
    label: bool = False
    match: Literal["word", "substring"] | None = None
    restriction: bool = False
    serving: bool = False

    @model_validator(mode="after")
    def _can_match(self) -> TermEntry:
        _check_word(self.term, "term")
        if self.serving and not self.label:
            raise schema.fail(f"term {self.term!r} is serving but not a label, and only a label can serve",
                              "add 'label: true' or drop 'serving: true'")
        for key in ("near", "not_near"):
            _check_words(getattr(self, key), "near/not_near word", key)
        if self.near_scope != "clause" and not self.near:
            raise schema.fail(f"term {self.term!r} has a near_scope but no near words",
                              "drop 'near_scope:' or add 'near:'")
        if self.window is not None and not (self.near or self.not_near or self.label):
            raise schema.fail(f"term {self.term!r} has a window but no near, not_near or label rule",
                              "drop 'window:' or add a rule")
        blocked = [word for word in self.not_near or () if self.term in word or word in self.term]
        if blocked:
            raise schema.fail(f"term {self.term!r} and its not_near word {blocked[0]!r} overlap, so it can never match",
                              "drop that not_near word")
        return self


class ExamplesEntry(schema.Section):
    """A measure's ``examples:``: sentences a test codes, so the file's own promises are checked."""

    counts: Sentences
    does_not_count: Sentences


    @model_validator(mode="after")
    def _simplified(self) -> ExamplesEntry:
        for key in ("counts", "does_not_count"):
            for index, sentence in enumerate(getattr(self, key)):
                _check_simplified(sentence, "example", (key, index))
        return self


class TranslatedExamples(schema.Section):
    """A measure's ``examples_en:``: the examples in English, sentence for sentence."""

    counts: Sentences
    does_not_count: Sentences


class MeasureEntry(schema.Section):
    """One item under ``measures:``."""

    id: Text
    name_zh: Text
    name_en: Text
    definition: Text
    definition_zh: Text | None = None
    includes: list[Text] | None = None
    excludes: list[Text] | None = None
    examples: ExamplesEntry | None = None
    terms: Annotated[list[Annotated[TermEntry, BeforeValidator(_term_rule)]], Field(min_length=1)]
    actions: Words | None = None
    not_near: Words | None = None
    group_topic: bool = False
    exclude: Words | None = None
    includes_zh: list[Text] | None = None
    excludes_zh: list[Text] | None = None
    examples_en: TranslatedExamples | None = None

    @model_validator(mode="after")
    def _terms_and_exclusions_can_apply(self) -> MeasureEntry:
        if not _ID_PATTERN.match(self.id.strip()):
            raise schema.fail("{key} is not snake_case ASCII", "use e.g. entry_control", ("id",))
        seen: set[str] = set()
        for index, rule in enumerate(self.terms):
            if rule.term in seen:
                raise schema.fail(f"term {rule.term!r} listed twice", "keep one", ("terms", index))
            seen.add(rule.term)
            if rule.label and not self.actions:
                raise schema.fail(
                    f"term {rule.term!r} is a label, but the measure has no actions, so it can never count",
                    "add 'actions:' (what doing this measure looks like) or drop 'label: true'", ("terms", index),
                )
        _check_words(self.actions, "action", "actions")
        _check_words(self.not_near, "not_near word", "not_near")
        for index, word in enumerate(self.not_near or ()):
            term = next((rule.term for rule in self.terms if word in rule.term or rule.term in word), None)
            if term is not None:
                raise schema.fail(f"the measure's not_near word {word!r} and its term {term!r} overlap, so the term "
                                  "can never match", "drop that not_near word", ("not_near", index))
        self._translations_match()
        exclude = self.exclude or []
        for index, rule in enumerate(self.terms):
            for context in exclude:
                if context in rule.term:
                    raise schema.fail(
                        f"term {rule.term!r} contains its own exclusion {context!r}, so it can never match",
                        "drop the term or narrow the exclusion", ("terms", index),
                    )
        for index, context in enumerate(exclude):
            _check_word(context, "exclusion", ("exclude", index))
            if not any(rule.term in context for rule in self.terms):
                raise schema.fail(
                    f"exclusion {context!r} contains none of the measure's terms, so it never applies",
                    "write the context around a term, e.g. 隔离病毒 for 隔离", ("exclude", index),
                )
        return self


    def _translations_match(self) -> None:
        """A translation has one item per item of what it translates, so the methods report can pair them."""
        pairs = [("includes_zh", self.includes, self.includes_zh), ("excludes_zh", self.excludes, self.excludes_zh)]
        if self.examples_en is not None:
            if self.examples is None:
                raise schema.fail("examples_en translates examples, but the measure has none",
                                  "add 'examples:' or drop 'examples_en:'", ("examples_en",))
            pairs += [(f"examples_en {key}", getattr(self.examples, key), getattr(self.examples_en, key))
                      for key in ("counts", "does_not_count")]
        for key, original, translation in pairs:
            if translation is not None and len(translation) != len(original or ()):
                raise schema.fail(f"{key} has {len(translation)} items but translates {len(original or ())}",
                                  "give one translation per item, in the same order", tuple(key.split()))


class CodebookFile(schema.Section):
    """The schema of ``data/codebook.yaml``; every key is described in ``data/defaults.yaml``."""

    entry_nouns: ClassVar[dict[str, str]] = {"measures": "measure"}

    window: Window = DEFAULT_WINDOW
    not_carried_out: Words | None = None
    prohibition: Words | None = None
    continuation: Words | None = None
    lifted_after: Words | None = None
    lifted_before: Words | None = None
    criticism: Words | None = None
    criticism_lead: Words | None = None
    hypothetical: Words | None = None
    hypothetical_opening: Words | None = None
    advice: Words | None = None
    advice_is: str | None = None
    plans: Words | None = None
    abandoned: Words | None = None
    other_settings: Words | None = None
    residential: Words | None = None
    measures: Annotated[list[MeasureEntry], Field(min_length=1)]
    unit: Text | None = None
    unit_zh: Text | None = None
    never_counts: list[Text] | None = None
    never_counts_zh: list[Text] | None = None
    notes: list[Text] | None = None
    notes_zh: list[Text] | None = None

    @model_validator(mode="after")
    def _ids_are_unique(self, info: ValidationInfo) -> CodebookFile:
        for key in ("not_carried_out", "prohibition", "continuation", "lifted_after", "lifted_before", "criticism",
                    "criticism_lead", "hypothetical", "hypothetical_opening", "advice", "plans", "abandoned",
                    "other_settings", "residential"):
            _check_words(getattr(self, key), f"{key} word", key)
        if self.other_settings and not self.residential:
            raise schema.fail("other_settings are given but no residential words, so every sentence naming one "
                              "would be dropped", "add 'residential:' (社区, 小区, 居民 ...)", ("other_settings",))
        first: dict[str, int] = {}
        for index, measure in enumerate(self.measures):
            mid = measure.id.strip()
            if mid in first:
                first_line = schema.line_of(info, "measures", first[mid])
                raise schema.fail(f"duplicate measure id {mid!r} (first at line {first_line})",
                                  "give each measure its own id", ("measures", index))
            first[mid] = index
        if self.advice_is is not None and self.advice_is not in first:
            raise schema.fail(f"advice_is names {self.advice_is!r}, which is no measure of this codebook",
                              f"use one of: {', '.join(first)}", ("advice_is",))
        return self


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate the measures codebook.

    Parameters
    ----------
    path
        A codebook YAML file; by default the package's ``data/codebook.yaml``.

    Returns
    -------
    Codebook
        Measures in file order.

    Raises
    ------
    HelpersError
        One line naming the file, the line, the measure and the fix, for an
        unknown key, a duplicate id or term, an empty term list, a term that
        can never match or a label without actions.
    """
    path = Path(path) if path is not None else data_file(CODEBOOK_FILE)
    return _read_codebook(path, schema.read_text(path))


def _texts(values: list[str] | None) -> tuple[str, ...]:
    return tuple(value.strip() for value in values or ())


@functools.lru_cache(maxsize=8)
def _read_codebook(path: Path, text: str) -> Codebook:
    """Parse once per file content: every chart and table label asks for the codebook.

    The Codebook is frozen, so one instance can be shared; an edited file has
    new text and is parsed again.
    """
    data, lines = schema.parse_yaml(text, path.name)
    checked = schema.validate(data, CodebookFile, lines, path.name)
    measures = []
    for index, entry in enumerate(checked.measures):
        rules = tuple(
            TermRule(
                term=rule.term,
                near=tuple(rule.near or ()),
                not_near=tuple(rule.not_near or ()),
                window=rule.window if rule.window is not None else checked.window,
                near_in_sentence=rule.near_scope == "sentence",
                label=rule.label,
                word=rule.match == "word" if rule.match is not None else whole_word_by_default(rule.term),
                restriction=rule.restriction,
                serving=rule.serving,
                line=lines[("measures", index, "terms", number)],
            )
            for number, rule in enumerate(entry.terms)
        )
        examples, translated = entry.examples, entry.examples_en
        measures.append(Measure(
            id=entry.id.strip(), name_zh=entry.name_zh.strip(), name_en=entry.name_en.strip(),
            definition=entry.definition.strip(), terms=rules, exclude=tuple(entry.exclude or ()),
            actions=tuple(entry.actions or ()), not_near=tuple(entry.not_near or ()), group_topic=entry.group_topic,
            definition_zh=(entry.definition_zh or "").strip(),
            includes=_texts(entry.includes), excludes=_texts(entry.excludes),
            counts=_texts(examples.counts if examples else None),
            does_not_count=_texts(examples.does_not_count if examples else None),
            line=lines[("measures", index)],
            includes_zh=_texts(entry.includes_zh), excludes_zh=_texts(entry.excludes_zh),
            counts_en=_texts(translated.counts if translated else None),
            does_not_count_en=_texts(translated.does_not_count if translated else None),
        ))
    return Codebook(
        measures=tuple(measures), path=path, window=checked.window,
        not_carried_out=tuple(checked.not_carried_out or ()), continuation=tuple(checked.continuation or ()),
        lifted_after=tuple(checked.lifted_after or ()), lifted_before=tuple(checked.lifted_before or ()),
        criticism=tuple(checked.criticism or ()), criticism_lead=tuple(checked.criticism_lead or ()),
        hypothetical=tuple(checked.hypothetical or ()), hypothetical_opening=tuple(checked.hypothetical_opening or ()),
        advice=tuple(checked.advice or ()), advice_is=checked.advice_is, prohibition=tuple(checked.prohibition or ()),
        plans=tuple(checked.plans or ()), abandoned=tuple(checked.abandoned or ()),
        other_settings=tuple(checked.other_settings or ()), residential=tuple(checked.residential or ()),
        unit=(checked.unit or "").strip(), unit_zh=(checked.unit_zh or "").strip(),
        never_counts=_texts(checked.never_counts), never_counts_zh=_texts(checked.never_counts_zh),
        notes=_texts(checked.notes), notes_zh=_texts(checked.notes_zh),
    )
