"""jieba's word list (``jieba/dict.txt``): general Chinese words with their frequency and part-of-speech tag.

The list keyness weighs a city's words against (:mod:`helpers.text.reference`), and the gazetteer asks
whether a short place name is also an ordinary word (:func:`helpers.corpus.divisions.standalone_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: One entry: word, frequency, optional tag (MULTILINE, so a whole file can be matched at once).
ENTRY = re.compile(r"^[ \t]*(\S+)[ \t]+(\d+)(?:[ \t]+(\S+))?[ \t]*\r?$", re.MULTILINE)


def jieba_dictionary() -> Path:
    """The path of jieba's bundled dictionary (``dict.txt``)."""
    import jieba  # noqa: PLC0415  (only its file is read)

    return Path(jieba.__file__).parent / "dict.txt"


def general_entries(words: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Frequency and tag of each of ``words`` the list has (a word listed twice: frequencies added, first tag);
    one pass over the file for a few words, where :func:`helpers.text.reference.general_words` builds the table."""
    wanted = set(words)
    found: dict[str, tuple[int, str]] = {}
    for line in jieba_dictionary().read_text(encoding="utf-8").splitlines():
        if line.partition(" ")[0].strip() in wanted and (entry := ENTRY.match(line)):
            word, frequency, tag = entry.groups()
            previous = found.get(word)
            found[word] = (int(frequency) + (previous[0] if previous else 0), previous[1] if previous else tag or "x")
    return found
