"""The schema layer: each data file is validated by its model; each problem is one line with file, line and fix."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from itertools import takewhile
from pathlib import Path

import pytest
from pydantic import BaseModel, RootModel

from helpers import catalogue, paths, schema
from helpers.analysis.codebook import CodebookFile, load_codebook
from helpers.analysis.inference import StatisticsFile, load_statistics
from helpers.analysis.reference_events import ReferenceEventsFile, load_reference_events
from helpers.catalogue import CatalogueFile
from helpers.corpus.boilerplate import BoilerplateFile, load_boilerplate_rules
from helpers.corpus.gazetteer import GazetteerFile, load_gazetteer
from helpers.corpus.limits import LimitsFile, load_limits
from helpers.corpus.manual import ManualEntry, load_manual_metadata
from helpers.errors import HelpersError
from helpers.text.gloss import GlossaryFile

ONE_LINE = re.compile(r"^[^,\n]+, line \d+: .+; fix: .+$")


def _load_catalogue(path: Path) -> CatalogueFile:
    return schema.load(path, CatalogueFile)


def _load_glossary(path: Path) -> GlossaryFile:
    return schema.load(path, GlossaryFile)


#: Data file -> its loader (the catalogue's reads only the shipped file, so its schema is loaded directly).
LOADERS = {
    "limits.yaml": load_limits,
    "gazetteer.yaml": load_gazetteer,
    "boilerplate.yaml": load_boilerplate_rules,
    "metadata.yaml": load_manual_metadata,
    "reference_events.yaml": load_reference_events,
    "codebook.yaml": load_codebook,
    "catalogue.yaml": _load_catalogue,
    "statistics.yaml": load_statistics,
    "glossary.yaml": _load_glossary,
}

#: Section of defaults.yaml -> the schema of that file.
SCHEMAS = {
    "limits.yaml": LimitsFile,
    "gazetteer.yaml": GazetteerFile,
    "boilerplate.yaml": BoilerplateFile,
    "metadata.yaml": dict[str, ManualEntry],
    "reference_events.yaml": ReferenceEventsFile,
    "codebook.yaml": CodebookFile,
    "catalogue.yaml": CatalogueFile,
    "statistics.yaml": StatisticsFile,
    "glossary.yaml": GlossaryFile,
}

GAZ = "national: {name: 全国, name_en: National}\ncities:\n  武汉:\n    name_en: Wuhan\n    province: 湖北\n"
RULE = "lines:\n  - id: x\n    reason: footer\n    pattern: '^a$'\n"
EVENT = (
    "events:\n  - id: a\n    start: 2020-01-23\n    name_zh: 封城\n    name_en: Closed\n    scope: 武汉\n"
    "    source: 通告\n"
)
MEASURE = (
    "measures:\n  - id: quarantine\n    name_zh: 隔离观察\n    name_en: Quarantine\n"
    "    definition: Home quarantine.\n    terms: [隔离, 居家隔离]\n"
)
ENTRY = "chart:\n  city:\n    zh: 城市\n    en: City\n"
ADD = "(defaults.yaml in src/helpers/data describes it)"
TEXT_FIX = "write text (quote it if YAML reads it as a number, date or yes/no)"
LIST_FIX = "write it as [a, b] or as lines starting with '- '"


def _terms(terms: str) -> str:
    return MEASURE.replace("[隔离, 居家隔离]", terms)


# (file, content, the one-line message): for every file an unknown key, a missing required key, a wrong
# type and each of its own cross-checks.
CASES = [
    # limits.yaml
    ("limits.yaml", "max_article_bytes: 1000000\nmax_words: 3\n",
     "line 2: unknown key 'max_words'; fix: remove it; allowed keys: max_article_bytes, published_from, "
     "published_to"),
    ("limits.yaml", "{}\n", f"line 1: max_article_bytes is missing; fix: add 'max_article_bytes:' {ADD}"),
    ("limits.yaml", "max_article_bytes: lots\n",
     "line 1: max_article_bytes must be a whole number of at least 1000, not 'lots'; "
     "fix: write a whole number of at least 1000"),
    ("limits.yaml", "max_article_bytes: 10\n",
     "line 1: max_article_bytes must be a whole number of at least 1000, not 10; "
     "fix: write a whole number of at least 1000"),
    # gazetteer.yaml
    ("gazetteer.yaml", GAZ + "    population: 11000000\n",
     "line 6: city 武汉: unknown key 'population'; fix: remove it; allowed keys: name_en, province, names, places"),
    ("gazetteer.yaml", "national: {name: 全国}\n" + GAZ.split("\n", 1)[1],
     f"line 1: national lacks name_en; fix: add 'name_en:' {ADD}"),
    ("gazetteer.yaml", GAZ.replace("    name_en: Wuhan\n", "").replace("武汉", "雄安"),
     "line 3: city 雄安 lacks name_en; fix: add 'name_en:' (a city the divisions dataset does not have needs both), "
     "or use the short name of a unit of the dataset (石家庄, 德宏)"),
    ("gazetteer.yaml", GAZ + "aliases: [宁德, 火星]\n",
     "line 6: alias 火星 is not the short name of a county, district or city; "
     "fix: remove it, or list it under the names or places of its city"),
    ("gazetteer.yaml", GAZ + "aliases: [通州]\n",
     "line 6: alias 通州 is the short name of places in 北京, 南通; "
     "fix: remove it, or list it under the names or places of its city"),
    ("gazetteer.yaml", GAZ + "    places: [江汉区, 汉]\n",
     "line 6: city 武汉: places item 2 must have at least two characters, not '汉'; "
     "fix: write the whole name (单县, not 单): one character would match inside many words"),
    ("gazetteer.yaml", GAZ + "    places: 江汉区\n",
     f"line 6: city 武汉: places must be a list, not '江汉区'; fix: {LIST_FIX}"),
    ("gazetteer.yaml", GAZ + "    places: [江汉区, 5]\n",
     f"line 6: city 武汉: places item 2 must be text, not 5; fix: {TEXT_FIX}"),
    ("gazetteer.yaml",
     GAZ + "    places: [江汉区]\n  孝感:\n    name_en: Xiaogan\n    province: 湖北\n    places: [江汉区]\n",
     "line 7: 江汉区 is listed under both 武汉 and 孝感; fix: keep it under one"),
    ("gazetteer.yaml", GAZ + "    places: [汉口]\nignore: [汉口]\n",
     "line 3: 汉口 is listed under 武汉 and under ignore; fix: keep it in one place"),
    # boilerplate.yaml
    ("boilerplate.yaml", RULE + "    colour: red\n",
     "line 5: unknown key 'colour'; fix: remove it; allowed keys: id, reason, reason_zh, pattern, max_chars"),
    ("boilerplate.yaml", "lines:\n  - id: x\n    pattern: a\n",
     f"line 2: lines item 1 lacks reason; fix: add 'reason:' {ADD}"),
    ("boilerplate.yaml", "lines: footer\n", f"line 1: lines must be a list, not 'footer'; fix: {LIST_FIX}"),
    ("boilerplate.yaml", RULE + "    max_chars: 0\n",
     "line 5: max_chars must be a whole number of at least 1, not 0; fix: write a whole number of at least 1"),
    ("boilerplate.yaml", "lines:\n  - id: x\n    reason: y\n    pattern: '[a'\n",
     "line 4: bad regular expression (unterminated character set at position 0) in pattern; "
     "fix: correct it; single-quote it"),
    ("boilerplate.yaml", RULE + "summaries:\n  - id: x\n    reason: y\n    pattern: b\n",
     "line 6: rule id 'x' is used twice; fix: rename one"),
    ("boilerplate.yaml", RULE.replace("reason: footer", "reason: '  '"),
     "line 3: reason must be non-empty text; fix: write the text, or leave out the key if it is optional"),
    # metadata.yaml (manual metadata)
    ("metadata.yaml", "a1:\n  title:\n    value: 战疫\n    note: x\n    source: y\n",
     "line 5: unknown key 'source'; fix: remove it; allowed keys: value, note"),
    ("metadata.yaml", "a1:\n  title:\n    note: x\n", f"line 2: title lacks value; fix: add 'value:' {ADD}"),
    ("metadata.yaml", "a1:\n  title:\n    value: 5\n    note: x\n",
     f"line 3: title value must be text, not 5; fix: {TEXT_FIX}"),
    ("metadata.yaml", "a1:\n  city:\n    value: 火星\n    note: x\n",
     "line 3: city '火星' is not in gazetteer.yaml; fix: add it there or use 全国"),
    ("metadata.yaml", "a1:\n  published:\n    value: spring\n    note: x\n",
     "line 3: published must be a date YYYY-MM-DD or null, not 'spring'; "
     "fix: write the date as YYYY-MM-DD, e.g. 2020-02-19, or null if it is not known"),
    ("metadata.yaml", "20200219:\n  title:\n    value: 战疫\n    note: x\n",
     "line 1: article id 20200219 must be a file stem such as 002_59e89cacb19e8f59; fix: quote it"),
    ("metadata.yaml", "a1: {}\n",
     "line 1: a1 needs one or more of title, source, published, city, genre, url, accessed, title_en; fix: add a field or remove the entry"),
    # reference_events.yaml
    ("reference_events.yaml", EVENT + "    colour: red\n",
     "line 8: event 'a': unknown key 'colour'; fix: remove it; "
     "allowed keys: id, start, end, name_zh, name_en, scope, cities, source, source_en, note"),
    ("reference_events.yaml", EVENT.replace("    scope: 武汉\n", ""),
     f"line 2: event 'a' lacks scope; fix: add 'scope:' {ADD}"),
    ("reference_events.yaml", EVENT + "    cities: 武汉\n",
     f"line 8: event 'a': cities must be a list, not '武汉'; fix: {LIST_FIX}"),
    ("reference_events.yaml", EVENT.replace("2020-01-23", "2020-13-45"),
     "line 3: event 'a': start must be a date YYYY-MM-DD, not '2020-13-45'; "
     "fix: write the date as YYYY-MM-DD, e.g. 2020-01-23"),
    ("reference_events.yaml", EVENT + "    end: 2020-01-01\n",
     "line 8: event 'a': end 2020-01-01 is before start 2020-01-23; fix: swap or fix them"),
    ("reference_events.yaml", EVENT + EVENT.split("events:\n")[1],
     "line 8: duplicate event id 'a' (first at line 2); fix: give each event its own id"),
    # codebook.yaml
    ("codebook.yaml", MEASURE + "    synonyms: [检疫]\n",
     "line 7: measure 'quarantine': unknown key 'synonyms'; fix: remove it; "
     "allowed keys: id, name_zh, name_en, definition, definition_zh, includes, excludes, examples, terms, actions, "
     "not_near, group_topic, exclude, includes_zh, excludes_zh, examples_en"),
    ("codebook.yaml", MEASURE.replace("    definition: Home quarantine.\n", ""),
     f"line 2: measure 'quarantine' lacks definition; fix: add 'definition:' {ADD}"),
    ("codebook.yaml", "window: ten\n" + MEASURE,
     "line 1: window must be a whole number of at least 1, not 'ten'; fix: write a whole number of at least 1"),
    ("codebook.yaml", MEASURE.replace("id: quarantine", "id: Quarantine"),
     "line 2: measure 'Quarantine': id is not snake_case ASCII; fix: use e.g. entry_control"),
    ("codebook.yaml", MEASURE + MEASURE.split("measures:\n")[1],
     "line 7: duplicate measure id 'quarantine' (first at line 2); fix: give each measure its own id"),
    ("codebook.yaml", _terms("[核酸, 核酸]"), "line 6: measure 'quarantine': term '核酸' listed twice; fix: keep one"),
    ("codebook.yaml", _terms("[]"), "line 6: measure 'quarantine': terms is empty; fix: add at least one"),
    ("codebook.yaml", _terms("\n      - term: 隔离\n        window: 5"),
     "line 7: measure 'quarantine': term '隔离' has a window but no near, not_near or label rule; "
     "fix: drop 'window:' or add a rule"),
    ("codebook.yaml", _terms("\n      - term: 隔离\n        near: [居家]\n        window: 0"),
     "line 9: measure 'quarantine': window must be a whole number of at least 1, not 0; "
     "fix: write a whole number of at least 1"),
    ("codebook.yaml", MEASURE + "    exclude: [隔离]\n",
     "line 6: measure 'quarantine': term '隔离' contains its own exclusion '隔离', so it can never match; "
     "fix: drop the term or narrow the exclusion"),
    ("codebook.yaml", MEASURE + "    exclude: [病毒]\n",
     "line 7: measure 'quarantine': exclusion '病毒' contains none of the measure's terms, so it never applies; "
     "fix: write the context around a term, e.g. 隔离病毒 for 隔离"),
    ("codebook.yaml", _terms("\n      - term: 隔离\n        not_near: [隔离点]"),
     "line 7: measure 'quarantine': term '隔离' and its not_near word '隔离点' overlap, so it can never match; "
     "fix: drop that not_near word"),
    ("codebook.yaml", _terms("['居家 隔离']"),
     "line 6: measure 'quarantine': term '居家 隔离' contains whitespace, which normalised text does not keep; "
     "fix: remove the spaces"),
    ("codebook.yaml", _terms("[隔離]"),
     "line 6: measure 'quarantine': term '隔離' is not in Simplified script, and text is matched after "
     "conversion to Simplified; fix: write '隔离'"),
    ("codebook.yaml", _terms("\n      - term: 隔离\n        near: [居家, 隔離]"),
     "line 8: measure 'quarantine': near/not_near word '隔離' is not in Simplified script, and text is matched "
     "after conversion to Simplified; fix: write '隔离'"),
    ("codebook.yaml", _terms("[隔离, 5]"), f"line 6: measure 'quarantine': term must be text, not 5; fix: {TEXT_FIX}"),
    ("codebook.yaml", _terms("\n      - term: 志愿者\n        label: true"),
     "line 7: measure 'quarantine': term '志愿者' is a label, but the measure has no actions, so it can never count; "
     "fix: add 'actions:' (what doing this measure looks like) or drop 'label: true'"),
    ("codebook.yaml", _terms("\n      - term: 隔离\n        match: whole"),
     "line 8: measure 'quarantine': match must be one of 'word' or 'substring', not 'whole'; "
     "fix: use one of 'word' or 'substring'"),
    ("codebook.yaml", _terms("\n      - term: 隔离\n        label: yes please"),
     "line 8: measure 'quarantine': label must be true or false, not 'yes please'; fix: write true or false"),
    ("codebook.yaml", MEASURE + "    actions: [上门, 隔離]\n",
     "line 7: measure 'quarantine': action '隔離' is not in Simplified script, and text is matched after "
     "conversion to Simplified; fix: write '隔离'"),
    ("codebook.yaml", "other_settings: [医院]\n" + MEASURE,
     "line 1: other_settings are given but no residential words, so every sentence naming one would be dropped; "
     "fix: add 'residential:' (社区, 小区, 居民 ...)"),
    ("codebook.yaml", "not_carried_out: [不再, '  ']\n" + MEASURE,
     "line 1: not_carried_out word '  ' has no letters or characters, so it can never match; fix: write a word"),
    ("codebook.yaml", MEASURE + "    examples:\n      counts: [居家隔離。]\n      does_not_count: [隔离带。]\n",
     "line 8: measure 'quarantine': example '居家隔離。' is not in Simplified script, and text is matched after "
     "conversion to Simplified; fix: write '居家隔离。'"),
    ("codebook.yaml", MEASURE + "    examples:\n      counts: [居家隔离。]\n",
     f"line 7: measure 'quarantine': examples lacks does_not_count; fix: add 'does_not_count:' {ADD}"),
    # catalogue.yaml
    ("catalogue.yaml", ENTRY + "    fr: Ville\n",
     "line 5: unknown key 'fr'; fix: remove it; an entry has zh, en and optionally terms"),
    ("catalogue.yaml", "chart:\n  city:\n    zh: 城市\n", "line 2: chart city lacks en; fix: add 'en:' with the text"),
    ("catalogue.yaml", "chart:\n  city:\n    zh: 城市\n    en: [City]\n",
     f"line 4: city en must be text, not ['City']; fix: {TEXT_FIX}"),
    ("catalogue.yaml", "chart:\n  city:\n    zh: '{city'\n    en: City\n",
     "line 3: city zh is not a valid template (expected '}' before end of string); "
     "fix: write {{ and }} for literal braces"),
    ("catalogue.yaml", "chart:\n  heading:\n    zh: '城市概况：{city}'\n    en: 'City profile: {city}'\n",
     "line 3: heading zh names a place as {city}; fix: write one of {city.name}, {city.coverage}, {city.profile}"),
    ("catalogue.yaml", "chart: {}\n",
     "line 1: chart is an empty group; fix: add entries (zh: ..., en: ...) or remove it"),
]


def _error(tmp_path: Path, file: str, content: str | bytes) -> str:
    path = tmp_path / file
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(HelpersError) as error:
        LOADERS[file](path)
    return str(error.value)


@pytest.mark.parametrize(("file", "content", "message"), CASES)
def test_each_problem_names_the_file_the_line_and_the_fix(tmp_path, file, content, message):
    assert _error(tmp_path, file, content) == f"{file}, {message}"


@pytest.mark.parametrize("file", LOADERS)
def test_every_data_loader_error_is_one_line_in_the_one_format(tmp_path, file):
    bad = [content for name, content, _ in CASES if name == file]
    bad += ["a: [\n", "a: 1\na: 2\n", "- a\n", "a: 1\n".encode("utf-16"), "x: 1\n# \xe4\n".encode("latin-1")]
    messages = [_error(tmp_path, file, content) for content in bad]
    if file != "metadata.yaml":  # no manual metadata file means no manual metadata
        with pytest.raises(HelpersError) as error:
            LOADERS[file](tmp_path / "nowhere" / file)
        messages.append(str(error.value))
    for message in messages:
        assert ONE_LINE.match(message), message
        assert message.startswith(f"{file}, line ") or message.startswith(str(tmp_path / "nowhere")), message


def test_syntax_errors_repeated_keys_and_encoding_use_the_one_format(tmp_path):
    assert _error(tmp_path, "limits.yaml", "a: 1\na: 2\n") == (
        "limits.yaml, line 2: key 'a' appears twice; fix: keep one"
    )
    assert _error(tmp_path, "limits.yaml", "a: [\n") == (
        "limits.yaml, line 2: not valid YAML (expected the node content, but found '<stream end>'); "
        "fix: check indentation, colons and quoting"
    )
    assert _error(tmp_path, "limits.yaml", "x: 1\n# caf\xe9\n".encode("latin-1")) == (
        "limits.yaml, line 2: not UTF-8 text; fix: re-save the file as UTF-8"
    )
    missing = tmp_path / "gone" / "limits.yaml"
    with pytest.raises(HelpersError) as error:
        load_limits(missing)
    assert str(error.value) == (
        f"{missing}, line 1: file not found; fix: create it, restore it from git or pass the right path"
    )


def test_manual_problems_mode_keeps_the_format_and_names_what_is_ignored(tmp_path):
    path = tmp_path / "metadata.yaml"
    path.write_text("a1:\n  title:\n    value: 5\n    note: x\na2:\n  title:\n    value: 战疫\n    note: y\n",
                    encoding="utf-8")
    problems: list[str] = []
    manual = load_manual_metadata(path, problems=problems)
    assert list(manual) == ["a2"]
    assert problems == [f"metadata.yaml, line 3: title value must be text, not 5; fix: {TEXT_FIX}; "
                        "the manual metadata of a1 is ignored until it is fixed"]


# --------------------------------------------------------------------------- the shipped files


def test_every_shipped_data_file_loads():
    assert load_limits().max_article_bytes >= 1000
    assert len(load_gazetteer().cities) >= 30
    rules = load_boilerplate_rules()
    assert rules.lines and rules.blocks and rules.summaries
    assert load_manual_metadata()
    assert len(load_reference_events()) >= 10
    assert len(load_codebook().measures) == 15
    catalogue._catalogue.cache_clear()
    assert "chart.city" in catalogue.keys()


@pytest.mark.parametrize("file", SCHEMAS)
def test_each_shipped_data_file_points_to_the_defaults_in_its_header(file):
    path = paths.seeds_dir() / file if file == "metadata.yaml" else paths.data_file(file)
    header = takewhile(lambda line: line.startswith("#"), path.read_text(encoding="utf-8").splitlines())
    assert any("defaults.yaml" in line for line in header)


# --------------------------------------------------------------------------- defaults.yaml


def _defaults() -> tuple[dict, dict[tuple, int], list[str]]:
    path = paths.data_file(schema.DEFAULTS_FILE)
    data, lines = schema.read_yaml(path)
    return data, lines, path.read_text(encoding="utf-8").splitlines()


def _unwrap(tp: object) -> object:
    """``X`` for ``Annotated[X, ...]`` and ``X | None``."""
    if typing.get_origin(tp) is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else tp
    return tp


def _placeholder(key: object) -> bool:
    return isinstance(key, str) and key.startswith("<") and key.endswith(">")


def _compare(tp: object, shown: object, where: str) -> list[str]:
    """Where the keys shown in defaults.yaml differ from those of the schema type ``tp``."""
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, RootModel):
        return _compare(tp.model_fields["root"].annotation, shown, where)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if not isinstance(shown, dict):
            return [f"{where}: expected the keys of {tp.__name__}"]
        fields = {field.alias or name: field for name, field in tp.model_fields.items()}
        keys = {key for key in shown if not _placeholder(key)}
        problems = []
        if tp.model_config.get("extra") == "allow":  # a catalogue node: an entry, or a group of placeholders
            extra = typing.get_type_hints(tp)["__pydantic_extra__"]
            for key in shown:
                if _placeholder(key):
                    problems += _compare(typing.get_args(extra)[1], shown[key], f"{where}.{key}")
            if keys and keys != set(fields):
                problems.append(f"{where}: shows {sorted(keys)}, the schema has {sorted(fields)}")
            return problems
        if keys != set(fields):
            problems.append(f"{where}: shows {sorted(keys)}, the schema has {sorted(fields)}")
        for key in keys & set(fields):
            problems += _compare(fields[key].annotation, shown[key], f"{where}.{key}")
            default = fields[key].default
            if isinstance(default, int) and not isinstance(default, bool) and shown[key] != default:
                problems.append(f"{where}.{key}: shows {shown[key]!r}, the default is {default!r}")
        return problems
    origin = typing.get_origin(tp)
    if origin is dict:
        if not isinstance(shown, dict) or len(shown) != 1 or not _placeholder(next(iter(shown))):
            return [f"{where}: expected one <placeholder> key"]
        key = next(iter(shown))
        return _compare(typing.get_args(tp)[1], shown[key], f"{where}.{key}")
    if origin is list:
        item = _unwrap(typing.get_args(tp)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            mappings = [entry for entry in shown if isinstance(entry, dict)] if isinstance(shown, list) else []
            if not mappings:
                return [f"{where}: expected a list showing one entry"]
            return [problem for entry in mappings for problem in _compare(item, entry, f"{where}[]")]
    return []


def test_defaults_lists_exactly_the_keys_of_every_schema():
    data, _, _ = _defaults()
    assert list(data) == list(SCHEMAS)
    problems = [problem for file, tp in SCHEMAS.items() for problem in _compare(tp, data[file], file)]
    assert not problems, problems


def test_every_key_in_defaults_has_a_comment():
    _, lines, text = _defaults()
    uncommented = sorted({line for line in lines.values() if "#" not in text[line - 1]})
    assert not uncommented, [text[line - 1] for line in uncommented]


def test_defaults_catches_a_key_the_schema_does_not_have():
    data, _, _ = _defaults()
    shown = dict(data["limits.yaml"], max_words=3)
    assert _compare(LimitsFile, shown, "limits.yaml") == [
        "limits.yaml: shows ['max_article_bytes', 'max_words', 'published_from', 'published_to'], "
        "the schema has ['max_article_bytes', 'published_from', 'published_to']"
    ]


# --------------------------------------------------------------------------- the schema layer itself


def test_a_missing_key_is_placed_at_its_enclosing_key_and_a_missing_top_level_key_at_line_1(tmp_path):
    assert _error(tmp_path, "gazetteer.yaml", "\n\nnational:\n  name: 全国\ncities: {}\n").startswith(
        "gazetteer.yaml, line 3: national lacks name_en;"
    )
    assert _error(tmp_path, "codebook.yaml", "# a comment\n\nwindow: 10\n").startswith(
        "codebook.yaml, line 1: measures is missing;"
    )


def test_an_impossible_date_stays_text_for_the_schema_to_report(tmp_path):
    data, lines = schema.parse_yaml("start: 2020-13-45\nend: 2020-01-02\n", "x.yaml")
    assert data == {"start": "2020-13-45", "end": dt.date(2020, 1, 2)}
    assert lines == {(): 1, ("start",): 1, ("end",): 2}


def test_a_date_written_as_text_is_still_a_date(tmp_path):
    path = tmp_path / "refs.yaml"
    path.write_text(EVENT.replace("2020-01-23", "'2020-01-23'"), encoding="utf-8")
    assert str(load_reference_events(path)["start"][0]) == "2020-01-23"


def test_yaml_tags_are_not_constructed(tmp_path):
    path = tmp_path / "limits.yaml"
    path.write_text("max_article_bytes: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"^limits\.yaml, line 1: not valid YAML \(.*\); fix: "):
        load_limits(path)
