"""Column actions: one small class per action, looked up by name, each with validated parameters.

An action either rewrites a column in SQL (``sql_value``: no value leaves the database) or needs the
values (``transform``: a batch at a time, in Python). ``pending`` tells, in SQL, whether a row still
needs the action, which is what makes a second run find nothing to do.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Column, ColumnElement
from sqlalchemy.types import Date, DateTime, Float, Numeric

from crm_privacy.errors import ActionError, PolicyError
from crm_privacy.transform.keys import KeyRing

if TYPE_CHECKING:
    from crm_privacy.detect.own_values import OwnValue


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class ActionContext:
    """What an action may need at run time; the key ring is absent in dry runs."""

    keyring: KeyRing | None = None
    #: subject key -> the values the CRM holds for that subject, filled for one step's rows when one
    #: of its actions ``uses_subject_values``; personal data: never logged, never in an error
    subject_values: Mapping[Any, Sequence[OwnValue]] = field(default_factory=dict, repr=False)

    def require_keyring(self, action: str) -> KeyRing:
        if self.keyring is None:
            raise ActionError(f"action {action!r} needs the pseudonymisation key, and none was given")
        return self.keyring


#: python type of a column -> its kind, for what an action writes and what a link compares
_KINDS: dict[type, str] = {
    bool: "boolean",
    int: "integer",
    str: "text",
    float: "number",
    Decimal: "number",
    uuid.UUID: "uuid",
}


def column_kind(column: Column[Any]) -> str | None:
    """``text``, ``integer``, ``number``, ``date`` (dates and timestamps), ``uuid``, ``boolean``, or
    None for a type that cannot be told (JSON, arrays, types the dialect does not know)."""
    type_ = column.type
    if isinstance(type_, Date | DateTime):
        return "date"
    if isinstance(type_, Numeric) and not isinstance(type_, Float) and type_.scale == 0:
        return "integer"  # NUMERIC(20, 0): integer keys of some CRMs
    try:
        python_type = type_.python_type
    except NotImplementedError:
        return None
    if python_type in (dt.date, dt.datetime):
        return "date"
    return _KINDS.get(python_type)


def text_length(column: Column[Any]) -> int | None:
    """The declared length of a VARCHAR(n)/CHAR(n) column; None for unbounded text."""
    length = getattr(column.type, "length", None)
    return length if isinstance(length, int) else None


@dataclass(frozen=True)
class Writes:
    """What an action writes into its column: a kind (see ``column_kind``) and, for text, its
    longest length when known (``detail`` explains it, without any value)."""

    kind: str
    length: int | None = None
    detail: str = ""


#: kind written -> (in words, the column kinds that can hold it, what is needed in words)
_NEEDS: dict[str, tuple[str, set[str], str]] = {
    "text": ("text", {"text"}, "a text column"),
    "date": ("a date", {"date"}, "a date or timestamp column"),
    "integer": ("an integer", {"integer", "number"}, "an integer column"),
}


class Action:
    name: ClassVar[str]
    Params: ClassVar[type[BaseModel]] = NoParams
    #: True when the action computes values in Python (HMAC, fake, scrubbing, generalisation).
    needs_values: ClassVar[bool] = False
    #: True when the action also needs ``ActionContext.subject_values`` (the subjects' own values).
    uses_subject_values: ClassVar[bool] = False

    def __init__(self, params: BaseModel) -> None:
        self.params = params

    @property
    def label(self) -> str:
        """The action as a policy author wrote it, for messages (``generalise to year``)."""
        return self.name

    def writes(self) -> Writes | None:
        """What the action writes; None when it writes nothing of its own (keep, null)."""
        return None

    def check(self, column: Column[Any]) -> str | None:
        """Why the action cannot be applied to ``column`` (its type, length, NOT NULL), or None.

        Checked by ``bind`` before anything runs: otherwise every run would fail at the same batch,
        or SQLite would store text in an INTEGER column. Never names a value, only kinds and lengths."""
        written = self.writes()
        if written is None:
            return None
        words, accepted, needs = _NEEDS[written.kind]
        if column_kind(column) not in accepted:
            return f"{self.label} writes {words}, needs {needs}"
        limit = text_length(column) if written.kind == "text" else None
        if limit is not None and written.length is not None and written.length > limit:
            return (
                f"{self.label} writes {written.length} characters{written.detail}, "
                f"longer than the column's {limit}"
            )
        return None

    def sql_value(self, column: Column[Any]) -> ColumnElement[Any]:
        raise NotImplementedError(f"{self.name} computes its values in Python")

    def pending(self, column: Column[Any]) -> ColumnElement[bool] | None:
        """SQL condition 'this value is not treated yet', or None when it cannot be told from the value."""
        return None

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        raise NotImplementedError(f"{self.name} is a pure SQL action")


REGISTRY: dict[str, type[Action]] = {}


def register(cls: type[Action]) -> type[Action]:
    REGISTRY[cls.name] = cls
    return cls


def build_action(name: str, params: dict[str, Any], *, where: str) -> Action:
    """Instantiate action ``name``; unknown names and bad parameters name the place in the policy."""
    _load_builtin_actions()
    cls = REGISTRY.get(name)
    if cls is None:
        raise PolicyError(f"{where}: unknown action {name!r} (known actions: {', '.join(sorted(REGISTRY))})")
    try:
        return cls(cls.Params.model_validate(params))
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'params'}: {e['msg']}" for e in exc.errors())
        raise PolicyError(f"{where}: bad params for action {name!r}: {details}") from None


def _load_builtin_actions() -> None:
    if not REGISTRY:
        import crm_privacy.transform.scrub_action
        import crm_privacy.transform.sql_actions
        import crm_privacy.transform.value_actions  # noqa: F401
