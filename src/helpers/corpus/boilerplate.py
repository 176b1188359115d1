"""The boilerplate rules (``data/boilerplate.yaml``): which lines of a page are not the article.

Line rules drop one line, block rules a run of lines from a start to an end
pattern, link rules a heading and the links to other pages listed under it
(相关阅读：…), summary rules a lead paragraph that repeats the body.  Each rule has
an id and a reason (English, and ``reason_zh`` for the Chinese reports).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, model_validator

from helpers import paths, schema
from helpers.schema import Text


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
class LinkRule:
    """One boilerplate rule that removes a heading and the links to other pages listed under it."""

    id: str
    reason: str
    heading: re.Pattern
    items: re.Pattern
    max_lines: int = 10
    reason_zh: str | None = None


@dataclass(frozen=True)
class BoilerplateRules:
    """The validated contents of ``data/boilerplate.yaml``."""

    lines: tuple[LineRule, ...] = ()
    blocks: tuple[BlockRule, ...] = ()
    summaries: tuple[LineRule, ...] = ()
    links: tuple[LinkRule, ...] = ()

    def reason(self, rule_id: str, lang: str) -> str | None:
        """The reason of rule ``rule_id`` in ``lang`` ('zh' falls back to the English one), or None if no such rule."""
        for rule in (*self.lines, *self.blocks, *self.summaries, *self.links):
            if rule.id == rule_id:
                return (rule.reason_zh or rule.reason) if lang == "zh" else rule.reason
        return None


# --------------------------------------------------------------------------- rules file


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise schema.fail(f"bad regular expression ({exc}) in {{key}}", "correct it; single-quote it") from None
    return pattern


#: A Python regular expression (kept as text; compiled when the rules are built).
Regex = Annotated[Text, AfterValidator(_compiles)]
Positive = Annotated[int, Field(ge=1)]


class LineRuleEntry(schema.Section):
    """One rule under ``lines:``."""

    id: Text
    reason: Text
    reason_zh: Text | None = None
    pattern: Regex
    max_chars: Positive = 200


class BlockRuleEntry(schema.Section):
    """One rule under ``blocks:``."""

    id: Text
    reason: Text
    reason_zh: Text | None = None
    start: Regex
    end: Regex
    max_lines: Positive = 30


class LinkRuleEntry(schema.Section):
    """One rule under ``links:``."""

    id: Text
    reason: Text
    reason_zh: Text | None = None
    heading: Regex
    items: Regex
    max_lines: Positive = 10


class SummaryRuleEntry(schema.Section):
    """One rule under ``summaries:``."""

    id: Text
    reason: Text
    reason_zh: Text | None = None
    pattern: Regex


class BoilerplateFile(schema.Section):
    """The schema of ``data/boilerplate.yaml``; every key is described in ``data/defaults.yaml``."""

    lines: list[LineRuleEntry] | None = None
    blocks: list[BlockRuleEntry] | None = None
    summaries: list[SummaryRuleEntry] | None = None
    links: list[LinkRuleEntry] | None = None

    @model_validator(mode="after")
    def _ids_are_unique(self, info: ValidationInfo) -> BoilerplateFile:
        # In file order, so the message points at the later of the two.
        located = sorted(
            (schema.line_of(info, section, index) or 0, section, index, rule.id)
            for section in ("lines", "blocks", "summaries", "links")
            for index, rule in enumerate(getattr(self, section) or ())
        )
        seen: set[str] = set()
        for _, section, index, rule_id in located:
            if rule_id in seen:
                raise schema.fail(f"rule id {rule_id!r} is used twice", "rename one", at=(section, index, "id"))
            seen.add(rule_id)
        return self


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
    checked = schema.load(path, BoilerplateFile)
    return BoilerplateRules(
        tuple(LineRule(r.id, r.reason, re.compile(r.pattern), r.max_chars, r.reason_zh) for r in checked.lines or ()),
        tuple(
            BlockRule(r.id, r.reason, re.compile(r.start), re.compile(r.end), r.max_lines, r.reason_zh)
            for r in checked.blocks or ()
        ),
        tuple(LineRule(r.id, r.reason, re.compile(r.pattern), 200, r.reason_zh) for r in checked.summaries or ()),
        tuple(
            LinkRule(r.id, r.reason, re.compile(r.heading), re.compile(r.items), r.max_lines, r.reason_zh)
            for r in checked.links or ()
        ),
    )


def default_rules() -> BoilerplateRules:
    """The shipped rules, loaded on first use (not at import) and again only when the file changes."""
    return _rules_of(paths.file_state(paths.data_file("boilerplate.yaml")))


@functools.lru_cache(maxsize=2)
def _rules_of(state: tuple[tuple[str, int, int], ...]) -> BoilerplateRules:
    return load_boilerplate_rules()

