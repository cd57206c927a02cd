"""The twin of a definition that the original runs.

tstcc differs from the original on purpose in a few places (doc/tstconfig.5,
DIFFERENCES FROM THE ORIGINAL).  Where the original's report cannot simply
be mapped to the intended one afterwards (reports.py does the rest), the
original runs a twin of the definition that asks the same thing in a way
it answers as intended:

- a line that yields no words (`""`) is skipped by tstcc; the original
  crashed on it, so the twin has an empty line there;
- `assert_starts_with` and `assert_ends_with` always passed in the
  original; the twin has `assert_eq MARKER ARGS`, which always fails and so
  prints the value, from which reports.apply_affix_fix decides;
- a fixed-mode row shorter than its positions reads as empty fields in
  tstcc, and aborted the original's parse: the twin reads a copy of the
  source whose rows are padded with spaces to the last position, which
  changes no field (each is trimmed), and the report's File or Command row
  is mapped back to the real name.

The definition is read here as the original reads it (its tokenizer,
comments and blank lines), which this file reimplements from the language
reference, not from the original's code.
"""

import os
import re

from reports import java_decode

SPLIT = " \t\n\r\f"
# Java's Character.isWhitespace.
JAVA_SPACE = set("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                 "\u2008\u2009\u200a\u2028\u2029\u205f\u3000")
COMMENT = re.compile(r"^[ \t\n\x0b\f\r]*#[^\n\r\u0085\u2028\u2029]*$")
MARKERS = {"assert_starts_with": "__difftest_starts_with__", "assert_ends_with": "__difftest_ends_with__"}


def tokenize(s, delims=SPLIT, quote='"', ignore_empty=True):
    """The tokenizer of the language reference (THE TOKENIZER), on str."""
    out = []
    i, n = 0, len(s)

    def add(tok):
        if tok or not ignore_empty:
            out.append(tok)

    while i < n:
        if s[i] in delims:
            add("")
            i += 1
            if i == n:
                add("")
            continue
        tok = []
        quoting = False
        if quote and s.startswith(quote, i):
            quoting = True
            i += len(quote)
            quoted = True
        else:
            quoted = False
        while i < n:
            if quoting:
                if s.startswith(quote, i):
                    if s.startswith(quote, i + len(quote)):
                        tok.append(quote)
                        i += 2 * len(quote)
                    else:
                        quoting = False
                        i += len(quote)
                    continue
            else:
                if s[i] in delims:
                    break
                if quoted and s.startswith(quote, i):
                    quoting = True
                    i += len(quote)
                    continue
            tok.append(s[i])
            i += 1
        add("".join(tok))
        if i < n:
            i += 1
            if i == n:
                add("")
    return out


def split_lines(text):
    """Lines ended by \\n, \\r\\n or \\r, the last without its end."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def quote_word(w):
    if w and not any(c in w for c in SPLIT + '"'):
        return w
    return '"' + w.replace('"', '""') + '"'


def is_blank(line):
    return all(c in JAVA_SPACE for c in line)


def java_len(b):
    """String.length() of the line as the original decodes it: UTF-16 units."""
    return len(java_decode(b).encode("utf-16-le")) // 2


def pad(data, last, command):
    """data with every line at least `last` characters long.  A file's lines
    end at \\n, \\r\\n or \\r, a command's only at \\n."""
    out = []
    line_re = rb"([^\n]*)(\n|$)" if command else rb"([^\r\n]*)(\r\n|\r|\n|$)"
    for m in re.finditer(line_re, data):
        line, end = m.group(1), m.group(2)
        if not line and not end:
            continue
        n = java_len(line)
        out.append(line + b" " * max(0, last - n) + end)
    return b"".join(out)


def make_twin(definition, cwd, work, tag):
    """The twin of definition (bytes) read from cwd.

    Returns (twin bytes, renames): padded copies are written to work, and
    renames maps each copy's name in the original's report back to the name
    tstcc prints.
    """
    lines = split_lines(definition.decode("utf-8", "replace"))
    out, renames = [], []
    source = None           # [line index, words] of the current source
    positions = None
    fixed = False
    queried = False

    def finish():
        if source and fixed and positions:
            pad_source(source, positions)

    def pad_source(src, pos):
        index, words = src
        path = None
        if words[0] == "file":
            path = " ".join(words[1:])
        elif words[0] == "command" and len(words) == 3 and words[1] == "cat":
            path = words[2]
        elif words[0] == "command" and len(words) == 4 and words[1:3] == ["sh", "-c"]:
            m = re.match(r"cat (\S+);", words[3])
            path = m.group(1) if m else None
        if path is None:
            return
        full = os.path.join(cwd, path)
        if not os.path.isfile(full):
            return
        copy = os.path.join(work, "%s.pad%d.txt" % (tag, index))
        with open(full, "rb") as f:
            data = f.read()
        with open(copy, "wb") as f:
            f.write(pad(data, pos[-1], words[0] == "command"))
        words = [w.replace(path, copy) for w in words]
        out[index] = " ".join(quote_word(w) if i else w for i, w in enumerate(words))
        renames.append((copy.encode("utf-8"), path.encode("utf-8")))

    for line in lines:
        if is_blank(line) or COMMENT.match(line):
            out.append(line)
            continue
        words = tokenize(line)
        if not words:
            out.append("")
            continue
        name = words[0]
        if name in ("file", "command"):
            finish()
            source = [len(out), words]
            positions, fixed, queried = None, False, False
        elif name == "parse_mode" and not queried:
            fixed = words[1:] == ["fixed"]
        elif name == "syntax" and not queried:
            fixed = False
        elif name == "positions" and not queried:
            positions = [int(w) for w in words[1:]]
        elif name in ("property", "section", "section_size"):
            queried = True
        if name in MARKERS:
            line = " ".join(["assert_eq", MARKERS[name]] + [quote_word(w) for w in words[1:]])
        out.append(line)
    finish()
    return ("\n".join(out) + "\n").encode("utf-8"), renames
