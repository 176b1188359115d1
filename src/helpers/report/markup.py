"""Plain text as a reader sees it: the one way helpers turns text into HTML or Markdown.

Every string helpers shows is plain text -- an article id, a title, a quote, a
city name, a caption or a paragraph put together from the catalogue -- and
must read exactly as its characters, whatever they are: a file named
``<img src=x onerror=alert(9)>.txt`` is shown under that name and never
becomes an image.  Text turns into markup here and nowhere else:

* HTML (the hand-built tables, the table of contents, the failure box):
  :func:`html_text` writes ``& < > " '`` as character references, safe both
  between tags and inside a quoted attribute value.
* Markdown (captions, headings and paragraphs displayed in a notebook, which
  nbconvert renders with mistune and JupyterLab with marked):
  :func:`markdown_text` puts a backslash before every ASCII punctuation
  character -- CommonMark lets any of them be escaped, and only they start
  markup (``* _ ` [ ] ( ) < > & # ! | ~ $ \\`` and the rest) -- and writes
  every run of spaces, tabs and line breaks as one space, as a browser would
  show it anyway, so no line can become a heading, a list or a code block.

Structure is added around escaped text by the functions below (a heading's
``#``, a caption's emphasis), never carried inside it.  Two renderers escape
the same five characters on their own (with markupsafe): pandas' ``Styler``
(``format(escape="html")`` in :mod:`helpers.report.tables.common`) and the
Jinja template of the index page (autoescape, :mod:`helpers.publish.index_page`).
"""

from __future__ import annotations

import html
import re
import string
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from IPython.display import Markdown

_MARKDOWN_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# What HTML and Markdown treat as white space; a no-break or ideographic space is a character.
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def html_text(text: object) -> str:
    """``text`` as HTML that shows exactly its characters, between tags or in a quoted attribute."""
    return html.escape(str(text), quote=True)


def markdown_text(text: object) -> str:
    r"""``text`` as Markdown that renders as exactly its characters, on one line.

    >>> markdown_text("*bold*  <b>")
    '\\*bold\\* \\<b\\>'
    """
    one_line = _WHITESPACE.sub(" ", str(text)).strip(" ")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line)


def markdown_heading(text: object, level: int = 1) -> str:
    """A Markdown heading of ``level`` (1-6) that reads exactly ``text``."""
    if not 1 <= level <= 6:
        raise ValueError(f"heading level {level}: Markdown has levels 1 to 6")
    return "#" * level + " " + markdown_text(text)


def markdown_emphasis(text: object) -> str:
    """``text`` in italics, as Markdown ("" for empty text: ``**`` would show as two stars)."""
    escaped = markdown_text(text)
    return f"*{escaped}*" if escaped else ""


def markdown(*blocks: str) -> Markdown:
    """Markdown blocks built by the functions above, as one notebook output, a blank line apart."""
    from IPython.display import Markdown

    return Markdown("\n\n".join(block for block in blocks if block))


def paragraph(text: object) -> Markdown:
    """A paragraph of plain text (a summary from :mod:`helpers.report.prose`) as a notebook output."""
    return markdown(markdown_text(text))
