#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The printed forms as LibreOffice prints them: for each template, each kind
# of form in the demo (apply, change, terminate, renew), one signed and one
# blank for the pen, converted to PDF in one LibreOffice run and checked
# with poppler: A4, one page per sheet (a form is one page; an appendix
# such as 徽州's 附表 or 韶关's 安全责任书 one more), each page's
# orientation as its sheet's, every text value visible (no row too short
# for its text), the footer. The pages are also drawn (pdftoppm) so a
# person can look at them: YS_KEEP_PAGES=DIR keeps the PNGs there.
#
# 宋体 is mapped to a CJK font with half-width Latin (WenQuanYi Zen Hei
# Mono), as Excel and WPS measure it on a Chinese desktop; without that
# alias LibreOffice measures widths in DejaVu Sans and prints the same
# pages at about three quarters of the size.
. "${YS_SRCDIR:-.}/tests/lib.sh"
CHECK="$SRC/tests/export_check.py"
LO=$(command -v libreoffice || command -v soffice || true)
if [ -z "$LO" ]; then
	echo "libreoffice is not installed: skipped (apt-get install libreoffice-calc-nogui)"
	exit 77
fi
command -v pdfinfo >/dev/null && command -v pdftoppm >/dev/null ||
	fail "poppler-utils is needed (pdfinfo, pdftotext, pdftoppm)"
"$PY" -c "import openpyxl" || fail "python3-openpyxl is needed"

cat >"$T/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>WenQuanYi Zen Hei Mono</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>WenQuanYi Zen Hei Mono</family></prefer></alias>
  <cachedir>CACHE</cachedir>
</fontconfig>
EOF
sed -i "s|CACHE|$T/fc-cache|" "$T/fonts.conf"
export FONTCONFIG_FILE="$T/fonts.conf"

ok --as admin demo
ok --as admin list --json
# One application per template and kind, the furthest along; and the
# drafts, whose signature blocks are all blank.
ids=$(jq_py '" ".join(sorted({(a["template"], a["kind"]): str(a["id"]) for a in sorted(d["applications"],
	key=lambda a: ["draft","withdrawn","returned","pending","rejected","terminated","done"].index(a["status"]))}.values())
	+ [str(a["id"]) for a in d["applications"] if a["status"] == "draft"])')
files=""
for id in $ids; do
	ok --as admin show "$id" --json
	cp "$T/out" "$T/s$id.json"
	ok --as admin export form "$id" -o "$T/f$id.xlsx"
	files="$files $T/f$id.xlsx"
done
# And the monthly report: its first sheet with both charts.
ok --as admin export month 2026-11 -o "$T/month.xlsx"
files="$files $T/month.xlsx"
mkdir "$T/pdf"
# shellcheck disable=SC2086
"$LO" -env:UserInstallation="file://$T/lo-profile" --headless --convert-to pdf --outdir "$T/pdf" $files \
	>"$T/lo.log" 2>&1 || { cat "$T/lo.log"; fail "libreoffice failed"; }
args=""
n=0
for id in $ids; do
	[ -s "$T/pdf/f$id.pdf" ] || { cat "$T/lo.log"; fail "no PDF for form $id"; }
	args="$args $T/pdf/f$id.pdf $T/f$id.xlsx $T/s$id.json"
	pdftoppm -r 30 -png "$T/pdf/f$id.pdf" "$T/pdf/p$id" || fail "pdftoppm f$id.pdf"
	n=$((n + 1))
done
# shellcheck disable=SC2086
"$PY" "$CHECK" pdf $args >"$T/check.log" || { tail -3 "$T/check.log"; fail "rendered forms"; }
[ -s "$T/pdf/month.pdf" ] || fail "no PDF of the monthly report"
pdftotext "$T/pdf/month.pdf" "$T/month.txt"
for text in "政务云资源月报（2026年11月）" "一、本月办理（件）" "五、资源池使用（导出时" "在用 vCPU 最多的单位（核）" \
	"近十二个月收件与开通（件）" "申请明细" "签署记录"; do
	grep -qF "$text" "$T/month.txt" || fail "monthly report PDF lacks '$text'"
done
info=$(pdfinfo -f 1 -l 3 "$T/pdf/month.pdf")
echo "$info" | grep -q "Page *1 size: *595.* x 841" || fail "monthly summary not on portrait A4: $info"
pdftoppm -r 30 -png -f 1 -l 3 "$T/pdf/month.pdf" "$T/pdf/month" || fail "pdftoppm month.pdf"
if [ -n "${YS_KEEP_PAGES:-}" ]; then
	mkdir -p "$YS_KEEP_PAGES" && cp "$T"/pdf/*.png "$T"/pdf/*.pdf "$YS_KEEP_PAGES"/
fi
pages=$(ls "$T"/pdf/p*.png | wc -l)
echo "export render: $n forms, $pages pages"
