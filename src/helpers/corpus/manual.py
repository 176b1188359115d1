"""The manual metadata file (``seeds/metadata.yaml``): values the text does not carry, or carries wrongly.

The file maps an article id (the file stem) to the fields it fills or
corrects; each field is ``{value: ..., note: "where the value comes from"}``.
Manual values win over extracted ones (:func:`merge_metadata`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import paths
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.corpus.metadata import FIELDS, MANUAL, Value
from helpers.errors import HelpersError
from helpers.schema import read_yaml

ManualMetadata = dict[str, dict[str, Value]]


def load_manual_metadata(
    path: str | Path | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    problems: list[str] | None = None,
) -> ManualMetadata:
    """Load and validate the manual metadata file.

    The file maps an article id (the file stem) to the fields it fills or
    corrects; each field is ``{value: ..., note: "where the value comes from"}``.
    A missing file means no manual metadata.

    Parameters
    ----------
    path : str or Path, optional
        Default ``seeds/metadata.yaml``.
    gazetteer : Gazetteer, optional
        Used to check manual cities; default the shipped gazetteer.
    problems : list of str, optional
        When given, a malformed file does not raise: each problem is appended
        here as one line (``metadata.yaml, line 7: ...; ... ignored``) and only
        what it spoils is left out: the one article's entry, or the whole file
        when it is not valid YAML.  The corpus uses this so one typo in the
        manual file never stops every report.

    Returns
    -------
    dict
        Article id -> field -> :class:`Value` with provenance ``manual``
        (a ``null`` value is kept with provenance None: checked, not known).

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix (only when ``problems`` is None).
    """
    path = Path(path) if path is not None else paths.seeds_dir() / "metadata.yaml"
    if not path.exists():
        return {}
    name = path.name
    try:
        data, lines = read_yaml(path)
        if data is not None and not isinstance(data, dict):
            raise HelpersError(f"{name}, line 1: expected a mapping of article id (file stem) to its fields")
    except HelpersError as exc:
        if problems is None:
            raise
        problems.append(f"{exc}; all manual metadata is ignored until it is fixed")
        return {}
    if data is None:
        return {}
    result: ManualMetadata = {}
    for article_id, fields in data.items():
        try:
            result[article_id] = _manual_entry(article_id, fields, name, lines, gazetteer)
        except HelpersError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; the manual metadata of {article_id} is ignored until it is fixed")
    return result


def _manual_entry(
    article_id: object, fields: object, name: str, lines: dict[tuple, int], gazetteer: Gazetteer | None
) -> dict[str, Value]:
    """One validated entry of the manual metadata file."""
    where = f"{name}, line {lines.get((article_id,), 1)}"
    if not isinstance(article_id, str):
        raise HelpersError(f"{where}: article id {article_id!r} must be a file stem such as 002_59e89cacb19e8f59; quote it")
    if not isinstance(fields, dict) or not fields:
        raise HelpersError(f"{where}: {article_id} needs one or more of {', '.join(FIELDS)}")
    entry: dict[str, Value] = {}
    for field_name, spec in fields.items():
        line = lines.get((article_id, field_name), 1)
        if field_name not in FIELDS:
            raise HelpersError(f"{name}, line {line}: unknown field {field_name!r}; allowed: {', '.join(FIELDS)}")
        if not isinstance(spec, dict) or set(spec) - {"value", "note"} or "value" not in spec:
            raise HelpersError(f"{name}, line {line}: {field_name} must have exactly the keys value and note")
        note = spec.get("note")
        if not isinstance(note, str) or not note.strip():
            raise HelpersError(
                f"{name}, line {line}: {field_name} of {article_id} lacks a note; say where the value comes from"
            )
        raw = spec["value"]
        value_line = lines.get((article_id, field_name, "value"), line)
        if raw is None:
            entry[field_name] = Value(None, None, note.strip())
            continue
        if field_name == "published":
            raw = _manual_date(raw, f"{name}, line {value_line}")
        elif not isinstance(raw, str) or not raw.strip():
            raise HelpersError(f"{name}, line {value_line}: {field_name} value must be text or null")
        if field_name == "city":
            gaz = gazetteer or default_gazetteer()
            if raw != gaz.national and raw not in gaz.cities:
                raise HelpersError(
                    f"{name}, line {value_line}: city {raw!r} is not in gazetteer.yaml; add it there or use {gaz.national}"
                )
        entry[field_name] = Value(raw.strip() if isinstance(raw, str) else raw, MANUAL, note.strip())
    return entry


def _manual_date(raw: object, where: str) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            pass
    raise HelpersError(f"{where}: published must be a date YYYY-MM-DD or null, not {raw!r}")


def merge_metadata(extracted: dict[str, Value], manual: dict[str, Value] | None) -> dict[str, Value]:
    """Manual values win over extracted ones; a manual ``null`` leaves the extracted value."""
    merged = dict(extracted)
    for field_name, value in (manual or {}).items():
        if value.value is not None:
            merged[field_name] = value
    return merged
