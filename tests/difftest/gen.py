"""A random, seeded generator of Tstconfig definitions and their inputs.

Each case is one definition file and the files it reads, written so that
the same case is produced from the same (seed, number) on any machine.  A
case has one to three sources; each source draws its parse mode (or a
preset), its settings, a data file cut to exercise that source's
tokenizer, and queries and assertions over it.  The corners it reaches on
purpose: quotes at the start, middle and end of tokens, doubled and
unterminated; empty tokens; runs of delimiters; CR, LF and CRLF endings,
read from files and from command output; multi-character and non-ASCII
delimiters and key separators; escapes in `separator`; blank lines made of
Unicode spaces; comments of each style; sections from each preset's
patterns; columns past a row's end; every duplicates policy; skip and read
limits; commands that write to stderr, exit non-zero, die of a signal or
cannot start; missing files and directories.

Every case is valid for tstcc (it builds), so that many cases can share one
checker.  The original runs the twin that twin.py makes of it.
"""

import random

DEFAULT_DELIMS = " \t\n\r\f"

# Words data and definitions are made of; keys come from the first list.
KEYS = ["k1", "k2", "key", "Key", "a", "port", "x.y", "22", "0.0.0.0:22", "PermitRootLogin",
        "\u00e9t\u00e9", "\u4e2d", "A-b_c"]
VALUES = ["v", "1", "yes", "no", "On", "x", "a=b", "x:y", "--", "#not", ";semi", "//sl", "\u00fc", "two words",
          "nul\x00byte", "tab\there", "k1 v",
          "\u4e2d\u6587", "val,ue", "p|q", "'s'", "x\u00a0y", "\U0001F600", "<u>", "[b]", "{c}", "0"]
SECTIONS = ["s1", "s2", "Directory /var/www/", "mysqld", "PHP", "Group sftp-only", "\u00e9", "a.b"]
SENTINEL = "__value__"

