/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* queue.c - 待办 and the other lists: only a window of three screens is fetched
 * (apps_list with limit/offset, apps_count for the total), sorted by the
 * database: overdue first, then by deadline. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buf.h"
#include "duties.h"
#include "remind.h"
#include "screens.h"
#include "views.h"
#include "workdays.h"
#include "text.h"

/* The 全部 view's status filter: 0 all, then vocab_statuses[state - 1]. */
static int nstates(void)
{
	int n = 0;
	while (vocab_statuses[n])
		n++;
	return n + 1;
}

static const char *state_at(int i)
{
	return i > 0 ? vocab_statuses[i - 1] : NULL;
}

typedef struct queue {
	int view, state, tpl;           /* tpl: index+1 into the registry, 0 all */
	char unit[256], search[256];
	char vname[96];                 /* the saved view applied, until a filter changes */
	app_rec *rows;
	int nrows, cap;
	long long total;
	int idw;                        /* the 编号 column: as wide as the largest number */
	int top, sel;                   /* sel: absolute index */
	int wtop, stale, count_stale;   /* rows hold [wtop, wtop + nrows) */
	double fetch_ms;
	ui_key keys[64];                /* queue_keys with the selected row's follow-ups */
	remind_counts due;              /* 我的待办: overdue and due today, for the title */
	long long dv;                   /* store_data_version the rows were read at */
	long long keep;                 /* after a refresh, the row to stay on */
	long long *tags;                /* tagged for a batch signature, in tagging order */
	int ntags;
} queue;

enum { Q_UP, Q_DOWN, Q_PGUP, Q_PGDN, Q_HOME, Q_END, Q_OPEN, Q_SIGN, Q_HIST, Q_MINE, Q_ALL,
       Q_DRAFTS, Q_OVERDUE, Q_STATE, Q_TPL, Q_UNIT, Q_SEARCH, Q_CLEAR, Q_NEW, Q_OPS, Q_PRINT, Q_MONTH, Q_REFRESH,
       Q_QUIT, Q_RETURNED, Q_ESC, Q_DUE, Q_LEDGER, Q_FEES, Q_USAGE, Q_EVAL, Q_TAG, Q_TAG_PAT, Q_UNTAG_ALL,
       Q_BATCH, Q_RECALL, Q_VIEWS, Q_SAVE_VIEW, Q_FOLLOW = 100 /* + FORM_FOLLOWUPS */ };

