/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* Templates load, reject malformed definitions with the place named, and
 * accept the complete forms filled from each seed; values are checked the
 * way a clerk's entries must be; totals follow the paper forms (韶关 总计). */
#include "config.h"
#include <glob.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "app.h"
#include "followup.h"
#include "paths.h"
#include "t.h"
#include "template.h"

static char dir[4096];

static app_data *load_demo(const char *name)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/data/demo/%s.json", dir, name);
	size_t n;
	ys_err e;
	char *text = file_read(path, 1 << 20, &n, &e);
	json *j = text ? json_parse(text, &e) : NULL;
	free(text);
	if (!j) {
		fprintf(stderr, "%s: %s\n", path, e.msg);
		return NULL;
	}
	app_data *d = app_data_new(template_find(json_str(j, "template", "")), json_str(j, "kind", "apply"));
	if (!d || app_from_json(d, j, &e)) {
		fprintf(stderr, "%s: %s\n", path, d ? e.msg : "no form");
		app_data_free(d);
		d = NULL;
	}
	json_free(j);
	return d;
}

/* One demo form (data/demo/NAME.json) checked as a clerk's submission. */
static void seed_form_is_complete(const char *name)
{
	app_data *d = load_demo(name);
	CHECK(d != NULL);
	if (!d)
		return;
	ys_err e = { "" };
	/* A follow-up's unit, system and 原文号 come from its original:
	 * bind it to the template's own application form first. */
	if (kind_is_followup(d->form->kind)) {
		char base[64];
		snprintf(base, sizeof base, "%s-apply", d->tpl->id);
		app_data *orig = load_demo(base);
		app_rec orec = { .id = 1, .docno = "原文号（2025）第 1 号" };
		CHECK(orig != NULL);
		CHECK_INT(orig ? followup_bind(d, orig, &orec, &e) : -1, 0);
		app_data_free(orig);
	}
	int rc = app_validate(d, &e);
	if (rc)
		fprintf(stderr, "%s: %s\n", name, e.msg);
	CHECK_INT(rc, 0);
	/* Every field of the paper form is filled in the seed example. */
	int empty = 0;
	for (int f = 0; f < d->form->nfields; f++)
		empty += !*d->vals[f] && d->form->fields[f].required;
	CHECK_INT(empty, 0);
	app_data_free(d);
}

/* Whatever templates are present: each form of each has its demo form
 * (ID-KIND.json, and any variants ID-KIND-*.json), complete and valid. */
static void every_template_accepts_its_seed_forms(void)
{
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		for (int k = 0; k < t->nforms; k++) {
			char name[128], pattern[4400];
			snprintf(name, sizeof name, "%s-%s", t->id, t->forms[k].kind);
			seed_form_is_complete(name);
			snprintf(pattern, sizeof pattern, "%s/data/demo/%s-*.json", dir, name);
			glob_t g;
			if (glob(pattern, 0, NULL, &g) == 0)
				for (size_t j = 0; j < g.gl_pathc; j++) {
					const char *base = strrchr(g.gl_pathv[j], '/') + 1;
					snprintf(name, sizeof name, "%.*s", (int)(strlen(base) - 5), base);
					seed_form_is_complete(name);
				}
			globfree(&g);
		}
	}
}

