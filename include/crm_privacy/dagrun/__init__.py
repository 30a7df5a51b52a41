"""How the DAGs' runs are checked, labelled, failed and cleaned up: the Airflow-facing helpers that
keep the DAG files thin (conf and run dates, the policy directory, failures, work directories)."""
