#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, only where it is missing:
#   - Debian's Chromium (browser tests drive it with Playwright; Playwright's own browser download cannot work offline)
#   - Japanese fonts, so screenshots show text rather than boxes
#   - docker-compose v1 (validates docker-compose.yml; no Docker engine is needed or started)
#   - Debian's PostgreSQL server, started, with a throwaway test role (the store tests and the two-node suite use it)
#   - the dotnet tools of the tool manifest (dotnet-ef)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || packages+=(fonts-noto-cjk)
command -v docker-compose >/dev/null 2>&1 || packages+=(docker-compose)
command -v pg_ctlcluster >/dev/null 2>&1 || packages+=(postgresql)

if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# PostgreSQL: start the package's cluster when it is down, then make sure the test role exists. The role only creates
# and drops its own throwaway databases (one per test class); tests read GOQ_TEST_POSTGRES, defaulting to this role.
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2" "$4}')
if [ -z "$cluster" ]; then
  echo "No PostgreSQL cluster found (pg_lsclusters is empty)" >&2
  exit 1
fi
read -r pg_version pg_cluster pg_state <<<"$cluster"
if [ "$pg_state" != "online" ]; then
  echo "Starting PostgreSQL $pg_version/$pg_cluster"
  "${sudo_cmd[@]}" pg_ctlcluster "$pg_version" "$pg_cluster" start
fi
"${sudo_cmd[@]}" su postgres -c "psql -q -v ON_ERROR_STOP=1 -d postgres" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'goq_test') THEN
    CREATE ROLE goq_test LOGIN PASSWORD 'goq_test' CREATEDB;
  END IF;
END
$$;
SQL

dotnet tool restore >/dev/null
