/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* render.h - how the screen, the CLI and the printout say the same things:
 * a value, a table, the totals sentence, a history line and what is left
 * of a deadline. One place, so they never disagree. */
#ifndef YUNSHEN_RENDER_H
#define YUNSHEN_RENDER_H

#include "app.h"
#include "apps.h"
#include "buf.h"
#include "date.h"

/* A value for reading: choices with every option boxed (on/off are the
 * caller's boxes: ☑/☐ or [x]/[ ]) and the "other" text last, yes/no as
 * two boxes, ints with their unit, "—" when empty. */
void render_value(buf *out, const tpl_field *f, const char *v, const char *on, const char *off);
/* A table in one line per row: "第1行：用途 Web；vCPU 8核 …". */
void render_table(buf *out, const app_data *d, int table);
/* "主机 3 台，vCPU 24 核，内存 64 GB，存储 900 GB[，带宽 20 Mbps]" */
void render_totals(buf *out, const app_totals *t);
/* One history event without its opinion: "初审：同意（期限 2026-11-23）",
 * "修改 contact：“甲”→“乙”", "新建草稿". */
void render_event(buf *out, const app_event *e, const tpl_flow *fl);

/* An application whose template did not load, still readable: each
 * stored value by its field id, one a line
 * ("  unit：泰州市教育局"), table rows as "  ecs 第 1 行：cpu 4核；mem 8G".
 * -1 (nothing written) when r's template is not a broken one. */
int render_stored(buf *out, store *s, const app_rec *r);

/* A deadline as shown: "2026-11-20", "2027-01-12（暂定）" in a year whose
 * holidays are not yet published, "无时限" when there is none. */
const char *render_deadline(const char *iso, char *out, size_t n);

/* What is left of r's deadline today (apps_deadline_state), in words:
 * full "超期 3 个工作日" / "今天到期" / "剩 2 个工作日" / "无时限", or short
 * "超期3" / "剩2" for narrow columns; "" when nothing is pending. */
enum { RENDER_FULL, RENDER_SHORT };
void render_left(char *out, size_t n, const app_rec *r, ys_date today, int style, int *overdue,
		 int *due_today);

#endif
