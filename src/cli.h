/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli.h - the command line: a table of commands, each with its options,
 * what it needs (a database, a role) and its help; one function per
 * command, each a thin layer over the core the interface calls too. */
#ifndef YUNSHEN_CLI_H
#define YUNSHEN_CLI_H

#include "buf.h"
#include "date.h"
#include "store.h"
#include "progress.h"
#include "users.h"

#define CLI_MAX_OPTS 8

/* What a command needs before it runs: an existing database, one it may
 * create, a login with some role in it. */
enum { CLI_DB = 1, CLI_CREATE = 2, CLI_ROLE = 4 };

struct cli;
typedef struct cli_command {
	const char *name;
	int (*fn)(struct cli *);
	int needs;                          /* CLI_* */
	const char *opts[CLI_MAX_OPTS];     /* "--step=" takes a value, "--draft" is a flag */
	const char *help;
} cli_command;

typedef struct cli {
	const char *db_path;
	store *s;
	user me;
	char login[64];
	char now[17];
	ys_date today;
	int json;
	int quiet;                          /* -q: no word on success (cron) */
	int csv;                            /* --csv: 1 UTF-8 with BOM, 2 GB18030 (--gbk) */
	int argc;                           /* the command's positional arguments */
	char **argv;
	const cli_command *cmd;
	const char *optv[CLI_MAX_OPTS];     /* per cmd->opts: value, "" for a flag, NULL */
} cli;

/* Exit codes: 0 ok, 1 refused or failed, 2 usage. */
enum { EXIT_USAGE = 2 };

extern const char cli_usage[];
const cli_command *cli_find(const char *name);
/* Parses the command's options out of argv (refusing unknown ones), opens
 * what it needs, runs it. */
int cli_run(cli *c, const cli_command *k, int argc, char **argv);
/* Opens the database (STORE_OPEN or STORE_CREATE) and loads the login's
 * roles; with `role`, a login without any is refused with what to do. */
int cli_open(cli *c, int flags, int role);
/* An option's value: "" for a flag that is present, NULL when absent. */
const char *cli_opt(const cli *c, const char *name);
/* A positive application number, or a usage message. */
int cli_id(const char *s, long long *id);
/* 字段=值 arguments, each split at its first '=' into ids and vals
 * (caller frees both arrays); EXIT_USAGE, said, when one has no '='. */
int cli_pairs(int argc, char **argv, const char ***ids, const char ***vals);

/* Ends a listing command and gives its exit code: after rc (the listing
 * failed with e; e NULL when already said) the message, else with --json
 * the document {"today", "count", member: [items]}, with --csv items as
 * the CSV document (header and rows, see csv_put), else the count line
 * ("共 %d 件"); items is freed. */
int cli_list_end(const cli *c, int rc, const ys_err *e, const char *member, int n, buf *items,
		 const char *count_fmt);
/* Called as items gather (--json items, --csv rows): once there are
 * enough, writes them out (a long listing's start first) and empties
 * items, so memory stays constant in the listing's length; cli_list_end
 * then closes the document ("count" last). */
void cli_list_flush(const cli *c, const char *member, buf *items);

/* Ends a command that built its output in out: the output, or the error
 * of a failed rc; out freed; the exit code. */
int cli_emit(int rc, const ys_err *e, buf *out);
/* Called as such output grows: once it is 64 KB, writes it out and
 * empties out, so a long document (fees --json of a province) is not held
 * whole; cli_emit writes the rest. */
void cli_emit_flush(buf *out);
/* What a command says when it has done what was asked ("已备份到 …"):
 * printed, or nothing under -q; under --json kept for the document the
 * program ends with (cli_json_end). */
void cli_done(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Under --json, for a command that wrote no document of its own (the
 * edge puts "format_version" into those as they pass): {"format_version",
 * "ok":true,"message"} after one that only said something, or
 * {"format_version","ok":false,"error"} after a failure (err: what it
 * wrote to stderr), written to fp. */
void cli_json_end(FILE *fp, int rc, const char *err);
#define CLI_JSON_VERSION 1
/* Prints a message to stderr prefixed with "yunshen: ". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Progress on stderr, one line rewritten, when stderr is a terminal
 * (NULL otherwise: a log or a pipe gets no carriage returns); end clears it. */
const ys_progress *cli_progress(void);
void cli_progress_end(const ys_progress *p);
/* Writes progress to the terminal at once (main's edge sets it, as stderr
 * is otherwise held until the command ends); NULL: plain stderr. */
extern void (*cli_live)(const char *s);
/* Pads/cuts s to exactly `cols` terminal columns (CJK-aware). */
void cli_cell(const char *s, int cols);

/* cli_show.c */
int cmd_templates(cli *c);
int cmd_template(cli *c);
int cmd_list(cli *c);
int cmd_show(cli *c);
/* cli_act.c */
int cmd_import(cli *c);
int cmd_act(cli *c);
int cmd_recall(cli *c);
int cmd_phrase(cli *c);
int cmd_view(cli *c);
int cmd_edit(cli *c);
int cmd_deliver(cli *c);
int cmd_followup(cli *c);
/* cli_duty.c */
int cmd_due(cli *c);
int cmd_remind(cli *c);
int cmd_digest(cli *c);
int cmd_duty(cli *c);
int cmd_ledger(cli *c);
int cmd_capacity(cli *c);
/* cli_fees.c */
int cmd_price(cli *c);
int cmd_fees(cli *c);
/* cli_eval.c */
int cmd_eval(cli *c);
int cmd_settle(cli *c);
/* cli_usage.c */
int cmd_usage(cli *c);
int cmd_forecast(cli *c);
/* cli_admin.c */
int cmd_init(cli *c);
int cmd_demo(cli *c);
int cmd_workdays(cli *c);
int cmd_calendar(cli *c);
int cmd_verify(cli *c);
int cmd_backup(cli *c);
int cmd_user(cli *c);
int cmd_delegate(cli *c);
/* cli_export.c */
int cmd_export(cli *c);

#endif
