"""The data files' schema layer: read a YAML file, validate it with its pydantic model, report one line.

Every data file (codebook, gazetteer, boilerplate rules, limits, reference
events, manual metadata, text catalogue) has a pydantic model next to its
loader; :func:`load` reads the file, validates it and turns the first problem
into one :class:`~helpers.errors.HelpersError` in the one format::

    {file name}, line {N}: {problem}; fix: {fix}

``N`` comes from the line map :func:`read_yaml` keeps.  Generic problems
(missing key, unknown key, wrong type ...) are worded by the table
:data:`_GENERIC`; a model's own cross-checks raise :func:`fail` with their own
problem and fix.  Every allowed key is listed, with a comment, in
``data/defaults.yaml``.

Parsing (with the line of every value) is :mod:`helpers.yamlfile`'s.
This module knows no data file: the models live with their loaders, and data
flows one way (stage packages import this module, never the reverse).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar, Union

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, RootModel, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

from helpers.errors import HelpersError
from helpers.yamlfile import data_error, parse_yaml, read_lines, read_text, read_yaml

# Reading is helpers.yamlfile's job; its functions are part of this module's interface.
__all__ = ["Section", "data_error", "fail", "load", "parse_yaml", "read_lines", "read_text", "read_yaml", "validate"]

DEFAULTS_FILE = "defaults.yaml"

Model = TypeVar("Model", bound=BaseModel)


# --------------------------------------------------------------------------- models


class Section(BaseModel):
    """Base of every data-file model: unknown keys are errors and YAML types are taken as written.

    ``strict`` because YAML already gives numbers, dates and text their types:
    ``window: '10'`` or ``max_chars: true`` is a mistake to report, not to coerce.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)

    #: Containers whose items are named in messages: key -> noun, e.g.
    #: ``{"measures": "measure"}`` gives ``measure 'quarantine': ...``.
    entry_nouns: ClassVar[dict[str, str]] = {}


def fail(problem: str, fix: str, at: tuple = ()) -> PydanticCustomError:
    """The error a model's own check raises: ``raise fail("term '核酸' listed twice", "keep one")``.

    Parameters
    ----------
    problem, fix : str
        Plain words; ``{key}`` in ``problem`` stands for the key or list item
        the error is at (``names item 2``).
    at : tuple
        Key path from the validated value down to the culprit, so the message
        names its line, e.g. ``("terms", 3)``.
    """
    return PydanticCustomError("helpers", "{problem}", {"problem": problem, "fix": fix, "at": at})


def _non_blank(value: str) -> str:
    if not value.strip():
        raise fail("{key} must be non-empty text", "write the text, or leave out the key if it is optional")
    return value


#: Text that must say something (not empty, not only spaces); kept as written.
Text = Annotated[str, AfterValidator(_non_blank)]


def _iso_text_to_date(value: object) -> object:
    # A quoted '2020-01-23' is text to YAML but plainly meant as a date.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


#: A day: a YAML date (2020-01-23) or the same written as text; a time of day is an error.
Date = Annotated[dt.date, BeforeValidator(_iso_text_to_date)]


def line_of(info: ValidationInfo, *key_path: object) -> int | None:
    """The line of ``key_path`` (below the validated value) in a validator, for messages such as "first at line 7"."""
    context = info.context or {}
    return context.get("_lines", {}).get(tuple(context.get("_prefix", ())) + key_path)


