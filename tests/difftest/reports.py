"""Reading the text reports of tstcc's checkers and of the original Tstconfig
into one comparable form.

A report becomes one Report: the events of each definition file in order
(failure blocks, ERRORs, WARNs) and the summary counts.  What legitimately
differs is dropped or mapped here and nowhere else:

- the banner line, blank lines (the original prints two in places where
  tstcc prints one), tstcc's ` Source:` row and its count of assertions
  not checked;
- ERROR wording: tstcc adds DEFINITION:LINE and a reason, so both sides
  become a kind and a subject ("file PATH", "section NAME", "exit N",
  "start PROG");
- a command's stderr: one tstcc WARN line per line of it, against the
  original's one WARN header followed by the text;
- the deliberate fixes of doc/tstconfig.5 DIFFERENCES FROM THE ORIGINAL:
  the original printed a failed command but did not count it, so those
  ERRORs are added to its error count; a command that could not start
  also gave it a NullPointerException, the consequence of the same error.

Reports are bytes; both sides are read as UTF-8 with each malformed
sequence replaced by U+FFFD, as the original did on input (java_decode).
"""

import re

LABELS = ("File:", "Command:", "Section:", "Property:", "Value:", "Assertion:", "Source:")


class Report:
    def __init__(self):
        self.segments = []      # [(definition name, [event line, ...])]
        self.summary = None     # (verdict, tested, passed, failed, errors)
        self.problems = []      # lines neither side should print

    def events(self):
        out = []
        for name, evs in self.segments:
            out.append("Reading definition file: " + name)
            out.extend(evs)
        return out


def java_decode(data):
    """bytes as Java's UTF-8 decoder reads them: each malformed sequence is
    one U+FFFD, as Python does, but an encoded surrogate (ED A0..BF, and its
    third byte when there is one) is one sequence to Java."""
    data = re.sub(rb"\xed[\xa0-\xbf][\x80-\xbf]?", b"\xef\xbf\xbd", data)
    return data.decode("utf-8", "replace")


def _lines(data):
    return java_decode(data).split("\n")


def _summary(lines, i, rep):
    """Reads SUMMARY REPORT and its four counts starting at lines[i]."""
    verdict = lines[i][len("SUMMARY REPORT: "):]
    counts = []
    for label in ("Assertions tested: ", "Assertions passed: ", "Assertions failed: ", "Errors: "):
        i += 1
        if i >= len(lines) or not lines[i].startswith(label):
            rep.problems.append("malformed summary")
            return len(lines)
        counts.append(int(lines[i][len(label):]))
    rep.summary = (verdict, *counts)
    return i + 1


def _block(lines, i, out, drop_source):
    """A failure block starting after ASSERTION FAILED; returns the next index."""
    out.append("ASSERTION FAILED")
    while i < len(lines) and lines[i].startswith(" ") and lines[i][1:].split(" ", 1)[0] in LABELS:
        if not (drop_source and lines[i].startswith(" Source:")):
            out.append(lines[i])
        i += 1
    return i


def _segment(rep):
    if not rep.segments:
        rep.segments.append(("", []))
    return rep.segments[-1][1]


_TSTCC_ERRORS = [
    (re.compile(r"cannot read file (.*): [^:]*$"), "file"),
    (re.compile(r"section is undefined: (.*)$"), "section"),
    (re.compile(r"command exited with status (\d+): "), "exit"),
    (re.compile(r"cannot run command (.*): [^:]*$"), "start"),
]


def _tstcc_error(msg):
    for pattern, kind in _TSTCC_ERRORS:
        m = pattern.match(msg)
        if m:
            return "ERROR %s %s" % (kind, m.group(1))
    m = re.match(r"command killed by signal (\d+) ", msg)
    if m:
        return "ERROR exit %d" % (128 + int(m.group(1)))
    return "ERROR other " + msg


def read_tstcc(data):
    rep = Report()
    lines = _lines(data)
    i = 1 if lines and lines[0].startswith("tstcc ") else 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line == "":
            continue
        if line.startswith("Reading definition file: "):
            rep.segments.append((line[len("Reading definition file: "):], []))
        elif line == "ASSERTION FAILED":
            i = _block(lines, i, _segment(rep), True)
        elif line.startswith("ERROR: "):
            m = re.match(r"ERROR: .*?:\d+: (.*)$", line)
            _segment(rep).append(_tstcc_error(m.group(1)) if m else "ERROR other " + line)
        elif line.startswith("WARN: "):
            m = re.match(r"WARN: .*?:\d+: command wrote to stderr: (.*)$", line)
            _segment(rep).append("WARN " + (m.group(1) if m else line))
        elif line.startswith("SUMMARY REPORT: "):
            i = _summary(lines, i - 1, rep)
        elif line.startswith("Assertions not checked: ") and rep.summary:
            continue    # tstcc's count of assertions on sources it could not read
        else:
            rep.problems.append("unexpected line: " + line)
    return rep


