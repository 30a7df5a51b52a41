"""Every DAG imports without error and follows the house rules (owner, tags, retries, no catchup, doc)."""

from __future__ import annotations

from pathlib import Path

import pytest

DAGS_DIR = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_DIR))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}, dagbag.import_errors


def test_expected_dags_present(dagbag):
    assert "crm_retention_sweep" in dagbag.dags


def _dag_ids():
    from airflow.dag_processing.dagbag import DagBag

    return sorted(DagBag(dag_folder=str(DAGS_DIR)).dags)


@pytest.mark.parametrize("dag_id", _dag_ids())
def test_dag_follows_house_rules(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.tags, "a DAG needs tags"
    assert not dag.catchup, "catchup must be False"
    assert dag.doc_md and len(dag.doc_md) > 100, "doc_md must explain the DAG"
    for t in dag.tasks:
        assert t.owner and t.owner != "airflow", f"{t.task_id}: set an owner"
        if t.task_id != "watcher":
            assert t.retries >= 1, f"{t.task_id}: retries must be >= 1"


def test_dag_files_have_no_heavy_module_level_imports():
    heavy = ("pandas", "presidio", "spacy", "great_expectations", "sqlalchemy", "faker")
    for path in DAGS_DIR.glob("*.py"):
        for line in path.read_text().splitlines():
            if line.startswith(("import ", "from ")):
                assert not any(h in line for h in heavy), f"{path.name}: {line}"
