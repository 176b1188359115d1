"""``corpus`` and ``check-seed``: what the system makes of the seed articles."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import HelpersError

if TYPE_CHECKING:  # the commands import the analysis when they run, not for `--help`
    from helpers.analysis.stored import StoredCorpus

# Columns printed by `corpus`, in this order (the long text_original and removal log are left out).
OUTPUT_COLUMNS = [
    "id", "path", "title", "title_provenance", "source", "source_provenance",
    "published", "published_provenance", "published_qualifier", "city", "city_en", "city_provenance",
    "genre", "genre_provenance",
    "encoding", "n_chars", "pinyin_removed", "duplicate_of", "warnings", "text",
    "url", "accessed", "title_en",
]

# What a terminal would act on instead of showing: C0 and C1 controls (ANSI escape sequences start
# with one), DEL, line and paragraph separators, direction overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``corpus`` and ``check-seed`` sub-commands."""
    corpus = subparsers.add_parser(
        "corpus",
        help="print every article as one JSON object per line",
        description="Read, clean and describe the seed articles; one JSON object per article on stdout, "
        "skipped files on stderr.",
    )
    corpus.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seeds folder (default: seeds/)")
    corpus.add_argument("--no-cache", action="store_true",
                        help="ignore and do not write the store of processed articles (a temporary one is used)")
    add_engine_option(corpus)
    corpus.set_defaults(func=run_corpus)

    check = subparsers.add_parser(
        "check-seed",
        help="show what the system makes of one new article",
        description="Encoding, title, source, date, city, genre, warnings, duplicates and the prevention measures "
        "found in one article file, compared with the seeds folder.  Exit status: 0 when the build would read "
        "the file, 2 when it would skip it (the reason is printed), 1 with --strict when there is any warning "
        "or duplicate.",
    )
    check.add_argument("file", type=Path, metavar="FILE", help="the article file to check")
    check.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seeds folder to compare with")
    check.add_argument("--strict", action="store_true",
                       help="exit 1 when there is any warning or duplicate (for CI); a file the build would skip "
                       "exits 2 either way")
    check.set_defaults(func=run_check_seed)


def add_engine_option(parser: argparse.ArgumentParser) -> None:
    """``--engine local|dask``: where the per-article work of the corpus stage runs."""
    from helpers.corpus.engine import ENGINE_VARIABLE, ENGINES, SCHEDULER_VARIABLE

    parser.add_argument(
        "--engine", choices=tuple(ENGINES), default=None,
        help=f"where articles are processed: local processes (default) or Dask (a LocalCluster of two workers, "
        f"or the scheduler at ${SCHEDULER_VARIABLE}); default ${ENGINE_VARIABLE} or local.  The output is the same",
    )


@contextlib.contextmanager
def stored_corpus(args: argparse.Namespace, use_store: bool = True) -> Iterator[StoredCorpus]:
    """The seeds folder of ``args`` processed into the store (a temporary one when ``use_store`` is False)."""
    from helpers.analysis.pipeline import process_corpus

    if use_store:
        yield process_corpus(args.seeds, engine=args.engine)
        return
    with tempfile.TemporaryDirectory(prefix="helpers-store-") as folder:
        yield process_corpus(args.seeds, engine=args.engine, store=folder)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown escaped (``\\x1b``), never acted on."""
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


def _plain(value: object) -> object:
    """JSON-ready value (numpy integers become int)."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value


def run_corpus(args: argparse.Namespace) -> int:
    """Print the corpus as JSON lines; report skipped files on stderr."""
    from helpers.catalogue import render

    with stored_corpus(args, use_store=not args.no_cache) as corpus:
        for articles in corpus.table("articles", OUTPUT_COLUMNS):  # one batch at a time
            for row in articles.to_dict("records"):
                record = {column: _plain(row[column]) for column in OUTPUT_COLUMNS}
                record["warnings"] = [render(warning, "en", analyst=True) for warning in record["warnings"]]
                print(json.dumps(record, ensure_ascii=False))
        for row in corpus.skipped.itertuples():
            print(printable(f"skipped: {row.file}: {row.reason}"), file=sys.stderr)
    return 0


def measures_found(record: dict) -> list[tuple[str, str, str, int]]:
    """The codebook measures coded in one article record, in codebook order.

    Parameters
    ----------
    record : dict
        An article record (:func:`helpers.corpus.articles.build_article`).

    Returns
    -------
    list of tuple
        ``(measure id, Chinese name, English name, hits)`` for every measure with at least one hit.
    """
    import pandas as pd

    from helpers.analysis.codebook import load_codebook
    from helpers.analysis.coding import code_sentences
    from helpers.corpus.sentences import sentences

    codebook = load_codebook()
    article = pd.DataFrame([{k: record[k] for k in ("id", "city", "text", "text_original")}])
    coded = code_sentences(sentences(article), codebook, genres={record["id"]: record["genre"]})
    hits = coded["measure"].value_counts()
    return [
        (measure_id, codebook.name(measure_id, "zh"), codebook.name(measure_id, "en"), int(hits[measure_id]))
        for measure_id in codebook.ids
        if measure_id in hits.index
    ]


