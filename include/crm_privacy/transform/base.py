"""Column actions: one small class per action, looked up by name, each with validated parameters.

An action either rewrites a column in SQL (``sql_value``: no value leaves the database) or needs the
values (``transform``: a batch at a time, in Python). ``pending`` tells, in SQL, whether a row still
needs the action, which is what makes a second run find nothing to do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Column, ColumnElement

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


class Action:
    name: ClassVar[str]
    Params: ClassVar[type[BaseModel]] = NoParams
    #: True when the action computes values in Python (HMAC, fake, scrubbing, generalisation).
    needs_values: ClassVar[bool] = False
    #: True when the action also needs ``ActionContext.subject_values`` (the subjects' own values).
    uses_subject_values: ClassVar[bool] = False

    def __init__(self, params: BaseModel) -> None:
        self.params = params

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
        import crm_privacy.transform.sql_actions
        import crm_privacy.transform.value_actions  # noqa: F401