static void totals_follow_the_paper_form(void)
{
	/* 韶关 资源申请表 总计: 主机 2+1+1 台, CPU 4*2+8+4, 内存 8*2+32+8, 存储 200*2+1000+500. */
	app_data *d = load_demo("shaoguan-apply");
	CHECK(d != NULL);
	if (d) {
		app_totals t;
		app_totals_of(d, &t);
		CHECK_INT(t.hosts, 4);
		CHECK_INT(t.vcpu, 20);
		CHECK_INT(t.mem_gb, 56);
		CHECK_INT(t.storage_gb, 1900);
		/* A line sized on its own changes only its own share. */
		app_cell_set(d, 0, 1, (int)(table_col(&d->form->tables[0], "count") - d->form->tables[0].cols), "3");
		app_totals_of(d, &t);
		CHECK_INT(t.hosts, 6);
		CHECK_INT(t.vcpu, 36);
		CHECK_INT(t.storage_gb, 3900);
		app_data_free(d);
	}
	/* 永嘉: CPU/内存 is one choice ("4核/8G" x2, "8核/16G" x1), plus 2T of
	 * cloud storage and 20 Mbps of dedicated bandwidth. */
	d = load_demo("yongjia-apply");
	CHECK(d != NULL);
	if (d) {
		app_totals t;
		app_totals_of(d, &t);
		CHECK_INT(t.hosts, 3);
		CHECK_INT(t.vcpu, 4 * 2 + 8);
		CHECK_INT(t.mem_gb, 8 * 2 + 16);
		CHECK_INT(t.storage_gb, 200 * 2 + 500 + 2 * 1024);
		CHECK_INT(t.bandwidth, 20);
		/* A draft typed with a runaway number (found by fuzzing) totals
		 * to the ceiling instead of wrapping to a negative figure. */
		int ti = -1, ci = -1;
		for (int i = 0; i < d->form->ntables && ci < 0; i++)
			for (int c = 0; c < d->form->tables[i].ncols; c++)
				if (d->form->tables[i].cols[c].maps == M_VCPU || d->form->tables[i].cols[c].maps == M_COUNT) {
					ti = i;
					ci = c;
					break;
				}
		CHECK(ci >= 0);
		if (ci >= 0) {
			app_cell_set(d, ti, 0, ci, "9000000000000000000");
			app_totals_of(d, &t);
			CHECK(t.vcpu > 0 && t.mem_gb > 0 && t.hosts > 0);
			app_cell_set(d, ti, 0, ci, "99999999999999999999999");
			app_totals_of(d, &t);
			CHECK(t.vcpu >= 0 && t.hosts >= 0);
		}
		app_data_free(d);
	}
}

static tpl_field field(enum field_type type)
{
	tpl_field f;
	memset(&f, 0, sizeof f);
	f.type = type;
	f.max_len = 10;
	return f;
}

