/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* paths.h - where the program finds its data (templates, holidays, demo
 * forms) and its database. */
#ifndef YUNSHEN_PATHS_H
#define YUNSHEN_PATHS_H

#include <stddef.h>
#include <stdio.h>
#include "err.h"

/* Refuse environment overrides (YUNSHEN_DATADIR, YUNSHEN_CONFDIR) in set-id runs. */
void paths_trust_env(int trust);
/* $YUNSHEN_DATADIR, else the data/ beside the program's build tree (a
 * fresh build runs without `make install`), else the installed
 * pkgdatadir; a set-id run uses only pkgdatadir. */
const char *paths_datadir(void);
/* The office's configuration: $YUNSHEN_CONFDIR, else $(sysconfdir)/yunshen. */
const char *paths_confdir(void);
/* Template folders in load order: the packaged ones (data folder), then
 * the office's own (confdir/templates), which add to or replace them by id. */
int paths_template_dirs(char dirs[2][4096]);
/* --db, else $YUNSHEN_DB, else the configured default. */
const char *paths_db(const char *opt);
/* Where parsed templates are kept for the database at db: the hidden
 * folder .yunshen-cache beside it. */
void paths_cache(const char *db, char *out, size_t n);
/* Path of a file under the data directory, into out. */
void paths_data(const char *rel, char *out, size_t n);

/* Reads a whole file (at most max bytes) into a malloc'd NUL-terminated
 * buffer; errors name the file. */
char *file_read(const char *path, size_t max, size_t *n, ys_err *err);
/* All of `from` (a temporary file written first, read from its start)
 * onto the end of `to`. -1 when a read or a write failed. */
int file_copy(FILE *from, FILE *to);

#endif
