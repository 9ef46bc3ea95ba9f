"""Runs Terraform on every differential case and writes its trimmed, normalised JSON plan.

The trimming and normalisation here are mirrored by TerraformDifferentialTest, which applies the
same rules to lockstep's JSON plan before comparing:

* resource_changes[]: address, mode, type, name, index (when present), action_reason (when
  present), and of change: actions, before, after, after_unknown, before_sensitive,
  after_sensitive, replace_paths (when present). Sorted by address.
* output_changes: every output, with actions, before, after, after_unknown, before_sensitive,
  after_sensitive.
* planned_values: root_module.resources[] (address, mode, type, name, index when present,
  values, sensitive_values; sorted by address) and outputs (sensitive, value when present).
* terraform_version, for the record (not compared).
* Normalised: every string that is a UUID (terraform_data ids are random UUIDs) becomes "<uuid>".
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CASES = os.path.join("cli", "src", "test", "resources", "terraform-diff")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CHANGE_FIELDS = ["actions", "before", "after", "after_unknown", "before_sensitive", "after_sensitive",
                 "replace_paths"]
RESOURCE_FIELDS = ["address", "mode", "type", "name", "index", "action_reason"]
OUTPUT_FIELDS = ["actions", "before", "after", "after_unknown", "before_sensitive", "after_sensitive"]
PLANNED_FIELDS = ["address", "mode", "type", "name", "index", "values", "sensitive_values"]
PLANNED_OUTPUT_FIELDS = ["sensitive", "value"]


def normalise(v):
    if isinstance(v, str):
        return "<uuid>" if UUID.match(v) else v
    if isinstance(v, list):
        return [normalise(e) for e in v]
    if isinstance(v, dict):
        return {k: normalise(e) for k, e in v.items()}
    return v


def trim(plan):
    changes = []
    for rc in plan.get("resource_changes", []):
        out = {k: rc[k] for k in RESOURCE_FIELDS if k in rc}
        out["change"] = {k: rc["change"][k] for k in CHANGE_FIELDS if k in rc["change"]}
        changes.append(out)
    changes.sort(key=lambda c: c["address"])
    outputs = {}
    for name, oc in sorted(plan.get("output_changes", {}).items()):
        outputs[name] = {k: oc[k] for k in OUTPUT_FIELDS if k in oc}
    planned = plan.get("planned_values", {})
    resources = [{k: r[k] for k in PLANNED_FIELDS if k in r}
                 for r in planned.get("root_module", {}).get("resources", [])]
    resources.sort(key=lambda r: r["address"])
    planned_outputs = {name: {k: o[k] for k in PLANNED_OUTPUT_FIELDS if k in o}
                       for name, o in sorted(planned.get("outputs", {}).items())}
    return normalise({"terraform_version": plan["terraform_version"], "resource_changes": changes,
                      "output_changes": outputs,
                      "planned_values": {"root_module": {"resources": resources}, "outputs": planned_outputs}})


def tf_files(src, dst):
    for f in os.listdir(dst):
        if f.endswith(".tf"):
            os.remove(os.path.join(dst, f))
    for f in sorted(os.listdir(src)):
        if f.endswith(".tf"):
            shutil.copy(os.path.join(src, f), os.path.join(dst, f))


def terraform(work, *args):
    env = dict(os.environ)
    env.setdefault("TF_CLI_CONFIG_FILE", "/dev/null")
    env["TF_IN_AUTOMATION"] = "1"
    env["CHECKPOINT_DISABLE"] = "1"
    r = subprocess.run(["terraform", *args], cwd=work, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("terraform %s failed in %s:\n%s%s" % (" ".join(args), work, r.stdout, r.stderr))
    return r.stdout


def run_case(case_dir):
    with tempfile.TemporaryDirectory(prefix="lockstep-tfdiff-") as work:
        step1 = os.path.join(case_dir, "step1")
        if os.path.isdir(step1):
            tf_files(step1, work)
            terraform(work, "init", "-input=false", "-no-color")
            terraform(work, "apply", "-auto-approve", "-input=false", "-no-color")
        tf_files(os.path.join(case_dir, "step2"), work)
        if not os.path.isdir(os.path.join(work, ".terraform")):
            terraform(work, "init", "-input=false", "-no-color")
        args = []
        args_file = os.path.join(case_dir, "plan.args")
        if os.path.exists(args_file):
            with open(args_file) as f:
                args = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        terraform(work, "plan", "-input=false", "-no-color", "-out=tfplan", *args)
        plan = json.loads(terraform(work, "show", "-json", "tfplan"))
    with open(os.path.join(case_dir, "terraform-plan.json"), "w") as f:
        json.dump(trim(plan), f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    names = sys.argv[1:] or sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    version = json.loads(terraform(".", "version", "-json"))["terraform_version"]
    print("terraform", version)
    for name in names:
        print("case", name)
        run_case(os.path.join(CASES, name))


if __name__ == "__main__":
    main()