static const ui_key queue_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ '?', UI_CMD_HELP, "?", NULL, NULL },
	{ UI_ENTER, Q_OPEN, "Enter", "打开", "打开选中的申请（草稿和退回的申请打开表单）" },
	{ 'a', Q_SIGN, "a", "签署", "签署选中的申请（审批对话框）" },
	{ ' ', Q_TAG, "Space", NULL, "标记或取消标记选中的申请，移到下一件（批量签署用，行首显示 +）" },
	{ 'T', Q_TAG_PAT, "T", NULL, "标记本列表中单位、系统名称或文号含某段文字的全部申请" },
	{ UI_CTRL('t'), Q_UNTAG_ALL, "Ctrl-T", NULL, "取消全部标记" },
	{ 'A', Q_BATCH, "A", NULL, "批量签署已标记的申请：一个选择、一条意见，先列出再按 y，每件单独检查和记录" },
	{ 'h', Q_HIST, "h", "历史", "选中申请的完整历史" },
	{ 'R', Q_RECALL, "R", NULL, "撤回我刚做的签署（本次签署的最后一件，没有时为选中的申请），下一环节尚未办理时可以，须写明理由" },
	{ '/', Q_SEARCH, "/", "搜索", "按单位、系统名称、文号、联系人或签署意见搜索（任意两个字以上的一段；文号的括号不论哪种，全角半角数字都行）" },
	{ 'v', Q_VIEWS, "v", NULL, "我保存的视图（命名的筛选）：按编号打开一个，或删去" },
	{ 'V', Q_SAVE_VIEW, "V", NULL, "把现在的列表和筛选（状态、模板、单位、搜索）存为一个命名的视图" },
	{ '1', Q_MINE, "1", "待办", "我的待办：等我签署的申请，超期在前" },
	{ '2', Q_ALL, "2", "全部", "全部申请" },
	{ '3', Q_DRAFTS, "3", "草稿", "草稿" },
	{ '4', Q_OVERDUE, "4", NULL, "超期的申请" },
	{ '5', Q_RETURNED, "5", NULL, "退回补正的申请（录入员修改后重新提交）" },
	{ '6', Q_DUE, "6", "到期", "到期事项：审批后我的角色要办的义务（等保备案、期满通知、报告等），超期在前" },
	{ 'L', Q_LEDGER, "L", NULL, "在用资源台账：每个已审批系统的阶段、配置、使用期、计费期和交付的主机" },
	{ 'F', Q_FEES, "F", NULL, "服务费用：本月每个系统按天折算的费用，或年度使用报表" },
	{ 'E', Q_EVAL, "E", NULL, "服务考评与结算：对云服务商各期的考评、低分理由和年度结算" },
	{ 'U', Q_USAGE, "U", NULL, "资源利用率：闲置主机和各主机最近一月的 CPU、内存、存储" },
	{ UI_ESC, Q_ESC, "Esc", NULL, "清除筛选；再按一次回到我的待办" },
	{ 'n', Q_NEW, "n", "新建", "新建申请（录入员）" },
	{ 's', Q_STATE, "s", NULL, "按状态筛选（依次切换）" },
	{ 't', Q_TPL, "t", NULL, "按模板（辖区）筛选" },
	{ 'u', Q_UNIT, "u", NULL, "只看选中申请的单位；再按一次取消" },
	{ 'c', Q_CLEAR, "c", NULL, "清除筛选和搜索" },
	{ 'd', Q_OPS, "d", NULL, "交付记录（运维）" },
	{ 'p', Q_PRINT, "p", NULL, "导出选中申请的打印表（Excel，本辖区纸质表样式）" },
	{ 'm', Q_MONTH, "m", NULL, "导出月报（Excel：统计、时限、资源、费用、图表和明细）" },
	{ UI_FN(KEY_F(5)), Q_REFRESH, "F5", NULL, "刷新" },
	{ 'r', Q_REFRESH, "r", NULL, NULL },
	{ 'q', Q_QUIT, "q", "退出", "退出云审" },
	{ UI_FN(KEY_F(10)), Q_QUIT, "F10", NULL, NULL },
	{ UI_FN(KEY_UP), Q_UP, "Up", NULL, "上一件" },
	{ 'k', Q_UP, "k", NULL, NULL },
	{ UI_FN(KEY_DOWN), Q_DOWN, "Down", NULL, "下一件" },
	{ 'j', Q_DOWN, "j", NULL, NULL },
	{ UI_FN(KEY_PPAGE), Q_PGUP, "PgUp", NULL, "上一页" },
	{ UI_CTRL('b'), Q_PGUP, "Ctrl-B", NULL, NULL },
	{ UI_FN(KEY_NPAGE), Q_PGDN, "PgDn", NULL, "下一页" },
	{ UI_CTRL('f'), Q_PGDN, "Ctrl-F", NULL, NULL },
	{ UI_FN(KEY_HOME), Q_HOME, "Home", NULL, "第一件" },
	{ 'g', Q_HOME, "g", NULL, NULL },
	{ UI_FN(KEY_END), Q_END, "End", NULL, "最后一件" },
	{ 'G', Q_END, "G", NULL, NULL },
	{ 0, -1, NULL, NULL, NULL },
};

static int page_h(void)
{
	return LINES - 4;
}

static void filter_of(queue *q, apps_filter *f)
{
	view_filter(q->view, ui.me, state_at(q->state), ui_today(), f);
	if (q->tpl > 0)
		f->tpl = templates_at(q->tpl - 1)->id;
	if (q->unit[0])
		f->unit = q->unit;
	if (q->search[0])
		f->search = q->search;
}

static int tagged(const queue *q, long long id)
{
	for (int i = 0; i < q->ntags; i++)
		if (q->tags[i] == id)
			return 1;
	return 0;
}

static int collect(const app_rec *r, void *ctx)
{
	queue *q = ctx;
	if (q->nrows == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 64;
		q->rows = realloc(q->rows, sizeof *q->rows * (size_t)q->cap);
	}
	q->rows[q->nrows++] = *r;
	return 0;
}

