#!/usr/bin/env bash
# Smoke test of the docker-compose deployment, through Airflow's REST API v2, as a user would:
#
#   docker compose up -d --build
#   docker/smoke.sh
#
# 1. waits until the api-server answers /api/v2/monitor/health with the metadata database, the
#    scheduler and the DAG processor healthy;
# 2. gets a JWT from the SimpleAuthManager (POST /auth/token, the admin of .env);
# 3. waits for the DAG crm_retention_sweep to be parsed, and unpauses it;
# 4. triggers a dry run, waits for it, then a real run, waits for it
#    (POST /api/v2/dags/crm_retention_sweep/dagRuns, logical date on the demo's run date);
# 5. exits 0 when both runs end in `success`, 1 otherwise, naming the run and its failed tasks.
#
# The real run changes the demo CRM (that is the point of the demo); run it on the demo stack only.
# Unpausing also lets the scheduler start the DAG's own daily run: a real sweep as of today with the
# policy's guard, which on the demo CRM refuses it (more than half of some tables has expired by
# now), so that run usually ends `failed`, changing nothing. The verdict here is about the two runs
# this script triggers; the others are listed, not judged.
#
# Needs curl, and python3 or jq (to read the JSON answers). Settings (environment):
#   AIRFLOW_URL          default http://localhost:8080
#   AIRFLOW_ADMIN_USER, AIRFLOW_ADMIN_PASSWORD
#                        default: read from the .env next to docker-compose.yaml
#   SMOKE_DATE           run date of both runs, default 2025-06-30 (the date the demo data is built around)
#   SMOKE_MAX_SHARE      the real run's max_share, default 0.8 (the demo CRM is full of expired data;
#                        the policy's guard alone refuses more than half of a table)
#   SMOKE_START_TIMEOUT  seconds to wait for the api-server and the DAG, default 600
#   SMOKE_RUN_TIMEOUT    seconds to wait for each run, default 1800
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AIRFLOW_URL="${AIRFLOW_URL:-http://localhost:8080}"
AIRFLOW_URL="${AIRFLOW_URL%/}"
DAG_ID=crm_retention_sweep
SMOKE_DATE="${SMOKE_DATE:-2025-06-30}"
SMOKE_MAX_SHARE="${SMOKE_MAX_SHARE:-0.8}"
SMOKE_START_TIMEOUT="${SMOKE_START_TIMEOUT:-600}"
SMOKE_RUN_TIMEOUT="${SMOKE_RUN_TIMEOUT:-1800}"
POLL=5

say() { printf 'smoke: %s\n' "$*"; }
fail() {
  printf 'smoke: FAILED: %s\n' "$*" >&2
  exit 1
}

command -v curl > /dev/null || fail "curl is not installed"
if command -v python3 > /dev/null; then
  JSON=python3
elif command -v jq > /dev/null; then
  JSON=jq
else
  fail "python3 or jq is needed to read the API's JSON answers"
