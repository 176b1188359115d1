"""Stage 4, report: what readers see, in Chinese or English.

``markup`` (plain text as HTML or Markdown, escaped) → ``style`` (font,
colours, :class:`~helpers.report.style.Chart`, ``show``) → ``names``
(cities, measures, titles in the reader's language) → ``charts``,
``wordclouds``, ``tables`` and ``prose``.  Every string comes from
:mod:`helpers.catalogue`.  Notebooks import from here::

    from helpers.report import charts, paragraph, prose, show, tables, wordclouds
"""

from helpers.report import charts, prose, tables, wordclouds
from helpers.report.markup import paragraph
from helpers.report.style import show

__all__ = ["charts", "paragraph", "prose", "show", "tables", "wordclouds"]