static void values_are_checked_like_a_clerk_expects(void)
{
	char msg[512];
	static const struct { const char *v; int ok; } phones[] = {
		{ "13905591234", 1 }, { "0559-3512345", 1 }, { "0559 3512345", 1 }, { "05593512345", 1 },
		{ "0751-8881234-806", 1 }, { "3512345", 1 }, { "12345", 0 }, { "1390559123", 0 },
		{ "23905591234", 0 }, { "0559-35123", 0 }, { "电话", 0 }, { "0559-3512345-", 0 },
	};
	tpl_field f = field(F_PHONE);
	for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
		int rc = field_check(&f, phones[i].v, msg, sizeof msg);
		if ((rc == 0) != phones[i].ok)
			fprintf(stderr, "phone %s\n", phones[i].v);
		CHECK((rc == 0) == phones[i].ok);
	}
	static const struct { const char *v; int ok; } mails[] = {
		{ "jyj@hzq.gov.cn", 1 }, { "a.b-c@x.org", 1 }, { "jyj@hzq", 0 }, { "@hzq.gov.cn", 0 },
		{ "jyj hzq@gov.cn", 0 }, { "jyj@@hzq.cn", 0 }, { "教育@hzq.cn", 0 }, { "a@b..cn", 0 },
	};
	f = field(F_EMAIL);
	for (size_t i = 0; i < sizeof mails / sizeof mails[0]; i++)
		CHECK((field_check(&f, mails[i].v, msg, sizeof msg) == 0) == mails[i].ok);
	f = field(F_DATE);
	CHECK_INT(field_check(&f, "2026-03-02", msg, sizeof msg), 0);
	CHECK_INT(field_check(&f, "2026-02-30", msg, sizeof msg), -1);
	CHECK(strstr(msg, "2026年3月2日") != NULL);
	CHECK_INT(field_check(&f, "2026/03/02", msg, sizeof msg), -1);   /* stored ISO only ... */
	/* ... but a date is taken as people write it, and stored ISO. */
	static const char *const dates[] = { "2026-3-2", "2026/3/2", "2026.3.2", "2026年3月2日", " 2026-03-02 ",
					     "２０２６年３月２日", "2026／3／2", "20260302", NULL };
	for (int i = 0; dates[i]; i++) {
		char *n = field_normalize(&f, dates[i]);
		if (strcmp(n, "2026-03-02"))
			fprintf(stderr, "date %s -> %s\n", dates[i], n);
		CHECK_STR(n, "2026-03-02");
		free(n);
	}
	static const char *const not_dates[] = { "2026-2-30", "26-3-2", "2026-3", "2026年13月2日", "三月二日", NULL };
	for (int i = 0; not_dates[i]; i++) {
		char *n = field_normalize(&f, not_dates[i]);
		CHECK_INT(field_check(&f, n, msg, sizeof msg), -1);   /* kept as typed, refused */
		CHECK_STR(n, not_dates[i]);
		free(n);
	}
	f = field(F_MONTH);
	CHECK_INT(field_check(&f, "2026-03", msg, sizeof msg), 0);
	static const char *const months[] = { "2026-3", "2026/3", "2026.3", "2026年3月", "２０２６－０３", NULL };
	for (int i = 0; months[i]; i++) {
		char *n = field_normalize(&f, months[i]);
		CHECK_STR(n, "2026-03");
		free(n);
	}
	CHECK_INT(field_check(&f, "2026-13", msg, sizeof msg), -1);

	f = field(F_INT);
	f.has_min = f.has_max = 1;
	f.min = 2;
	f.max = 1000;
	f.step = 2;
	f.unit = "Mbps";
	CHECK_INT(field_check(&f, "20", msg, sizeof msg), 0);
	CHECK_INT(field_check(&f, "21", msg, sizeof msg), -1);
	CHECK_STR(msg, "应为 2Mbps 的整数倍");
	CHECK_INT(field_check(&f, "1002", msg, sizeof msg), -1);
	CHECK_STR(msg, "不能大于 1000Mbps");
	CHECK_INT(field_check(&f, "二十", msg, sizeof msg), -1);
	/* Full-width digits from an input method are digits. */
	char *fw = field_normalize(&f, "２０");
	CHECK_STR(fw, "20");
	CHECK_INT(field_check(&f, fw, msg, sizeof msg), 0);
	free(fw);
	CHECK_INT(field_check(&f, "", msg, sizeof msg), 0);
	f.required = 1;
	CHECK_INT(field_check(&f, "", msg, sizeof msg), -1);
	CHECK_STR(msg, "必填");

	f = field(F_PHONE);
	fw = field_normalize(&f, "０５５９－３５１２３４５");
	CHECK_STR(fw, "0559-3512345");
	free(fw);
	f = field(F_EMAIL);
	fw = field_normalize(&f, "ｊｙｊ＠ｈｚｑ。ｇｏｖ．ｃｎ");
	CHECK_STR(fw, "jyj@hzq.gov.cn");
	free(fw);
	/* In text, letters and digits are made ASCII; Chinese punctuation stays. */
	f = field(F_TEXT);
	fw = field_normalize(&f, "ＩＴ运维，二期（２０２６）");
	CHECK_STR(fw, "IT运维，二期（2026）");
	free(fw);
	CHECK_INT(field_check(&f, "徽州区智慧教育平台", msg, sizeof msg), 0);     /* 9 characters */
	CHECK_INT(field_check(&f, "徽州区智慧教育平台二期", msg, sizeof msg), -1); /* 11 */
	CHECK_INT(field_check(&f, "a\nb", msg, sizeof msg), -1);

	/* Choices are the seed's: 泰州 CPU 1/2/4/8/16/32 核, 韶关 data disk from 100 GB. */
	const template *tz = template_find("taizhou");
	CHECK(tz != NULL);
	if (tz) {
		const tpl_table *ecs = form_table(template_form(tz, "apply"), "ecs");
		const tpl_field *cpu = ecs ? table_col(ecs, "cpu") : NULL;
		CHECK(cpu != NULL);
		if (cpu) {
			CHECK_INT(field_check(cpu, "32核", msg, sizeof msg), 0);
			CHECK_INT(field_check(cpu, "3核", msg, sizeof msg), -1);
			CHECK(strstr(msg, "1核、2核、4核、8核、16核、32核") != NULL);
		}
	}
	const template *sg = template_find("shaoguan");
	CHECK(sg != NULL);
	if (sg) {
		const tpl_field *disk = table_col(form_table(template_form(sg, "apply"), "hosts"), "storage_gb");
		CHECK_INT(field_check(disk, "100", msg, sizeof msg), 0);
		CHECK_INT(field_check(disk, "99", msg, sizeof msg), -1);
		CHECK_STR(msg, "不能小于 100GB");
	}

	/* Multiple choice: separators a clerk or a spreadsheet uses, back in
	 * the template's order, an "other" text last. */
	tpl_choice ch[] = { { "政务外网", 0, 0, 0 }, { "互联网", 0, 0, 0 }, { "党政专网", 0, 0, 0 } };
	f = field(F_MULTI);
	f.choices = ch;
	f.nchoices = 3;
	f.other = 1;
	char *n = field_normalize(&f, "互联网、政务外网，卫星专线 ");
	CHECK_STR(n, "政务外网\n互联网\n卫星专线");
	CHECK_INT(field_check(&f, n, msg, sizeof msg), 0);
	free(n);
	f.other = 0;
	CHECK_INT(field_check(&f, "政务外网\n卫星专线", msg, sizeof msg), -1);
	f = field(F_BOOL);
	n = field_normalize(&f, " yes ");
	CHECK_STR(n, "是");
	free(n);
}

