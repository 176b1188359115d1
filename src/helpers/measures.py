"""Measures coding: the codebook (``data/codebook.yaml``), coding sentences, evidence.

Every number this module produces can be traced to a row of evidence: one row
per hit, with the article, the sentence, the matched term and its character
offsets in the article's normalised ``text``.

Matching is plain substring search on the normalised sentence, so it does not
depend on how jieba splits a phrase.  Within one measure, overlapping
occurrences are resolved leftmost-longest (a short term never fires inside a
longer term of the same measure); the codebook's ``exclude`` contexts and
``near`` / ``not_near`` rules then drop figurative and incidental uses.
:func:`token_disagreements` lists where token-level matching would disagree.
"""

from __future__ import annotations

import functools

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from helpers.errors import HelpersError
from helpers.paths import data_file

CODEBOOK_FILE = "codebook.yaml"
LANGS = ("zh", "en")

EVIDENCE_COLUMNS = [
    "id",
    "city",
    "measure",
    "term",
    "sentence_no",
    "start",
    "end",
    "sentence",
    "sentence_original",
]
RATE_COLUMNS = ["city", "measure", "name_zh", "name_en", "hits", "articles", "n_chars", "per_10k"]

_TOP_KEYS = {"window", "measures"}
_MEASURE_KEYS = {"id", "name_zh", "name_en", "definition", "terms", "exclude"}
_REQUIRED_MEASURE_KEYS = ("id", "name_zh", "name_en", "definition", "terms")
_TERM_KEYS = {"term", "near", "not_near", "window"}
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------- codebook


@dataclass(frozen=True)
class TermRule:
    """One codebook term and the conditions under which it counts."""

    term: str
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    window: int = 10
    line: int = 0


@dataclass(frozen=True)
class Measure:
    """One measure category: names, definition, terms and exclusion contexts."""

    id: str
    name_zh: str
    name_en: str
    definition: str
    terms: tuple[TermRule, ...]
    exclude: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Codebook:
    """The validated codebook; measures keep the file's order."""

    measures: tuple[Measure, ...]
    path: Path | None = None

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
        if lang not in LANGS:
            raise HelpersError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
        m = self.measure(measure_id)
        return m.name_zh if lang == "zh" else m.name_en

    def names(self, lang: str = "zh") -> dict[str, str]:
        """Mapping measure id -> display name in ``lang``."""
        return {mid: self.name(mid, lang) for mid in self.ids}

    def all_terms(self) -> list[str]:
        """Every term of every measure, sorted, for the tokenizer's user dictionary."""
        return sorted({rule.term for m in self.measures for rule in m.terms})


