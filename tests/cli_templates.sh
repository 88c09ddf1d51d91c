#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A broken template stops only itself: the others keep working, it is
# named (file, line, column, path) by templates, template and verify, and
# its applications stay readable. The office's own templates in the
# configuration folder add to or replace the packaged ones by id.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

cp -r "$YUNSHEN_DATADIR" "$T/data"
export YUNSHEN_DATADIR="$T/data"
export YUNSHEN_CONFDIR="$T/conf"
# ---- parsed templates kept beside the database ----
# Files settled for two seconds are kept, one per template, and what is
# read back is what a fresh parse gives (no cache where none can be made).
sleep 2
ok templates
[ "$(ls "$T/.yunshen-cache" | grep -c '\.tpl$')" = "$(ls "$T/data/templates" | grep -c '\.json$')" ] ||
	fail "not one kept template per file: $(ls -a "$T/.yunshen-cache" 2>&1)"
for f in "$T"/data/templates/*.json; do
	id=$(basename "$f" .json)
	ok template "$id"
	"$YS" --db "$T/no/such/folder/x.db" template "$id" > "$T/fresh" || fail "fresh template $id"
	cmp -s "$T/out" "$T/fresh" || fail "template $id read from the cache differs from the file"
done
ok --as admin demo
ok --as admin list --template taizhou --json
tz=$(jq_py 'd["applications"][0]["id"]')
tzn=$(jq_py 'len(d["applications"])')

# ---- a misspelt key in a packaged template ----
# The first field of 泰州's form: "required" typed as "requried".
sed -i '0,/"required": true/s//"requried": true/' "$T/data/templates/taizhou.json"
line=$(grep -n '"requried"' "$T/data/templates/taizhou.json" | cut -d: -f1)
col=$(grep '"requried"' "$T/data/templates/taizhou.json" | "$PY" -c 'import sys; print(sys.stdin.read().index("\"requried\"") + 1)')
where="taizhou.json 第 $line 行第 $col 列（forms[0].sections[0].fields[0]）：未知的键“requried”，是否应为“required”？"
ok templates
has "$where"
# (The edit is seen although the file was kept before it.)
has "永嘉县"
has "大同市"
refused 1 "模板“taizhou”未能载入：模板 $where" template taizhou
ok template yongjia
# Every other template's work goes on; the broken one's applications are
# listed and read (by field id), not worked.
ok --as admin list
has "泰州市教育局"
ok --as luru import --draft "$DEMO/yongjia-apply.json"
refused 1 "申请 $tz 的模板 taizhou 未能载入（管理员修好模板文件后即可办理）" --as admin show "$tz"
has "按存储的字段 id 显示"
has "unit：泰州市"
has "ecs 第 1 行：name "
refused 1 "未能载入" --as luru act "$tz" submit
# verify names it once, with how many applications wait for it.
rc=0; ys --as admin verify || rc=$?
[ "$rc" = 1 ] || fail "verify passed with a broken template"
has "模板 $T/data/templates/taizhou.json 未能载入（它的 $tzn 件申请只能查看，不能办理）：模板 $where"
has "发现 1 个问题"
ok templates --json
[ "$(jq_py '[b["id"] for b in d["broken"]]')" = "['taizhou']" ] || fail "json broken: $(cat "$T/out")"

# A pool's zone must be one the resource rows can name.
cp "$T/data/templates/shaoguan.json" "$T/shaoguan.json"
sed -i 's/"name": "互联网区", "vcpu"/"name": "专网区", "vcpu"/' "$T/data/templates/shaoguan.json"
refused 1 "capacity：zones 的 name 应为 zone 列的选项之一" template shaoguan
cp "$T/shaoguan.json" "$T/data/templates/shaoguan.json"

# A file named for another id is set aside too.
cp "$SRC/data/templates/taizhou.json" "$T/data/templates/taizhou.json"
cp "$SRC/data/templates/datong.json" "$T/data/templates/datong2.json"
ok templates
has "datong2    （未能载入）模板 datong2.json：id “datong”与文件名不一致（应为 datong.json）"
rm "$T/data/templates/datong2.json"

# ---- the office's own templates ----
mkdir -p "$T/conf/templates"
# One replacing the packaged one of the same id.
sed 's/"name": "永嘉县"/"name": "永嘉县（本局修订）"/' "$SRC/data/templates/yongjia.json" >"$T/conf/templates/yongjia.json"
# One of its own.
sed 's/"id": "taizhou"/"id": "jiangyan"/; s/"name": "泰州市"/"name": "泰州市姜堰区"/' \
	"$SRC/data/templates/taizhou.json" >"$T/conf/templates/jiangyan.json"
# A broken override: the packaged one stays in use, and that is said.
sed 's/"title": "需求背景描述"/"title": “需求背景描述”/' "$SRC/data/templates/huizhou.json" >"$T/conf/templates/huizhou.json"
grep -q '“需求背景描述”' "$T/conf/templates/huizhou.json" || fail "test setup: no full-width quote in huizhou"
ok templates --json
[ "$(jq_py '[t["name"] for t in d["templates"] if t["id"] in ("yongjia", "jiangyan", "huizhou")]')" = "['黄山市徽州区', '泰州市姜堰区', '永嘉县（本局修订）']" ] ||
	fail "office templates: $(cat "$T/out")"
ok templates
has "huizhou    （未能载入，仍使用随程序安装的同名模板）模板 huizhou.json：JSON 第"
has "全角引号“（JSON 要用半角引号 \"）"
[ "$(grep -c '^yongjia ' "$T/out")" = 1 ] || fail "yongjia listed twice"
sed 's/"template": "taizhou"/"template": "jiangyan"/' "$DEMO/taizhou-apply.json" >"$T/jy.json"
ok --as luru import --draft "$T/jy.json"
ok --as admin list --template jiangyan
has "泰州市姜堰区"
rc=0; ys --as admin verify || rc=$?
[ "$rc" = 1 ] || fail "verify passed with a broken office template"
has "模板 $T/conf/templates/huizhou.json 未能载入（仍使用随程序安装的同名模板）"
echo "templates ok"
