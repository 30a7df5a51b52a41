"""Leaving out subjects an earlier rule takes: a merge of sorted key files against a sorted stream."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crm_privacy.errors import CrmPrivacyError
from crm_privacy.rules.keysets import TakenKeys


def key_file(path: Path, keys: list[Any]) -> Path:
    path.write_text("".join(json.dumps(k) + "\n" for k in keys), encoding="utf-8")
    return path


def test_keys_of_several_files_are_left_out_of_a_sorted_stream(tmp_path: Path) -> None:
    first = key_file(tmp_path / "a.txt", [2, 5, 9])
    second = key_file(tmp_path / "b.txt", [3, 5, 11])
    with TakenKeys([first, second]) as taken:
        kept = [k for k in range(1, 13) if not taken.taken(k)]
    assert kept == [1, 4, 6, 7, 8, 10, 12]


def test_text_keys_compare_by_code_point(tmp_path: Path) -> None:
    taken_file = key_file(tmp_path / "a.txt", ["B", "a", "é"])
    with TakenKeys([taken_file]) as taken:
        kept = [k for k in ["A", "B", "Z", "a", "b", "é"] if not taken.taken(k)]
    assert kept == ["A", "Z", "b"]


def test_no_file_keeps_everything_whatever_the_order(tmp_path: Path) -> None:
    with TakenKeys([]) as taken:
        assert [k for k in [3, 1, 2] if not taken.taken(k)] == [3, 1, 2]


def test_a_stream_out_of_order_is_an_error_not_a_wrong_count(tmp_path: Path) -> None:
    with TakenKeys([key_file(tmp_path / "a.txt", [1, 2])]) as taken:
        taken.taken(2)
        with pytest.raises(CrmPrivacyError, match="ascending"):
            taken.taken(1)
    with (
        pytest.raises(CrmPrivacyError, match="ascending"),
        TakenKeys([key_file(tmp_path / "b.txt", [5, 1])]) as taken,
    ):
        taken.taken(7)