def _show(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


# --------------------------------------------------------------------------- turning errors into one line

_WHOLE = ("{key} must be a whole number{bound}, not {input}", "write a whole number{bound}")
_DATE = ("{key} must be a date YYYY-MM-DD, not {input}", "write the date as YYYY-MM-DD, e.g. 2020-01-23")
_MAPPING = ("{key} must be a mapping{keys}, not {input}", "write 'key: value' lines {under}")

#: Pydantic error type -> (problem, fix), in plain words.  Fields: key (what
#: the error is at), input (the value), bound, keys, allowed and the error's ctx.
_GENERIC: dict[str, tuple[str, str]] = {
    "extra_forbidden": ("unknown key {name!r}", "remove it; allowed keys: {allowed}"),
    "invalid_key": ("key {input} must be text", "quote it"),
    "string_type": (
        "{key} must be text, not {input}", "write text (quote it if YAML reads it as a number, date or yes/no)"
    ),
    "string_too_short": ("{key} must not be empty", "write the text, or leave out the key if it is optional"),
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "greater_than_equal": _WHOLE,
    "bool_type": ("{key} must be true or false, not {input}", "write true or false"),
    "list_type": ("{key} must be a list, not {input}", "write it as [a, b] or as lines starting with '- '"),
    "too_short": ("{key} is empty", "add at least one{or_leave_out}"),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "literal_error": ("{key} must be one of {expected}, not {input}", "use one of {expected}"),
}
_FALLBACK = ("{key}: {msg}", f"see {DEFAULTS_FILE} in src/helpers/data, which lists every allowed key")


def _unwrap(tp: Any) -> Any:
    """``X`` for ``Annotated[X, ...]`` and ``X | None``."""
    if typing.get_origin(tp) is Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else tp
    return tp


def _child(tp: Any, step: object) -> tuple[Any, Any]:
    """The type (and FieldInfo, if a model field) one step below ``tp`` along an error's loc."""
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, RootModel):
        return _child(tp.model_fields["root"].annotation, step)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            if step in (name, field.alias):
                return field.annotation, field
        if tp.model_config.get("extra") == "allow":
            extra = typing.get_type_hints(tp).get("__pydantic_extra__")
            return (typing.get_args(extra)[1] if extra is not None else None), None
        return None, None
    origin = typing.get_origin(tp)
    if origin in (dict, Mapping):
        return typing.get_args(tp)[1], None
    if origin in (list, tuple):
        return typing.get_args(tp)[0], None
    return None, None


def _walk(model: Any, loc: tuple) -> tuple[Any, Any]:
    """The type and (if a model field) the FieldInfo an error's loc ends at; None where it cannot be told."""
    tp, field = model, None
    for step in loc:
        if tp is None:
            return None, None
        tp, field = _child(tp, step)
    return tp, field


def _keys_of(tp: Any) -> list[str]:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and not issubclass(tp, RootModel):
        return [field.alias or name for name, field in tp.model_fields.items()]
    return []


def _bound(field: Any) -> str:
    """`` of at least 1000`` for a whole number with a lower bound, so a wrong type names the range too."""
    for constraint in getattr(field, "metadata", ()):
        if isinstance(constraint, annotated_types.Ge):
            return f" of at least {constraint.ge}"
    return ""


def _entries(model: type[BaseModel], data: Any, loc: tuple) -> tuple[list[tuple[int, str]], set[int]]:
    """The named entries along ``loc``, as (length of their loc, name) outermost first, and its list-index steps."""
    nouns = getattr(model, "entry_nouns", {})
    found = []
    indices = set()
    node = data
    for depth, step in enumerate(loc):
        container = loc[depth - 1] if depth else ""
        noun = nouns.get(container) if isinstance(container, str) else None
        if isinstance(node, dict) and step in node:
            if noun:
                found.append((depth + 1, f"{noun} {step}"))
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            indices.add(depth)
            if noun:
                item_id = node[step].get("id") if isinstance(node[step], dict) else None
                found.append((depth + 1, f"{noun} {item_id!r}" if isinstance(item_id, str) else f"{noun} {step + 1}"))
            node = node[step]
        else:
            break
    return found, indices


def _words(loc: tuple, named: set[int] = frozenset(), indices: set[int] = frozenset()) -> str:
    """What a loc points at, in words: ``name_en``, ``national name``, ``places item 3``, ``the file``.

    A key is shown with the key it is under (``title value``) unless that is a
    named entry, which the message names already.
    """
    if not loc:
        return "the file"
    last = loc[-1]
    if last == "[key]":
        return f"key {_show(loc[-2])}" if len(loc) > 1 else "a key"
    if len(loc) - 1 in indices:
        return f"{_words(loc[:-1], named, indices)} item {last + 1}" if len(loc) > 1 else f"item {last + 1}"
    if len(loc) > 1 and isinstance(loc[-2], str) and len(loc) - 1 not in named:
        return f"{loc[-2]} {last}"
    return str(last)