fi
[[ "$SMOKE_DATE" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || fail "SMOKE_DATE must be YYYY-MM-DD, got '$SMOKE_DATE'"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
chmod 700 "$WORK"
BODY="$WORK/body"

# json_get PATH: the value at a dotted PATH (e.g. scheduler.status) of the JSON document on stdin,
# empty when absent, null, or when stdin is not JSON (a proxy's error page).
json_get() {
  if [[ "$JSON" == python3 ]]; then
    python3 -c '
import json, sys
try:
    value = json.load(sys.stdin)
except ValueError:
    value = None
for key in sys.argv[1].split("."):
    value = value.get(key) if isinstance(value, dict) else None
print("" if value is None else value)' "$1"
  else
    jq -r ".$1 // empty" 2> /dev/null || true
  fi
}

# not_successful_tasks: "task_id[map_index]: state" of each task instance not in success (stdin:
# a task instance collection).
not_successful_tasks() {
  if [[ "$JSON" == python3 ]]; then
    python3 -c '
import json, sys
for ti in json.load(sys.stdin).get("task_instances", []):
    if ti.get("state") != "success":
        label = ti.get("rendered_map_index") or ti.get("map_index")
        suffix = "" if label in (None, -1) else "[%s]" % label
        print("  %s%s: %s" % (ti.get("task_id"), suffix, ti.get("state")))'
  else
    jq -r '.task_instances[] | select(.state != "success")
      | "  \(.task_id)\(if (.rendered_map_index // .map_index) == -1 then "" else "[\(.rendered_map_index // .map_index)]" end): \(.state)"'
  fi
}

# api METHOD PATH [JSON body on stdin when METHOD is POST or PATCH]: the HTTP status on stdout, the
# answer in $BODY. The token goes through a header file, the body through stdin: neither shows in ps.
api() {
  local method="$1" path="$2"
  local args=(-sS -o "$BODY" -w '%{http_code}' -X "$method" -H 'Accept: application/json')
  [[ -s "$WORK/auth" ]] && args+=(-H "@$WORK/auth")
  if [[ "$method" == POST || "$method" == PATCH ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary @-)
  fi
  local code
  code="$(curl "${args[@]}" "$AIRFLOW_URL$path" 2> "$WORK/curl-error")" || code=000
  printf '%s' "$code"
}

# The answer's "detail" (FastAPI's error message), or its first 300 characters.
detail() {
  local text
  text="$(json_get detail < "$BODY" 2> /dev/null || true)"
  [[ -n "$text" ]] || text="$(head -c 300 "$BODY" 2> /dev/null || true)"
  printf '%s' "$text"
}

json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

env_file_value() {
  [[ -f "$ROOT/.env" ]] || return 0
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$ROOT/.env" | tail -n 1 | sed -e "s/^[\"']//" -e "s/[\"'][[:space:]]*$//"
}

# --- 1. the api-server and the components behind it --------------------------------------------
say "waiting for $AIRFLOW_URL/api/v2/monitor/health (up to ${SMOKE_START_TIMEOUT}s)..."
deadline=$((SECONDS + SMOKE_START_TIMEOUT))
while :; do
  code="$(api GET /api/v2/monitor/health)"
  unhealthy=""
  if [[ "$code" == 200 ]]; then
    for component in metadatabase scheduler dag_processor; do
      status="$(json_get "$component.status" < "$BODY")"
      [[ "$status" == healthy ]] || unhealthy+=" $component=${status:-unknown}"
    done
    [[ -z "$unhealthy" ]] && break
  fi
  if ((SECONDS >= deadline)); then
    [[ "$code" == 200 ]] || fail "the api-server at $AIRFLOW_URL does not answer (HTTP $code $(cat "$WORK/curl-error")); see \`docker compose ps\` and \`docker compose logs airflow-apiserver\`"
    fail "Airflow is not healthy after ${SMOKE_START_TIMEOUT}s:$unhealthy; see \`docker compose ps\` and \`docker compose logs\`"
  fi
  sleep "$POLL"
done
say "api-server, scheduler and DAG processor healthy"

# --- 2. a token -------------------------------------------------------------------------------
user="${AIRFLOW_ADMIN_USER:-$(env_file_value AIRFLOW_ADMIN_USER)}"
user="${user:-admin}"
password="${AIRFLOW_ADMIN_PASSWORD:-$(env_file_value AIRFLOW_ADMIN_PASSWORD)}"
[[ -n "$password" ]] || fail "no admin password: set AIRFLOW_ADMIN_PASSWORD or run from a checkout holding .env"
code="$(printf '{"username": %s, "password": %s}' "$(json_string "$user")" "$(json_string "$password")" \
  | api POST /auth/token)"
[[ "$code" == 201 || "$code" == 200 ]] || fail "POST /auth/token as '$user': HTTP $code $(detail)"
token="$(json_get access_token < "$BODY")"
[[ -n "$token" ]] || fail "POST /auth/token answered without an access_token"
printf 'Authorization: Bearer %s\n' "$token" > "$WORK/auth"
say "logged in as $user"

# --- 3. the DAG, unpaused -----------------------------------------------------------------------
deadline=$((SECONDS + SMOKE_START_TIMEOUT))
while :; do
  code="$(api GET "/api/v2/dags/$DAG_ID")"
  [[ "$code" == 200 ]] && break
  [[ "$code" == 404 ]] || fail "GET /api/v2/dags/$DAG_ID: HTTP $code $(detail)"
  if ((SECONDS >= deadline)); then
    api GET /api/v2/importErrors > /dev/null || true
    fail "the DAG $DAG_ID is not known after ${SMOKE_START_TIMEOUT}s (import errors: $(head -c 600 "$BODY")); see \`docker compose logs airflow-dag-processor\`"
  fi
  sleep "$POLL"
done
code="$(printf '{"is_paused": false}' | api PATCH "/api/v2/dags/$DAG_ID")"
[[ "$code" == 200 ]] || fail "PATCH /api/v2/dags/$DAG_ID (unpause): HTTP $code $(detail)"
say "$DAG_ID unpaused"

# --- 4. a dry run, then a real run -------------------------------------------------------------
# Logical dates are unique per DAG: both runs fall on SMOKE_DATE, at the current time of day, so
# that the script can be run again.
stamp="$(date -u +%Y%m%dT%H%M%S)"
time_of_day="$(date -u +%H:%M:%S)"

# run_and_wait KIND MICROSECONDS CONF: trigger one run, wait for it, fail unless it succeeded.
run_and_wait() {
  local kind="$1" fraction="$2" conf="$3" run_id state
  run_id="smoke_${kind}__$stamp"
  code="$(printf '{"dag_run_id": "%s", "logical_date": "%sT%s.%sZ", "conf": %s, "note": "docker/smoke.sh"}' \
    "$run_id" "$SMOKE_DATE" "$time_of_day" "$fraction" "$conf" \
    | api POST "/api/v2/dags/$DAG_ID/dagRuns")"
  [[ "$code" == 200 || "$code" == 201 ]] || fail "triggering the $kind run: HTTP $code $(detail)"
  say "$kind run $run_id triggered (run date $SMOKE_DATE, conf $conf); waiting up to ${SMOKE_RUN_TIMEOUT}s..."
  local deadline=$((SECONDS + SMOKE_RUN_TIMEOUT)) last=""
  while :; do
    code="$(api GET "/api/v2/dags/$DAG_ID/dagRuns/$run_id")"
    [[ "$code" == 200 ]] || fail "GET the $kind run $run_id: HTTP $code $(detail)"
    state="$(json_get state < "$BODY")"
    [[ "$state" != "$last" ]] && say "  $kind run: $state"
    last="$state"
    case "$state" in
      success) return 0 ;;
      failed | upstream_failed)
        api GET "/api/v2/dags/$DAG_ID/dagRuns/$run_id/taskInstances" > /dev/null || true
        printf 'smoke: tasks of %s not in success:\n' "$run_id" >&2
        not_successful_tasks < "$BODY" >&2 || true
        fail "the $kind run $run_id ended '$state': read its task logs in the UI ($AIRFLOW_URL/dags/$DAG_ID/runs/$run_id)"
        ;;
    esac
    if ((SECONDS >= deadline)); then
      fail "the $kind run $run_id is still '$state' after ${SMOKE_RUN_TIMEOUT}s (max_active_runs=1: is another run of $DAG_ID holding the slot? a worker down?)"
    fi
    sleep "$POLL"
  done
}

run_and_wait dry 100000 "{\"dry_run\": true, \"max_share\": $SMOKE_MAX_SHARE}"
run_and_wait real 200000 "{\"max_share\": $SMOKE_MAX_SHARE}"

# --- 5. verdict -----------------------------------------------------------------------------------
code="$(api GET "/api/v2/dags/$DAG_ID/dagRuns?order_by=-run_after&limit=10")"
if [[ "$code" == 200 && "$JSON" == python3 ]]; then
  python3 -c '
import json, sys
runs = [r for r in json.load(sys.stdin).get("dag_runs", []) if not r["dag_run_id"].startswith("smoke_")]
for r in runs:
    print("smoke: (other run, not judged; see its logs in the UI) %s: %s" % (r["dag_run_id"], r["state"]))' < "$BODY" || true
fi
say "OK: the dry run and the real run of $DAG_ID succeeded (runs smoke_dry__$stamp, smoke_real__$stamp)"
