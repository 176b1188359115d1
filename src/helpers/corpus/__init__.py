"""Stage 1, the corpus: raw seed files in; clean, dated, located articles and their sentences out.

``seeds`` (which files are articles) → ``reading`` (encodings) → ``cleaning`` with ``boilerplate`` rules → ``metadata``
(with ``gazetteer``, ``manual`` metadata and ``limits``) → ``duplicates`` →
``sentences``; ``articles`` runs them all and caches each article by content.
"""

from helpers.corpus.articles import Corpus, load_corpus, read_corpus

__all__ = ["Corpus", "load_corpus", "read_corpus"]
