"""The measures codebook (``data/codebook.yaml``): measures, their terms and the rules that qualify them.

Loaded once per file content and validated: an unknown key, a duplicate id or
term, an empty term list or a term that can never match is a one-line error
naming the file, the line, the measure and the fix.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.paths import data_file
from helpers.script import to_simplified

CODEBOOK_FILE = "codebook.yaml"

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
        check_lang(lang)
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
        simplified = to_simplified(word)
        if simplified != word:
            self.fail(
                line,
                f"{what} {word!r} is not in Simplified script, and text is matched after conversion to Simplified",
                f"write {simplified!r}",
                mid,
            )


def _is_wordlike(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "N")


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

