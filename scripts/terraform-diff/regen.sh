#!/usr/bin/env bash
# Regenerates the Terraform side of the differential plan test (TerraformDifferentialTest).
#
# For every case directory cli/src/test/resources/terraform-diff/<case>/ (or only the cases named
# as arguments), Terraform applies step1/*.tf (when step1/ exists), then plans step2/*.tf with the
# arguments in plan.args (one per line, Terraform's spelling: -replace=ADDR, -target=ADDR,
# -destroy), and the saved plan's `terraform show -json` is trimmed to the compared fields and
# normalised (see regen.py) into <case>/terraform-plan.json.
#
# Needs terraform (1.11) and python3 on PATH; the build never runs this, only people adding or
# changing a case do. Review the diff of every regenerated file before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 scripts/terraform-diff/regen.py "$@"
