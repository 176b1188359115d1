"""Stage 4, report: what readers see, in Chinese or English.

``markup`` (plain text as HTML or Markdown, escaped) → ``style`` (font,
colours, :class:`~helpers.report.style.Chart`, ``show``) → ``names``
(cities, measures, groups and their n, titles in the reader's language) →
``charts``, ``wordclouds``, ``tables`` and ``prose`` → ``comparison`` (a
comparison of groups, its tests only when the sample allows them) and
``announcements`` (what articles announced for after publication, when any).  Every
string comes from :mod:`helpers.catalogue`.  Notebooks import from here::

    from helpers.report import charts, paragraph, prose, show, show_comparison, tables, wordclouds
"""

from helpers.report import charts, findings, prose, tables, wordclouds
from helpers.report.announcements import show_announcements
from helpers.report.comparison import show_comparison
from helpers.report.genre import show_genre_notes
from helpers.report.markup import paragraph
from helpers.report.style import show

__all__ = [
    "charts", "findings", "paragraph", "prose", "show", "show_announcements", "show_comparison", "show_genre_notes",
    "tables", "wordclouds",
]
