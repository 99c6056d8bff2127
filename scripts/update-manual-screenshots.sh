#!/usr/bin/env bash
# Refreshes the operator manual's screenshots (docs/manual/images) from the browser tests, so the manual shows the
# screens as they are today. The manual's own image links are the list: every `images/<name>.png` referenced by
# docs/manual/*.md is copied from artifacts/screenshots, and a missing one fails the script.
#   scripts/update-manual-screenshots.sh            # runs the browser tests first (Chromium, about a minute)
#   scripts/update-manual-screenshots.sh --no-test  # copies what the last test run left in artifacts/screenshots
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-test" ]; then
  dotnet test tests/GoQ.TikTokSync.Browser.Tests
fi

source_dir=artifacts/screenshots
target_dir=docs/manual/images
mkdir -p "$target_dir"

mapfile -t names < <(grep -ho 'images/[A-Za-z0-9_-]*\.png' docs/manual/*.md | sed 's#images/##' | sort -u)
if [ "${#names[@]}" -eq 0 ]; then
  echo "docs/manual references no screenshot" >&2
  exit 1
fi

missing=0
for name in "${names[@]}"; do
  if [ -f "$source_dir/$name" ]; then
    cp "$source_dir/$name" "$target_dir/$name"
  else
    echo "missing screenshot: $source_dir/$name (no browser test saves it)" >&2
    missing=1
  fi
done

# Images no chapter uses any more are removed, so the folder holds exactly what the manual shows.
for file in "$target_dir"/*.png; do
  [ -e "$file" ] || continue
  if ! printf '%s\n' "${names[@]}" | grep -qx "$(basename "$file")"; then
    rm "$file"
  fi
done

echo "copied ${#names[@]} screenshots into $target_dir"
exit "$missing"
