#!/usr/bin/env bash
# Runs every test: unit, integration (WebApplicationFactory + SQLite/PostgreSQL + the TikTok Shop emulator), browser
# (Chromium) and cluster (the published app as two processes on PostgreSQL, killed and restarted).
# Installs missing prerequisites first, so a fresh Debian machine with only the .NET SDK needs nothing else.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/install-test-prerequisites.sh

echo "Checking docker-compose.yml and docker-compose.postgres.yml"
MSSQL_SA_PASSWORD=validation-only GOQ_APP_DB_PASSWORD=validation-only docker-compose -f docker-compose.yml config -q
POSTGRES_PASSWORD=validation-only docker-compose -f docker-compose.postgres.yml config -q

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test GoQ.TikTokSync.sln --logger "trx" --results-directory "$results" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
