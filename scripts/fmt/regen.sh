#!/usr/bin/env bash
# Regenerates the golden of every formatter conformance case from Terraform:
#   planner/src/test/resources/fmt/<case>.hcl  ->  <case>.golden  (terraform fmt - < case.hcl)
# Needs terraform (1.11) on PATH; the build and the tests never run it, only people updating the
# goldens do. Cases where lockstep deliberately differs are listed in fmt/known-differences; their
# goldens are still Terraform's output, and lockstep's own output is kept in <case>.expected.
# Usage: scripts/fmt/regen.sh [CASE...]   (no argument: every case)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=planner/src/test/resources/fmt
command -v terraform >/dev/null || { echo "regen.sh: terraform is not on PATH" >&2; exit 1; }
terraform version | head -1 >&2
export TF_CLI_CONFIG_FILE=/dev/null   # no CLI configuration needed, and no warning about a missing one
if [ "$#" -gt 0 ]; then
  cases=("$@")
else
  cases=()
  for f in "$dir"/*.hcl; do cases+=("$(basename "$f" .hcl)"); done
fi
for c in "${cases[@]}"; do
  if ! terraform fmt -no-color - <"$dir/$c.hcl" >"$dir/$c.golden.tmp"; then
    rm -f "$dir/$c.golden.tmp"
    echo "regen.sh: terraform fmt rejected $c.hcl" >&2
    exit 1
  fi
  mv "$dir/$c.golden.tmp" "$dir/$c.golden"
done
echo "regenerated ${#cases[@]} golden(s) in $dir" >&2
