#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""tui_paper.py - turns a paper form (an application in the import JSON
shape) into the keys a clerk presses in the form screen, field by field in
the template's paper order. Prints one action per line:
  keys K1 K2 ...   tmux key names
  type TEXT        literal text (typed)
  paste TEXT       text pasted (bracketed paste); newlines as \\n
Usage: tui_paper.py TEMPLATE.json PAPER.json [KIND]"""
import json, sys

tpl = json.load(open(sys.argv[1], encoding="utf-8"))
paper = json.load(open(sys.argv[2], encoding="utf-8"))
kind = sys.argv[3] if len(sys.argv) > 3 else paper.get("kind", "apply")
form = next(f for f in tpl["forms"] if f["kind"] == kind)
out = []


def keys(*k):
    out.append("keys " + " ".join(k))


def choices(f):
    return [c["value"] if isinstance(c, dict) else c for c in f.get("choices", [])]


def value(f, v):
    """Keys for one focused value, ending on it (no Tab)."""
    t = f["type"]
    keys("C-u")                      # clears text, or unticks every option
    if v is None or v == "" or v == []:
        return
    if t == "bool":
        keys("Space" if v else "Right Space")
        return
    if t in ("choice", "multi"):
        cs = choices(f)
        chosen = v if isinstance(v, list) else [v]
        # Options are ticked left to right, as on paper.
        chosen = sorted(chosen, key=lambda x: cs.index(x) if x in cs else len(cs))
        pos, other = 0, None
        for item in chosen:
            if item in cs:
                i = cs.index(item)
                if i > pos:
                    keys(*["Right"] * (i - pos))
                pos = i
                keys("Space")
            else:
                other = item
        if other is not None:
            if len(cs) > pos:
                keys(*["Right"] * (len(cs) - pos))
            out.append("type " + other)
        return
    text = str(v)
    if "\n" in text:
        out.append("paste " + text.replace("\n", "\\n"))
    else:
        out.append("type " + text)


for sec in form["sections"]:
    for f in sec.get("fields", []):
        value(f, paper.get("fields", {}).get(f["id"], f.get("default")))
        keys("Tab")
    if "table" in sec:
        tb = sec["table"]
        rows = paper.get("tables", {}).get(tb["id"], [])
        have = tb.get("min_rows", 0)
        for r, row in enumerate(rows):
            if r >= have:
                keys("F3")           # a new row after the current one
            elif r > 0:
                keys("Tab")
            for c, col in enumerate(tb["columns"]):
                if c:
                    keys("Tab")
                value(col, row.get(col["id"], col.get("default")))
        keys("Tab")                  # leave the grid
for line in out:
    print(line)