static void fetch(queue *q)
{
	int h = page_h();
	apps_filter f;
	filter_of(q, &f);
	ys_err e;
	if (q->count_stale) {
		char w[24];
		q->idw = snprintf(w, sizeof w, "%lld", apps_max_id(ui.s));
		if (q->idw < 5)
			q->idw = 5;
		q->total = apps_count(ui.s, &f, &e);
		if (q->total < 0) {
			ui_status(1, "%s", e.msg);
			q->total = 0;
		}
		if (q->view == VIEW_MINE && remind_apps(ui.s, ui.me, ui_today(), &q->due, &e))
			memset(&q->due, 0, sizeof q->due);
		q->count_stale = 0;
	}
	if (q->sel >= q->total)
		q->sel = (int)q->total - 1;
	if (q->sel < 0)
		q->sel = 0;
	if (q->sel < q->top)
		q->top = q->sel;
	if (q->sel >= q->top + h)
		q->top = q->sel - h + 1;
	if (q->top < 0)
		q->top = 0;
	/* The rows cached cover the page: nothing to ask. Otherwise fetch a
	 * window of three pages around it (one query, the same cost as one
	 * page), so moving a line or a page rarely waits for the database. */
	int end = q->top + h < q->total ? q->top + h : (int)q->total;
	if (!q->stale && q->top >= q->wtop && end <= q->wtop + q->nrows)
		return;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	q->dv = store_data_version(ui.s);   /* before: a commit meanwhile reads again */
	q->wtop = q->top - h > 0 ? q->top - h : 0;
	f.limit = 3 * h;
	f.offset = q->wtop;
	f.total = q->total;
	q->nrows = 0;
	if (apps_list(ui.s, &f, collect, q, &e))
		ui_status(1, "%s", e.msg);
	clock_gettime(CLOCK_MONOTONIC, &b);
	q->fetch_ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	q->stale = 0;
	/* Refreshed under the user: the cursor stays on the row it was on, if
	 * that row is still in the window (else at the same place). */
	for (int i = 0; q->keep && i < q->nrows; i++)
		if (q->rows[i].id == q->keep && q->sel != q->wtop + i) {
			q->sel = q->wtop + i;
			if (q->sel < q->top || q->sel >= q->top + h)
				q->top = q->sel - h / 2 > 0 ? q->sel - h / 2 : 0;
		}
	q->keep = 0;
}


static void refilter(queue *q)
{
	q->stale = q->count_stale = 1;
	q->sel = q->top = 0;
	q->vname[0] = '\0';
}

/* The queue's filter as a saved view, and back. */
static void to_saved(const queue *q, saved_view *v)
{
	memset(v, 0, sizeof *v);
	v->base = q->view;
	snprintf(v->status, sizeof v->status, "%s", q->view == VIEW_ALL && state_at(q->state) ? state_at(q->state) : "");
	snprintf(v->tpl, sizeof v->tpl, "%s", q->tpl > 0 ? templates_at(q->tpl - 1)->id : "");
	snprintf(v->unit, sizeof v->unit, "%s", q->unit);
	snprintf(v->search, sizeof v->search, "%s", q->search);
}

static void from_saved(queue *q, const saved_view *v)
{
	q->view = v->base;
	q->state = q->tpl = 0;
	for (int i = 1; i < nstates(); i++)
		if (!strcmp(state_at(i), v->status))
			q->state = i;
	for (int i = 0; i < templates_count(); i++)
		if (!strcmp(templates_at(i)->id, v->tpl))
			q->tpl = i + 1;
	snprintf(q->unit, sizeof q->unit, "%s", v->unit);
	snprintf(q->search, sizeof q->search, "%s", v->search);
	refilter(q);
	snprintf(q->vname, sizeof q->vname, "%s", v->name);
}

