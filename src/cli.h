/* cli.h - the command line: one function per command, sharing a context.
 * Every command is a thin layer over src/ functions the interface uses. */
#ifndef YUNSHEN_CLI_H
#define YUNSHEN_CLI_H

#include "date.h"
#include "store.h"
#include "users.h"

typedef struct cli {
	const char *db_path;
	store *s;
	user me;
	char login[64];
	char now[17];
	ys_date today;
	int json;
	int argc;             /* the command's own arguments */
	char **argv;
} cli;

/* Exit codes: 0 ok, 1 refused or failed, 2 usage. */
enum { EXIT_USAGE = 2 };

int cmd_templates(cli *c);
int cmd_template(cli *c);
int cmd_list(cli *c);
int cmd_show(cli *c);
int cmd_export(cli *c);

/* Prints a message to stderr prefixed with "yunshen: ". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Pads/cuts s to exactly `cols` terminal columns (CJK-aware). */
void cli_cell(const char *s, int cols);

#endif
