"""The boilerplate rules (``data/boilerplate.yaml``): which lines of a page are not the article.

Line rules drop one line, block rules a run of lines from a start to an end
pattern, summary rules a lead paragraph that repeats the body.  Each rule has
an id and a reason (English, and ``reason_zh`` for the Chinese reports).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError
from helpers.schema import read_yaml


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

