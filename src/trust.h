/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* trust.h - who may choose what. The signer is the operating-system login;
 * the clock is the system's. `--as` and YUNSHEN_NOW (tests, demos) are
 * honoured only on a database that the caller alone can write, never in a
 * set-id run. The gatekeeper install runs set-group-id: then the data
 * folder, clock and identity come from nowhere but the program, files the
 * user asks for are created with the user's own rights, and no core dump
 * can leak the database. */
#ifndef YUNSHEN_TRUST_H
#define YUNSHEN_TRUST_H

#include <stddef.h>

/* Running set-user-id or set-group-id. */
int trust_privileged(void);
/* Is the database at path (existing or about to be created) private to
 * the real user: the file, its -wal and -shm and its folder owned by the
 * real user and writable by nobody else? 0 when it is; why says what is
 * not. */
int trust_private_db(const char *path, char *why, size_t n);
/* Set-id runs: core dumps off, a umask that keeps the group's access to
 * what the program creates in its data folder. */
void trust_harden(void);
/* Around creating a file the user asked for (an export, a backup): the
 * user's own group, not the program's. Nested calls are counted. */
void trust_as_user(int on);

#endif
