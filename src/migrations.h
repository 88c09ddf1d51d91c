/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* migrations.h - schema steps, generated from data/migrations/NNN-*.sql.
 * Step i brings the database to PRAGMA user_version i+1. */
#ifndef YUNSHEN_MIGRATIONS_H
#define YUNSHEN_MIGRATIONS_H

extern const char *const migrations[];   /* NULL-terminated */

#endif
