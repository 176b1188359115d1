"""The manual metadata file (``seeds/metadata.yaml``): values the text does not carry, or carries wrongly.

The file maps an article id (the file stem) to the fields it fills or
corrects; each field is ``{value: ..., note: "where the value comes from"}``.
Manual values win over extracted ones (:func:`merge_metadata`).  Two fields
only this file gives, since a saved page rarely carries them: ``url``, the
article's web address, and ``accessed``, the day it was read there
(:data:`CITATION_FIELDS`), so the methods report can cite each source.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, RootModel, ValidationInfo, field_validator, model_validator

from helpers import paths, schema
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.corpus.genre import GENRES
from helpers.corpus.metadata import DATE_QUALIFIERS, FIELDS, MANUAL, Value
from helpers.errors import HelpersError
from helpers.schema import Text

ManualMetadata = dict[str, dict[str, Value]]
#: Fields that cite where an article was read (web address, day of access): never extracted, only given here.
CITATION_FIELDS = ("url", "accessed")


def _date_text(raw: object) -> str | None:
    """``raw`` (a YAML date or ``YYYY-MM-DD`` text) as ISO text, or None if it is no date."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            pass
    return None


def _iso_date(raw: object) -> object:
    date = _date_text(raw)
    if date is None:
        raise schema.fail(f"published must be a date YYYY-MM-DD or null, not {raw!r}",
                          "write the date as YYYY-MM-DD, e.g. 2020-02-19, or null if it is not known")
    return date


def _access_date(raw: object) -> object:
    date = _date_text(raw)
    if date is None:
        raise schema.fail(f"accessed must be a date YYYY-MM-DD or null, not {raw!r}",
                          "write the day the page was read as YYYY-MM-DD, e.g. 2024-05-01, or null if not known")
    return date


class TextValue(schema.Section):
    """A manual ``title`` or ``source``: the value (null = checked, not known) and where it comes from."""

    value: Text | None
    note: Text


class DateValue(TextValue):
    """A manual ``published`` date, read as ``YYYY-MM-DD`` (a YAML date or text), and how sure it is.

    ``qualifier`` says what the date is when it is not the day itself: ``on_or_after``
    (the earliest possible day, e.g. the last day the text reports), ``on_or_before``
    (the latest possible day) or ``approximate``.  Reports mark such dates wherever
    they show them (:data:`helpers.corpus.metadata.DATE_QUALIFIERS`).
    """

    value: Annotated[str, BeforeValidator(_iso_date)] | None
    qualifier: Literal[DATE_QUALIFIERS] | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _qualifies_a_date(self) -> DateValue:
        if self.qualifier is not None and self.value is None:
            raise schema.fail(f"qualifier {self.qualifier} qualifies no date (value is null)",
                              "give the date as value, or remove the qualifier", at=("qualifier",))
        return self


class CityValue(TextValue):
    """A manual ``city``: a city of the gazetteer (the validation context's, or the shipped one) or 全国."""

    @field_validator("value")
    @classmethod
    def _in_gazetteer(cls, value: str | None, info: ValidationInfo) -> str | None:
        gazetteer = (info.context or {}).get("gazetteer") or default_gazetteer()
        if value is not None and value != gazetteer.national and value not in gazetteer.cities:
            raise schema.fail(f"city {value!r} is not in gazetteer.yaml", f"add it there or use {gazetteer.national}")
        return value


class GenreValue(TextValue):
    """A manual ``genre``: one of :data:`helpers.corpus.genre.GENRES` (null: checked, not known)."""

    @field_validator("value")
    @classmethod
    def _a_genre(cls, value: str | None) -> str | None:
        if value is not None and value.strip() not in GENRES:
            raise schema.fail(f"genre must be one of {', '.join(GENRES)}, not {value!r}",
                              f"write one of {', '.join(GENRES)}, or null if it cannot be told")
        return value


class UrlValue(TextValue):
    """A manual ``url``: the article's web address (http or https), where it was read."""

    @field_validator("value")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        address = value.strip()
        if not address.startswith(("http://", "https://")) or any(ch.isspace() for ch in address):
            raise schema.fail(f"url must be a web address starting with http:// or https://, not {value!r}",
                              "copy the article's address from the browser, or write null if it is not known")
        return address


