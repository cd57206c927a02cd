#!/usr/bin/env python3
"""Differential testing of tstcc against the original Tstconfig 0.3.

    difftest.py --tstcc BUILD/tstcc --original "CMD" [--cases N] [--seed S]

CMD runs the original: given definition files, it prints its report (the
`tstconfig` launcher of the original's own build, say).  Both sides run
the same definitions on the same inputs and their reports are compared
event by event after reports.py has mapped what legitimately differs.

The inputs are every definition of tests/run/ and examples/ (each run from
the directory its e2e test runs it from) and N cases from the generator
(gen.py), seeded and deterministic, run in batches: one checker built from
a hundred definitions against one run of the original over the same
hundred.  Each disagreement is printed with its definition, its inputs and
both reports, after shrinking the case line by line while it still
disagrees.  Exit status: 0 when every case agrees, 1 otherwise, 2 when
the tools could not run.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen  # noqa: E402
import reports  # noqa: E402
import twin  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TIMEOUT = 300


class Tools:
    def __init__(self, tstcc, original):
        self.tstcc = os.path.abspath(tstcc)
        self.original = shlex.split(original)
        # The original reads and writes UTF-8 only when told to.
        self.env = dict(os.environ, LC_ALL="C.UTF-8",
                        JAVA_TOOL_OPTIONS="-Dfile.encoding=UTF-8 -Dsun.jnu.encoding=UTF-8")

    def build(self, cwd, defs, out):
        """Builds one checker from defs; returns (ok, diagnostics)."""
        proc = subprocess.run([self.tstcc, *defs, "-o", out], cwd=cwd, capture_output=True, timeout=TIMEOUT)
        return proc.returncode == 0, proc.stderr.decode("utf-8", "replace")

    def run_checker(self, cwd, exe):
        proc = subprocess.run([exe], cwd=cwd, capture_output=True, timeout=TIMEOUT)
        return proc.stdout, proc.returncode

    def run_original(self, cwd, defs):
        proc = subprocess.run(self.original + list(defs), cwd=cwd, capture_output=True, timeout=TIMEOUT,
                              env=self.env)
        return proc.stdout


def compare(tstcc_out, status, original_out, renames=()):
    """The lines that differ between the two normalized reports, or []."""
    for old, new in renames:
        original_out = original_out.replace(old, new)
    ours = reports.read_tstcc(tstcc_out)
    theirs = reports.read_original(original_out)
    reports.apply_affix_fix(theirs)
    problems = ["tstcc: " + p for p in ours.problems] + ["original: " + p for p in theirs.problems]
    a, b = ours.events(), theirs.events()
    if a != b:
        problems += diff_lines(b, a)
    if ours.summary != theirs.summary:
        problems.append("summary: original (fixed) %s, tstcc %s" % (theirs.summary, ours.summary))
    if ours.summary:
        want = 0 if ours.summary[0] == "PASS" else 2 if ours.summary[4] else 1
        if status != want:
            problems.append("tstcc exit status %d, its summary says %d" % (status, want))
    return problems


def diff_lines(old, new):
    import difflib
    return ["  " + line.rstrip("\n") for line in
            difflib.unified_diff(old, new, "original (normalized)", "tstcc (normalized)", lineterm="", n=2)]


def split_segments(data):
    """The report of each definition, keyed by name (bytes in, bytes out)."""
    out, name, cur = {}, None, []
    for line in data.split(b"\n"):
        if line.startswith(b"Reading definition file: "):
            if name is not None:
                out[name] = b"\n".join(cur)
            name = line[len(b"Reading definition file: "):].decode("utf-8", "replace")
            cur = []
        elif line.startswith(b"SUMMARY REPORT: "):
            break
        elif name is not None:
            cur.append(line)
    if name is not None:
        out[name] = b"\n".join(cur)
    return out


# -- the corpus: tests/run and examples -------------------------------------

def corpus(tools, work, log):
    """Runs every test and example definition through both; returns (cases, failures)."""
    groups = [(os.path.join(TOP, "tests", "run"), sorted(
        f for f in os.listdir(os.path.join(TOP, "tests", "run")) if f.endswith(".tstconfig")))]
    for sub in ("examples", os.path.join("examples", "original")):
        d = os.path.join(TOP, sub)
        if os.path.isdir(d):
            groups.append((TOP, sorted(os.path.join(sub, f) for f in os.listdir(d) if f.endswith(".tstconfig"))))
    cases = failures = 0
    for cwd, defs in groups:
        for d in defs:
            base = os.path.join(cwd, d[:-len(".tstconfig")])
            if os.path.exists(base + ".run-args"):
                log("skipped %s: it needs checker options (%s) the original does not have"
                    % (d, open(base + ".run-args").read().strip()))
                continue
            extra = open(base + ".args").read().split() if os.path.exists(base + ".args") else []
            exe = os.path.join(work, "corpus_" + os.path.basename(base))
            if not tools.build(cwd, ["-std=tstconfig-0.3", "--check", d] + extra, exe)[0]:
                log("skipped %s: it uses tstcc's extensions of the language" % d)
                continue
            ok, diags = tools.build(cwd, [d] + extra, exe)
            cases += 1
            if not ok:
                failures += 1
                log("FAIL %s: tstcc did not build it:\n%s" % (d, diags))
                continue
            out, status = tools.run_checker(cwd, exe)
            twins, renames = [], []
            for k, name in enumerate([d] + extra):
                with open(os.path.join(cwd, name), "rb") as f:
                    text, more = twin.make_twin(f.read(), cwd, work, "corpus%d" % k)
                path = os.path.join(work, "twin%d_%s" % (k, os.path.basename(name)))
                with open(path, "wb") as f:
                    f.write(text)
                twins.append(path)
                renames += more + [(path.encode(), name.encode())]
            orig = tools.run_original(cwd, twins)
            problems = compare(out, status, orig, renames)
            if problems:
                failures += 1
                log("FAIL %s\n%s\n--- original:\n%s\n--- tstcc:\n%s" % (
                    d, "\n".join(problems), orig.decode("utf-8", "replace"), out.decode("utf-8", "replace")))
    return cases, failures


# -- generated cases --------------------------------------------------------

def write_case(work, case):
    """Writes the case and its twin; returns (twin's name, renames for its report)."""
    for path, data in case.files.items():
        with open(os.path.join(work, path), "wb") as f:
            f.write(data)
    with open(os.path.join(work, case.name + ".tstconfig"), "wb") as f:
        f.write(case.text())
    text, renames = twin.make_twin(case.text(), work, work, case.name)
    name = case.name + ".orig.tstconfig"
    with open(os.path.join(work, name), "wb") as f:
        f.write(text)
    return name, renames + [(name.encode(), (case.name + ".tstconfig").encode())]


def run_batch(tools, work, batch):
    """Runs a batch of cases through both; returns {case name: problems}."""
    defs, origs, renames = [], [], []
    for case in batch:
        name, more = write_case(work, case)
        defs.append(case.name + ".tstconfig")
        origs.append(name)
        renames += more
    exe = os.path.join(work, "batch")
    ok, diags = tools.build(work, defs, exe)
    if not ok:
        # Find the cases tstcc rejects; the others still run, as a smaller batch.
        rejected = {}
        for case in batch:
            ok, diags = tools.build(work, [case.name + ".tstconfig"], exe)
            if not ok:
                rejected[case.name] = ["tstcc did not build it:\n" + diags]
        rest = [c for c in batch if c.name not in rejected]
        if not rejected:
            return {"batch": ["tstcc did not build the batch:\n" + diags]}
        return dict(rejected, **(run_batch(tools, work, rest) if rest else {}))
    out, status = tools.run_checker(work, exe)
    orig = tools.run_original(work, origs)
    for old, new in renames:
        orig = orig.replace(old, new)
    problems = {}
    summary = compare(out, status, orig)
    if summary:
        ours, theirs = split_segments(out), split_segments(orig)
        for case in batch:
            name = case.name + ".tstconfig"
            seg = compare(b"Reading definition file: " + name.encode() + b"\n" + ours.get(name, b""), None,
                          b"Reading definition file: " + name.encode() + b"\n" + theirs.get(name, b""))
            seg = [p for p in seg if not p.startswith("summary") and not p.startswith("tstcc exit")]
            if seg:
                problems[case.name] = seg
        if not problems:
            problems["batch"] = summary
    return problems


def run_one(tools, work, case):
    """Runs one case alone; returns (problems, tstcc report, original report)."""
    name, renames = write_case(work, case)
    exe = os.path.join(work, case.name)
    ok, diags = tools.build(work, [case.name + ".tstconfig"], exe)
    if not ok:
        return ["tstcc did not build it:\n" + diags], b"", b""
    out, status = tools.run_checker(work, exe)
    orig = tools.run_original(work, [name])
    for old, new in renames:
        orig = orig.replace(old, new)
    return compare(out, status, orig), out, orig


def disagrees(tools, work, case):
    """Whether the case still builds and still disagrees."""
    problems = run_one(tools, work, case)[0]
    return bool(problems) and not problems[0].startswith("tstcc did not build")


def shrink(tools, work, case, log_budget=80):
    """Drops definition and data lines while the case still disagrees."""
    if not disagrees(tools, work, case):
        return
    tries = 0
    changed = True
    while changed and tries < log_budget:
        changed = False
        for i in range(len(case.definition) - 1, 0, -1):
            if tries >= log_budget:
                break
            line = case.definition[i]
            if line.split(" ", 1)[0].split("\t", 1)[0] in ("file", "command"):
                continue
            saved = case.definition[:]
            del case.definition[i]
            tries += 1
            if disagrees(tools, work, case):
                changed = True
            else:
                case.definition = saved
        for path in list(case.files):
            lines = case.files[path].split(b"\n")
            for i in range(len(lines) - 1, -1, -1):
                if tries >= log_budget or len(lines) <= 1:
                    break
                trial = lines[:i] + lines[i + 1:]
                case.files[path] = b"\n".join(trial)
                tries += 1
                if disagrees(tools, work, case):
                    lines = trial
                    changed = True
                else:
                    case.files[path] = b"\n".join(lines)


def show_case(case, problems, out, orig):
    parts = ["=" * 72, "DISAGREEMENT in %s" % case.name, "\n".join(problems),
             "--- %s.tstconfig (%r):" % (case.name, case.text()), case.text().decode("utf-8", "replace")]
    for path, data in sorted(case.files.items()):
        parts += ["--- %s (%r):" % (path, data), data.decode("utf-8", "replace")]
    parts += ["--- original's report:", orig.decode("utf-8", "replace"),
              "--- tstcc's report:", out.decode("utf-8", "replace")]
    return "\n".join(parts)


def generated(tools, work, args, log):
    failures = []
    batch = []
    for n in range(args.first, args.first + args.cases):
        batch.append(gen.Case(args.seed, n))
        if len(batch) == args.batch or n == args.first + args.cases - 1:
            problems = run_batch(tools, work, batch)
            for name, p in problems.items():
                failures.append((name, p))
            batch = []
    shown = 0
    for name, p in failures:
        if name == "batch":
            log("FAIL a batch disagrees as a whole:\n" + "\n".join(p))
            continue
        case = gen.Case(args.seed, int(name[1:]))
        if shown < args.show:
            shrink(tools, work, case)
            problems, out, orig = run_one(tools, work, case)
            log(show_case(case, problems or p, out, orig))
            shown += 1
        else:
            log("FAIL %s (seed %s):\n%s" % (name, args.seed, "\n".join(p[:12])))
    return len(failures)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tstcc", required=True, help="the tstcc to test")
    ap.add_argument("--original", required=True, help="command that runs the original Tstconfig 0.3")
    ap.add_argument("--cases", type=int, default=5000, help="generated cases (default 5000)")
    ap.add_argument("--first", type=int, default=0, help="number of the first generated case")
    ap.add_argument("--seed", default="1", help="generator seed (default 1)")
    ap.add_argument("--batch", type=int, default=100, help="definitions per checker (default 100)")
    ap.add_argument("--show", type=int, default=10, help="disagreements shown in full, shrunk (default 10)")
    ap.add_argument("--work", default=os.path.join(TOP, "build", "difftest"), help="scratch directory")
    ap.add_argument("--no-corpus", action="store_true", help="only generated cases")
    args = ap.parse_args()

    tools = Tools(args.tstcc, args.original)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    log = print
    try:
        probe = tools.run_original(args.work, [])
    except (OSError, subprocess.SubprocessError) as e:
        print("difftest: cannot run the original (%s): %s" % (args.original, e), file=sys.stderr)
        return 2
    if not probe.startswith(b"Tstconfig "):
        print("difftest: %r does not look like Tstconfig; it printed: %r" % (args.original, probe[:200]),
              file=sys.stderr)
        return 2
    start = time.time()
    ncorpus = fcorpus = 0
    if not args.no_corpus:
        ncorpus, fcorpus = corpus(tools, args.work, log)
    fgen = generated(tools, args.work, args, log)
    elapsed = time.time() - start
    print("difftest: %d test and example definitions, %d disagree; %d generated cases (seed %s), %d disagree; %.0f s"
          % (ncorpus, fcorpus, args.cases, args.seed, fgen, elapsed))
    return 1 if fcorpus or fgen else 0


if __name__ == "__main__":
    sys.exit(main())