def _explain(model: type[BaseModel], data: Any, error: Mapping[str, Any]) -> tuple[tuple, str, str]:
    """(loc, problem, fix) of one pydantic error, in plain words."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    if kind == "helpers":
        loc = loc + tuple(ctx.get("at", ()))
    entries, indices = _entries(model, data, loc)
    entries = [entry for entry in entries if entry[0] < len(loc)]
    named = {length for length, _ in entries}
    prefix = f"{entries[-1][1]}: " if entries else ""
    tp, field = _walk(model, loc)
    key = _words(loc, named, indices)
    if kind == "helpers":
        return loc, prefix + ctx["problem"].replace("{key}", key), ctx["fix"]
    if kind == "missing":
        owner = loc[:-1]
        if entries and entries[-1][0] == len(owner):
            problem = f"{entries[-1][1]} lacks {loc[-1]}"
        elif owner:
            problem = f"{prefix}{_words(owner, named, indices)} lacks {loc[-1]}"
        else:
            problem = f"{loc[-1]} is missing"
        return loc, problem, f"add '{loc[-1]}:' ({DEFAULTS_FILE} in src/helpers/data describes it)"
    keys = _keys_of(tp)
    fields = {
        **ctx, "key": key, "name": loc[-1] if loc else "", "input": _show(error.get("input")),
        "bound": f" of at least {ctx['ge']}" if "ge" in ctx else _bound(field),
        "keys": f" with the keys {', '.join(keys)}" if keys else " of keys to values",
        "allowed": ", ".join(_keys_of(_walk(model, loc[:-1])[0])) or f"see {DEFAULTS_FILE}",
        "msg": error.get("msg", ""),
        "under": "indented under it" if loc else "at the top of the file",
        "or_leave_out": ", or leave out the key" if field is not None and not field.is_required() else "",
    }
    if "expected" in ctx:
        # pydantic words a literal's choices itself ("'word' or 'substring'"): shown as they are
        expected = ctx["expected"]
        fields["expected"] = expected if isinstance(expected, str) else _show(expected)
    problem, fix = _GENERIC.get(kind, _FALLBACK)
    return loc, prefix + problem.format(**fields), fix.format(**fields)


def _line(lines: dict[tuple, int], loc: tuple) -> tuple[int, bool]:
    """The line of ``loc`` and whether it is its own (not an enclosing key's)."""
    # The nearest enclosing key with a line; the file's top when none has one
    # (a key missing at the top level belongs to no line of its own).
    for end in range(len(loc), 0, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return line, end == len(loc)
    return 1, not loc


def explain(error: ValidationError, model: type[BaseModel], data: Any, lines: dict[tuple, int], name: str,
            prefix: tuple = ()) -> HelpersError:
    """One :class:`HelpersError` for a pydantic ``ValidationError``: its first problem by line.

    ``prefix`` is the key path of the validated value within the file (a
    loader validating one entry at a time passes the entry's key).
    """
    explained = []
    for details in error.errors(include_url=False):
        loc, problem, fix = _explain(model, data, details)
        line, own = _line(lines, prefix + loc)
        explained.append((line, not own, problem, fix))
    # The first by line, as a reader fixes a file from the top; on one line a
    # problem with the line's own key (a misspelt key) before one inferred for
    # it (the key it was meant to be, now missing).
    line, _, problem, fix = min(explained, key=lambda item: item[:2])
    return data_error(name, line, problem, fix)


def validate(data: Any, model: type[Model], lines: dict[tuple, int], name: str, *,
             context: dict | None = None, prefix: tuple = ()) -> Model:
    """Validate parsed ``data`` with ``model``; any problem is one :class:`HelpersError`.

    Parameters
    ----------
    data : object
        Parsed YAML (``None``, an empty file, is validated as an empty mapping).
    model : type
        The pydantic model of the file (or of the entry at ``prefix``).
    lines : dict
        The line map of :func:`read_yaml`.
    name : str
        The file name messages start with.
    context : dict, optional
        Passed to the model's validators (e.g. the gazetteer, to check a city).
    prefix : tuple
        Key path of ``data`` within the file.
    """
    data = {} if data is None else data
    full_context = {**(context or {}), "_lines": lines, "_prefix": prefix}
    try:
        return model.model_validate(data, context=full_context)
    except ValidationError as error:
        raise explain(error, model, data, lines, name, prefix) from None


def load(path: str | Path, model: type[Model], context: dict | None = None) -> Model:
    """Read the YAML data file ``path`` and validate it with ``model``.

    Parameters
    ----------
    path : str or Path
        The data file.
    model : type
        Its pydantic model (a :class:`Section` or a ``RootModel``).
    context : dict, optional
        Extra values the model's validators need.

    Returns
    -------
    The validated model instance.

    Raises
    ------
    HelpersError
        One line, ``{file name}, line {N}: {problem}; fix: {fix}``.
    """
    path = Path(path)
    data, lines = read_yaml(path)
    return validate(data, model, lines, path.name, context=context)