/* v: the saved views by number; the last line deletes one. */
static int pick_view(queue *q)
{
	saved_view *vs;
	int n;
	ys_err e;
	if (views_saved(ui.s, ui.me->login, &vs, &n, &e)) {
		ui_status(1, "%s", e.msg);
		return UI_STAY;
	}
	if (!n) {
		ui_status(0, "还没有保存的视图：筛选好列表后按 V 保存");
		return UI_STAY;
	}
	const char **items = xmalloc(sizeof *items * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		items[i] = vs[i].name;
	items[n] = "（删去一个视图）";
	int k = ui_menu(" 我的视图（数字键或 Enter 打开）", items, n + 1, 0);
	if (k >= 0 && k < n) {
		from_saved(q, &vs[k]);
		ui_status(0, "视图“%s”", vs[k].name);
	} else if (k == n) {
		int d = ui_menu(" 删去哪一个视图", items, n, 0);
		char question[160];
		snprintf(question, sizeof question, "删去视图“%s”？（y 确认，n 取消）", d >= 0 ? vs[d].name : "");
		if (d >= 0 && ui_confirm(question)) {
			if (views_forget(ui.s, ui.me->login, vs[d].name, &e))
				ui_status(1, "%s", e.msg);
			else
				ui_status(0, "已删去视图“%s”", vs[d].name);
		}
	}
	free(items);
	free(vs);
	return ui.hup ? UI_QUIT : UI_STAY;
}

/* V: what is on screen kept under a name. */
static int save_view(queue *q)
{
	saved_view v;
	to_saved(q, &v);
	char name[96], now[17];
	if (ui_input("保存为视图，名称：", q->vname, name, sizeof name) || !name[0])
		return ui.hup ? UI_QUIT : UI_STAY;
	snprintf(v.name, sizeof v.name, "%s", name);
	ys_err e;
	ui_now(now);
	if (views_save(ui.s, ui.me->login, &v, now, &e)) {
		ui_status(1, "%s", e.msg);
	} else {
		snprintf(q->vname, sizeof q->vname, "%s", name);
		ui_status(0, "已保存视图“%s”（v 打开）", name);
	}
	return UI_STAY;
}

static app_rec *selected(queue *q)
{
	int i = q->sel - q->wtop;
	return i >= 0 && i < q->nrows ? &q->rows[i] : NULL;
}

/* The key table for the selected row: its template's follow-up forms
 * (变更, 注销, 延期) on the key bar when the row is in service, in place
 * of 签署, which has nothing to sign there. */
static void keys_for(queue *q, const app_rec *r)
{
	form_followup_keys(q->keys, (int)(sizeof q->keys / sizeof q->keys[0]), queue_keys, Q_QUIT, Q_FOLLOW, r);
	int offered = 0;
	for (ui_key *k = q->keys; k->cmd != -1; k++)
		offered |= k->cmd >= Q_FOLLOW && k->cmd < Q_FOLLOW + FORM_FOLLOWUPS && k->bar;
	for (ui_key *k = q->keys; offered && k->cmd != -1; k++)
		if (k->cmd == Q_SIGN)
			k->bar = NULL;
}

static void queue_draw(void *self)
{
	queue *q = self;
	fetch(q);
	keys_for(q, selected(q));

	char title[512], day[11];
	date_iso(ui_today(), day);
	int n = q->vname[0] ? snprintf(title, sizeof title, " 云审  视图：%s（%s）", q->vname, view_name(q->view))
			    : snprintf(title, sizeof title, " 云审  %s", view_name(q->view));
	if (q->view == VIEW_ALL && q->state)
		n += snprintf(title + n, sizeof title - (size_t)n, "·%s", status_label(state_at(q->state)));
	if (q->tpl > 0)
		n += snprintf(title + n, sizeof title - (size_t)n, "  模板：%s", templates_at(q->tpl - 1)->name);
	if (q->unit[0])
		n += snprintf(title + n, sizeof title - (size_t)n, "  单位：%s", q->unit);
	if (q->search[0])
		n += snprintf(title + n, sizeof title - (size_t)n, "  搜索：%s", q->search);
	ui_text(0, 0, title, COLS, ui_attr(A_UI_TITLE), 1);
	char right[160];
	if (q->view == VIEW_MINE && (q->due.overdue || q->due.today))
		snprintf(right, sizeof right, " 共 %lld 件 超期 %d 今天到期 %d  %s  %s ", q->total, q->due.overdue,
			 q->due.today, ui.me->login, day);
	else
		snprintf(right, sizeof right, " 共 %lld 件  %s  %s ", q->total, ui.me->login, day);
	int rw = text_width(right);
	if (text_width(title) + rw < COLS)
		ui_text(0, COLS - rw, right, rw, ui_attr(A_UI_TITLE), 1);

	/* Columns: mark, number, time left, state/step, unit, system, 文号
	 * (from 120 columns: 永府办政云管审（2026）第 12 号 is 30 wide), county. */
	int wd = COLS >= 120 ? 30 : 0, iw = q->idw ? q->idw : 5;
	int xl = 3 + iw, xst = xl + 9, xu = xst + 15;
	int rest = COLS - xu - 13 - (wd ? wd + 1 : 0);
	int wu = rest * 3 / 5, ws = rest - wu - 1;
	int xs = xu + wu + 1, xd = xs + ws + 1, xt = xd + (wd ? wd + 1 : 0);
	int hy = 1, a = ui_attr(A_UI_HEAD);
	ui_text(hy, 0, "", COLS, a, 1);
	ui_text(hy, 2, "编号", iw, a, 0);
	ui_text(hy, xl, "工作日", 8, a, 0);
	ui_text(hy, xst, "状态/环节", 14, a, 0);
	ui_text(hy, xu, "申请单位", wu, a, 0);
	ui_text(hy, xs, "系统名称", ws, a, 0);
	if (wd)
		ui_text(hy, xd, "文号", wd, a, 0);
	ui_text(hy, xt, "辖区", 12, a, 0);
	ys_date today = ui_today();
	int shown = 0;
	for (int i = 0; i < page_h() && q->top - q->wtop + i < q->nrows; i++) {
		const app_rec *r = &q->rows[q->top - q->wtop + i];
		int y = 2 + i, sel = q->top + i == q->sel;
		shown++;
		int base = sel ? ui_attr(A_UI_SEL) : 0;
		char left[32], label[128], id[24];
		int la, over;
		appinfo_left(r, today, 0, left, sizeof left, &la, &over);
		/* A system in service shows its most urgent duty's days instead. */
		const tpl_duty *nd = !left[0] && r->next_due[0] ? template_duty(template_find(r->template), r->next_duty) : NULL;
		if (nd) {
			duty_left_text(nd, r->next_due, 0, today, 1, left, sizeof left, &over);
			la = over ? ui_attr(A_UI_OVERDUE) : 0;
		}
		/* The bar covers the row's first columns (mark to state), not the
		 * whole row: moving it then resends those cells and not the
		 * row's Chinese unit and system names, a third of a step's bytes
		 * on a slow link (make bench: bench_wire). */
		ui_text(y, 0, "", xu - 1, base, 1);
		ui_text(y, 0, over ? "!" : left[0] == 0x0 || strcmp(left, "今天到期") ? " " : "*", 1,
			base | (over ? ui_attr(A_UI_OVERDUE) : la), 1);
		if (tagged(q, r->id))
			ui_text(y, 1, "+", 1, base | A_BOLD, 1);
		snprintf(id, sizeof id, "%*lld", iw, r->id);
		ui_text(y, 2, id, iw, base, 1);
		ui_text(y, xl, left, 8, base | la, 1);
		ui_text(y, xst, apps_status_label(r, label, sizeof label), 14, base, 1);
		ui_text(y, xu, r->unit[0] ? r->unit : "（未填单位）", wu, 0, 1);
		ui_text(y, xs, r->system, ws, 0, 1);
		if (wd)
			ui_text(y, xd, r->docno, wd, 0, 1);
		const template *t = template_find(r->template);
		ui_text(y, xt, t ? t->name : r->template, COLS - xt, 0, 1);
	}
	if (!shown) {
		const char *m = q->view == VIEW_MINE ? "没有等您签署的申请。按 2 看全部申请，n 新建。"
						  : "没有符合条件的申请。按 c 清除筛选。";
		ui_text(3, 4, m, COLS - 4, ui_attr(A_UI_DIM), 0);
	}
	/* The bottom line: the count, the selected system's most urgent duty,
	 * a template that did not load (its applications can be read, not
 * worked), and once, beside the count, that deadlines in a year not yet
	 * published are 暂定 (never a message that hides the count). */
	buf h = { 0 };
	const char *w = workdays_warning();
	const app_rec *cur = selected(q);
	const tpl_duty *nd = cur && cur->next_due[0] ? template_duty(template_find(cur->template), cur->next_duty) : NULL;
	buf_printf(&h, "第 %d/%lld 件", q->total ? q->sel + 1 : 0, q->total);
	if (q->ntags)
		buf_printf(&h, "  已标记 %d 件（A 批量签署）", q->ntags);
	for (int i = 0; i < templates_broken_count(); i++)
		buf_printf(&h, "%s%s", i ? "、" : "  模板有错未载入（yunshen templates 查看）：",
			   templates_broken_at(i)->id);
	/* What changes from row to row last: a step resends only the end. */
	buf_printf(&h, "  （上次查询 %.1f 毫秒）", q->fetch_ms);
	if (nd)
		buf_printf(&h, "  下一到期事项：%s %s", nd->label, cur->next_due);
	if (w && strstr(w, "暂定"))
		buf_printf(&h, "  %d 年节假日未公布，该年期限暂定", workdays_last_year() + 1);
	ui_hint(h.s);
	buf_free(&h);
}

static void tag(queue *q, long long id, int on)
{
	int i = 0;
	while (i < q->ntags && q->tags[i] != id)
		i++;
	if (on && i == q->ntags)
		*XPUSH(q->tags, q->ntags) = id;
	else if (!on && i < q->ntags)
		memmove(q->tags + i, q->tags + i + 1, sizeof *q->tags * (size_t)(--q->ntags - i));
}

static int tag_row(const app_rec *r, void *ctx)
{
	tag(ctx, r->id, 1);
	return 0;
}

/* T: every row of this view and its filters (not only those fetched)
 * whose unit, system or 文号 holds the text, by the list's own search. */
static void tag_pattern(queue *q)
{
	char pat[256] = "";
	if (ui_input("标记含此文字的申请（单位、系统名称、文号）：", "", pat, sizeof pat) || !pat[0])
		return;
	apps_filter f;
	filter_of(q, &f);
	f.search = pat;         /* in place of the list's own search */
	f.search_names = 1;     /* a name, not whatever an opinion says */
	f.limit = f.offset = 0;
	int before = q->ntags;
	ys_err e;
	if (apps_list(ui.s, &f, tag_row, q, &e))
		ui_status(1, "%s", e.msg);
	else
		ui_status(0, "标记了 %d 件含“%s”的申请，共标记 %d 件（A 批量签署）", q->ntags - before, pat, q->ntags);
}

static void start_batch(queue *q)
{
	if (!q->ntags) {
		ui_status(1, "没有标记的申请：Space 标记选中的一件，T 按文字标记");
		return;
	}
	int signed_ = 0;
	(void)batch_run(q->tags, q->ntags, &signed_);
	int keep = 0;
	for (int i = 0; i < q->ntags; i++)
		if (q->tags[i])
			q->tags[keep++] = q->tags[i];
	q->ntags = keep;
	q->stale = q->count_stale = 1;
}

static void start_sign(queue *q, app_rec *r)
{
	int signed_ = 0;
	(void)dialog_run(r->id, &signed_);
	q->stale = q->count_stale = 1;
}

static int queue_key(void *self, int cmd, int key)
{
	queue *q = self;
	int h = page_h(), r = UI_STAY;
	app_rec *cur = selected(q), copy;
	(void)key;
	if (cur)
		copy = *cur;
	switch (cmd) {
	case Q_UP: q->sel--; break;
	case Q_DOWN: q->sel++; break;
	case Q_PGUP: q->sel -= h; q->top -= h; break;
	case Q_PGDN:
		if (q->sel + h < q->total) {
			q->sel += h;
			q->top += h;
		} else {
			q->sel = (int)q->total - 1;
		}
		break;
	case Q_HOME: q->sel = 0; break;
	case Q_END: q->sel = (int)q->total - 1; break;
	case Q_MINE: case Q_ALL: case Q_DRAFTS: case Q_OVERDUE: case Q_RETURNED:
		q->view = cmd == Q_MINE ? VIEW_MINE : cmd == Q_ALL ? VIEW_ALL : cmd == Q_DRAFTS ? VIEW_DRAFTS
			: cmd == Q_OVERDUE ? VIEW_OVERDUE : VIEW_RETURNED;
		refilter(q);
		break;
	case Q_ESC:
		if (q->unit[0] || q->search[0] || q->tpl || q->state) {
			q->unit[0] = q->search[0] = '\0';
			q->tpl = q->state = 0;
		} else {
			q->view = VIEW_MINE;
		}
		refilter(q);
		break;
	case Q_STATE:
		q->view = VIEW_ALL;
		q->state = (q->state + 1) % nstates();
		refilter(q);
		break;
	case Q_TPL: {
		const char *items[64];
		int n = 0;
		items[n++] = "全部模板";
		for (int i = 0; i < templates_count() && n < 64; i++)
			items[n++] = templates_at(i)->name;
		int k = ui_menu("按模板（辖区）筛选", items, n, q->tpl);
		if (k >= 0) {
			q->tpl = k;
			refilter(q);
		}
		break;
	}
	case Q_UNIT:
		if (q->unit[0])
			q->unit[0] = '\0';
		else if (cur)
			snprintf(q->unit, sizeof q->unit, "%s", copy.unit);
		refilter(q);
		break;
	case Q_SEARCH: {
		char s[256];
		if (ui_input("搜索（单位、系统名称、文号、联系人、意见）：", q->search, s, sizeof s) == 0) {
			snprintf(q->search, sizeof q->search, "%s", s);
			refilter(q);
		}
		break;
	}
	case Q_CLEAR:
		q->unit[0] = q->search[0] = '\0';
		q->tpl = q->state = 0;
		refilter(q);
		break;
	case Q_REFRESH:
		q->stale = q->count_stale = 1;
		break;
	case Q_OPEN:
		if (!cur)
			break;
		if (appinfo_editable(&copy))
			r = form_run(copy.id, NULL, NULL);
		else
			r = detail_run(copy.id);
		q->stale = q->count_stale = 1;
		break;
	case Q_SIGN:
		if (cur)
			start_sign(q, &copy);
		break;
	case Q_TAG:
		if (cur) {
			tag(q, copy.id, !tagged(q, copy.id));
			q->sel++;
		}
		break;
	case Q_TAG_PAT:
		tag_pattern(q);
		break;
	case Q_UNTAG_ALL:
		if (q->ntags)
			ui_status(0, "已取消全部 %d 件的标记", q->ntags);
		q->ntags = 0;
		break;
	case Q_BATCH:
		start_batch(q);
		break;
	case Q_HIST:
		if (cur)
			r = history_run(copy.id);
		break;
	case Q_VIEWS:
		r = pick_view(q);
		break;
	case Q_SAVE_VIEW:
		r = save_view(q);
		break;
	case Q_RECALL:
		if (recall_last_signed || cur)
			r = recall_run(recall_last_signed ? recall_last_signed : copy.id);
		q->stale = q->count_stale = 1;
		break;
	case Q_NEW:
		r = form_new();
		q->stale = q->count_stale = 1;
		break;
	case Q_OPS:
		if (cur)
			r = ops_run(copy.id);
		q->stale = 1;
		break;
	case Q_PRINT:
		if (cur)
			r = export_form_run(copy.id);
		break;
	case Q_MONTH:
		r = export_month_run();
		break;
	case Q_DUE:
		r = due_run();
		q->stale = q->count_stale = 1;
		break;
	case Q_LEDGER:
		r = ledger_run();
		break;
	case Q_FEES:
		r = fees_run();
		break;
	case Q_USAGE:
		r = usage_run();
		break;
	case Q_EVAL:
		r = eval_run();
		break;
	case Q_QUIT:
		return UI_QUIT;
	default:
		if (cmd >= Q_FOLLOW && cmd < Q_FOLLOW + FORM_FOLLOWUPS && cur) {
			r = form_followup(copy.id, form_followups[cmd - Q_FOLLOW].kind);
			q->stale = q->count_stale = 1;
		}
		break;
	}
	/* Clamp now: the next key of a burst comes before the next draw. */
	if (q->sel >= q->total)
		q->sel = (int)q->total - 1;
	if (q->sel < 0)
		q->sel = 0;
	if (q->top < 0)
		q->top = 0;
	return r == UI_QUIT ? UI_QUIT : UI_STAY;
}

/* Once a second: another session or the CLI committed (a signature, a
 * new application), so the list is read again, within a second. */
static void queue_tick(void *self)
{
	queue *q = self;
	if (store_data_version(ui.s) != q->dv) {
		const app_rec *cur = selected(q);
		q->keep = cur ? cur->id : 0;
		q->stale = q->count_stale = 1;
	}
}

static const ui_screen queue_screen = { "申请列表（待办）", queue_keys, queue_draw, queue_key, queue_tick, NULL };

int queue_run(int start_view)
{
	queue q = { 0 };
	q.view = start_view >= 0 && start_view < VIEW__N ? start_view : VIEW_MINE;
	q.stale = q.count_stale = 1;
	keys_for(&q, NULL);
	ui_screen sc = queue_screen;
	sc.keys = q.keys;
	int r = ui_loop(&sc, &q);
	free(q.rows);
	free(q.tags);
	return r;
}
