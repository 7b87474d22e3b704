#!/usr/bin/env bash
# Prints the gzipped size (gzip -9, as a static host would serve it) of each
# file a build directory serves, and the total.
set -euo pipefail
dir=${1:-dist}
if [ ! -d "$dir" ]; then
  echo "size: no $dir/ yet; run 'make dist' first" >&2
  exit 1
fi
total_raw=0
total_gz=0
printf '%-44s %10s %10s\n' file bytes gzipped
while IFS= read -r f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${f#"$dir"/}" "$raw" "$gz"
done < <(find "$dir" -type f | sort)
printf '%-44s %10d %10d\n' total "$total_raw" "$total_gz"
