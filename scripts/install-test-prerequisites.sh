#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, only where it is missing:
#   - Debian's Chromium (browser tests drive it with Playwright; Playwright's own browser download cannot work offline)
#   - Japanese fonts, so screenshots show text rather than boxes
#   - docker-compose v1 (validates docker-compose.yml; no Docker engine is needed or started)
#   - the dotnet tools of the tool manifest (dotnet-ef)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || packages+=(fonts-noto-cjk)
command -v docker-compose >/dev/null 2>&1 || packages+=(docker-compose)

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
  echo "Installing Debian packages: ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
