"""Synthetic corpora made from the seeds, shared by the benchmark and the tests.

``synthetic_corpus(seeds, n, folder)`` writes ``n`` distinct articles: each a
seed with a marked headline and one paragraph dropped (``variants``), or a
headline with paragraphs drawn from several seeds (``mixed``).  The same
random seed gives the same files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from helpers.errors import HelpersError

_SYNTHETIC_MARK = "基准样本"
_ONE_SEED_MARK = "（基准测试副本）"


def _seed_texts(seeds_dir: Path) -> list[tuple[str, str]]:
    """(stem, decoded text) of every article file in the seeds folder, sorted."""
    from helpers.corpus.reading import decode_bytes
    from helpers.corpus.seeds import ARTICLE_SUFFIX, METADATA_FILE

    texts = []
    for path in sorted(seeds_dir.iterdir()):
        if path.suffix.lower() != ARTICLE_SUFFIX or path.name == METADATA_FILE or path.name.startswith("."):
            continue
        texts.append((path.stem, decode_bytes(path.read_bytes(), path.name).text))
    if not texts:
        raise HelpersError(f"{seeds_dir}: no {ARTICLE_SUFFIX} articles to build a benchmark corpus from")
    return texts


def vary_article(text: str, index: int, rng: random.Random) -> str:
    """A variant of one article: the body paragraphs shuffled, one dropped, the index in the headline.

    The first line (headline) and the next two lines (source, date) stay in
    place so metadata is still found; the variant is a near duplicate of its
    seed but never an exact one.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    head, body = lines[:3], lines[3:]
    rng.shuffle(body)
    if len(body) > 4:
        body.pop(rng.randrange(len(body)))
    if head:
        head[0] = f"{head[0]}（{_SYNTHETIC_MARK}{index}）"
    return "\n\n".join(head + body) + "\n"


def sentence_article(head: list[str], pool: list[str], index: int, rng: random.Random, size: int = 24) -> str:
    """An article of ``size`` sentences drawn from every seed, four to a paragraph: like no other article."""
    body = rng.sample(pool, min(size, len(pool)))
    head = list(head)
    if head:
        head[0] = f"{head[0]}（{_SYNTHETIC_MARK}{index}）"
    return "\n\n".join(head + ["".join(body[i:i + 4]) for i in range(0, len(body), 4)]) + "\n"


def mixed_article(head: list[str], pool: list[str], index: int, rng: random.Random, size: int = 10) -> str:
    """An article of ``size`` paragraphs drawn from every seed: like none of them, so no near duplicate."""
    body = rng.sample(pool, min(size, len(pool)))
    head = list(head)
    if head:
        head[0] = f"{head[0]}（{_SYNTHETIC_MARK}{index}）"
    return "\n\n".join(head + body) + "\n"


SYNTHETIC_MODES = ("variants", "mixed", "cities", "sentences")
CITIES_NOTE = "synthetic benchmark corpus: the city is set here to spread the articles over many cities"


def spread_cities(count: int) -> list[str]:
    """``count`` cities of the gazetteer spread over the provinces (every k-th by division code), in code order."""
    from helpers.corpus.gazetteer import default_gazetteer

    cities = sorted((c for c in default_gazetteer().cities.values() if c.code), key=lambda c: c.code)
    if count > len(cities):
        raise HelpersError(f"the gazetteer has {len(cities)} cities; ask for at most that many")
    step = len(cities) / count
    return [cities[int(i * step)].name for i in range(count)]


def _city_metadata(stems: list[str], cities: list[str]) -> str:
    """``metadata.yaml`` giving article ``i`` the city ``i mod len(cities)``."""
    lines = [f"# {CITIES_NOTE}"]
    for index, stem in enumerate(stems):
        lines += [f"{stem}:", "  city:", f"    value: {cities[index % len(cities)]}", f'    note: "{CITIES_NOTE}"']
    return "\n".join(lines) + "\n"


def synthetic_corpus(seeds_dir: Path, n: int, target_dir: Path, seed: int = 0, mode: str = "variants",
                     cities: int = 50) -> list[Path]:
    """Write ``n`` synthetic articles built from the seed articles into ``target_dir``.

    Parameters
    ----------
    mode : str
        ``variants``: article ``i`` is a :func:`vary_article` variant of seed
        ``i mod k`` (a near duplicate of it).  ``mixed``: article ``i`` keeps the
        header lines of seed ``i mod k`` and takes paragraphs drawn from all seeds
        (:func:`mixed_article`), so articles are not near duplicates of each other
        and the duplicate check has to search the whole corpus for each.
        ``cities``: the articles of ``mixed``, spread over ``cities`` cities of
        the gazetteer (:func:`spread_cities`) by a ``metadata.yaml`` beside them.
        ``sentences``: as ``cities``, but each article's body is sentences drawn
        from all seeds (:func:`sentence_article`): far more combinations than
        paragraphs, so even 10,000 articles hold next to no near duplicate.

    Returns
    -------
    list of Path
        The files written, in order; no two hold the same text.
    """
    if mode not in SYNTHETIC_MODES:
        raise HelpersError(f"unknown synthetic corpus mode {mode!r}: use one of {', '.join(SYNTHETIC_MODES)}")
    sources = _seed_texts(seeds_dir)
    split = [[line for line in text.splitlines() if line.strip()] for _, text in sources]
    pool = [line for lines in split for line in lines[3:]]
    sentences = [s for line in pool for s in re.findall(r"[^。！？!?]+[。！？!?]", line)]
    target_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    width = len(str(max(n - 1, 0)))
    written = []
    for index in range(n):
        stem, text = sources[index % len(sources)]
        if mode == "variants":
            article = vary_article(text, index, rng)
        elif mode == "sentences":
            article = sentence_article(split[index % len(sources)][:3], sentences, index, rng)
        else:
            article = mixed_article(split[index % len(sources)][:3], pool, index, rng)
        path = target_dir / f"{index:0{width}d}_{stem}.txt"
        path.write_text(article, encoding="utf-8")
        written.append(path)
    if mode in ("cities", "sentences"):
        (target_dir / "metadata.yaml").write_text(_city_metadata([p.stem for p in written], spread_cities(cities)),
                                                  encoding="utf-8")
    return written


def one_seed_copy(seeds_dir: Path) -> tuple[str, str]:
    """(file name, text) of a new seed: the first seed with a few characters added to its longest line."""
    stem, text = _seed_texts(seeds_dir)[0]
    lines = text.splitlines()
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest] + _ONE_SEED_MARK
    return f"{stem}_bench_copy.txt", "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- snapshot and builds