/* A template file of this text, loaded (NULL and e on failure). */
static template *load_text(const char *name, const char *text, ys_err *e)
{
	char path[256];
	snprintf(path, sizeof path, "/tmp/yunshen-test-%d-%s.json", (int)getpid(), name);
	FILE *fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	template *t = template_load(path, e);
	remove(path);
	return t;
}

static void check_bad_template(const char *name, const char *json_text, const char *want)
{
	ys_err e = { "" };
	template *t = load_text(name, json_text, &e);
	CHECK(t == NULL);
	if (!strstr(e.msg, want))
		fprintf(stderr, "%s: got \"%s\", want \"%s\"\n", name, e.msg, want);
	CHECK(strstr(e.msg, want) != NULL);
	template_free(t);
}

#define FORM_OK "\"forms\":[{\"kind\":\"apply\",\"title\":\"表\",\"sections\":[{\"title\":\"一\",\"fields\":[" \
	"{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\"}]}]}]"
#define FLOW_OK "\"workflows\":{\"apply\":{\"steps\":[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"reviewer\"," \
	"\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}"

/* A form's rules across values: a comparison with its message, required
 * when another is filled or holds a value, a value that must be one. */
static void rules_across_fields_are_checked(void)
{
	ys_err e = { "" };
	template *t = load_text("rules", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
		"\"checks\":[{\"field\":\"from\",\"op\":\"<\",\"than\":\"to\",\"message\":\"开始应早于结束\"}],"
		"\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\"},"
		"{\"id\":\"from\",\"label\":\"开始\",\"type\":\"date\"},{\"id\":\"to\",\"label\":\"结束\",\"type\":\"date\"},"
		"{\"id\":\"level\",\"label\":\"级别\",\"type\":\"choice\",\"choices\":[\"二级\",\"三级\"]},"
		"{\"id\":\"report\",\"label\":\"测评报告\",\"required_if\":{\"field\":\"level\",\"in\":[\"三级\"]},\"why\":\"第十条\"},"
		"{\"id\":\"ok\",\"label\":\"已承诺\",\"type\":\"bool\",\"must_be\":true}]},"
		"{\"title\":\"二\",\"table\":{\"id\":\"rows\",\"checks\":[{\"field\":\"min\",\"op\":\"<=\",\"than\":\"max\"}],"
		"\"columns\":[{\"id\":\"min\",\"label\":\"最少\",\"type\":\"int\"},{\"id\":\"max\",\"label\":\"最多\",\"type\":\"int\"}]}}]}],"
		FLOW_OK "}", &e);
	if (!t)
		fprintf(stderr, "rules: %s\n", e.msg);
	CHECK(t != NULL);
	if (!t)
		return;
	app_data *d = app_data_new(t, "apply");
	CHECK_INT(app_assign(d, "unit", "局", 1, &e), 0);
	CHECK_INT(app_validate(d, &e), 0);                   /* empty values are not compared */
	app_assign(d, "from", "2026-05-01", 1, &e);
	app_assign(d, "to", "2026-04-30", 1, &e);
	CHECK_INT(app_validate(d, &e), -1);
	CHECK(strstr(e.msg, "“开始”：开始应早于结束（开始 2026-05-01，结束 2026-04-30）") != NULL);
	app_assign(d, "to", "2026-05-02", 1, &e);
	CHECK_INT(app_validate(d, &e), 0);
	app_assign(d, "level", "三级", 1, &e);
	CHECK_INT(app_validate(d, &e), -1);
	CHECK(strstr(e.msg, "“测评报告”：“级别”为“三级”时必填：第十条") != NULL);
	app_assign(d, "level", "二级", 1, &e);
	CHECK_INT(app_validate(d, &e), 0);
	app_assign(d, "ok", "否", 1, &e);
	CHECK_INT(app_validate(d, &e), -1);
	CHECK(strstr(e.msg, "“已承诺”：应为“是”") != NULL);
	app_assign(d, "ok", "是", 1, &e);
	app_assign(d, "rows[1].min", "5", 1, &e);
	app_assign(d, "rows[1].max", "3", 1, &e);
	CHECK_INT(app_validate(d, &e), -1);
	CHECK(strstr(e.msg, "二第 1 行“最少”：“最少”（5）不应晚于（大于）“最多”（3）") != NULL);
	if (!strstr(e.msg, "二第 1 行"))
		fprintf(stderr, "row rule: %s\n", e.msg);
	app_data_free(d);
	template_free(t);
}