class AccessedValue(TextValue):
    """A manual ``accessed``: the day the article was read at its ``url``, ``YYYY-MM-DD``."""

    value: Annotated[str, BeforeValidator(_access_date)] | None


class ManualEntry(schema.Section):
    """The fields one article's entry fills or corrects; see ``data/defaults.yaml``."""

    # Absent is None; an explicit ``title: null`` is an error (null belongs in ``value:``).
    title: TextValue = None  # type: ignore[assignment]
    source: TextValue = None  # type: ignore[assignment]
    published: DateValue = None  # type: ignore[assignment]
    city: CityValue = None  # type: ignore[assignment]
    genre: GenreValue = None  # type: ignore[assignment]
    url: UrlValue = None  # type: ignore[assignment]
    accessed: AccessedValue = None  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _an_article_with_fields(cls, data: Any, info: ValidationInfo) -> Any:
        article_id = (info.context or {}).get("article")
        if not isinstance(article_id, str):
            raise schema.fail(f"article id {article_id!r} must be a file stem such as 002_59e89cacb19e8f59",
                              "quote it")
        if not isinstance(data, dict) or not data:
            raise schema.fail(f"{article_id} needs one or more of {', '.join(FIELDS + CITATION_FIELDS)}",
                              "add a field or remove the entry")
        return data

    @model_validator(mode="after")
    def _accessed_where(self) -> ManualEntry:
        accessed = self.accessed is not None and self.accessed.value is not None
        if accessed and (self.url is None or self.url.value is None):
            raise schema.fail("accessed is the day the article was read at its url, but no url is given",
                              "add 'url:' with the web address, or remove 'accessed:'", ("accessed",))
        return self


class ManualFile(RootModel[dict[Any, Any]]):
    """The manual metadata file: article id -> its entry (each validated on its own, see :class:`ManualEntry`)."""

    model_config = ConfigDict(strict=True)


def load_manual_metadata(
    path: str | Path | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    problems: list[str] | None = None,
    article_ids: Collection[str] | None = None,
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
        here as one line (``metadata.yaml, line 7: ...; fix: ...; ... ignored``)
        and only what it spoils is left out: the one article's entry, or the
        whole file when it is not valid YAML.  The corpus uses this so one typo
        in the manual file never stops every report.
    article_ids : collection of str, optional
        The ids of the articles in the folder; when given, an entry for any
        other id is a problem (a typo in the id, or an article renamed or
        removed) and is left out.

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
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        if not path.exists():
            raise schema.data_error(path.name, 1, f"a link to {os.readlink(path)}, which does not exist",
                                    "point the link at the manual metadata file or remove it")
        data, lines = schema.read_yaml(path)
        entries = schema.validate(data, ManualFile, lines, path.name).root
    except HelpersError as exc:
        if problems is None:
            raise
        problems.append(f"{exc}; all manual metadata is ignored until it is fixed")
        return {}
    result: ManualMetadata = {}
    for article_id, fields in entries.items():
        if article_ids is not None and isinstance(article_id, str) and article_id not in article_ids:
            problem = schema.data_error(
                path.name, lines.get((article_id,), 1), f"no article {article_id!r} in the seeds folder "
                f"(no file {article_id}.txt)", "correct the id (the article's file name without .txt) or remove "
                "the entry; until then it is ignored")
            if problems is None:
                raise problem
            problems.append(str(problem))
            continue
        # One entry at a time, so a bad one is left out and the rest still applies.
        try:
            entry = schema.validate(fields, ManualEntry, lines, path.name, prefix=(article_id,),
                                    context={"gazetteer": gazetteer, "article": article_id})
        except HelpersError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; the manual metadata of {article_id} is ignored until it is fixed")
            continue
        result[article_id] = {name: _value(getattr(entry, name)) for name in fields}
    return result


def _value(checked: TextValue) -> Value:
    note = checked.note.strip()
    if checked.value is None:
        return Value(None, None, note)
    return Value(checked.value.strip(), MANUAL, note, getattr(checked, "qualifier", None))


def merge_metadata(extracted: dict[str, Value], manual: dict[str, Value] | None) -> dict[str, Value]:
    """Manual values win over extracted ones; a manual ``null`` leaves the extracted value."""
    merged = dict(extracted)
    for field_name, value in (manual or {}).items():
        if value.value is not None:
            merged[field_name] = value
    return merged
