#!/usr/bin/env bash
# Regenerates the Terraform expectations of the conformance cases (see regen.py for the format).
# Needs terraform (1.11) on PATH; the build never runs this, only people updating the goldens do.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 scripts/conformance/regen.py "$@"