class _CodebookReader:
    """Builds a :class:`Codebook` from YAML nodes, keeping line numbers for messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self._constructor = yaml.SafeLoader("")

    def fail(self, line: int, problem: str, fix: str, measure_id: str | None = None) -> None:
        where = f"{self.path.name}: line {line}"
        if measure_id:
            where += f": measure {measure_id!r}"
        raise HelpersError(f"{where}: {problem}; fix: {fix}")

    @staticmethod
    def line(node: yaml.Node) -> int:
        return node.start_mark.line + 1

    def value(self, node: yaml.Node) -> object:
        return self._constructor.construct_object(node, deep=True)

    def mapping(self, node: yaml.Node, allowed: set[str], what: str, mid: str | None) -> dict:
        if not isinstance(node, yaml.MappingNode):
            self.fail(self.line(node), f"{what} must be a mapping of keys", "see the file header", mid)
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(self.value(key_node))
            if key not in allowed:
                self.fail(
                    self.line(key_node),
                    f"unknown key {key!r} in {what}",
                    f"use one of: {', '.join(sorted(allowed))}",
                    mid,
                )
            if key in out:
                self.fail(self.line(key_node), f"key {key!r} given twice in {what}", "keep one", mid)
            out[key] = value_node
        return out

    def text_value(self, node: yaml.Node, what: str, mid: str | None) -> str:
        value = self.value(node)
        if not isinstance(value, str) or not value.strip():
            self.fail(self.line(node), f"{what} must be non-empty text", f"write the {what}", mid)
        return value.strip()

    def word_list(self, node: yaml.Node, what: str, mid: str | None) -> list[tuple[str, int]]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(self.line(node), f"{what} must be a non-empty list", f"list the {what} or drop the key", mid)
        words = []
        for item in node.value:
            word = self.value(item)
            if not isinstance(word, str):
                self.fail(self.line(item), f"{what} entry {word!r} is not text", "quote it", mid)
            words.append((word, self.line(item)))
        return words

    def window(self, node: yaml.Node, mid: str | None) -> int:
        value = self.value(node)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.fail(self.line(node), f"window {value!r} is not a positive whole number", "write e.g. window: 10", mid)
        return value

    def read(self) -> Codebook:
        try:
            root = yaml.compose(self.text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(exc, "problem", None) or "invalid YAML"
            self.fail(line, f"not valid YAML ({problem})", "check indentation and quoting")
        if root is None:
            self.fail(1, "the file is empty", "restore the default codebook from git")
        top = self.mapping(root, _TOP_KEYS, "the top level", None)
        default_window = self.window(top["window"], None) if "window" in top else 10
        if "measures" not in top:
            self.fail(self.line(root), "no 'measures:' list", "add the measures list")
        measures_node = top["measures"]
        if not isinstance(measures_node, yaml.SequenceNode) or not measures_node.value:
            self.fail(self.line(measures_node), "'measures' must be a non-empty list", "list the measures")
        measures: list[Measure] = []
        seen: dict[str, int] = {}
        for node in measures_node.value:
            measure = self.measure(node, default_window)
            if measure.id in seen:
                self.fail(
                    measure.line,
                    f"duplicate measure id {measure.id!r} (first at line {seen[measure.id]})",
                    "give each measure its own id",
                )
            seen[measure.id] = measure.line
            measures.append(measure)
        return Codebook(measures=tuple(measures), path=self.path)

    def measure(self, node: yaml.Node, default_window: int) -> Measure:
        line = self.line(node)
        id_guess = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if self.value(k) == "id" and isinstance(v, yaml.ScalarNode):
                    id_guess = str(self.value(v))
        keys = self.mapping(node, _MEASURE_KEYS, "a measure", id_guess)
        for key in _REQUIRED_MEASURE_KEYS:
            if key not in keys:
                self.fail(line, f"missing key {key!r}", f"add '{key}:' to this measure", id_guess)
        mid = self.text_value(keys["id"], "id", None)
        if not _ID_PATTERN.match(mid):
            self.fail(self.line(keys["id"]), f"id {mid!r} is not snake_case ASCII", "use e.g. entry_control", None)
        names = {k: self.text_value(keys[k], k, mid) for k in ("name_zh", "name_en", "definition")}
        terms_node = keys["terms"]
        if not isinstance(terms_node, yaml.SequenceNode) or not terms_node.value:
            self.fail(self.line(terms_node), "empty term list", "list at least one term", mid)
        exclude = self.word_list(keys["exclude"], "exclude", mid) if "exclude" in keys else []
        rules: list[TermRule] = []
        seen_terms: set[str] = set()
        for item in terms_node.value:
            rule = self.term(item, default_window, mid)
            if rule.term in seen_terms:
                self.fail(rule.line, f"term {rule.term!r} listed twice", "keep one", mid)
            seen_terms.add(rule.term)
            rules.append(rule)
        for rule in rules:
            for context, _ in exclude:
                if context in rule.term:
                    self.fail(
                        rule.line,
                        f"term {rule.term!r} contains its own exclusion {context!r}, so it can never match",
                        "drop the term or narrow the exclusion",
                        mid,
                    )
        for context, ctx_line in exclude:
            self.check_word(context, ctx_line, "exclusion", mid)
            if not any(rule.term in context for rule in rules):
                self.fail(
                    ctx_line,
                    f"exclusion {context!r} contains none of the measure's terms, so it never applies",
                    "write the context around a term, e.g. 隔离病毒 for 隔离",
                    mid,
                )
        return Measure(
            id=mid,
            terms=tuple(rules),
            exclude=tuple(c for c, _ in exclude),
            line=line,
            **names,
        )

    def term(self, node: yaml.Node, default_window: int, mid: str) -> TermRule:
        line = self.line(node)
        if isinstance(node, yaml.ScalarNode):
            term = self.value(node)
            if not isinstance(term, str):
                self.fail(line, f"term {term!r} is not text", "quote it", mid)
            self.check_word(term, line, "term", mid)
            return TermRule(term=term, window=default_window, line=line)
        keys = self.mapping(node, _TERM_KEYS, "a term rule", mid)
        if "term" not in keys:
            self.fail(line, "term rule without 'term:'", "add 'term: 词语'", mid)
        term = self.value(keys["term"])
        if not isinstance(term, str):
            self.fail(line, f"term {term!r} is not text", "quote it", mid)
        self.check_word(term, line, "term", mid)
        near = self.word_list(keys["near"], "near", mid) if "near" in keys else []
        not_near = self.word_list(keys["not_near"], "not_near", mid) if "not_near" in keys else []
        for word, word_line in near + not_near:
            self.check_word(word, word_line, "near/not_near word", mid)
        window = self.window(keys["window"], mid) if "window" in keys else default_window
        if "window" in keys and not near and not not_near:
            self.fail(line, f"term {term!r} has a window but no near/not_near rule", "drop 'window:' or add a rule", mid)
        blocked = [w for w, _ in not_near if term in w or w in term]
        if blocked:
            self.fail(
                line,
                f"term {term!r} and its not_near word {blocked[0]!r} overlap, so it can never match",
                "drop that not_near word",
                mid,
            )
        return TermRule(
            term=term,
            near=tuple(w for w, _ in near),
            not_near=tuple(w for w, _ in not_near),
            window=window,
            line=line,
        )

    def check_word(self, word: str, line: int, what: str, mid: str) -> None:
        if not word or not any(_is_wordlike(ch) for ch in word):
            self.fail(line, f"{what} {word!r} has no letters or characters, so it can never match", "write a word", mid)
        if any(ch.isspace() for ch in word):
            self.fail(line, f"{what} {word!r} contains whitespace, which normalised text does not keep", "remove the spaces", mid)
        simplified = _to_simplified(word)
        if simplified != word:
            self.fail(
                line,
                f"{what} {word!r} is not in Simplified script, and text is matched after conversion to Simplified",
                f"write {simplified!r}",
                mid,
            )


def _is_wordlike(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "N")


_converter = None


def _to_simplified(text: str) -> str:
    """Traditional -> Simplified as the corpus layer normalises (OpenCC t2s), built on first use."""
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


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
        unknown key, a duplicate id or term, an empty term list, or a term that
        can never match.
    """
    path = Path(path) if path is not None else data_file(CODEBOOK_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HelpersError(f"{path}: codebook not found; fix: pass an existing file") from None
    except UnicodeDecodeError:
        raise HelpersError(f"{path.name}: line 1: not UTF-8; fix: save the file as UTF-8") from None
    return _read_codebook(path, text)


@functools.lru_cache(maxsize=8)
def _read_codebook(path: Path, text: str) -> Codebook:
    """Parse once per file content: every chart and table label asks for the codebook.

    The Codebook is frozen, so one instance can be shared; an edited file has
    new text and is parsed again.
    """
    return _CodebookReader(path, text).read()


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    rule: TermRule


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """All (start, end) spans of ``word`` in ``text``, overlapping ones included."""
    spans = []
    pos = text.find(word)
    while pos != -1:
        spans.append((pos, pos + len(word)))
        pos = text.find(word, pos + 1)
    return spans


def _leftmost_longest(candidates: list[_Occurrence]) -> tuple[list[_Occurrence], list[tuple[_Occurrence, _Occurrence]]]:
    """Non-overlapping winners, and (loser, winner) pairs for the diagnostics."""
    ordered = sorted(candidates, key=lambda o: (o.start, -(o.end - o.start), o.rule.term))
    winners: list[_Occurrence] = []
    shadowed: list[tuple[_Occurrence, _Occurrence]] = []
    for occ in ordered:
        if winners and occ.start < winners[-1].end:
            shadowed.append((occ, winners[-1]))
        else:
            winners.append(occ)
    return winners, shadowed


def _word_near(sentence: str, occ: _Occurrence, words: Sequence[str], window: int) -> str | None:
    """The first of ``words`` occurring within ``window`` characters of ``occ`` (not inside it)."""
    lo, hi = occ.start - window, occ.end + window
    for word in words:
        for ws, we in _occurrences(sentence, word):
            inside_term = ws >= occ.start and we <= occ.end
            if we > lo and ws < hi and not inside_term:
                return word
    return None


def _rejection(sentence: str, occ: _Occurrence, measure: Measure) -> str | None:
    """Why this occurrence does not count (None if it counts)."""
    for context in measure.exclude:
        for cs, ce in _occurrences(sentence, context):
            if cs <= occ.start and occ.end <= ce:
                return f"inside excluded context {context!r}"
    rule = occ.rule
    if rule.near and _word_near(sentence, occ, rule.near, rule.window) is None:
        return f"none of {'/'.join(rule.near)} within {rule.window} characters"
    if rule.not_near:
        blocker = _word_near(sentence, occ, rule.not_near, rule.window)
        if blocker is not None:
            return f"{blocker!r} within {rule.window} characters"
    return None


def _code_one(sentence: str, measure: Measure) -> tuple[list[_Occurrence], dict[tuple[int, int, str], str]]:
    """Counted occurrences of one measure in one sentence, and why the others were dropped."""
    candidates = [
        _Occurrence(s, e, rule) for rule in measure.terms for s, e in _occurrences(sentence, rule.term)
    ]
    winners, shadowed = _leftmost_longest(candidates)
    dropped: dict[tuple[int, int, str], str] = {}
    for loser, winner in shadowed:
        dropped[(loser.start, loser.end, loser.rule.term)] = f"overlaps the longer or earlier term {winner.rule.term!r}"
    counted = []
    for occ in winners:
        reason = _rejection(sentence, occ, measure)
        if reason is None:
            counted.append(occ)
        else:
            dropped[(occ.start, occ.end, occ.rule.term)] = reason
    return counted, dropped


def match_sentence(sentence: str, codebook: Codebook) -> list[tuple[str, str, int, int]]:
    """Hits in one normalised sentence: ``(measure, term, start, end)``, offsets in the sentence."""
    hits = []
    for measure in codebook.measures:
        counted, _ = _code_one(sentence, measure)
        hits.extend((measure.id, occ.rule.term, occ.start, occ.end) for occ in counted)
    return hits


def _require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise HelpersError(f"{what} lacks column(s) {', '.join(missing)}; fix: pass the corpus {what} table")


def code_sentences(sentences: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Code every sentence; one row of evidence per hit.

    Parameters
    ----------
    sentences
        The corpus sentences table: ``id``, ``city``, ``sentence_no``, ``start``,
        ``end``, ``sentence``, ``sentence_original``.
    codebook
        Defaults to the package codebook.

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``measure``, ``term``, ``sentence_no``, ``start``,
        ``end`` (offsets of the term in the article's normalised ``text``),
        ``sentence``, ``sentence_original``; sorted by article, offset, measure.
    """
    codebook = codebook or load_codebook()
    _require_columns(sentences, ["id", "city", "sentence_no", "start", "sentence", "sentence_original"], "sentences")
    rows = []
    for row in sentences.itertuples(index=False):
        for measure_id, term, s, e in match_sentence(row.sentence, codebook):
            rows.append(
                {
                    "id": row.id,
                    "city": row.city,
                    "measure": measure_id,
                    "term": term,
                    "sentence_no": int(row.sentence_no),
                    "start": int(row.start) + s,
                    "end": int(row.start) + e,
                    "sentence": row.sentence,
                    "sentence_original": row.sentence_original,
                }
            )
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    order = {mid: i for i, mid in enumerate(codebook.ids)}
    evidence["_order"] = evidence["measure"].map(order)
    evidence = evidence.sort_values(["id", "start", "_order"], kind="stable").drop(columns="_order")
    return evidence.reset_index(drop=True).astype({"sentence_no": int, "start": int, "end": int})


def filter_evidence(
    evidence: pd.DataFrame,
    codebook: Codebook,
    measure: str | None = None,
    city: str | None = None,
    cities: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Evidence rows for one measure and/or city; unknown ones raise a HelpersError listing the valid ones."""
    out = evidence
    if measure is not None:
        codebook.measure(measure)  # raises with the valid ids
        out = out[out["measure"] == measure]
    if city is not None:
        valid = sorted(set(cities if cities is not None else evidence["city"]))
        if city not in valid:
            raise HelpersError(f"unknown city {city!r}; valid cities: {', '.join(valid)}")
        out = out[out["city"] == city]
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- counts


def measure_counts(
    articles: pd.DataFrame,
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
    unit: str = "hits",
) -> pd.DataFrame:
    """Article x measure counts.

    Parameters
    ----------
    articles
        Corpus articles (``id``, ``city``); every article gets a row, zeros included.
    evidence
        From :func:`code_sentences`.
    unit
        ``"hits"`` counts every matched term; ``"sentences"`` counts sentences
        coded with the measure (KH Coder's document count at sentence level).

    Returns
    -------
    DataFrame
        ``id``, ``city``, then one integer column per measure id in codebook order.
    """
    codebook = codebook or load_codebook()
    if unit not in ("hits", "sentences"):
        raise HelpersError(f"unknown unit {unit!r}; use 'hits' or 'sentences'")
    _require_columns(articles, ["id", "city"], "articles")
    ev = evidence
    if unit == "sentences":
        ev = ev.drop_duplicates(["id", "sentence_no", "measure"])
    counts = ev.groupby(["id", "measure"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=list(articles["id"]), columns=codebook.ids, fill_value=0).fillna(0)
    out = articles[["id", "city"]].reset_index(drop=True)
    for mid in codebook.ids:
        out[mid] = counts[mid].to_numpy().astype(int)
    return out


def measure_rates(
    articles: pd.DataFrame,
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """City x measure hits, raw and per 10,000 characters of that city's text.

    Returns
    -------
    DataFrame
        One row per city and measure (zeros included): ``city``, ``measure``,
        ``name_zh``, ``name_en``, ``hits``, ``articles`` (number of the city's
        articles), ``n_chars`` (their total length), ``per_10k``.  Cities in
        order of first appearance in ``articles``, measures in codebook order.
    """
    codebook = codebook or load_codebook()
    _require_columns(articles, ["id", "city", "n_chars"], "articles")
    per_article = measure_counts(articles, evidence, codebook)
    cities = list(dict.fromkeys(articles["city"]))
    size = articles.groupby("city").agg(articles=("id", "size"), n_chars=("n_chars", "sum"))
    hits = per_article.groupby("city")[codebook.ids].sum()
    rows = []
    for city in cities:
        n_chars = int(size.loc[city, "n_chars"])
        for mid in codebook.ids:
            h = int(hits.loc[city, mid])
            rows.append(
                {
                    "city": city,
                    "measure": mid,
                    "name_zh": codebook.name(mid, "zh"),
                    "name_en": codebook.name(mid, "en"),
                    "hits": h,
                    "articles": int(size.loc[city, "articles"]),
                    "n_chars": n_chars,
                    "per_10k": h / n_chars * 10_000 if n_chars else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=RATE_COLUMNS)


def rates_table(
    rates: pd.DataFrame,
    codebook: Codebook | None = None,
    value: str = "per_10k",
    lang: str | None = None,
) -> pd.DataFrame:
    """Wide measure x city table from :func:`measure_rates`.

    Rows are measures in codebook order (ids, or names in ``lang`` if given),
    columns are cities, cells ``value`` (``"hits"`` or ``"per_10k"``).
    """
    codebook = codebook or load_codebook()
    if value not in ("hits", "per_10k"):
        raise HelpersError(f"unknown value {value!r}; use 'hits' or 'per_10k'")
    cities = list(dict.fromkeys(rates["city"]))
    table = rates.pivot(index="measure", columns="city", values=value).reindex(index=codebook.ids, columns=cities)
    if lang is not None:
        table.index = [codebook.name(mid, lang) for mid in table.index]
    table.index.name = "measure"
    table.columns.name = "city"
    return table


def with_measure_names(df: pd.DataFrame, codebook: Codebook | None = None, lang: str = "zh") -> pd.DataFrame:
    """A copy of ``df`` with a ``measure_name`` column (from its ``measure`` column) in ``lang``."""
    codebook = codebook or load_codebook()
    out = df.copy()
    names = codebook.names(lang)
    out["measure_name"] = out["measure"].map(names)
    return out


def rename_measure_columns(df: pd.DataFrame, codebook: Codebook | None = None, lang: str = "zh") -> pd.DataFrame:
    """A copy of a wide table (e.g. :func:`measure_counts`) with measure-id columns renamed to names."""
    codebook = codebook or load_codebook()
    return df.rename(columns=codebook.names(lang))


# --------------------------------------------------------------------------- diagnostics


def default_tokenize(codebook: Codebook) -> Callable[[str], list[str]]:
    """The project tokenizer, with the codebook terms in its user dictionary."""
    from helpers.segment import get_tokenizer, tokenize

    tokenizer = get_tokenizer(extra_words=codebook.all_terms())
    return lambda text: tokenize(text, tokenizer)


DIAGNOSTIC_COLUMNS = [
    "id",
    "city",
    "sentence_no",
    "measure",
    "term",
    "start",
    "end",
    "substring_match",
    "token_match",
    "tokens",
    "reason",
    "sentence",
]


def token_disagreements(
    sentences: pd.DataFrame,
    codebook: Codebook | None = None,
    tokenize: Callable[[str], list[str]] | None = None,
) -> pd.DataFrame:
    """Occurrences of codebook terms where token-level and substring matching disagree.

    Token-level matching counts a term where the tokenizer produced exactly that
    token; the codebook's substring matching counts it where
    :func:`code_sentences` does.  A row appears when only one of them counts
    an occurrence: the term sits inside a longer token or across a token
    boundary (substring only), or a rule dropped a token that equals the term
    (token only).

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``sentence_no``, ``measure``, ``term``, ``start``,
        ``end`` (offsets in the article's ``text``), ``substring_match``,
        ``token_match``, ``tokens`` (the tokens covering the span, joined by
        ``/``), ``reason``, ``sentence``.
    """
    codebook = codebook or load_codebook()
    tokenize = tokenize or default_tokenize(codebook)
    rows = []
    for row in sentences.itertuples(index=False):
        tokens = tokenize(row.sentence)
        spans, pos = [], 0
        for tok in tokens:  # located in order, so a tokenizer may drop whitespace
            found = row.sentence.find(tok, pos)
            if found == -1:
                continue
            spans.append((found, found + len(tok), tok))
            pos = found + len(tok)
        token_spans = {(s, e) for s, e, _ in spans}
        for measure in codebook.measures:
            counted, dropped = _code_one(row.sentence, measure)
            counted_keys = {(o.start, o.end, o.rule.term) for o in counted}
            for rule in measure.terms:
                for s, e in _occurrences(row.sentence, rule.term):
                    key = (s, e, rule.term)
                    substring = key in counted_keys
                    token = (s, e) in token_spans
                    if substring == token:
                        continue
                    covering = [t for ts, te, t in spans if te > s and ts < e]
                    if substring:
                        if len(covering) == 1:
                            reason = f"inside the longer token {covering[0]!r}"
                        else:
                            reason = "split across tokens " + "/".join(covering)
                    else:
                        reason = dropped.get(key, "not counted")
                    rows.append(
                        {
                            "id": row.id,
                            "city": row.city,
                            "sentence_no": int(row.sentence_no),
                            "measure": measure.id,
                            "term": rule.term,
                            "start": int(row.start) + s,
                            "end": int(row.start) + e,
                            "substring_match": substring,
                            "token_match": token,
                            "tokens": "/".join(covering),
                            "reason": reason,
                            "sentence": row.sentence,
                        }
                    )
    return pd.DataFrame(rows, columns=DIAGNOSTIC_COLUMNS)
