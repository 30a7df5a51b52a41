# syntax=docker/dockerfile:1
# crm-privacy image: the official Airflow image + our pinned dependencies + the crm_privacy package.
# docker-compose.yaml builds it (`docker compose build`) and runs every Airflow component from it.
#
# The tag must match apache-airflow in requirements.txt, and its Python the version the lock was
# compiled for (3.11): tests/unit/test_docker_compose.py checks both.
FROM apache/airflow:3.3.2-python3.11

# The official image installs Python packages as the "airflow" user (its pip refuses root).
USER airflow

# 1. Dependencies first, so this slow layer is rebuilt only when a lock file changes.
#    "apache-airflow==${AIRFLOW_VERSION}" (the base image sets the variable) stops pip from ever
#    replacing the image's Airflow; the lock pins the same version. requirements-celery.txt adds the
#    Celery provider and Redis client, which requirements.txt (used for local runs) does not need.
#    requirements-dev.txt (pytest, playwright, mypy, ruff...) is never installed here.
COPY --chown=airflow:0 requirements.txt /opt/crm-privacy/requirements.txt
COPY --chown=airflow:0 docker/requirements-celery.txt /opt/crm-privacy/docker/requirements-celery.txt
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" \
        -r /opt/crm-privacy/requirements.txt \
        -r /opt/crm-privacy/docker/requirements-celery.txt

# 2. The product. pyproject.toml declares no dependency (they are all in the lock): --no-deps, and
#    no build isolation so that the pinned setuptools builds it without downloading another one.
COPY --chown=airflow:0 pyproject.toml README.md /opt/crm-privacy/
COPY --chown=airflow:0 include/ /opt/crm-privacy/include/
RUN pip install --no-cache-dir --no-deps --no-build-isolation /opt/crm-privacy \
    && crm-privacy --help > /dev/null

# 3. DAGs, the UI plugin, the example policies and the compose helper scripts, so that the image runs
#    on its own (docker-compose.yaml also mounts dags/, plugins/ and include/policies/ read-only).
#    Policies keep their repository path: the DAG's default policy is <dags>/../include/policies/.
COPY --chown=airflow:0 dags/ /opt/airflow/dags/
COPY --chown=airflow:0 plugins/ /opt/airflow/plugins/
COPY --chown=airflow:0 include/policies/ /opt/airflow/include/policies/
COPY --chown=airflow:0 docker/*.py /opt/crm-privacy/docker/
# A new named volume takes the owner of the directory it is mounted on: keep these writable.
RUN mkdir -p /opt/airflow/crm_privacy /opt/airflow/reports

# No secret in the image: keys and passwords arrive at run time from .env (see .env.example).
ENV CRM_PRIVACY_WORKDIR=/opt/airflow/crm_privacy \
    CRM_PRIVACY_REPORTS_DIR=/opt/airflow/reports