# Whitespace that is blank to Java's Character.isWhitespace, and some that is not.
BLANKS = [" ", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\u3000", "\u2003", "\u2028", "\u1680", "\u205f"]
NOT_BLANK = ["\u00a0", "\u2007", "\u202f", "\u0085", "\u200b"]
# Bytes that are not UTF-8, which both sides read as U+FFFD.
BAD_BYTES = [b"\xff", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\xc0\xaf", b"\x00"]

# Separators: the definition's spelling and the characters it means.
SEPARATORS = [
    (None, DEFAULT_DELIMS), ("", ""), ('""', ""), (":", ":"), (",", ","), (";", ";"), ("=", "="),
    ('" "', " "), ("\\t", "\t"), ('" \\t"', " \t"), (", ;", ", ;"), ("::", ":"), ("\\u00e9", "\u00e9"),
    ("\u00e9", "\u00e9"), ("\\u2192", "\u2192"), ("\\072", ":"), ("\\|", "|"), ("\\\\", "\\"),
    ('\\"', '"'), ("a", "a"), ("\u00a0", "\u00a0"), (",\\u00e9", ",\u00e9"), ("\\uuu003b", ";"),
]
QUOTES = ['"', '"', '"', "'", "|", ":", "\u00ab"]
KEY_SEPARATORS = ["=", "=", ":", '" = "', "::", "=>", "\u2192", "\"'\""]

# Section patterns: (header, footer or None, header line maker, footer lines).
PATTERNS = [
    ("^\\s*\\[(.*)\\]\\s*$", None, lambda n: "[%s]" % n, []),
    ("^\\s*<(.*)>\\s*$", "^\\s*</.*>\\s*$", lambda n: "<%s>" % n, ["</x>", "  </Directory>"]),
    ("^\\s*(\\S+)\\s*\\{\\s*$", "^\\s*\\}\\s*;\\s*$", lambda n: "%s {" % n, ["};", " } ;"]),
    ("^Match\\s+(.*)$", None, lambda n: "Match %s" % n, []),
    ("^(?:section|SECTION)\\s+([a-z0-9.]+)\\s*:\\s*$", "^end$", lambda n: "section %s:" % n, ["end"]),
    ("^\\[\\[([^\\]]*)\\]\\]$", "^-{3,}$", lambda n: "[[%s]]" % n, ["---", "-----"]),
]
PRESETS = {
    "apache": ("tokenized", 1), "apt": ("tokenized", 2), "etc_passwd": ("tokenized", None),
    "etc_group": ("tokenized", None), "etc_shadow": ("tokenized", None), "ini": ("keyvalue", 0),
}


def quote_word(w):
    """A definition word: bare when it can be, else quoted with "" for a quote."""
    if w and not any(c in w for c in ' \t\f\r\n"') and not w.startswith("#"):
        return w
    return '"' + w.replace('"', '""') + '"'


class Source:
    def __init__(self, rng, case, index):
        self.rng = rng
        self.case = case
        self.index = index
        self.delims = DEFAULT_DELIMS
        self.quote = '"'
        self.ignore_empty = True
        self.key_sep = None
        self.mode = None
        self.positions = None
        self.comments = set()
        self.pattern = None
        self.key_optional = False
        self.keys_seen = []     # words the data holds, for queries that match
        self.section_names = []


class Case:
    """One generated definition and the files it reads (twin.py makes the
    original's twin of it)."""

    def __init__(self, seed, number):
        self.name = "c%05d" % number
        self.rng = random.Random("%s:%d" % (seed, number))
        self.files = {}          # path -> bytes, for both sides
        self.definition = []     # lines
        self.eol = "\n"
        self._generate()

    # -- assembly -------------------------------------------------------

    def text(self):
        return "".join(line + self._eol() for line in self.definition).encode("utf-8")

    def _eol(self):
        return self.eol if self.eol != "mixed" else self.rng.choice(["\n", "\r\n", "\r"])

    def emit(self, line):
        self.definition.append(line)

    def word_sep(self):
        return self.rng.choice([" ", " ", " ", "  ", "\t", " \t ", "\f"])

    def directive(self, name, *words):
        # A definition holds no NUL byte (tstcc refuses it), so such a word loses it.
        words = [w.replace("\x00", "") for w in words]
        self.emit(self.word_sep().join([name] + [quote_word(w) for w in words if w]))

    # -- the case -------------------------------------------------------

    def _generate(self):
        rng = self.rng
        self.eol = rng.choice(["\n"] * 6 + ["\r\n", "\r", "mixed"])
        self.emit("# %s" % self.name)
        for i in range(rng.choice([1, 1, 2, 2, 3])):
            if rng.random() < 0.15:
                self.emit(rng.choice(["", "   ", "\t", "# comment", "  # indented comment",
                                      "\u3000", "\x0b", "\x1c ", '""']))
            self._source(i)

    def _source(self, index):
        rng = self.rng
        src = Source(rng, self, index)
        kind = rng.random()
        if kind < 0.03:
            self.directive("file", "%s_missing.txt" % self.name)
            self._settings(src, rng.choice(["tokenized", "keyvalue"]))
            self._queries(src, rng.randint(1, 3))
            return
        if kind < 0.05:
            self.directive("file", ".")
            src.mode = "tokenized"
            self.directive("parse_mode", "tokenized")
            self._queries(src, 1)
            return
        mode = rng.choice(["tokenized", "tokenized", "keyvalue", "keyvalue", "fixed", "preset"])
        self._settings(src, mode)
        data = self._data(src)
        path = "%s_%d.txt" % (self.name, index)
        self.files[path] = data
        self._source_line(path)
        self._queries(src, rng.randint(1, 6))

    def _source_line(self, path):
        """Puts the source directive in front of the settings already made."""
        rng = self.rng
        sep = self.word_sep()
        if rng.random() < 0.6:
            line = "file" + sep + (quote_word(path) if rng.random() < 0.2 else path)
        else:
            tail = rng.choice([
                None, None, None, "echo oops >&2", "echo 'two words' >&2; echo second >&2",
                "exit 3", "echo bad >&2; exit 1", "kill -TERM $$", "exit 0",
            ])
            words = ["cat", path] if tail is None else ["sh", "-c", "cat %s; %s" % (path, tail)]
            if rng.random() < 0.04:
                words = ["no-such-program-%s" % self.name, "x"]
            line = sep.join(["command"] + [quote_word(w) for w in words])
        self.definition.insert(self._source_start, line)

    # -- settings -------------------------------------------------------

    def _settings(self, src, mode):
        rng = self.rng
        self._source_start = len(self.definition)
        if mode == "preset":
            preset = rng.choice(list(PRESETS))
            mode, pattern = PRESETS[preset]
            self._preset(src, preset)
            self.directive("syntax", preset)
            if rng.random() < 0.3:
                self._extra_settings(src, mode)
        else:
            self.directive("parse_mode", mode)
            self._extra_settings(src, mode)
        src.mode = mode
        if mode == "keyvalue" and src.key_sep is None:
            self._key_separator(src)
        if mode == "fixed" and src.positions is None:
            self._positions(src)

    def _preset(self, src, preset):
        if preset == "apache":
            src.pattern = PATTERNS[1]
            src.comments.add("#")
        elif preset == "apt":
            src.pattern = PATTERNS[2]
            src.delims = " \t;"
            src.comments.add("//")
        elif preset == "ini":
            src.pattern = PATTERNS[0]
            src.key_sep = "="
            src.comments.update("#;")
            src.key_optional = True
        else:
            src.delims = ":"
            src.comments.add("#")
            src.ignore_empty = False

    def _extra_settings(self, src, mode):
        rng = self.rng
        choices = ["separator", "quote", "ignore", "comments", "skip", "read", "pattern", "keysepopt"]
        for what in rng.sample(choices, rng.randint(0, 5)):
            if what == "separator" and mode != "fixed":
                spelling, delims = rng.choice(SEPARATORS)
                if spelling is None:
                    continue
                self.emit("separator" + ((self.word_sep() + spelling) if spelling else ""))
                src.delims = delims
            elif what == "quote" and mode != "fixed":
                src.quote = rng.choice(QUOTES)
                self.directive("quote_char", src.quote)
            elif what == "ignore":
                src.ignore_empty = rng.random() < 0.4
                self.directive("ignore_empty_tokens",
                               rng.choice(["true", "TRUE", "True"] if src.ignore_empty else ["false", "FALSE"]))
            elif what == "comments":
                for style, name in (("#", "hash"), ("//", "slash"), (";", "semicolon")):
                    if rng.random() < 0.5:
                        on = rng.random() < 0.7
                        self.directive("%s_comment_allowed" % name, "true" if on else "false")
                        (src.comments.add if on else src.comments.discard)(style)
            elif what == "skip":
                self.directive("skip_header_lines", str(rng.choice([0, 1, 2, 3])))
            elif what == "read":
                n = rng.choice([None, 0, 1, 3, 5, 8, 20])
                self.directive("read_lines", *([] if n is None else [str(n)]))
            elif what == "pattern":
                choices = PATTERNS if mode != "fixed" else [p for p in PATTERNS[:3]]
                src.pattern = rng.choice(choices)
                self.directive("section_header_pattern", src.pattern[0])
                if src.pattern[1]:
                    self.directive("section_footer_pattern", src.pattern[1])
            elif what == "keysepopt" and mode == "keyvalue":
                src.key_optional = rng.random() < 0.6
                self.directive("key_separator_optional", "true" if src.key_optional else "false")

    def _key_separator(self, src):
        spelling = self.rng.choice(KEY_SEPARATORS)
        self.emit("key_separator" + self.word_sep() + spelling)
        src.key_sep = spelling.strip('"') if spelling.startswith('"') else spelling
        if spelling == "\"'\"":
            src.key_sep = "'"

    def _positions(self, src):
        rng = self.rng
        pos = [rng.choice([0, 0, 0, 1, 2])]
        for _ in range(rng.randint(0, 4)):
            pos.append(pos[-1] + rng.randint(1, 9))
        src.positions = pos
        self.directive("positions", *[str(p) for p in pos])

    # -- data -----------------------------------------------------------

    def _token(self, src, key=False):
        rng = self.rng
        w = rng.choice(KEYS if key else KEYS + VALUES)
        if src.mode == "fixed" and "\U0001F600" in w:
            w = "v"
        r = rng.random()
        q = src.quote
        if r < 0.12:
            w = q + w.replace(q, q + q) + q                     # quoted
        elif r < 0.17:
            w = q + w + self._delim(src) + "x" + q              # quoted, holding a delimiter
        elif r < 0.20:
            w = w + q + "m" + q                                 # a quote in the middle
        elif r < 0.22:
            w = q + w                                           # unterminated
        elif r < 0.24:
            w = q + q                                           # empty
        elif r < 0.26:
            w = q + "a" + q + "b" + q + "c " + "d" + q          # reopened quotes
        return w

    def _delim(self, src):
        if not src.delims:
            return " "
        return self.rng.choice(src.delims.replace("\n", "").replace("\r", "") or " ")

    def _join(self, src, tokens):
        rng = self.rng
        out = ""
        for i, t in enumerate(tokens):
            if i:
                n = 1 if rng.random() < 0.8 else rng.randint(2, 3)
                out += "".join(self._delim(src) for _ in range(n))
            out += t
        if rng.random() < 0.1:
            out = self._delim(src) + out
        if rng.random() < 0.1:
            out += self._delim(src)
        return out

    def _row(self, src):
        rng = self.rng
        key = self._token(src, key=True)
        src.keys_seen.append(key)
        if src.mode == "fixed":
            return self._fixed_row(src)
        values = [self._token(src) for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4]))]
        if src.mode == "keyvalue":
            sep = src.key_sep or "="
            pad = rng.choice(["", " ", "  ", "\t"])
            if rng.random() < 0.08 and src.key_optional:
                return key
            if rng.random() < 0.05:
                return key + " no separator"
            return key + pad + sep + rng.choice(["", " ", "\t"]) + self._join(src, values)
        if rng.random() < 0.05:
            return rng.choice(["\u00a0" + key, "\u3000" + key, "\x0b" + key])
        return self._join(src, [key] + values)

    def _fixed_row(self, src):
        rng = self.rng
        out = ""
        pos = src.positions
        width = pos[-1] + rng.randint(-6, 10)
        out = " " * pos[0] if rng.random() < 0.7 else ""
        for i in range(len(pos)):
            field = rng.choice(KEYS + VALUES + ["", "two words"])
            if "\U0001F600" in field:
                field = "x"
            room = (pos[i + 1] - pos[i]) if i + 1 < len(pos) else 12
            out += field + " " * max(0, room - len(field)) if rng.random() < 0.85 else field
        if rng.random() < 0.3:
            out = out[:max(0, width)]
        return out.rstrip(" ") if rng.random() < 0.5 else out

    def _data(self, src):
        rng = self.rng
        lines = []
        for _ in range(rng.randint(0, 14)):
            r = rng.random()
            if r < 0.08:
                lines.append(rng.choice(["", "  ", "\t"] + BLANKS + NOT_BLANK))
            elif r < 0.18:
                mark = rng.choice(["#", "//", ";"])
                lead = rng.choice(["", " ", "\t", "\x0b", "\u3000"])
                lines.append(lead + mark + rng.choice([" a comment", "", "x y", "\u2028z", "\u0085"]))
            elif r < 0.26 and src.pattern:
                name = rng.choice(SECTIONS[:5]) if src.pattern is not PATTERNS[4] else rng.choice(
                    ["s1", "s2", "a.b"])
                if src.pattern is PATTERNS[2]:
                    name = name.replace(" ", "_")
                src.section_names.append(name)
                lines.append(rng.choice(["", " "]) + src.pattern[2](name) if src.pattern is not PATTERNS[3]
                             else src.pattern[2](name))
            elif r < 0.30 and src.pattern and src.pattern[3]:
                lines.append(rng.choice(src.pattern[3]))
            else:
                lines.append(self._row(src))
        if rng.random() < 0.25 and lines:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])                 # a duplicate key
        out = b""
        for line in lines:
            b = line.encode("utf-8")
            if rng.random() < 0.04:
                b += rng.choice(BAD_BYTES)
            out += b + rng.choice([b"\n"] * 8 + [b"\r\n", b"\r"])
        if out and rng.random() < 0.2:
            out = out.rstrip(b"\r\n")                # no final line end
        if rng.random() < 0.1:
            out += b"\n" * rng.randint(1, 3)          # trailing empty lines
        return out

    # -- queries and assertions ----------------------------------------

    def _queries(self, src, n):
        rng = self.rng
        for _ in range(n):
            r = rng.random()
            if r < 0.12:
                self.directive("columns", *[str(rng.randint(0, 6)) for _ in range(rng.randint(1, 4))])
            elif r < 0.2:
                self.directive("duplicates_policy", rng.choice(["append", "replace", "ignore"]))
            elif r < 0.3:
                names = src.section_names + ["nosuch"]
                if rng.random() < 0.25:
                    self.directive("section")
                else:
                    self.directive("section", *rng.choice(names).split(" "))
            elif r < 0.38:
                self.directive("section_size")
                self._assertions(src)
            elif r < 0.41:
                # A parse setting after the first query changes nothing.
                self.directive("hash_comment_allowed", rng.choice(["true", "false"]))
            else:
                self._property(src)
                self._assertions(src)

    def _property(self, src):
        rng = self.rng
        n = rng.choice([0, 1, 1, 1, 1, 1, 2, 2, 3]) if src.mode != "fixed" else rng.choice([1, 1, 2])
        keys = []
        for _ in range(n):
            pool = src.keys_seen + KEYS + VALUES
            w = rng.choice(pool)
            q = src.quote
            if w.startswith(q) and rng.random() < 0.7:
                w = w.strip(q)                         # the token's decoded text, roughly
            keys.append(w)
        self.directive("property", *[k for k in keys if k != ""])

    def _assertions(self, src):
        rng = self.rng
        for _ in range(rng.choice([1, 1, 1, 2])):
            kind = rng.choice(["eq_sentinel"] * 4 + ["eq", "defined", "undefined", "empty", "not_empty",
                                                     "contains", "not_contains", "starts", "ends"])
            args = [rng.choice(KEYS + VALUES + src.keys_seen).strip('"\'|:\u00ab') or "v"
                    for _ in range(rng.choice([0, 1, 1, 2]))]
            if kind == "eq_sentinel":
                self.directive("assert_eq", SENTINEL)
            elif kind == "eq":
                self.directive("assert_eq", *args)
            elif kind in ("defined", "undefined", "empty", "not_empty"):
                self.directive("assert_" + kind)
            elif kind in ("contains", "not_contains"):
                self.directive("assert_" + kind, *args)
            else:
                self.directive("assert_starts_with" if kind == "starts" else "assert_ends_with", *args)
