"""How well the coding agrees with coding by hand: the seeds' gold standard and the articles written for the project.

The figures are computed when the report is built, from the gold files
(``tests/gold/``: the merged gold standard ``seeds.yaml`` and the two readings
it merges; ``tests/heldout/``: articles with their own ``gold.yaml``, the
development set; ``tests/heldout121/`` and ``tests/heldout122/``: articles set aside
until the coding was finished, measured blind, one set written around the
definitions' traps and one like ordinary coverage), as
``python -m helpers validate`` computes them; what the page says about who
coded and how the sets were used is in the catalogue.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers import paths
from helpers.analysis.validation import OVERALL, agreement, compare, load_gold, presence, validate_articles
from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.methods.html import heading, say
from helpers.report.names import short_label
from helpers.report.tables.common import downloadable, present

if TYPE_CHECKING:
    from IPython.display import HTML

    from helpers.analysis.facade import Analysis

GOLD_FILE = "seeds.yaml"
READINGS = ("reading_a.yaml", "reading_b.yaml")
_RATIOS = ("precision", "recall", "f1", "specificity")


def validation_section(analysis: Analysis, lang: str, gold: str | Path | None = None,
                       heldout: str | Path | None = None, blind: str | Path | None = None,
                       ordinary: str | Path | None = None) -> HTML:
    """The validation section (see :func:`validation_html`)."""
    from IPython.display import HTML

    return HTML(validation_html(analysis, lang, gold, heldout, blind, ordinary))


def validation_html(analysis: Analysis, lang: str, gold: str | Path | None = None,
                    heldout: str | Path | None = None, blind: str | Path | None = None,
                    ordinary: str | Path | None = None) -> str:
    """The coding against the seeds' gold standard, then against the articles written for the project.

    Parameters
    ----------
    analysis
        The analysis of the corpus the report describes.
    gold
        Folder of the seeds' hand coding (``seeds.yaml``, ``reading_a.yaml``, ``reading_b.yaml``);
        default ``tests/gold``.
    heldout
        Folder of a validation set (``articles/``, ``gold.yaml``); default ``tests/heldout``.
    blind, ordinary
        Folders of the two validation sets nobody tuned the rules to: written around the
        definitions' traps (default ``tests/heldout121``) and like ordinary coverage (default
        ``tests/heldout122``).
    """
    check_lang(lang)
    gold_dir = Path(gold) if gold is not None else paths.gold_dir()
    heldout_dir = Path(heldout) if heldout is not None else paths.heldout_dir()
    blind_dir = Path(blind) if blind is not None else paths.blind_dir()
    ordinary_dir = Path(ordinary) if ordinary is not None else paths.ordinary_blind_dir()
    return "".join([
        heading(2, "validation", text("methods.validation.heading", lang)),
        say("methods.validation.intro", lang),
        heading(3, "validation-seeds", text("methods.validation.seeds_heading", lang)),
        _seeds(analysis, gold_dir, lang),
        heading(3, "validation-heldout", text("methods.validation.heldout_heading", lang)),
        _heldout(heldout_dir, analysis, lang),
        heading(3, "validation-blind", text("methods.validation.blind_heading", lang)),
        say("methods.validation.blind_about", lang),
        heading(4, "validation-blind-traps", text("methods.validation.blind_traps_heading", lang)),
        _heldout(blind_dir, analysis, lang, about="blind_traps_about", caveat=None, download="blind-traps"),
        heading(4, "validation-blind-ordinary", text("methods.validation.blind_ordinary_heading", lang)),
        _heldout(ordinary_dir, analysis, lang, about="blind_ordinary_about", caveat=None, download="blind-ordinary"),
        say("methods.validation.blind_caveat", lang),
    ])


def _seeds(analysis: Analysis, gold_dir: Path, lang: str) -> str:
    merged = gold_dir / GOLD_FILE
    if not merged.is_file():
        return say("methods.validation.unavailable", lang)
    codebook = analysis.codebook
    parts = []
    readings = [gold_dir / name for name in READINGS]
    if all(path.is_file() for path in readings):
        agreed = agreement(*(load_gold(path, codebook) for path in readings))
        parts.append(say("methods.validation.readers", lang, decided=agreed.decided, agreed=agreed.agreed,
                         undecided=agreed.undecided))
    gold_cells = load_gold(merged, codebook)
    table = seed_scores(analysis, gold_cells)
    if table is None:
        return "".join([*parts, say("methods.validation.no_gold_articles", lang)])
    overall = table[table["measure"] == OVERALL].iloc[0]
    covered = len(set(gold_cells["id"]) & set(analysis.articles["id"]))
    if covered < len(analysis.articles):
        parts.append(say("methods.validation.coverage", lang, covered=covered, n=len(analysis.articles)))
    return "".join([*parts, _figures(overall, lang), say("methods.validation.seeds_caveat", lang),
                    measure_scores(table, analysis, lang, "seeds").page_html()])


def seed_scores(analysis: Analysis, gold_cells: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The coding of ``analysis`` against the seeds' gold standard, per measure and overall (``compare``'s table).

    ``gold_cells`` default to ``seeds.yaml`` in :func:`helpers.paths.gold_dir`; None when there is no
    such file or no article of the analysis in it.
    """
    if gold_cells is None:
        merged = paths.gold_dir() / GOLD_FILE
        if not merged.is_file():
            return None
        gold_cells = load_gold(merged, analysis.codebook)
    table = compare(presence(analysis.articles, analysis.evidence, analysis.codebook), gold_cells,
                    analysis.codebook.ids)
    return table if table[table["measure"] == OVERALL].iloc[0]["articles"] else None


def _heldout(folder: Path, analysis: Analysis, lang: str, *, about: str = "heldout_about",
             caveat: str | None = "heldout_caveat", download: str = "heldout") -> str:
    gold = folder / "gold.yaml"
    if not (folder / "articles").is_dir() or not gold.is_file():
        return say("methods.validation.unavailable", lang)
    n_articles = load_gold(gold, analysis.codebook)["id"].nunique()
    table = validate_articles(folder / "articles", gold)
    overall = table[table["measure"] == OVERALL].iloc[0]
    return "".join([say(f"methods.validation.{about}", lang, n=n_articles), _figures(overall, lang),
                    say(f"methods.validation.{caveat}", lang) if caveat else "",
                    measure_scores(table, analysis, lang, download).page_html()])


def score(value: object) -> str:
    """A ratio with two decimals, ``—`` where it is undefined (no article to compute it from)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{float(value):.2f}"


def _figures(overall: pd.Series, lang: str) -> str:
    return say("methods.validation.figures", lang, cells=int(overall["articles"]),
               **{name: score(overall[name]) for name in (*_RATIOS, "alpha")},
               tp=int(overall["tp"]), fp=int(overall["fp"]), fn=int(overall["fn"]), tn=int(overall["tn"]))


@downloadable("validation-{articles}")
def measure_scores(table: pd.DataFrame, analysis: Analysis, lang: str, articles: str = "seeds"):
    """Per measure: the articles compared and the four ratios, as readers see them (a Styler).

    ``articles`` names the articles compared ("seeds", "heldout", "blind-traps", "blind-ordinary") in the CSV file name.
    """
    names = {mid: short_label(name) for mid, name in analysis.codebook.names(lang).items()}
    names[OVERALL] = text("methods.validation.all_measures", lang)
    rows = pd.DataFrame({
        text("methods.header.measure", lang): table["measure"].map(names),
        text("methods.header.articles", lang): table["articles"].astype(int),
        **{text(f"methods.header.{name}", lang): table[name].map(score) for name in _RATIOS},
    })
    return present(rows)
