# Environment of the embedded demo: an Airflow home inside the project, our DAGs and plugins,
# the demo CRM and ledger as Airflow connections. Sourced by the Makefile; safe to source by hand:
#   . scripts/env.sh && airflow dags list
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export PATH="$ROOT/.venv/bin:$PATH"
export AIRFLOW_HOME="$ROOT/.airflow"
export AIRFLOW__CORE__DAGS_FOLDER="$ROOT/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$ROOT/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__PARALLELISM=4
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=True
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="${AIRFLOW__CORE__EXECUTION_API_SERVER_URL:-http://localhost:8080/execution/}"
export AIRFLOW__LOGGING__LOGGING_LEVEL="${AIRFLOW__LOGGING__LOGGING_LEVEL:-INFO}"
export AIRFLOW_CONN_CRM_DEMO="{\"conn_type\": \"sqlite\", \"host\": \"$ROOT/.demo/crm.db\"}"
export AIRFLOW_CONN_CRM_PRIVACY_LEDGER="{\"conn_type\": \"sqlite\", \"host\": \"$ROOT/.demo/ledger.db\"}"
export CRM_PRIVACY_WORKDIR="$ROOT/.demo/work"
export CRM_PRIVACY_REPORTS_DIR="$ROOT/.demo/reports"
export CRM_PRIVACY_POLICY="$ROOT/include/policies/demo_crm.yaml"
# The DAGs' policy param may only name a file of this directory (crm_privacy/dagrun/policy_path.py).
export CRM_PRIVACY_POLICY_DIR="$ROOT/include/policies"
# The demo's pseudonymisation key is generated once per checkout (never committed).
if [ ! -s "$ROOT/.demo/hmac.key" ]; then
  mkdir -p "$ROOT/.demo"
  python3 -c 'import secrets; print(secrets.token_hex(32))' > "$ROOT/.demo/hmac.key"
fi
export AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY="$(cat "$ROOT/.demo/hmac.key")"
export CRM_PRIVACY_HMAC_KEY="$AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY"
