#!/usr/bin/env python3
"""Merges the JSON reports a fleet run fetched (REPORTS/HOST/NAME.json) into
one table of host x check: printed as text, and written beside the reports
as summary.txt and summary.html (one page, no external assets).

A check is an assertion, named by its check id where the definition gives
one, else by its definition's name and line.  A cell says pass, FAIL or
"not checked" (the checker could not read what the assertion tests); a host
whose report has errors says so in its last column.
"""
import html
import json
import os
import sys


def check_name(definition, a):
    check = a.get("check")
    if check and check.get("id"):
        return check["id"]
    prop = " ".join(a.get("property") or [])
    return f"{definition}:{a['line']} {prop}".rstrip()


def cell(a):
    if a.get("not_checked"):
        return "not checked"
    return "pass" if a["passed"] else "FAIL"


def load(reports):
    """{host: {check: cell}}, {host: errors}, and the checks in order."""
    table, errors, checks = {}, {}, []
    for host in sorted(os.listdir(reports)):
        hdir = os.path.join(reports, host)
        if not os.path.isdir(hdir):
            continue
        table[host], errors[host] = {}, 0
        for name in sorted(f for f in os.listdir(hdir) if f.endswith(".json")):
            with open(os.path.join(hdir, name), encoding="utf-8") as f:
                report = json.load(f)
            definition = os.path.splitext(name)[0]
            errors[host] += len(report.get("errors", []))
            for a in report["assertions"]:
                check = check_name(definition, a)
                if check not in checks:
                    checks.append(check)
                table[host][check] = cell(a)
    return table, errors, checks


def text_table(table, errors, checks):
    rows = [["host"] + checks + ["errors"]]
    for host in table:
        rows.append([host] + [table[host].get(c, "-") for c in checks] + [str(errors[host])])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows) + "\n"


STYLE = """body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
th,td{border:1px solid #999;padding:.3em .6em;text-align:left}
.pass{background:#dfd}.FAIL{background:#fbb;font-weight:bold}.nc{background:#ffd}"""


def html_page(table, errors, checks):
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>tstcc fleet summary</title>", f"<style>{STYLE}</style></head><body>",
           "<h1>tstcc fleet summary</h1>", "<table><thead><tr><th>host</th>"]
    out += [f"<th>{e(c)}</th>" for c in checks]
    out.append("<th>errors</th></tr></thead><tbody>")
    for host in table:
        out.append(f"<tr><th>{e(host)}</th>")
        for c in checks:
            v = table[host].get(c, "-")
            cls = {"pass": "pass", "FAIL": "FAIL", "not checked": "nc"}.get(v, "")
            out.append(f'<td class="{cls}">{e(v)}</td>' if cls else f"<td>{e(v)}</td>")
        out.append(f"<td>{errors[host]}</td></tr>")
    out.append("</tbody></table></body></html>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: summary.py REPORTS_DIR")
    reports = sys.argv[1]
    table, errors, checks = load(reports)
    text = text_table(table, errors, checks)
    with open(os.path.join(reports, "summary.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(reports, "summary.html"), "w", encoding="utf-8") as f:
        f.write(html_page(table, errors, checks))
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