static void malformed_templates_are_refused_with_the_place(void)
{
	check_bad_template("trunc", "{\"id\":\"x\",\"name\":", "第 1 行第 18 列：应为值（字符串、数字、对象、数组、true、false 或 null），这里是文件结束（内容不完整）");
	check_bad_template("type", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"tel\",\"label\":\"电话\",\"type\":\"tel\"}]}]}],"
			   FLOW_OK "}", "表单 apply 第 1 节：字段 tel：未知类型“tel”");
	check_bad_template("nounit", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"a\",\"label\":\"甲\"}]}]}]," FLOW_OK "}",
			   "maps 为 unit");
	check_bad_template("role", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"king\",\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}}",
			   "环节 s1：未知角色");
	check_bad_template("goto", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"reviewer\",\"actions\":[{\"id\":\"ok\",\"label\":\"同意\","
			   "\"to\":\"nowhere\"}]}]}}}", "指向不存在的环节");
	check_bad_template("noflow", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"change\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"reviewer\",\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}}",
			   "表单 apply：没有同名的流程");
	check_bad_template("deadline", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"reviewer\",\"deadline\":{\"n\":3,\"unit\":\"weeks\"},"
			   "\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}}", "deadline.unit");
	/* The shape: each mistake named at its line and column, with the path. */
	check_bad_template("misspelt", "{\"id\":\"x\",\"name\":\"X\",\n\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[\n  {\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\","
			   "\"requried\":true}]}]}]," FLOW_OK "}",
			   "第 3 行第 43 列（forms[0].sections[0].fields[0]）：未知的键“requried”，是否应为“required”？");
	check_bad_template("lifecyle", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK "," FLOW_OK ",\"lifecyle\":{}}",
			   "（顶层）：未知的键“lifecyle”，是否应为“lifecycle”？");
	check_bad_template("reqtype", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\","
			   "\"required\":\"yes\"}]}]}]," FLOW_OK "}",
			   "（forms[0].sections[0].fields[0].required）：“required”应为true 或 false，这里是字符串");
	check_bad_template("opinion", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"reviewer\",\"actions\":[{\"id\":\"ok\",\"label\":\"同意\","
			   "\"opinion\":\"yes\"}]}]}}}", "opinion 应为 \"required\"");
	check_bad_template("fullwidth", "{\"id\":\"x\",\n \"name\":\u201cX\u201d}",
			   "JSON 第 2 行第 9 列：应为值（字符串、数字、对象、数组、true、false 或 null），这里是全角引号“");
	check_bad_template("dupkey", "{\"id\":\"x\",\"name\":\"X\",\"name\":\"Y\"," FORM_OK "," FLOW_OK "}",
			   "键“name”重复");
	check_bad_template("whenfield", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"县级审核\",\"role\":\"county\",\"when\":{\"filled\":\"county\"},"
			   "\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}}", "when.filled 的“county”不是本流程表单中任何字段的 maps");
	check_bad_template("noseq", "{\"id\":\"x\",\"name\":\"X\",\"docno\":\"云审〔{year}〕号\"," FORM_OK "," FLOW_OK "}",
			   "docno 缺少 {seq}");
	check_bad_template("badph", "{\"id\":\"x\",\"name\":\"X\",\"docno\":\"{yr}-{seq}\"," FORM_OK "," FLOW_OK "}",
			   "docno 中的“{yr}”不认识");
	check_bad_template("reqif", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\","
			   "\"required_if\":{\"field\":\"nosuch\"}}]}]}]," FLOW_OK "}",
			   "字段 unit 的 required_if.field “nosuch”不是同一表单（表格行）中的另一字段");
	check_bad_template("cmp", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"checks\":[{\"field\":\"unit\",\"op\":\"<\",\"than\":\"d\"}],"
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\"},"
			   "{\"id\":\"d\",\"label\":\"日\",\"type\":\"date\"}]}]}]," FLOW_OK "}",
			   "checks 第 1 项：“unit”和“d”应为同一表单（表格行）中同类型的整数、日期或年月字段");
	check_bad_template("mustbe", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\"},"
			   "{\"id\":\"c\",\"label\":\"选\",\"type\":\"choice\",\"choices\":[\"甲\"],\"must_be\":\"乙\"}]}]}]," FLOW_OK "}",
			   "must_be 应为本字段的一个选项");
	check_bad_template("noticeform", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK "," FLOW_OK ",\"duties\":[{\"id\":\"n\","
			   "\"label\":\"通知\",\"role\":\"ops\",\"start\":{\"on\":\"done\"},\"period\":{\"n\":5,\"unit\":\"wd\"},"
			   "\"late\":\"notice\",\"notice\":\"{unit}：期满处理为{form.expiry}\"}]}",
			   "notice 中的 {form.expiry} 不是申请表的字段");
	check_bad_template("signers", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"论证\",\"role\":\"expert\",\"signers\":{\"need\":\"most\"},"
			   "\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}}", "signers 应为 {\"need\": 人数（1 至 50）}");
	check_bad_template("ondemand", "{\"id\":\"x\",\"name\":\"X\"," FORM_OK ",\"workflows\":{\"apply\":{\"steps\":"
			   "[{\"id\":\"s1\",\"name\":\"审核\",\"role\":\"reviewer\",\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]},"
			   "{\"id\":\"s2\",\"name\":\"论证\",\"role\":\"expert\",\"on_demand\":true,"
			   "\"actions\":[{\"id\":\"ok\",\"label\":\"同意\"}]}]}}}", "on_demand 的环节须有某个动作以 to 指向它");
	check_bad_template("onlyif", "{\"id\":\"x\",\"name\":\"X\",\"forms\":[{\"kind\":\"apply\",\"title\":\"表\","
			   "\"sections\":[{\"title\":\"一\",\"fields\":[{\"id\":\"unit\",\"label\":\"单位\",\"maps\":\"unit\"},"
			   "{\"id\":\"keep\",\"label\":\"保存\",\"only_if\":{\"field\":\"unit\"}}]}]}]," FLOW_OK "}",
			   "only_if 应为 {\"field\": 字段 id, \"in\": [值…]}");
	/* A 文号 is optional: false is a template whose paper has none. */
	ys_err e = { "" };
	template *t = load_text("nodocno", "{\"id\":\"x\",\"name\":\"X\",\"docno\":false," FORM_OK "," FLOW_OK "}", &e);
	CHECK(t != NULL);
	CHECK(t && t->docno == NULL);
	template_free(t);
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

static int same_field(const tpl_field *a, const tpl_field *b)
{
	int ok = same_str(a->id, b->id) && same_str(a->label, b->label) && same_str(a->dflt, b->dflt) &&
		 a->type == b->type && a->maps == b->maps && a->required == b->required &&
		 a->max_len == b->max_len && a->min == b->min && a->max == b->max &&
		 a->nchoices == b->nchoices && same_str(a->why, b->why) && a->nreq_in == b->nreq_in;
	for (int i = 0; ok && i < a->nchoices; i++)
		ok = same_str(a->choices[i].value, b->choices[i].value) && a->choices[i].vcpu == b->choices[i].vcpu;
	for (int i = 0; ok && i < a->nreq_in; i++)
		ok = same_str(a->req_in[i], b->req_in[i]);
	return ok;
}

/* Field by field, what the rules read: forms, their fields and tables,
 * flows and their steps, duties, catalogue, pools. */
static int same_template(const template *a, const template *b)
{
	if (!a || !b || !same_str(a->id, b->id) || !same_str(a->name, b->name) || !same_str(a->docno, b->docno) ||
	    !same_str(a->digest, b->digest) || !same_str(a->path, b->path) || a->nforms != b->nforms ||
	    a->nflows != b->nflows || a->nduties != b->nduties || a->ncatalogue != b->ncatalogue ||
	    a->ncap_zones != b->ncap_zones || a->cap_vcpu != b->cap_vcpu || a->eval.naxes != b->eval.naxes)
		return 0;
	for (int i = 0; i < a->nforms; i++) {
		const tpl_form *fa = &a->forms[i], *fb = &b->forms[i];
		if (!same_str(fa->kind, fb->kind) || !same_str(fa->title, fb->title) || fa->nfields != fb->nfields ||
		    fa->ntables != fb->ntables || fa->nsigs != fb->nsigs || fa->nmaterials != fb->nmaterials)
			return 0;
		for (int j = 0; j < fa->nfields; j++)
			if (!same_field(&fa->fields[j], &fb->fields[j]))
				return 0;
		for (int j = 0; j < fa->ntables; j++) {
			if (fa->tables[j].ncols != fb->tables[j].ncols || !same_str(fa->tables[j].id, fb->tables[j].id))
				return 0;
			for (int k = 0; k < fa->tables[j].ncols; k++)
				if (!same_field(&fa->tables[j].cols[k], &fb->tables[j].cols[k]))
					return 0;
		}
	}
	for (int i = 0; i < a->nflows; i++) {
		const tpl_flow *fa = &a->flows[i], *fb = &b->flows[i];
		if (!same_str(fa->kind, fb->kind) || fa->nsteps != fb->nsteps)
			return 0;
		for (int j = 0; j < fa->nsteps; j++) {
			const tpl_step *sa = &fa->steps[j], *sb = &fb->steps[j];
			if (!same_str(sa->id, sb->id) || !same_str(sa->name, sb->name) || !same_str(sa->role, sb->role) ||
			    sa->dl_n != sb->dl_n || sa->nactions != sb->nactions || sa->nphrases != sb->nphrases)
				return 0;
			for (int k = 0; k < sa->nactions; k++)
				if (!same_str(sa->actions[k].id, sb->actions[k].id) || sa->actions[k].to != sb->actions[k].to)
					return 0;
		}
	}
	for (int i = 0; i < a->nduties; i++)
		if (!same_str(a->duties[i].id, b->duties[i].id) || !same_str(a->duties[i].label, b->duties[i].label))
			return 0;
	for (int i = 0; i < a->ncatalogue; i++)
		if (!same_str(a->catalogue[i].id, b->catalogue[i].id) || a->catalogue[i].price != b->catalogue[i].price)
			return 0;
	for (int i = 0; i < a->ncap_zones; i++)
		if (!same_str(a->cap_zones[i].name, b->cap_zones[i].name) || a->cap_zones[i].vcpu != b->cap_zones[i].vcpu)
			return 0;
	return 1;
}

/* A template read back from the cache is the template parsed from its
 * file; a damaged or cut cache file is not read but made anew. */
static void cache_gives_the_parsed_template(void)
{
	char tmp[] = "/tmp/ystpl.XXXXXX";
	if (!mkdtemp(tmp)) {
		CHECK(0);
		return;
	}
	char cdir[64], pattern[4200];   /* the source tree may lie deep */
	snprintf(cdir, sizeof cdir, "%s/cache", tmp);
	snprintf(pattern, sizeof pattern, "%s/data/templates/*.json", dir);
	templates_cache_in(cdir);
	glob_t g;
	CHECK_INT(glob(pattern, 0, NULL, &g), 0);
	int reads = templates_cache_reads();
	for (size_t i = 0; i < g.gl_pathc; i++) {
		ys_err e;
		template *plain = template_load(g.gl_pathv[i], &e);
		template *made = template_load_cached(g.gl_pathv[i], &e);
		template *kept = template_load_cached(g.gl_pathv[i], &e);
		CHECK(same_template(plain, made));
		CHECK(same_template(plain, kept));
		/* Each its own copy: one process's change is not another's. */
		CHECK(kept && made && kept != made && kept->forms != made->forms);
		template_free(made);
		template_free(kept);
		template_free(plain);
	}
	CHECK_INT(templates_cache_reads() - reads, (long long)g.gl_pathc);
	/* Damage every kept file: bytes in the middle overwritten, or cut. */
	glob_t k;
	snprintf(pattern, sizeof pattern, "%s/*.tpl", cdir);
	CHECK_INT(glob(pattern, 0, NULL, &k), 0);
	CHECK_INT((long long)k.gl_pathc, (long long)g.gl_pathc);
	for (size_t i = 0; i < k.gl_pathc; i++) {
		FILE *f = fopen(k.gl_pathv[i], "r+");
		CHECK(f != NULL);
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		if (i % 2) {
			fseek(f, n / 2, SEEK_SET);
			fputs("\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", f);
			fclose(f);
		} else {
			fclose(f);
			CHECK_INT(truncate(k.gl_pathv[i], n / 2), 0);
		}
	}
	reads = templates_cache_reads();
	for (size_t i = 0; i < g.gl_pathc; i++) {
		ys_err e;
		template *plain = template_load(g.gl_pathv[i], &e);
		template *again = template_load_cached(g.gl_pathv[i], &e);
		CHECK(same_template(plain, again));
		template_free(again);
		template_free(plain);
	}
	CHECK_INT(templates_cache_reads() - reads, 0);
	/* ... and made anew: the next load reads it. */
	for (size_t i = 0; i < g.gl_pathc; i++) {
		ys_err e;
		template_free(template_load_cached(g.gl_pathv[i], &e));
	}
	CHECK_INT(templates_cache_reads() - reads, (long long)g.gl_pathc);
	for (size_t i = 0; i < k.gl_pathc; i++)
		unlink(k.gl_pathv[i]);
	rmdir(cdir);
	rmdir(tmp);
	globfree(&k);
	globfree(&g);
	templates_cache_in(NULL);
}

int main(int argc, char **argv)
{
	const char *src = getenv("YS_SRCDIR");
	snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : src ? src : ".");
	char tdir[4200];
	snprintf(tdir, sizeof tdir, "%s/data/templates", dir);
	ys_err e;
	int rc = templates_load_dir(tdir, &e);
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	CHECK_INT(rc, 0);
	/* Every template shipped loads: none is set aside. */
	CHECK(templates_count() >= 5);
	CHECK_INT(templates_broken_count(), 0);
	if (templates_broken_count())
		fprintf(stderr, "%s\n", templates_broken_at(0)->msg);
	every_template_accepts_its_seed_forms();
	totals_follow_the_paper_form();
	values_are_checked_like_a_clerk_expects();
	malformed_templates_are_refused_with_the_place();
	rules_across_fields_are_checked();
	cache_gives_the_parsed_template();
	templates_free();
	return T_DONE();
}
