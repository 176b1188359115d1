"""What the articles announced for after their publication, shown apart from the events they report.

A notice of 11 April announcing testing on 12–14 April, or a deadline (4月底前) still
running when it was published, dates plans, not events: the timeline and the events
table leave them out (:attr:`helpers.analysis.Analysis.announcements`), and a report
lists them below the events table, only when there is one.
"""

from __future__ import annotations

import pandas as pd

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.markup import markdown, markdown_heading, markdown_text
from helpers.report.tables.timeline import announcements_table


def show_announcements(announcements: pd.DataFrame, lang: str) -> None:
    """Display a heading, one sentence and the table of the announcements; nothing when there is none."""
    from IPython.display import display

    check_lang(lang)
    if announcements.empty:
        return
    display(markdown(markdown_heading(text("timeline.announcements_heading", lang), 3),
                     markdown_text(text("timeline.announcements_note", lang))))
    display(announcements_table(announcements, lang))
