"""What cleaning does to an article file, in words, and how many lines each rule removed in this corpus.

The rules are the boilerplate rules the corpus was cleaned with; each is
shown by its reason (in the reader's language), the lines it may remove and
how many it removed here, never by its id.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from helpers.catalogue import text
from helpers.corpus.boilerplate import BoilerplateRules, default_rules
from helpers.langs import check_lang
from helpers.report.methods.html import heading, say
from helpers.report.tables.common import downloadable, present

if TYPE_CHECKING:
    from IPython.display import HTML

#: Longest example of a removed line shown, in characters.
EXAMPLE_CHARS = 30


def cleaning_section(articles: pd.DataFrame, lang: str, rules: BoilerplateRules | None = None) -> HTML:
    """The cleaning section (see :func:`cleaning_html`)."""
    from IPython.display import HTML

    return HTML(cleaning_html(articles, lang, rules))


def cleaning_html(articles: pd.DataFrame, lang: str, rules: BoilerplateRules | None = None) -> str:
    """The cleaning steps in words, what they removed from this corpus, and one row per rule."""
    check_lang(lang)
    removed = [item for items in articles["removed"] for item in items]
    return "".join([
        heading(2, "cleaning", text("methods.cleaning.heading", lang)),
        say("methods.cleaning.steps", lang),
        say("methods.cleaning.limits", lang),
        say("methods.cleaning.here", lang, lines=len(removed), n=len(articles),
            pinyin=int(articles["pinyin_removed"].sum())),
        rule_table(articles, lang, rules).page_html(),
    ])


@downloadable("cleaning-rules")
def rule_table(articles: pd.DataFrame, lang: str, rules: BoilerplateRules | None = None):
    """One row per rule: what it removes, which lines it may remove, lines removed here, an example (a Styler)."""
    check_lang(lang)
    rules = rules or default_rules()
    removed = [item for items in articles["removed"] for item in items]
    counts = Counter(str(item.get("rule", "")) for item in removed)
    example = {}
    for item in removed:
        example.setdefault(str(item.get("rule", "")), str(item.get("text", "")).strip())
    rows = []
    for kind, group in (("line", rules.lines), ("block", rules.blocks), ("link", rules.links),
                        ("summary", rules.summaries)):
        for rule in group:
            limit = rule.max_lines if kind in ("block", "link") else rule.max_chars  # a summary rule shows none
            shown = example.get(rule.id, "")
            rows.append({
                "what": rules.reason(rule.id, lang),
                "which": text(f"methods.cleaning.which_{kind}", lang, limit=limit),
                "count": counts.get(rule.id, 0),
                "example": (shown if len(shown) <= EXAMPLE_CHARS else shown[:EXAMPLE_CHARS - 1] + "…") or "—",
            })
    columns = ["what", "which", "count", "example"]
    frame = pd.DataFrame(rows, columns=columns)
    return present(frame.rename(columns={c: text(f"methods.header.{c}", lang) for c in columns}))
