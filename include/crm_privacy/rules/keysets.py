"""Subjects already taken by an earlier rule of the same run, left out of a later rule while streaming.

A rule that erases everything (scope ``all``) is excluded from later rules in SQL. A rule with a
notice decides in Python, from the ledger, whom it acts on in this run: those subjects are in its
key file, written in subject-key order like every key file. A later rule streams its own subjects in
the same order and drops those found in the earlier files by a merge: memory stays flat whatever the
number of subjects, and every subject is counted by one rule only.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import ColumnElement, LargeBinary, cast

from crm_privacy.crm.binding import Binding
from crm_privacy.errors import CrmPrivacyError


def key_order(binding: Binding) -> ColumnElement[Any]:
    """ORDER BY expression sorting subject keys the way Python compares them: numbers as numbers,
    text by code point (byte order of UTF-8) rather than by the server's collation."""
    key = binding.subject_key
    try:
        textual = issubclass(key.type.python_type, str)
    except NotImplementedError:
        textual = False
    if not textual:
        return key
    dialect = binding.engine.dialect.name
    if dialect == "postgresql":
        return key.collate("C")
    if dialect == "mysql":
        return cast(key, LargeBinary)  # CAST(... AS BINARY): bytes, no trailing-space padding
    if dialect == "sqlite":
        return key.collate("BINARY")
    return key


class TakenKeys:
    """Keys of sorted key files, checked against a stream of keys in the same order (a merge)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._none = not paths
        self._stack = ExitStack()
        self._last: Any = _END
        try:
            streams = [_read(self._stack.enter_context(path.open("rb"))) for path in paths]
            self._taken: Iterator[Any] = heapq.merge(*streams)
            self._head: Any = next(self._taken, _END)
        except BaseException:
            self._stack.close()
            raise

    def __enter__(self) -> TakenKeys:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stack.close()

    def taken(self, key: Any) -> bool:
        """Whether ``key`` is in the files; ``key`` must not be smaller than the previous one."""
        if self._none:
            return False
        if self._last is not _END and key < self._last:
            raise CrmPrivacyError(
                "subject keys did not come back in ascending order: cannot leave out the subjects "
                "an earlier rule treats in this run"
            )
        self._last = key
        while self._head is not _END and self._head < key:
            self._head = next(self._taken, _END)
        return self._head is not _END and self._head == key


_END = object()


def _read(lines: Any) -> Iterator[Any]:
    previous: Any = _END
    for line in lines:
        key = json.loads(line)
        if previous is not _END and key < previous:
            raise CrmPrivacyError("a key file is not in ascending subject-key order")
        previous = key
        yield key
