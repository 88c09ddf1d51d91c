#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""export_check.py - reopens yunshen's Excel exports with openpyxl (and their
LibreOffice PDFs with poppler) and checks what a clerk or a leader relies on.

  export_check.py form XLSX SHOW.json TEMPLATE.json [XLSX SHOW.json TEMPLATE.json]...
      every value of the application in place and typed, signatures, the
      title and document number, merged boxes, print settings
  export_check.py pdf PDF XLSX SHOW.json [PDF XLSX SHOW.json]...
      one page per sheet, each page's orientation as its sheet's, and every
      text value visible in the PDF (nothing clipped by a row too short)
  export_check.py safe XLSX TEXT...
      each TEXT is in a string cell with the text format, never a formula
  export_check.py month XLSX LIST.json MONTH TEMPLATES_DIR
      the monthly report: sheets, totals against `yunshen list --json`,
      charts, frozen headers, filters, typed cells, print settings

Exits 1 with the first failure on stderr."""
import datetime
import json
import re
import subprocess
import sys

import openpyxl

FOOTER = "第 &P 页，共 &N 页"


def fail(msg):
    sys.stderr.write("FAIL: %s\n" % msg)
    sys.exit(1)


def squash(s):
    """Text without any white space (wrapping adds line breaks and 　)."""
    return "".join(str(s).split())


def cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    yield ws, c


def check_print(ws, what):
    ps = ws.page_setup
    if int(ps.paperSize or 0) != 9:
        fail("%s: paper size %s, not A4 (9)" % (what, ps.paperSize))
    if ps.orientation not in ("portrait", "landscape"):
        fail("%s: orientation %r" % (what, ps.orientation))
    if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail("%s: not fitted to the page" % what)
    if int(ps.fitToWidth if ps.fitToWidth is not None else 1) != 1:
        fail("%s: fitToWidth %s" % (what, ps.fitToWidth))
    if int(ps.fitToHeight if ps.fitToHeight is not None else 1) not in (0, 1):
        fail("%s: fitToHeight %s" % (what, ps.fitToHeight))
    if ws.oddFooter.center.text != FOOTER:
        fail("%s: footer %r" % (what, ws.oddFooter.center.text))
    if not ws.print_options.horizontalCentered:
        fail("%s: not centred on the page" % what)


# ---- the printed form ----

def form_fields(tpl, kind):
    form = [f for f in tpl["forms"] if f["kind"] == kind or kind in f.get("serves", {}).get("kinds", {}).values()][0]
    fields, tables = {}, {}
    for s in form["sections"]:
        for f in s.get("fields", []):
            fields[f["id"]] = f
        if "table" in s:
            tables[s["table"]["id"]] = {c["id"]: c for c in s["table"]["columns"]}
    return form, fields, tables


def choice_values(f):
    return [c if isinstance(c, str) else c["value"] for c in f.get("choices", [])]


def check_value(f, v, strings, numbers, dates, joined, where, in_table):
    t = f["type"]
    if v is None or v == "" or v == []:
        return
    if t in ("text", "textarea", "phone", "email"):
        if v not in strings and not (in_table and squash("%s：%s" % (f["label"], v)) in joined):
            fail("%s %r: no cell holds exactly %r" % (where, f["label"], v))
    elif t == "int":
        # A table row too wide for one line prints its last columns as
        # "label：value" text beneath.
        if v not in numbers and not (in_table and squash("%s：%s%s" % (f["label"], v, f.get("unit", ""))) in joined):
            fail("%s %r: no number cell equals %r" % (where, f["label"], v))
    elif t in ("date", "month"):
        d = datetime.datetime.strptime(v if t == "date" else v + "-01", "%Y-%m-%d")
        if d not in dates:
            fail("%s %r: no date cell equals %s" % (where, f["label"], v))
    elif t == "bool":
        want = "☑是" if v else "☑否"
        if want not in joined:
            fail("%s %r: %s not printed" % (where, f["label"], want))
    elif t in ("choice", "multi"):
        items = v if isinstance(v, list) else [v]
        known = choice_values(f)
        for it in items:
            if it in known:
                ok = ("☑" + squash(it)) in joined or (in_table and squash(it) in joined)
            else:
                ok = ("☑其他：" + squash(it)) in joined or (in_table and squash(it) in joined)
            if not ok:
                fail("%s %r: choice %r not printed as chosen" % (where, f["label"], it))


def check_form(xlsx, show_path, tpl_path):
    app = json.load(open(show_path))
    tpl = json.load(open(tpl_path))
    form, fields, tables = form_fields(tpl, app["kind"])
    wb = openpyxl.load_workbook(xlsx)
    strings, numbers, dates, texts = set(), set(), set(), []
    for ws, c in cells(wb):
        v = c.value
        if isinstance(v, str):
            strings.add(v)
            texts.append(v)
            if c.data_type == "f" or v.startswith("="):
                if c.data_type != "s":
                    fail("%s!%s: a formula %r" % (ws.title, c.coordinate, v))
        elif isinstance(v, datetime.datetime):
            dates.add(v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            numbers.add(int(v) if float(v).is_integer() else v)
    joined = squash("".join(texts))

    # The title and the document number, on the first sheet, in merged boxes.
    ws0 = wb.worksheets[0]
    if ws0["A1"].value != form["title"]:
        fail("first sheet's title %r, not %r" % (ws0["A1"].value, form["title"]))
    if "A1:AV1" not in [str(r) for r in ws0.merged_cells.ranges]:
        fail("the title is not one box across the page")
    if len(ws0.merged_cells.ranges) < 10:
        fail("only %d merged boxes on the form" % len(ws0.merged_cells.ranges))
    if app.get("docno") and app["docno"] not in strings:
        fail("document number %r not printed" % app["docno"])
    if ws0.title != form["title"][:31]:
        fail("first sheet named %r, not after the form %r" % (ws0.title, form["title"]))

    # Every value that counts, typed (only_if: not printed when its
    # condition does not hold).
    def counts(f, vals):
        c = f.get("only_if")
        if not c:
            return True
        v = vals.get(c["field"])
        return v in c["in"] or (isinstance(v, list) and any(x in c["in"] for x in v))
    for fid, v in app["fields"].items():
        if fid not in fields:
            fail("field %s not in the template" % fid)
        if counts(fields[fid], app["fields"]):
            check_value(fields[fid], v, strings, numbers, dates, joined, "field", False)
    for tid, rows in app["tables"].items():
        for i, row in enumerate(rows):
            for cid, v in row.items():
                if not counts(tables[tid][cid], row):
                    continue
                check_value(tables[tid][cid], v, strings, numbers, dates, joined,
                            "table %s row %d" % (tid, i + 1), True)
    # Fixed texts (承诺, 责任书), paragraph by paragraph.
    for s in form["sections"]:
        if "text" in s:
            for para in s["text"].split("\n"):
                if para.strip() and squash(para) not in joined:
                    fail("fixed text %r: paragraph %r missing" % (s["title"], para[:20]))

    # Signatures: the labels, then who signed or room for the pen.
    signed = {}
    for e in app.get("history", []):
        if e["kind"] == "act" and e.get("round") == app["round"]:
            signed[e["step"]] = e
    blank = 0
    for sg in form["signatures"]:
        if sg["label"] not in strings:
            fail("signature block %r missing" % sg["label"])
        e = signed.get(sg["step"])
        if e:
            # Who signed as the record says: 姓名（登录名）, with 代 for a delegate.
            if not any(s.startswith("签字：%s（系统内签署" % e["signer"]) for s in strings):
                fail("signature %r: %s's signature not printed" % (sg["label"], e["signer"]))
            day = e["at"][:10]
            y, m, d = (int(x) for x in day.split("-"))
            if ("日期：%d年%d月%d日" % (y, m, d)) not in joined:
                fail("signature %r: date %s not printed" % (sg["label"], day))
            if e.get("opinion") and squash(e["opinion"]) not in joined:
                fail("signature %r: opinion %r not printed" % (sg["label"], e["opinion"]))
        else:
            blank += 1
    # The form's own boxes are on its first sheet (a step's paper has its own).
    first = [str(c.value) for row in ws0.iter_rows() for c in row if isinstance(c.value, str)]
    pen = sum(1 for s in first if s.startswith("签字：____"))
    skipped = sum(1 for s in first if re.search("，不经.*环节）$", s))
    if pen + skipped != blank:
        fail("%d signature blocks unsigned, but %d blank for the pen and %d skipped" % (blank, pen, skipped))

    # Print settings, and the table header repeated where a sheet has one table.
    for ws in wb.worksheets:
        check_print(ws, ws.title)
        heads = [c.row for row in ws.iter_rows(max_col=1) for c in row if c.value == "序号"]
        if len(heads) == 1:
            want = "$%d:$%d" % (heads[0], heads[0])
            # Several pages whose breaks miss the table repeat nothing: the
            # table runs from its header while column A holds its 序号.
            end = heads[0]
            while isinstance(ws.cell(end + 1, 1).value, (int, type(None))) and end < ws.max_row:
                end += 1
            breaks = [b.id for b in ws.row_breaks.brk]
            if ws.print_title_rows is None and breaks and all(b <= heads[0] or b > end for b in breaks):
                pass
            elif ws.print_title_rows != want:
                fail("%s: repeated rows %r, not the table header %s" % (ws.title, ws.print_title_rows, want))
        if ws.print_title_rows and not heads:
            fail("%s: repeats rows %r but holds no table" % (ws.title, ws.print_title_rows))
        if ws.page_setup.orientation == "landscape" and not heads:
            fail("%s: landscape without a table" % ws.title)
    print("ok %s: %d sheets, %d values" % (xlsx, len(wb.worksheets), len(strings) + len(numbers) + len(dates)))


# ---- the rendered PDF ----

def check_pdf(pdf, xlsx, show_path):
    app = json.load(open(show_path))
    wb = openpyxl.load_workbook(xlsx)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", pdf], capture_output=True, text=True).stdout
    sizes = [l.split(":", 1)[1] for l in info.splitlines() if l.startswith("Page") and "size:" in l]
    # A sheet is one page unless the export broke it between blocks itself
    # (a form too long for one page even shrunk): then one per break more.
    pages = [1 + len(ws.row_breaks.brk) for ws in wb.worksheets]
    if len(sizes) != sum(pages):
        fail("%s: %d pages for %d sheets with %d breaks (a form is one page, an appendix one more)"
             % (pdf, len(sizes), len(wb.worksheets), sum(pages) - len(pages)))
    sheet_of_page = [ws for ws, n in zip(wb.worksheets, pages) for _ in range(n)]
    for ws, size in zip(sheet_of_page, sizes):
        w, h = (float(x) for x in size.split()[0:3:2])
        if abs(min(w, h) - 595) > 3 or abs(max(w, h) - 842) > 3:
            fail("%s: page of %s is not A4 (%s)" % (pdf, ws.title, size.strip()))
        if (w > h) != (ws.page_setup.orientation == "landscape"):
            fail("%s: page of %s printed %s" % (pdf, ws.title, "landscape" if w > h else "portrait"))
    text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
    # The boxes come from another font, which pdftotext may set apart.
    flat = squash(text).replace("☑", "").replace("☐", "")
    for fid, v in app["fields"].items():
        if isinstance(v, str) and len(v) > 1 and not v[:4].isdigit():
            if squash(v) not in flat:
                fail("%s: value %r (%s) not visible on the page" % (pdf, v[:30], fid))
    for tid, rows in app["tables"].items():
        for row in rows:
            for cid, v in row.items():
                if isinstance(v, str) and len(v) > 1 and squash(v) not in flat:
                    fail("%s: table %s value %r not visible" % (pdf, tid, v[:30]))
    if "第1页，共%d页" % len(sizes) not in flat:
        fail("%s: footer page X of %d missing" % (pdf, len(sizes)))
    print("ok %s: %d pages" % (pdf, len(sizes)))


# ---- user text stays text ----

# The only formulas yunshen writes: totals and rates over its own cells.
OWN_FORMULA = re.compile(r'^=(SUM\([A-Z]+[0-9]+:[A-Z]+[0-9]+\)|IF\([A-Z]+[0-9]+>0,[A-Z]+[0-9]+/[A-Z]+[0-9]+,""\))$')


def check_safe(xlsx, texts):
    wb = openpyxl.load_workbook(xlsx)
    found = {t: None for t in texts}
    for ws, c in cells(wb):
        if c.data_type == "f" and not OWN_FORMULA.match(str(c.value)):
            fail("%s!%s holds a formula %r" % (ws.title, c.coordinate, c.value))
        if c.value in found:
            found[c.value] = c
    for t, c in found.items():
        if c is None:
            fail("%r not found as a cell value" % t)
        if c.data_type != "s":
            fail("%r stored as %s, not a string" % (t, c.data_type))
        if c.number_format != "@":
            fail("%r has number format %r, not text (@)" % (t, c.number_format))
    print("ok %s: %d texts stay text" % (xlsx, len(texts)))


def main():
    if len(sys.argv) < 3:
        fail(__doc__)
    cmd = sys.argv[1]
    args = sys.argv[2:]
    if cmd in ("form", "pdf") and args and len(args) % 3 == 0:
        for i in range(0, len(args), 3):
            (check_form if cmd == "form" else check_pdf)(*args[i:i + 3])
    elif cmd == "safe" and len(sys.argv) >= 4:
        check_safe(sys.argv[2], sys.argv[3:])
    elif cmd == "month" and len(sys.argv) == 6:
        check_month(*sys.argv[2:])
    else:
        fail(__doc__)


def find_row(ws, text, col=1, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(r, col).value == text:
            return r
    fail("%s: no row %r" % (ws.title, text))


def block(ws, heading_prefix):
    """The header row and the data rows (up to 合计 or a blank) of a block."""
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, str) and v.startswith(heading_prefix):
            head = r + 1
            rows = []
            r = head + 1
            while ws.cell(r, 1).value not in (None, "合计"):
                rows.append(r)
                r += 1
            return head, rows, (r if ws.cell(r, 1).value == "合计" else None)
    fail("%s: no block %r" % (ws.title, heading_prefix))


def header_map(ws, row):
    return {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value}


def check_detail(ws, date_cols=()):
    check_print(ws, ws.title)
    if ws.page_setup.orientation != "landscape":
        fail("%s: a detail sheet prints landscape" % ws.title)
    if ws.freeze_panes != "A2":
        fail("%s: header row not frozen (%r)" % (ws.title, ws.freeze_panes))
    if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
        fail("%s: no filter on the header (%r)" % (ws.title, ws.auto_filter.ref))
    if ws.print_title_rows != "$1:$1":
        fail("%s: header not repeated on each page (%r)" % (ws.title, ws.print_title_rows))
    heads = header_map(ws, 1)
    for name in date_cols:
        c = heads[name]
        for r in range(2, ws.max_row + 1):
            v = ws.cell(r, c).value
            if v is not None and not isinstance(v, datetime.datetime):
                fail("%s!%s%d: %r is not a date" % (ws.title, openpyxl.utils.get_column_letter(c), r, v))
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.data_type == "f":
                fail("%s!%s: a formula in a detail sheet" % (ws.title, c.coordinate))
            if isinstance(c.value, str) and c.number_format != "@":
                fail("%s!%s: text %r without the text format" % (ws.title, c.coordinate, c.value))
    return heads


def column(ws, heads, name):
    c = heads[name]
    return [ws.cell(r, c).value for r in range(2, ws.max_row + 1)]


def check_month(xlsx, list_path, month, tpl_dir):
    import glob
    import os
    names = {}
    for f in glob.glob(os.path.join(tpl_dir, "*.json")):
        t = json.load(open(f))
        names[t["id"]] = (t["name"], bool(t.get("catalogue")))
    listed = json.load(open(list_path))
    apps = listed["applications"]
    current = listed["today"][:7] == month
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    wf = openpyxl.load_workbook(xlsx)   # formulas as written
    want = ["概况", "申请明细", "签署记录", "按单位", "在用资源台账"]
    # A fee sheet when a jurisdiction with a price catalogue had applications.
    if "费用明细" in wb.sheetnames or (current and any(names[a["template"]][1] for a in apps)):
        want.append("费用明细")
    if wb.sheetnames != want:
        fail("sheets %r, not %r" % (wb.sheetnames, want))
    ws = wb["概况"]
    y, m = (int(x) for x in month.split("-"))
    if ws["A1"].value != "政务云资源月报（%d年%d月）" % (y, m):
        fail("summary title %r" % ws["A1"].value)
    if "A1:J1" not in [str(r) for r in ws.merged_cells.ranges]:
        fail("summary title not across the table")
    check_print(ws, "概况")
    if ws.page_setup.orientation != "portrait":
        fail("summary prints %s" % ws.page_setup.orientation)
    if len(ws.row_breaks.brk) != 2:
        fail("summary: %d page breaks, want one before each chart's table" % len(ws.row_breaks.brk))

    # Two: the states match `yunshen list` (this month: as the list shows
    # now; a past month: as they stood at its end, adding up).
    head, rows, tot = block(ws, "二、")
    h = header_map(ws, head)
    for r in rows + [tot]:
        parts = sum(ws.cell(r, h[label]).value for label in ("草稿", "在办", "退回补正", "不同意", "已办结",
                                                              "已撤回", "已注销"))
        if parts != ws.cell(r, h["合计"]).value:
            fail("概况 row %d: states add up to %r, not %r" % (r, parts, ws.cell(r, h["合计"]).value))
    if not current:
        rows = []
    key = {"草稿": "draft", "在办": "pending", "退回补正": "returned", "不同意": "rejected",
           "已办结": "done", "已撤回": "withdrawn", "已注销": "terminated"}
    by_name = {names[t][0]: t for t in names}
    seen = set()
    for r in rows:
        tpl = by_name[ws.cell(r, 1).value]
        seen.add(tpl)
        mine = [a for a in apps if a["template"] == tpl]
        for label, st in key.items():
            got = ws.cell(r, h[label]).value
            exp = sum(1 for a in mine if a["status"] == st)
            if got != exp:
                fail("概况 %s %s: %r, list says %d" % (ws.cell(r, 1).value, label, got, exp))
        exp = sum(1 for a in mine if a.get("overdue"))
        if ws.cell(r, h["其中超期"]).value != exp:
            fail("概况 %s 其中超期: %r, list says %d" % (ws.cell(r, 1).value, ws.cell(r, h["其中超期"]).value, exp))
        if ws.cell(r, h["合计"]).value != len(mine):
            fail("概况 %s 合计 %r, list has %d" % (ws.cell(r, 1).value, ws.cell(r, h["合计"]).value, len(mine)))
    if current and seen != {a["template"] for a in apps}:
        fail("概况 states: jurisdictions %r, list has %r" % (seen, {a["template"] for a in apps}))
    if current and ws.cell(tot, h["合计"]).value != len(apps):
        fail("概况 states 合计 %r, list has %d" % (ws.cell(tot, h["合计"]).value, len(apps)))
    f = wf["概况"].cell(tot, h["草稿"]).value
    if tot > head + 1 and not (isinstance(f, str) and f.startswith("=SUM(")):
        fail("概况 totals are not SUM formulas: %r" % f)

    # One: counts against the detail sheets.
    head1, rows1, tot1 = block(ws, "一、")
    h1 = header_map(ws, head1)
    units = wb["按单位"]
    hu = check_detail(units)
    check_detail(wb["在用资源台账"], ("计费起", "计费止"))
    received = sum(v or 0 for v in column(units, hu, "本月收件（件）"))
    if ws.cell(tot1, h1["收件"]).value != received:
        fail("概况 收件 %r, 按单位 sums to %r" % (ws.cell(tot1, h1["收件"]).value, received))

    # Three: deadlines against the signing sheet.
    acts = wb["签署记录"]
    ha = check_detail(acts, ("签署时间", "期限"))
    onTime = column(acts, ha, "是否按期")
    head3, rows3, tot3 = block(ws, "三、")
    h3 = header_map(ws, head3)
    if tot3:
        if ws.cell(tot3, h3["本月签署"]).value != sum(1 for v in onTime if v in ("按期", "超期")):
            fail("概况 本月签署 %r, 签署记录 has %d with a deadline"
                 % (ws.cell(tot3, h3["本月签署"]).value, sum(1 for v in onTime if v in ("按期", "超期"))))
        if ws.cell(tot3, h3["按期"]).value != onTime.count("按期"):
            fail("概况 按期 %r, 签署记录 has %d" % (ws.cell(tot3, h3["按期"]).value, onTime.count("按期")))
        for r in rows3:
            n, met = ws.cell(r, h3["本月签署"]).value, ws.cell(r, h3["按期"]).value
            rate = ws.cell(r, h3["按期率"]).value
            if n and abs(rate - met / n) > 1e-9:
                fail("概况 row %d: 按期率 %r for %r/%r" % (r, rate, met, n))

    # Four: resources in use against the unit sheet; fees against their sheet.
    head4, rows4, tot4 = block(ws, "四、")
    h4 = header_map(ws, head4)
    for name in ("在用 vCPU（核）", "在用内存（GB）", "在用存储（GB）"):
        got = ws.cell(tot4, h4[name]).value
        exp = sum(v or 0 for v in column(units, hu, name))
        if got != exp:
            fail("概况 %s %r, 按单位 sums to %r" % (name, got, exp))
    if "费用明细" in wb.sheetnames:
        fees = wb["费用明细"]
        hf = check_detail(fees)
        exp = sum(v or 0 for v in column(fees, hf, "费用（元）"))
        got = ws.cell(tot4, h4["月费用（元）"]).value
        if abs(got - exp) > 0.01:
            fail("概况 月费用 %r, 费用明细 sums to %r" % (got, exp))
        for q, pr, days, amt in zip(column(fees, hf, "数量"), column(fees, hf, "单价（元）"),
                                    column(fees, hf, "天数"), column(fees, hf, "费用（元）")):
            n, of = (int(x) for x in days.split("/"))
            if not 1 <= n <= of or abs(round(q * pr * n / of, 2) - amt) > 0.005:
                fail("费用明细: %r × %r × %s is not %r" % (q, pr, days, amt))

    # The first page's headlines agree with the blocks and sheets behind them.
    headH, rowsH, _ = block(ws, "要点")
    top = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in rowsH}
    if top.get("本月收件（件）") != ws.cell(tot1, h1["收件"]).value:
        fail("要点 本月收件 %r, block one %r" % (top.get("本月收件（件）"), ws.cell(tot1, h1["收件"]).value))
    decided = sum(ws.cell(tot1, h1[k]).value for k in ("审核通过", "不同意", "不予受理"))
    if top.get("本月作出决定（件）") is None or top["本月作出决定（件）"] > decided:
        fail("要点 本月作出决定 %r, block one has at most %r" % (top.get("本月作出决定（件）"), decided))
    if top.get("月末在用 vCPU（核）") != ws.cell(tot4, h4["在用 vCPU（核）"]).value:
        fail("要点 在用 vCPU %r, block four %r" % (top.get("月末在用 vCPU（核）"), ws.cell(tot4, h4["在用 vCPU（核）"]).value))
    if "费用明细" in wb.sheetnames and abs(top.get("本月费用（元）", -1) - ws.cell(tot4, h4["月费用（元）"]).value) > 0.01:
        fail("要点 本月费用 %r, block four %r" % (top.get("本月费用（元）"), ws.cell(tot4, h4["月费用（元）"]).value))
    for label in ("超期未办（件）", "闲置主机（台）", "未办到期事项（项）"):
        if not isinstance(top.get(label), (int, float)):
            fail("要点 lacks %s: %r" % (label, sorted(top)))
    if any(r > 40 for r in rowsH):
        fail("要点 runs past the first page: rows %r" % rowsH)

    # Six and seven: the tables the charts draw, and the charts.
    head6, rows6, _ = block(ws, "六、")
    h6 = header_map(ws, head6)
    rows6 = [r for r in rows6 if isinstance(ws.cell(r, h6["在用 vCPU（核）"]).value, (int, float))]
    v6 = [ws.cell(r, h6["在用 vCPU（核）"]).value for r in rows6]
    if len(v6) > 10 or v6 != sorted(v6, reverse=True):
        fail("概况 top units: %r" % v6)
    head7, rows7, _ = block(ws, "七、")
    months = [ws.cell(r, 1).value for r in rows7]
    if len(months) != 12 or months[-1] != month:
        fail("概况 last twelve months: %r" % months)
    if ws.cell(rows7[-1], 2).value != ws.cell(tot1, h1["收件"]).value:
        fail("概况: this month's 收件 differs between blocks one and seven")
    charts = wf["概况"]._charts
    if len(charts) != (2 if rows6 else 1):
        fail("概况: %d charts, want %d (by unit, last twelve months)" % (len(charts), 2 if rows6 else 1))
    kinds = sorted(c.tagname + ":" + getattr(c, "barDir", "") for c in charts)
    if kinds != (["barChart:bar", "barChart:col"] if rows6 else ["barChart:col"]):
        fail("概况 charts: %r" % kinds)
    first_table = block(ws, "一、")[0]
    for c in charts:
        if c.anchor._from.row >= first_table:
            fail("概况: a chart at row %d, below the first page (tables from row %d)" % (c.anchor._from.row, first_table))
    for c in charts:
        for se in c.series:
            ref = se.val.numRef.f
            if not ref.startswith("概况!") and not ref.startswith("'概况'!"):
                fail("概况 chart reads %r" % ref)

    # The application detail: every application with activity, typed.
    wa = wb["申请明细"]
    hd = check_detail(wa, ("提交时间", "办结时间", "当前期限"))
    ids = column(wa, hd, "编号")
    if any(not isinstance(i, int) for i in ids) or ids != sorted(ids):
        fail("申请明细: 编号 not numbers in order")
    for name in ("vCPU（核）", "内存（GB）", "存储（GB）"):
        if any(not isinstance(v, (int, float)) for v in column(wa, hd, name)):
            fail("申请明细: %s not numbers" % name)
    print("ok %s: %d applications, %d acts%s" % (xlsx, len(ids), len(onTime),
                                                ", states match the list" if current else ""))


if __name__ == "__main__":
    main()
