"""What readers are told about genre: its name, and the sentence beside a group no report speaks for.

A comparison of cities (or years) treats each group's articles as what the
group did.  A commentary argues what should be done; a notice says what must
be done; neither reports what was done.  So a group whose articles include no
report (a news report, a feature or an interview, :data:`REPORTING`) gets a
sentence saying so (:func:`genre_note`), and a commentary is never silently a
city's only voice.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.names import city_name

#: The genres that report what was done (a group with one of them needs no note).
REPORTING = ("news", "feature", "interview")


def genre_name(genre: object, lang: str) -> str:
    """The genre's name in ``lang`` (``commentary`` -> 评论); a missing genre is ``unknown``."""
    known = genre if isinstance(genre, str) and genre else "unknown"
    return text(f"genre.{known}", check_lang(lang))


def genre_note(articles: pd.DataFrame, group: str, lang: str) -> str | None:
    """The sentence to show beside a group whose articles include no report, or None.

    Parameters
    ----------
    articles : DataFrame
        The group's articles (a ``genre`` column, as in ``read_corpus(...).articles``).
    group : str
        The group's name as the page shows it (``武汉``, ``Wuhan``, ``2020``).
    lang : str
        ``zh`` or ``en``.

    Returns
    -------
    str or None
        Plain text (show it with :func:`helpers.report.markup.paragraph`): that
        the group's only article, or all of them, are commentary, a notice or of
        unknown genre and so report nothing done; None when at least one
        article is a news report, a feature or an interview, or there is none.
    """
    check_lang(lang)
    genres = [genre if isinstance(genre, str) and genre else "unknown" for genre in articles["genre"]]
    if not genres or any(genre in REPORTING for genre in genres):
        return None
    n, kinds = len(genres), sorted(set(genres), key=genres.index)
    if kinds == ["commentary"]:
        key = "genre_note.one_commentary" if n == 1 else "genre_note.all_commentary"
        return text(key, lang, group=group, n=n)
    if n == 1:
        if kinds == ["unknown"]:
            return text("genre_note.one_unknown", lang, group=group)
        return text("genre_note.one_other", lang, group=group, genre=genre_name(kinds[0], lang))
    counts = text("genre_note.separator", lang).join(
        text("genre_note.count", lang, genre=genre_name(kind, lang), count=genres.count(kind)) for kind in kinds
    )
    return text("genre_note.none_reporting", lang, group=group, n=n, genres=counts)


def genre_notes(
    articles: pd.DataFrame, lang: str, by: str = "city", names: Mapping[object, str] | None = None
) -> dict[object, str]:
    """Group -> :func:`genre_note`, for every group of ``articles`` that needs one, in group order.

    ``by`` is the column to group by (``city``, or one the caller adds, such as a year);
    ``names`` maps a group to its name on the page (default: the city's name in ``lang``
    when grouping by city, else the group as written).
    """
    check_lang(lang)
    notes = {}
    for group, rows in articles.groupby(by, sort=True):
        if names is not None and group in names:
            name = names[group]
        else:
            name = city_name(str(group), lang) if by == "city" else str(group)
        note = genre_note(rows, name, lang)
        if note is not None:
            notes[group] = note
    return notes


def show_genre_notes(
    articles: pd.DataFrame, lang: str, by: str = "city", names: Mapping[object, str] | None = None
) -> None:
    """Display :func:`genre_notes` as paragraphs, one per group that needs one (nothing otherwise)."""
    from IPython.display import display

    from helpers.report.markup import paragraph

    for note in genre_notes(articles, lang, by=by, names=names).values():
        display(paragraph(note))