def _skip_trace(lines, i):
    """Skips the rest of a Java stack trace."""
    while i < len(lines) and (lines[i].startswith("\t") or lines[i].startswith("Caused by: ")):
        i += 1
    return i


def read_original(data):
    """The original's report, with its uncounted command ERRORs counted."""
    rep = Report()
    lines = _lines(data)
    i = 1 if lines and lines[0].startswith("Tstconfig ") else 0
    uncounted = 0
    after_start = False
    while i < len(lines):
        line = lines[i]
        i += 1
        if line == "":
            continue
        started = after_start
        after_start = False
        if line.startswith("Reading definition file: "):
            rep.segments.append((line[len("Reading definition file: "):], []))
        elif line == "ASSERTION FAILED":
            i = _block(lines, i, _segment(rep), False)
        elif line.startswith("ERROR: cannot read file: "):
            _segment(rep).append("ERROR file " + line[len("ERROR: cannot read file: "):])
        elif line.startswith("ERROR: section is undefined: "):
            _segment(rep).append("ERROR section " + line[len("ERROR: section is undefined: "):])
        elif line.startswith("ERROR: Command returned error code: "):
            _segment(rep).append("ERROR exit " + line[len("ERROR: Command returned error code: "):])
            uncounted += 1
        elif line.startswith("ERROR: java.io.IOException: Cannot run program \""):
            prog = line[len("ERROR: java.io.IOException: Cannot run program \""):].split("\"", 1)[0]
            _segment(rep).append("ERROR start " + prog)
            uncounted += 1
            i = _skip_trace(lines, i)
            after_start = True
        elif line.startswith("ERROR: java.lang.NullPointerException") and started:
            # The exit status of a command that never ran, unboxed.
            i = _skip_trace(lines, i)
        elif line.startswith("ERROR: "):
            _segment(rep).append("ERROR other " + line[len("ERROR: "):])
            i = _skip_trace(lines, i)
        elif line == "WARN: Command wrote to stderr:":
            seg = _segment(rep)
            while i < len(lines) and lines[i] != "":
                seg.append("WARN " + lines[i])
                i += 1
        elif line.startswith("SUMMARY REPORT: "):
            i = _summary(lines, i - 1, rep)
        else:
            rep.problems.append("unexpected line: " + line)
    if rep.summary:
        verdict, tested, passed, failed, errors = rep.summary
        errors += uncounted
        rep.summary = ("PASS" if failed == 0 and errors == 0 else "FAIL", tested, passed, failed, errors)
    return rep


AFFIX = {"__difftest_starts_with__": "assert_starts_with", "__difftest_ends_with__": "assert_ends_with"}


def apply_affix_fix(rep):
    """The original's assert_starts_with and assert_ends_with always passed.

    The definitions the original runs have them as `assert_eq MARKER ARGS`,
    which always fails and so prints the value; from that value and the
    arguments this decides what the fixed assertion says, and turns the
    block back into the fixed assertion's, or drops it when it passes.
    """
    dropped = 0
    for _, evs in rep.segments:
        out = []
        i = 0
        while i < len(evs):
            if evs[i] != "ASSERTION FAILED":
                out.append(evs[i])
                i += 1
                continue
            j = i + 1
            while j < len(evs) and evs[j].startswith(" "):
                j += 1
            block = evs[i:j]
            i = j
            fixed = _affix_block(block)
            if fixed is None:
                dropped += 1
            else:
                out.extend(fixed)
        evs[:] = out
    if not rep.summary:
        return
    verdict, tested, passed, failed, errors = rep.summary
    failed -= dropped
    rep.summary = ("PASS" if failed == 0 and errors == 0 else "FAIL", tested, tested - failed, failed, errors)


def _affix_block(block):
    assertion = next((k for k, line in enumerate(block) if line.startswith(" Assertion: ")), None)
    if assertion is None:
        return block
    text = block[assertion][len(" Assertion: "):]
    words = text.split(" ", 2)
    if len(words) < 2 or words[0] != "assert_eq" or words[1] not in AFFIX:
        return block
    name = AFFIX[words[1]]
    args = words[2] if len(words) > 2 else ""
    value_line = next(line for line in block if line.startswith(" Value:     "))
    value = value_line[len(" Value:     "):]
    defined = value != "<undefined>"
    if name == "assert_starts_with":
        passed = defined and value.startswith(args)
    else:
        passed = defined and value.endswith(args)
    if passed:
        return None
    fixed = list(block)
    fixed[assertion] = " Assertion: %s %s" % (name, args)
    return fixed
