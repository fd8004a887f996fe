"""Layered values (issue 22): our merge of `-f ... --set ...` against Helm's own code.

Each case is a folder under tests/conformance/layers/ with its files and `args` (one
command-line word a line, as `helm install` would get them). The reference:

* each `-f` file read by Helm itself: `helm_python.values_from_yaml` (Helm v4.2.3's Go SDK);
* files merged by `MergeMaps` (helm v4.2.3 pkg/chart/v2/loader/load.go, ported below: the SDK
  has no call for it; 12 lines);
* `--set`, `--set-string`, `--set-json`, `--set-file` values parsed by Helm's strvals through
  the SDK (`parse_set_string`, `parse_set_string_values`, `parse_set_json`,
  `parse_set_file`), in Helm's order (pkg/cli/values/options.go `MergeValues`: every -f, then
  --set-json, --set, --set-string, --set-file). Helm parses them *into* the merged values
  (`strvals.ParseInto`); the SDK parses into an empty map, so each assignment is merged in
  here: by MergeMaps, except under a list index, where an item the assignment does not
  reach (a null filler of the SDK's result) keeps the files' item (setIndex).
* `--set-json '{...}'` (one JSON object): MergeMaps of the JSON.

Ours: `storage-check values ARGS` (core's layers module). The two trees are compared with
types made explicit (True is not 1). Prints one line a case; exits 1 on any difference.

    python tests/conformance/layers.py target/debug/storage-check
"""

import json
import os
import pathlib
import subprocess
import sys

import helm_python

from run import first_difference, typed

HERE = pathlib.Path(__file__).resolve().parent / "layers"


def merge_maps(a, b):
    """helm v4.2.3 loader.MergeMaps: maps merge, anything else replaces."""
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge_maps(out[k], v)
            continue
        out[k] = v
    return out


def merge_indexed(base, parsed):
    """One assignment's parse merged into `base` as ParseInto writes it: mappings key by
    key, lists item by item (an item the assignment does not set stays), scalars replace."""
    if isinstance(parsed, dict) and isinstance(base, dict):
        out = dict(base)
        for k, v in parsed.items():
            out[k] = merge_indexed(base[k], v) if k in base else v
        return out
    if isinstance(parsed, list) and isinstance(base, list):
        out = list(base) + [None] * max(0, len(parsed) - len(base))
        for i, v in enumerate(parsed):
            if v is not None:
                out[i] = merge_indexed(out[i], v) if out[i] is not None else v
        return out
    return parsed


def assignments(expr):
    """`a=1,b={x,y},c\\,d=2` -> ['a=1', 'b={x,y}', 'c\\,d=2']: strvals' own splitting (a `,`
    ends a value; inside `{...}` it separates list items; `\\` escapes)."""
    out, cur, depth, escape = [], "", 0, False
    for ch in expr:
        if escape:
            cur += ch
            escape = False
            continue
        if ch == "\\":
            cur += ch
            escape = True
            continue
        if ch in "{[" and "=" in cur:
            depth += 1
        elif ch in "}]" and depth:
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    if cur:
        out.append(cur)
    return out


def key_part(assignment):
    escaped, out = False, ""
    for ch in assignment:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "=":
            return out
        out += ch
    return out


PARSERS = {
    "--set": helm_python.parse_set_string,
    "--set-string": helm_python.parse_set_string_values,
    "--set-json": helm_python.parse_set_json,
    "--set-file": helm_python.parse_set_file,
}
ORDER = ["--set-json", "--set", "--set-string", "--set-file"]


def reference(case, words):
    os.chdir(case)  # --set-file names files from where helm runs
    files, sets = [], {flag: [] for flag in ORDER}
    for flag, value in zip(words[::2], words[1::2]):
        (files if flag == "-f" else sets[flag]).append(value)
    base = {}
    for name in files:
        base = merge_maps(base, helm_python.values_from_yaml((case / name).read_text()))
    for flag in ORDER:
        for expr in sets[flag]:
            if flag == "--set-json" and expr.strip().startswith("{"):
                base = merge_maps(base, json.loads(expr))
                continue
            # --set-json values hold JSON (commas too): Helm's parser reads each one whole.
            for a in [expr] if flag == "--set-json" else assignments(expr):
                parsed = PARSERS[flag](a)
                base = (merge_indexed if "[" in key_part(a) else merge_maps)(base, parsed)
    return base


def main():
    binary = str(pathlib.Path(sys.argv[1]).resolve())
    bad = 0
    for case in sorted(p for p in HERE.iterdir() if p.is_dir()):
        words = (case / "args").read_text().splitlines()
        ref = reference(case, words)
        res = subprocess.run([binary, "values"] + words, cwd=case, capture_output=True, text=True)
        if res.returncode != 0:
            print("layers/%s: DIFFERS: storage-check values exit %d: %s" % (case.name, res.returncode, res.stderr.strip()))
            bad += 1
            continue
        ours = json.loads(res.stdout)
        same = typed(ours) == typed(ref)
        print("layers/%s: %s" % (case.name, "same" if same else "DIFFERS: " + str(first_difference(typed(ref), typed(ours), ""))))
        bad += not same
    print("layered values: %d cases, %d differ from Helm" % (len([p for p in HERE.iterdir() if p.is_dir()]), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
