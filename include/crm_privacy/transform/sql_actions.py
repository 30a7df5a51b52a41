"""Actions done in SQL: no personal value is read into Python (``transform`` exists only for rows
that are moved in Python anyway, such as rows copied to the intermediate archive)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Column, ColumnElement, and_, literal, null, true

from crm_privacy.transform.base import Action, ActionContext, Writes, register


@register
class Keep(Action):
    """Declares a personal column that stays as it is (needed by the purpose or an obligation)."""

    name = "keep"

    def pending(self, column: Column[Any]) -> ColumnElement[bool] | None:
        return ~true()

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        return list(values)


@register
class Null(Action):
    name = "null"

    def check(self, column: Column[Any]) -> str | None:
        return None if column.nullable else "null cannot be written into a NOT NULL column"

    def sql_value(self, column: Column[Any]) -> ColumnElement[Any]:
        return null()

    def pending(self, column: Column[Any]) -> ColumnElement[bool] | None:
        return column.is_not(None)

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        return [None] * len(values)


class RedactParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str = "(supprimé)"


@register
class Redact(Action):
    """Replace by a constant (keeps NOT NULL columns valid)."""

    name = "redact"
    Params = RedactParams

    def writes(self) -> Writes | None:
        assert isinstance(self.params, RedactParams)
        return Writes("text", len(self.params.value))

    def sql_value(self, column: Column[Any]) -> ColumnElement[Any]:
        assert isinstance(self.params, RedactParams)
        return literal(self.params.value)

    def pending(self, column: Column[Any]) -> ColumnElement[bool] | None:
        assert isinstance(self.params, RedactParams)
        return and_(column.is_not(None), column != self.params.value)

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        assert isinstance(self.params, RedactParams)
        return [self.params.value] * len(values)
