"""Where token-level and substring matching of the codebook disagree (a check on the coding, not a report)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.analysis.codebook import Codebook, load_codebook
from helpers.analysis.coding import code_measure, occurrences


def default_tokenize(codebook: Codebook) -> Callable[[str], list[str]]:
    """The project tokenizer, with the codebook terms in its user dictionary."""
    from helpers.text.segment import get_tokenizer, tokenize

    tokenizer = get_tokenizer(extra_words=codebook.all_terms())
    return lambda text: tokenize(text, tokenizer)


DIAGNOSTIC_COLUMNS = [
    "id",
    "city",
    "sentence_no",
    "measure",
    "term",
    "start",
    "end",
    "substring_match",
    "token_match",
    "tokens",
    "reason",
    "sentence",
]


def token_disagreements(
    sentences: pd.DataFrame,
    codebook: Codebook | None = None,
    tokenize: Callable[[str], list[str]] | None = None,
) -> pd.DataFrame:
    """Occurrences of codebook terms where token-level and substring matching disagree.

    Token-level matching counts a term where the tokenizer produced exactly that
    token; the codebook's substring matching counts it where
    :func:`code_sentences` does.  A row appears when only one of them counts
    an occurrence: the term sits inside a longer token or across a token
    boundary (substring only), or a rule dropped a token that equals the term
    (token only).

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``sentence_no``, ``measure``, ``term``, ``start``,
        ``end`` (offsets in the article's ``text``), ``substring_match``,
        ``token_match``, ``tokens`` (the tokens covering the span, joined by
        ``/``), ``reason``, ``sentence``.
    """
    codebook = codebook or load_codebook()
    tokenize = tokenize or default_tokenize(codebook)
    rows = []
    for row in sentences.itertuples(index=False):
        tokens = tokenize(row.sentence)
        spans, pos = [], 0
        for tok in tokens:  # located in order, so a tokenizer may drop whitespace
            found = row.sentence.find(tok, pos)
            if found == -1:
                continue
            spans.append((found, found + len(tok), tok))
            pos = found + len(tok)
        token_spans = {(s, e) for s, e, _ in spans}
        for measure in codebook.measures:
            counted, dropped = code_measure(row.sentence, measure)
            counted_keys = {(o.start, o.end, o.rule.term) for o in counted}
            for rule in measure.terms:
                for s, e in occurrences(row.sentence, rule.term):
                    key = (s, e, rule.term)
                    substring = key in counted_keys
                    token = (s, e) in token_spans
                    if substring == token:
                        continue
                    covering = [t for ts, te, t in spans if te > s and ts < e]
                    if substring:
                        if len(covering) == 1:
                            reason = f"inside the longer token {covering[0]!r}"
                        else:
                            reason = "split across tokens " + "/".join(covering)
                    else:
                        reason = dropped.get(key, "not counted")
                    rows.append(
                        {
                            "id": row.id,
                            "city": row.city,
                            "sentence_no": int(row.sentence_no),
                            "measure": measure.id,
                            "term": rule.term,
                            "start": int(row.start) + s,
                            "end": int(row.start) + e,
                            "substring_match": substring,
                            "token_match": token,
                            "tokens": "/".join(covering),
                            "reason": reason,
                            "sentence": row.sentence,
                        }
                    )
    return pd.DataFrame(rows, columns=DIAGNOSTIC_COLUMNS)
