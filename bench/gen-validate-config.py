#!/usr/bin/env python3
"""Generates a single-file configuration of N terraform_data resources (~500 bytes each) for the
validate benchmark. Usage: gen-validate-config.py N OUTDIR"""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "main.hcl"), "w") as f:
    f.write('variable "team" {\n  type    = string\n  default = "data-eng"\n}\n\n')
    f.write('locals {\n  labels = {\n    "app.kubernetes.io/managed-by" = "lockstep"\n'
            '    "app.kubernetes.io/part-of"    = var.team\n  }\n}\n\n')
    for i in range(n):
        ns = i % 50
        dep = f"\n  depends_on = [terraform_data.r{i - 1}]" if i % 10 == 9 else ""
        f.write(f'''resource "terraform_data" "r{i}" {{
  input = {{
    name      = "${{var.team}}-svc-{i}"
    namespace = "team-{ns}"
    labels    = merge(local.labels, {{ "lockstep.dev/index" = "{i}" }})
    rules = [
      {{ api_groups = [""], resources = ["pods", "services"], verbs = ["get", "list", "watch"] }},
      {{ api_groups = ["apps"], resources = ["deployments"], verbs = ["get"] }},
    ]
    replicas = {i % 5} * 2 + 1
    enabled  = {str(i % 3 == 0).lower()} ? "on" : "off"
  }}
  triggers_replace = "v{i % 7}"{dep}
}}

''')
    f.write('output "count" {\n  value = length([for k, v in terraform_data.r0.output : k])\n}\n')