def _genre_evidence(record: dict) -> str:
    """What decided an article's genre: ``[extracted: label 纪实 in the subtitle]``, ``[manual]`` or how to set it."""
    from helpers.corpus.genre import genre_of

    if record["genre_provenance"] == "manual":
        return "[manual]"
    found = genre_of(record["text"], [removed["text"] for removed in record["removed"]])
    if record["genre_provenance"] and found:
        return f"[{record['genre_provenance']}: {found[1]}]"
    return "(no label, byline or dispatch line says; set genre in metadata.yaml if you can tell)"


def run_check_seed(args: argparse.Namespace) -> int:
    """Describe one article file: metadata, duplicates, warnings and the measures it mentions.

    A file the build would skip (not a ``.txt`` file, a folder, a dangling
    link, unreadable, over the size limit, binary, not Chinese, a second file
    with the id of another in the seeds folder) is a one-line error saying so
    and why (exit 2); with ``--strict`` any warning or duplicate exits 1.
    """
    from helpers.catalogue import render
    from helpers.corpus import read_corpus
    from helpers.corpus.articles import build_article
    from helpers.corpus.duplicates import find_duplicate
    from helpers.corpus.limits import load_limits
    from helpers.corpus.manual import load_manual_metadata
    from helpers.corpus.reading import read_bytes
    from helpers.corpus.seeds import METADATA_FILE, check_seed_file, seed_files, skip_reason

    file: Path = args.file
    if not file.exists() and not file.is_symlink():
        raise HelpersError(f"{printable(str(file))}: file not found; give the path of an article file")
    seeds = args.seeds if args.seeds is not None else paths.seeds_dir()
    in_seeds = file.parent.resolve() == seeds.resolve()
    limits = load_limits()
    problems: list[str] = []
    try:
        check_seed_file(file, limits)
        manual = None
        if in_seeds:
            folder = seed_files(seeds, limits)
            skipped = dict(folder.skipped)
            if file.name in skipped:  # e.g. a.TXT beside a.txt: the folder decides which of the two is read
                raise HelpersError(f"{file.name}: {skipped[file.name]}")
            manual = load_manual_metadata(seeds / METADATA_FILE, problems=problems,
                                          article_ids=folder.ids).get(file.stem)
        record = build_article(read_bytes(file), file.stem, file.name, manual, limits=limits)
    except HelpersError as exc:
        raise HelpersError(
            printable(f"{file.name}: the build would skip this file: {skip_reason(str(exc), file.name)}")
        ) from None
    corpus = read_corpus(seeds)
    others = corpus.articles[corpus.articles["id"] != file.stem] if in_seeds else corpus.articles
    duplicate = find_duplicate(record["text"], others)
    print(f"file:        {printable(str(file))}")
    print(f"encoding:    {record['encoding']}")
    for field_name, label in (("title", "title"), ("source", "source"), ("published", "published"), ("city", "city")):
        value = record[field_name]
        provenance = record[f"{field_name}_provenance"]
        if field_name == "published" and record["published_qualifier"]:
            provenance = f"{provenance}, {record['published_qualifier']}"
        shown = "(none)" if value is None else value
        if field_name == "city":
            shown = f"{value} ({record['city_en']})"
        print(printable(f"{label + ':':<12} {shown}") + (f"  [{provenance}]" if provenance else ""))
    print(printable(f"genre:       {record['genre']}  {_genre_evidence(record)}"))
    print(f"characters:  {record['n_chars']}  (pinyin annotations removed: {record['pinyin_removed']})")
    print(f"removed:     {len(record['removed'])} boilerplate line(s)")
    for removed in record["removed"]:
        print(printable(f"  line {removed['line']}: {removed['rule']} ({removed['reason']}): {removed['text'][:60]}"))
    if duplicate:
        other, kind, score = duplicate
        print(f"duplicate:   {kind} duplicate of {other} (similarity {score:.2f})")
    else:
        print("duplicate:   none")
    warnings = [*problems, *record["warnings"]]
    print("warnings:" + ("" if warnings else "    none"))
    for warning in warnings:
        print(f"  - {printable(render(warning, 'en', analyst=True))}")
    found = measures_found(record)
    print(f"measures:    {len(found)} found" if found else "measures:    none found")
    width = max((len(measure_id) for measure_id, *_ in found), default=0)
    for measure_id, name_zh, name_en, hits in found:
        print(f"  {measure_id:<{width}}  {name_zh} / {name_en}: {hits}")
    return 1 if args.strict and (warnings or duplicate) else 0
