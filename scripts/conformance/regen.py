#!/usr/bin/env python3
"""Re-runs Terraform for every conformance case and rewrites the expectations in place.

Case files live in planner/src/test/resources/conformance/cases/*.txt. Each case is

    ## case: <unique-name>
    <expression: one line, or several lines running until the next "## expect" directive>
    ## expect:
    <exact `terraform console` output, possibly several lines>

or, when Terraform reports an error, "## expect-error: <diagnostic summary>" instead of the
"## expect:" block. A case may also carry lockstep's deliberately different answer:

    ## lockstep-expect:            (or "## lockstep-expect-error: <summary>")
    <lockstep's output>
    ## differs: <one-line reason>

This script rewrites only the "## expect" / "## expect-error" parts; everything else is kept.
The output is canonical, so running it twice changes nothing.

Terraform's piped console reads one line at a time, so a one-line expression is piped to
`terraform console` directly, while a multi-line expression (heredocs) is written to a generated
`locals { conformance_case = ... }` block and the console evaluates `local.conformance_case`.
Every case runs in a fresh copy of prelude.tf and files/, so cases cannot influence each other.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONF = os.path.join(ROOT, "planner", "src", "test", "resources", "conformance")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DIRECTIVE = re.compile(r"^## (case|expect|expect-error|lockstep-expect|lockstep-expect-error|differs):(.*)$")


class Case:
    def __init__(self, name):
        self.name = name
        self.expr = []
        self.expect = None          # list of lines, or None
        self.expect_error = None    # summary string, or None
        self.lockstep = None        # list of lines, or None
        self.lockstep_error = None  # summary string, or None
        self.differs = None         # reason, or None


def parse(path):
    header, cases = [], []
    current, section = None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        m = DIRECTIVE.match(line)
        if m:
            kind, rest = m.group(1), m.group(2).strip()
            if kind == "case":
                current = Case(rest)
                cases.append(current)
                section = "expr"
                continue
            if current is None:
                sys.exit(f"{path}: directive before the first case: {line}")
            if kind == "expect":
                current.expect, section = [], "expect"
            elif kind == "expect-error":
                current.expect_error, section = rest, None
            elif kind == "lockstep-expect":
                current.lockstep, section = [], "lockstep"
            elif kind == "lockstep-expect-error":
                current.lockstep_error, section = rest, None
            elif kind == "differs":
                current.differs, section = rest, None
            continue
        if current is None:
            header.append(line)
        elif section == "expr":
            current.expr.append(line)
        elif section == "expect":
            current.expect.append(line)
        elif section == "lockstep":
            current.lockstep.append(line)
        elif line.strip():
            sys.exit(f"{path}: case {current.name}: stray line: {line}")
    for c in cases:
        for block in (c.expr, c.expect, c.lockstep):
            while block and block[-1] == "":
                block.pop()
        if not c.expr:
            sys.exit(f"{path}: case {c.name} has no expression")
    names = [c.name for c in cases]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        sys.exit(f"{path}: duplicate case names: {sorted(dups)}")
    return header, cases


def render(header, cases):
    out = list(header)
    while out and out[-1] == "":
        out.pop()
    if out:
        out.append("")
    for c in cases:
        out.append(f"## case: {c.name}")
        out.extend(c.expr)
        if c.expect_error is not None:
            out.append(f"## expect-error: {c.expect_error}")
        else:
            out.append("## expect:")
            out.extend(c.expect or [])
        if c.lockstep_error is not None:
            out.append(f"## lockstep-expect-error: {c.lockstep_error}")
        elif c.lockstep is not None:
            out.append("## lockstep-expect:")
            out.extend(c.lockstep)
        if c.differs is not None:
            out.append(f"## differs: {c.differs}")
        out.append("")
    return "\n".join(out)


def run_terraform(case):
    work = tempfile.mkdtemp(prefix="lockstep-conformance-")
    try:
        shutil.copy(os.path.join(CONF, "prelude.tf"), work)
        files = os.path.join(CONF, "files")
        if os.path.isdir(files):
            shutil.copytree(files, os.path.join(work, "files"))
        if len(case.expr) == 1:
            stdin = case.expr[0] + "\n"
        else:
            with open(os.path.join(work, "conformance_case.tf"), "w", encoding="utf-8") as f:
                f.write("locals {\n  conformance_case = " + "\n".join(case.expr) + "\n}\n")
            stdin = "local.conformance_case\n"
        env = dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null", TF_IN_AUTOMATION="1",
                   CHECKPOINT_DISABLE="1")
        p = subprocess.run(["terraform", "console"], input=stdin.encode("utf-8"), cwd=work, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        stdout = ANSI.sub("", p.stdout.decode("utf-8"))
        stderr = ANSI.sub("", p.stderr.decode("utf-8"))
        if p.returncode != 0:
            m = re.search(r"Error: (.*)", stderr) or re.search(r"Error: (.*)", stdout)
            if not m:
                raise RuntimeError(f"case {case.name}: terraform failed without a diagnostic:\n{stderr}")
            return None, m.group(1).strip()
        lines = stdout.split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        return lines, None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if shutil.which("terraform") is None:
        sys.exit("terraform is not on PATH")
    version = subprocess.run(["terraform", "version"], stdout=subprocess.PIPE,
                             env=dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null")).stdout.decode().split("\n")[0]
    print(f"using {version}", file=sys.stderr)
    paths = argv[1:] or sorted(
        os.path.join(CONF, "cases", n) for n in os.listdir(os.path.join(CONF, "cases")) if n.endswith(".txt"))
    total = 0
    for path in paths:
        header, cases = parse(path)
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(run_terraform, cases))
        for c, (lines, error) in zip(cases, results):
            if error is not None:
                c.expect, c.expect_error = None, error
            else:
                c.expect, c.expect_error = lines, None
        text = render(header, cases) + "\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(cases)
        print(f"{os.path.relpath(path, ROOT)}: {len(cases)} cases", file=sys.stderr)
    print(f"{total} cases", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
