"""The two request DAGs as Airflow parses them: fast to parse, the trigger form's params (sections,
required fields, choices) checked by Airflow before a run exists, the deadlines DAG scheduled daily."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest

DAGS_DIR = Path(__file__).resolve().parents[2] / "dags"
FORM = {
    "request_type",
    "reference",
    "received",
    "changes",
    "email",
    "phone",
    "ref",
    "dry_run",
    "awaiting_identity",
}
CONNECTIONS = {"policy", "crm_conn_id", "ledger_conn_id"}


def parse(name: str) -> tuple[Any, float]:
    from airflow.dag_processing.dagbag import DagBag

    started = time.perf_counter()
    bag = DagBag(dag_folder=str(DAGS_DIR / f"{name}.py"))
    elapsed = time.perf_counter() - started
    assert bag.import_errors == {}, bag.import_errors
    return bag.dags[name], elapsed


def with_conf(dag: Any, conf: dict[str, Any]) -> Any:
    """The DAG's params with a run's conf, as Airflow validates them when the run is created."""
    params = copy.deepcopy(dag.params)
    params.update(conf)
    return params


@pytest.mark.parametrize("name", ["crm_subject_request", "crm_request_deadlines"])
def test_parses_fast(name: str) -> None:
    parse(name)  # Airflow's own imports, once
    _, elapsed = parse(name)
    assert elapsed < 1.0, f"{name} takes {elapsed:.2f} s to parse: a heavy import at module level?"


def test_the_request_form() -> None:
    dag, _ = parse("crm_subject_request")
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None: triggered only
    params = dag.params
    assert set(params.keys()) == FORM | CONNECTIONS
    sections = {name: params.get_param(name).schema.get("section") for name in params}
    assert len(set(sections.values())) == 3 and None not in sections.values(), sections
    assert params.get_param("request_type").schema["enum"] == [
        "access",
        "portability",
        "rectification",
        "erasure",
        "objection",
    ]
    for name in ("email", "phone", "ref", "received"):
        assert params.get_param(name).schema["type"] == ["null", "string"], name
    assert params.get_param("received").schema["format"] == "date"
    assert params.get_param("changes").value == {} and params.get_param("dry_run").value is False
    assert params.get_param("awaiting_identity").value is False
    assert [t.task_id for t in dag.tasks] == ["validate", "handle"]
    assert "never log" in (dag.doc_md or "") and "metadata database" in (dag.doc_md or "")


@pytest.mark.parametrize(
    ("conf", "refused"),
    [
        ({"reference": "DSR-1", "email": "a@b.fr"}, "request_type"),
        ({"request_type": "erasure", "email": "a@b.fr"}, "reference"),
        ({"request_type": "erasure", "reference": "DSR 1 ; drop", "email": "a@b.fr"}, "reference"),
        ({"request_type": "forget", "reference": "DSR-1", "email": "a@b.fr"}, "request_type"),
        (
            {"request_type": "rectification", "reference": "DSR-1", "email": "a@b.fr", "changes": {"c": 1}},
            "changes",
        ),
    ],
    ids=["no-type", "no-reference", "reference-pattern", "unknown-type", "changes-not-text"],
)
def test_the_form_refuses_before_a_run_exists(conf: dict[str, Any], refused: str) -> None:
    from airflow.sdk.exceptions import ParamValidationError

    dag, _ = parse("crm_subject_request")
    with pytest.raises(ParamValidationError, match=f"param {refused}"):
        with_conf(dag, conf).validate()


def test_a_valid_form_passes() -> None:
    dag, _ = parse("crm_subject_request")
    merged = with_conf(dag, {"request_type": "erasure", "reference": "DSR-2026-0042", "email": "a@b.fr"})
    assert merged.validate()["received"] is None


def test_the_deadlines_dag() -> None:
    dag, _ = parse("crm_request_deadlines")
    assert set(dag.params.keys()) == {"policy", "ledger_conn_id"}
    assert [t.task_id for t in dag.tasks] == ["list_deadlines", "on_time"]
    assert type(dag.timetable).__name__ == "RunDateTimetable"
    assert dag.timetable._expression == "0 0 * * *"
