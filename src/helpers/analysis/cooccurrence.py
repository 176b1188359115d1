"""Co-occurrence: which measures are described in the same sentence."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.codebook import Codebook, load_codebook


def cooccurrence(evidence: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Measure x measure counts of sentences that mention both.

    The diagonal is the number of sentences coded with the measure.

    Returns
    -------
    DataFrame
        Square, index and columns the measure ids in codebook order, integer cells.
    """
    codebook = codebook or load_codebook()
    coded = evidence[["id", "sentence_no", "measure"]].drop_duplicates()
    indicator = (
        coded.assign(one=1)
        .pivot_table(index=["id", "sentence_no"], columns="measure", values="one", fill_value=0, aggfunc="max")
        .reindex(columns=codebook.ids, fill_value=0)
    )
    m = indicator.to_numpy().astype(int)
    matrix = pd.DataFrame(m.T @ m, index=codebook.ids, columns=codebook.ids)
    matrix.index.name = "measure"
    return matrix


def cooccurrence_pairs(evidence: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Pairs of measures mentioned in the same sentence, strongest first.

    Returns
    -------
    DataFrame
        ``measure_a``, ``measure_b`` (codebook order), ``sentences`` (both),
        ``sentences_a``, ``sentences_b``, ``jaccard`` (both / either); only
        pairs that co-occur at least once.
    """
    codebook = codebook or load_codebook()
    matrix = cooccurrence(evidence, codebook)
    ids = codebook.ids
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            both = int(matrix.loc[a, b])
            if both == 0:
                continue
            na, nb = int(matrix.loc[a, a]), int(matrix.loc[b, b])
            rows.append(
                {
                    "measure_a": a,
                    "measure_b": b,
                    "sentences": both,
                    "sentences_a": na,
                    "sentences_b": nb,
                    "jaccard": both / (na + nb - both),
                }
            )
    out = pd.DataFrame(rows, columns=["measure_a", "measure_b", "sentences", "sentences_a", "sentences_b", "jaccard"])
    return out.sort_values(["sentences", "jaccard"], ascending=False, kind="stable").reset_index(drop=True)

