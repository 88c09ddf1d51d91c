/* drafts.h - a clerk's unfinished drafts, so the interface can bring
 * them back after a closed terminal or a dropped connection. */
#ifndef YUNSHEN_DRAFTS_H
#define YUNSHEN_DRAFTS_H

#include "store.h"

/* Number of drafts created by login; *latest gets the most recently
 * saved one (0 if none). -1 on a database error. */
long long drafts_mine(store *s, const char *login, long long *latest);

#endif
