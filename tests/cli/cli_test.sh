#!/usr/bin/env bash
# The jieli command line end to end on a fresh SQLite file: init --demo,
# migrate, user add, token create/revoke (the token used against a live
# server), backup (the copy opens and holds the data), audit verify on an
# intact and on a tampered log, rollup rebuild. Usage: cli_test.sh PATH/TO/jieli
set -uo pipefail
jieli=$1
work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
export JIELI_DB="sqlite:$work/jieli.db" JIELI_KEY_FILE="$work/jieli.key" LANG=C.UTF-8
passed=0
failed=0
check() {  # check NAME COMMAND…: the command must succeed
  local name=$1; shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1)); echo "ok: $name"
  else
    failed=$((failed + 1)); echo "FAILED: $name"; sed 's/^/  /' "$work/out"
  fi
}

check "version" bash -c "'$jieli' --version | grep -q '^jieli '"
check "init refuses a weak demo password" bash -c "! '$jieli' init --demo --demo-password weak"
check "init --demo" bash -c "'$jieli' init --demo | grep -q worker_b"
check "key file is private" bash -c "[ \"\$(stat -c %a '$work/jieli.key')\" = 600 ]"
check "init --demo twice adds nothing" bash -c "'$jieli' init --demo | grep -q '已有数据'"
check "migrate" "$jieli" migrate
check "user add" bash -c "'$jieli' user add --username cli_worker --display-name 测试 --org 2 --role worker --password 'Cli#Pass2026'"
check "user add refuses a weak password" bash -c "! '$jieli' user add --username weak --org 2 --password abc"
check "token create" bash -c "'$jieli' token create --user cli_worker > '$work/token'"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
JIELI_LISTEN="127.0.0.1:$port" "$jieli" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(cat "$work/token")
check "the token signs in" bash -c "curl -sf -H 'Authorization: Bearer $token' http://127.0.0.1:$port/api/v1/me | grep -q cli_worker"
check "token revoke" "$jieli" token revoke 1
check "a revoked token is refused" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $token' http://127.0.0.1:$port/api/v1/me)\" = 401 ]"
check "backup while serving" "$jieli" backup "$work/copy.db"
check "the backup holds the users" bash -c "[ \"\$(sqlite3 '$work/copy.db' 'SELECT COUNT(*) FROM users')\" = 10 ]"
kill -TERM "$server_pid"
check "SIGTERM stops the server cleanly" bash -c "for _ in \$(seq 1 100); do kill -0 $server_pid 2>/dev/null || exit 0; sleep 0.1; done; exit 1"
wait "$server_pid"
check "the server exited with status 0" test $? -eq 0
server_pid=""

# The case rollup: kept by the demo's casework, then spoilt and rebuilt from the records.
rollup_off="SELECT COUNT(*) FROM (SELECT org_id, primary_worker_id AS worker_id, stage, risk, COUNT(*) AS n
  FROM cases GROUP BY org_id, primary_worker_id, stage, risk) r LEFT JOIN case_rollup_state s
  ON s.org_id = r.org_id AND s.worker_id = r.worker_id AND s.stage = r.stage AND s.risk = r.risk
  WHERE s.cases IS NOT r.n"
check "the demo's casework kept the rollup" bash -c "[ \"\$(sqlite3 '$work/jieli.db' \"$rollup_off\")\" = 0 ]"
sqlite3 "$work/jieli.db" "UPDATE case_rollup_state SET cases = cases + 7; DELETE FROM case_rollup_days"
cases=$(sqlite3 "$work/jieli.db" "SELECT COUNT(*) FROM cases")
check "rollup rebuild names what it counted" bash -c "'$jieli' rollup rebuild | grep -q '$cases 个个案'"
check "the rebuilt rollup equals a recount" bash -c "[ \"\$(sqlite3 '$work/jieli.db' \"$rollup_off\")\" = 0 ]"
check "the rebuilt rollup has its days" bash -c "[ \"\$(sqlite3 '$work/jieli.db' 'SELECT SUM(opened) FROM case_rollup_days')\" = $cases ]"
check "rollup rebuild recomputes every case's quality facts" bash -c "[ \"\$(sqlite3 '$work/jieli.db' 'SELECT COUNT(*) FROM case_quality_facts f JOIN cases c ON c.id = f.case_id AND c.version = f.version')\" = $cases ]"

check "audit verify (intact)" "$jieli" audit verify
sqlite3 "$work/jieli.db" "UPDATE audit_log SET actor_name = 'mallory' WHERE id = 5"
check "audit verify names the altered entry" bash -c "'$jieli' audit verify | grep -q '第 5 条'; [ \${PIPESTATUS[0]} -eq 2 ]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
