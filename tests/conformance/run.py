#!/usr/bin/env python3
"""Conformance suite: storage-check's verdicts against what Helm, Polyaxon and Kubernetes do.

usage: run.py STORAGE_CHECK_BINARY [--allow-todo] [--write] [--only NAME] [--levels]

For every case under cases/v0 and cases/v1 it computes the reference verdict (reference.py, in
the venv that run.sh makes) and storage-check's verdict, and compares both with table.tsv, the
reviewed record.  It fails (exit 1) when
  * a case is missing from the table, or the table's recorded verdicts are stale;
  * a case disagrees (Polyaxon refuses and we give no error, or Polyaxon accepts and we give an
    error; a warning on an accepted case counts too) and its row has no reason;
  * a reason is `TODO(...)` (a rule change still to make), unless --allow-todo.
--write rewrites table.tsv from the computed verdicts, keeping the reasons already written.
--levels prints every reference level of every case (ok, or the error text).
A case whose first line is `# conformance: cluster=NAME` (a snapshot under
core/src/rules/cluster/snapshots/) is checked with `--cluster` and gets the cluster level.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("POLYAXON_NO_OP", "true")

import reference  # noqa: E402

TABLE = HERE / "table.tsv"
COLUMNS = ["case", "reference", "ours", "status", "helm", "reason"]
NEEDS_REASON = {"missed-error", "extra-error", "warning", "template-bad", "crash"}


def cases():
    out = []
    for chart in ("v0", "v1"):
        for p in sorted((HERE / "cases" / chart).glob("*.yaml")):
            out.append((chart, p))
    return out


def ours(binary, chart, paths, snapshot=None):
    """storage-check --format json --chart CHART [--cluster SNAPSHOT] FILE...
    -> {path: (exit, findings)}"""
    cluster = ["--cluster", snapshot] if snapshot else []
    res = subprocess.run(
        [binary, "--format", "json", "--chart", chart] + cluster + [str(p) for p in paths],
        capture_output=True, text=True, timeout=120,
    )
    if res.returncode in (0, 1):
        doc = json.loads(res.stdout)
        by = {}
        for f in doc["files"]:
            by[str(Path(f["path"]).resolve())] = f["findings"]
        return {str(p): (res.returncode, by.get(str(p.resolve()), [])) for p in paths}
    if len(paths) == 1:
        return {str(paths[0]): (res.returncode, [{"code": "EXIT%d" % res.returncode, "severity": "crash",
                                                   "message": res.stderr.strip()[:100]}])}
    out = {}  # one file made the batch unusable: run them one by one
    for p in paths:
        out.update(ours(binary, chart, [p], snapshot))
    return out


def our_values(binary, paths):
    """storage-check values FILE... -> {path: the values as we read them, or {"error": ...}}"""
    res = subprocess.run([binary, "values"] + [str(p) for p in paths],
                         capture_output=True, text=True, timeout=120)
    if res.returncode != 0:
        return {str(p): {"error": "storage-check values: exit %d" % res.returncode} for p in paths}
    return json.loads(res.stdout)


def typed(v):
    """A value with its JSON type made explicit (True is not 1; 1 and 1.0 are one number)."""
    if isinstance(v, dict):
        return {k: typed(x) for k, x in v.items()}
    if isinstance(v, list):
        return [typed(x) for x in v]
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (int, float)):
        return ("number", float(v))
    return (type(v).__name__, v)


def first_difference(a, b, path):
    """The first path where Helm's reading `a` and ours `b` differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return "%s.%s: Helm %s, ours %s" % (path, k, "has it" if k in a else "absent",
                                                   "has it" if k in b else "absent")
            d = first_difference(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if a != b:
        show = lambda t: "%s %r" % t if isinstance(t, tuple) else type(t).__name__
        return "%s: Helm %s, ours %s" % (path, show(a), show(b))
    return None


def helm_comparison(helm_read, ours_read):
    """`same` when Helm and we read every storage key alike (presence, type, value)."""
    if helm_read is None:
        return "same (both refuse)" if "error" in ours_read else "differs: Helm refuses the file"
    if "error" in ours_read:
        return "differs: we refuse the file"
    a = {k: typed(helm_read[k]) for k in reference.STORAGE_KEYS if k in helm_read}
    b = {k: typed(ours_read[k]) for k in reference.STORAGE_KEYS if k in ours_read}
    d = first_difference(a, b, "")
    return "same" if d is None else "differs: " + reference.short(d.lstrip("."), 90)


def our_summary(exit_code, findings):
    sev = {"error": [], "warning": [], "crash": []}
    for f in findings:
        if f["severity"] in sev:
            sev[f["severity"]].append(f["code"])
    parts = []
    for s, tag in (("crash", "CRASH"), ("error", "E"), ("warning", "W")):
        if sev[s]:
            parts.append("%s:%s" % (tag, ",".join(sorted(set(sev[s])))))
    return (" ".join(parts) or "none"), sev


def ref_summary(chart, levels):
    refusals = [(lvl, levels[lvl]) for lvl in reference.LEVELS[chart]
                if levels.get(lvl) not in (None, "-") and lvl in levels]
    if not refusals:
        return "accept", False
    first = refusals[0]
    text = "refuse@%s: %s" % first
    others = [lvl for lvl, _ in refusals[1:]]
    if others:
        text += " [also %s]" % ",".join(others)
    return text, True


def status_of(name, refused, sev):
    if sev["crash"]:
        return "crash"
    if name.startswith("tpl-"):
        return "template-ok" if "Y005" in sev["warning"] and not sev["error"] else "template-bad"
    if refused:
        return "agree" if sev["error"] else "missed-error"
    if sev["error"]:
        return "extra-error"
    if sev["warning"]:
        return "warning"
    return "agree"


def load_table():
    rows = {}
    if TABLE.exists():
        lines = TABLE.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t") if lines else COLUMNS  # cells by the file's own header
        for line in lines[1:]:
            if not line.strip():
                continue
            cells = dict(zip(header, line.split("\t")))
            rows[cells["case"]] = {c: cells.get(c, "") for c in COLUMNS}
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--allow-todo", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--levels", action="store_true")
    args = ap.parse_args()
    t0 = time.time()

    computed = []
    by_chart = {}
    for chart, p in cases():
        if args.only and args.only not in p.name:
            continue
        by_chart.setdefault(chart, []).append(p)
    for chart, paths in by_chart.items():
        # One verdict call per snapshot (none: the plain cases); the values do not depend on it.
        snapshots = {p: reference.case_snapshot(str(p)) for p in paths}
        mine = {}
        for snap in sorted(set(snapshots.values()), key=lambda s: s or ""):
            mine.update(ours(args.binary, chart, [p for p in paths if snapshots[p] == snap], snap))
        read = our_values(args.binary, paths)
        for p in paths:
            name = "%s/%s" % (chart, p.stem)
            levels, helm_read = reference.verdicts(chart, str(p), snapshots[p])
            ref, refused = ref_summary(chart, levels)
            exit_code, findings = mine[str(p)]
            our, sev = our_summary(exit_code, findings)
            helm = helm_comparison(helm_read, read.get(str(p), {"error": "not read"}))
            computed.append({"case": name, "reference": ref, "ours": our,
                             "status": status_of(p.stem, refused, sev), "helm": helm,
                             "levels": levels})

    if args.levels:
        for row in computed:
            print("%s  ours: %s" % (row["case"], row["ours"]))
            for lvl, v in row["levels"].items():
                print("    %-6s %s" % (lvl, "ok" if v is None else v))
    table = load_table()
    if args.write:
        lines = ["\t".join(COLUMNS)]
        for row in computed:
            reason = table.get(row["case"], {}).get("reason", "")
            lines.append("\t".join(row[c] if c != "reason" else reason for c in COLUMNS))
        if args.only:
            done = {r["case"] for r in computed}
            lines += ["\t".join(r[c] for c in COLUMNS) for k, r in table.items() if k not in done]
            lines = [lines[0]] + sorted(lines[1:])
        TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        table = load_table()

    failures, todos, counts = [], [], {}
    for row in computed:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
        rec = table.get(row["case"])
        if rec is None:
            failures.append("%s: not in table.tsv (run with --write, then review)" % row["case"])
            continue
        stale = [c for c in ("reference", "ours", "status", "helm") if rec[c] != row[c]]
        if stale:
            failures.append("%s: table is stale (%s): now %s" % (
                row["case"], ",".join(stale), " | ".join(row[c] for c in stale)))
            continue
        if row["status"] in NEEDS_REASON or row["helm"].startswith("differs"):
            reason = rec["reason"].strip()
            if not reason:
                failures.append("%s: %s without a reason (ref: %s; ours: %s)" % (
                    row["case"], row["status"], row["reference"], row["ours"]))
            elif reason.startswith("TODO"):
                todos.append("%s: %s" % (row["case"], reason))
    total = len(computed)
    agree = counts.get("agree", 0) + counts.get("template-ok", 0)
    reasoned = sum(1 for r in computed if (r["status"] in NEEDS_REASON or r["helm"].startswith("differs"))
                   and table.get(r["case"], {}).get("reason", "").strip()
                   and not table[r["case"]]["reason"].startswith("TODO"))
    print("cases: %d (v0 %d, v1 %d)" % (total, len(by_chart.get("v0", [])), len(by_chart.get("v1", []))))
    print("status: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    print("agreements: %d; differences with a reason: %d; TODO: %d; unexplained: %d"
          % (agree, reasoned, len(todos), len(failures)))
    same = sum(1 for r in computed if r["helm"].startswith("same"))
    print("Helm's reading of the storage keys: %d same, %d differ" % (same, total - same))
    for t in todos:
        print("TODO  " + t)
    for f in failures:
        print("FAIL  " + f)
    print("time: %.1fs" % (time.time() - t0))
    if failures or (todos and not args.allow_todo):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
