#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# An import of any size: a file is read a piece at a time, so ten times
# the applications take no more memory; every form is checked before any
# is stored, so a mistake in the last row is said before anything is
# written; and the numbers given read as a run, not a list of thousands.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin init
ok --as admin user add clerk1 --role clerk --scope huizhou

# gen N OUT.json OUT.csv [gbk]: N copies of the 徽州 form, each its own
# address, as a JSON array and as CSV rows (GBK when asked).
gen() {
	"$PY" - "$DEMO/huizhou-apply.json" "$@" <<'PY'
import csv, json, sys
src, n, oj, oc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
enc = "gbk" if len(sys.argv) > 5 else "utf-8"
a = json.load(open(src, encoding="utf-8"))
def cell(v):
    return "、".join(v) if isinstance(v, list) else ("是" if v is True else "否" if v is False else str(v))
with open(oj, "w", encoding="utf-8") as f:
    f.write("[")
    for i in range(n):
        a["fields"]["address"] = "徽州区政务服务中心 %d 号楼" % i
        f.write((",\n" if i else "") + json.dumps(a, ensure_ascii=False))
    f.write("]\n")
head = ["template"] + [k for k, v in a["fields"].items() if v is not None]
for t, rows in a.get("tables", {}).items():
    for i, r in enumerate(rows, 1):
        head += [f"{t}[{i}].{k}" for k, v in r.items() if v is not None]
with open(oc, "w", encoding=enc, newline="") as f:
    w = csv.writer(f)
    w.writerow(head)
    for i in range(n):
        a["fields"]["address"] = "徽州区政务服务中心 %d 号楼" % i
        row = [a["template"]] + [cell(v) for v in a["fields"].values() if v is not None]
        for t, rows in a.get("tables", {}).items():
            for r in rows:
                row += [cell(v) for v in r.values() if v is not None]
        w.writerow(row)
PY
}

# peak_kb ARGS...: yunshen's peak resident memory in KB, the run's output
# in $T/out. ASan keeps what is freed for a while: keep that small, so
# what is measured is what is held.
peak_kb() {
	ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}quarantine_size_mb=1:thread_local_quarantine_size_kb=64" \
	"$PY" - "$T/out" "$YS" --db "$DB" "$@" <<'PY'
import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    rc = subprocess.call(sys.argv[2:], stdout=out)
if rc:
    sys.exit("yunshen exited %d" % rc)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

gen 200 "$T/small.json" "$T/small.csv"
gen 2000 "$T/big.json" "$T/big.csv"
gen 2000 "$T/gbk.json" "$T/gbk.csv" gbk
for kind in json csv; do
	small=$(peak_kb --as clerk1 import --draft "$T/small.$kind")
	big=$(peak_kb --as clerk1 import --draft "$T/big.$kind")
	# Read whole, 1,800 more forms held about 20 KB each (36 MB more).
	[ $((big - small)) -lt 12000 ] ||
		fail "import of 2000 from $kind peaked at $big KB, of 200 at $small KB: memory grows with the file"
done

# The numbers as a run; the JSON lists each.
ok --as clerk1 import --draft "$T/gbk.csv"
has "已导入 2000 件申请：4401–6400（草稿）"
ok --as clerk1 show 6400 --json
[ "$(jq_py 'd["fields"]["address"]')" = "徽州区政务服务中心 1999 号楼" ] ||
	fail "GBK CSV read in pieces: the last row's address is $(jq_py 'd["fields"]["address"]')"
ok --as clerk1 import --again --draft "$T/gbk.json" --json
[ "$(jq_py 'd["imported"] == list(range(6401, 8401))')" = True ] || fail "imported ids not 6401-8400: $(head -c 200 "$T/out")"
refused 1 "由 clerk1 导入过（gbk.json，申请 6401–8400）" --as clerk1 import "$T/gbk.json"

# A mistake in the last of 2,000 rows is found by the check before any
# form is stored: nothing was written, and storing never began.
"$PY" - "$T/big.csv" "$T/bad.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
lines[-1] = lines[-1].replace("徽州区政务服务中心 1999 号楼", "徽州区" + "长" * 300)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
before=$(dbsum)
script -qec "$YS --db $DB --as clerk1 import $T/bad.csv" /dev/null >"$T/tty.out" 2>&1 &&
	fail "a bad last row imported: $(tail -c 300 "$T/tty.out")"
grep -q "第 2001 行" "$T/tty.out" || fail "the bad row is not named: $(tail -c 300 "$T/tty.out")"
grep -q "正在检查：[0-9]* 件" "$T/tty.out" || fail "no check progress: $(tail -c 300 "$T/tty.out")"
grep -q "正在导入" "$T/tty.out" && fail "storing began before the check found the bad row"
[ "$(dbsum)" = "$before" ] || fail "database changed by a refused import"

# A file cut off inside its 1,500th application says where, by the file's
# own line, after the check read the 1,499 before it.
"$PY" -c "import sys; t = open(sys.argv[1], encoding='utf-8').read().split(chr(10)); open(sys.argv[2], 'w', encoding='utf-8').write(chr(10).join(t[:1500])[:-40])" "$T/big.json" "$T/cut.json"
refused 1 "JSON 第 1500 行" --as clerk1 import "$T/cut.json"
grep -q "内容不完整" "$T/err" || fail "a cut file: $(cat "$T/err")"
[ "$(dbsum)" = "$before" ] || fail "database changed by a cut file"
echo "import: constant memory, checked before stored, numbers as runs"
