#!/usr/bin/python3
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
  export_check.py month XLSX LIST.json MONTH
      the monthly report: sheets, totals against `yunshen list --json`,
      charts, frozen headers, filters, typed cells, print settings

Exits 1 with the first failure on stderr."""
import datetime
import json
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
    form = [f for f in tpl["forms"] if f["kind"] == kind][0]
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

    # Every value, typed.
    for fid, v in app["fields"].items():
        if fid not in fields:
            fail("field %s not in the template" % fid)
        check_value(fields[fid], v, strings, numbers, dates, joined, "field", False)
    for tid, rows in app["tables"].items():
        for i, row in enumerate(rows):
            for cid, v in row.items():
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
            if not any(s.startswith("签字：%s（" % e["login"]) for s in strings):
                fail("signature %r: %s's signature not printed" % (sg["label"], e["login"]))
            day = e["at"][:10]
            y, m, d = (int(x) for x in day.split("-"))
            if ("日期：%d年%d月%d日" % (y, m, d)) not in joined:
                fail("signature %r: date %s not printed" % (sg["label"], day))
            if e.get("opinion") and squash(e["opinion"]) not in joined:
                fail("signature %r: opinion %r not printed" % (sg["label"], e["opinion"]))
        else:
            blank += 1
    pen = sum(1 for s in texts if s.startswith("签字：____"))
    skipped = sum(1 for s in texts if "不经此环节" in s)
    if pen + skipped != blank:
        fail("%d signature blocks unsigned, but %d blank for the pen and %d skipped" % (blank, pen, skipped))

    # Print settings, and the table header repeated where a sheet has one table.
    for ws in wb.worksheets:
        check_print(ws, ws.title)
        heads = [c.row for row in ws.iter_rows(max_col=1) for c in row if c.value == "序号"]
        if len(heads) == 1:
            want = "$%d:$%d" % (heads[0], heads[0])
            if ws.print_title_rows != want:
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
    if len(sizes) != len(wb.worksheets):
        fail("%s: %d pages for %d sheets (a form is one page, an appendix one more)"
             % (pdf, len(sizes), len(wb.worksheets)))
    for ws, size in zip(wb.worksheets, sizes):
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

def check_safe(xlsx, texts):
    wb = openpyxl.load_workbook(xlsx)
    found = {t: None for t in texts}
    for ws, c in cells(wb):
        if c.data_type == "f":
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
    elif cmd == "month" and len(sys.argv) == 5:
        check_month(*sys.argv[2:])
    else:
        fail(__doc__)


def check_month(xlsx, list_path, month):
    fail("month checks not written yet")


if __name__ == "__main__":
    main()
