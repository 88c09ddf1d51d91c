/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* trust.c - identity, clock and the set-gid gatekeeper. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trust.h"

int trust_privileged(void)
{
	return getuid() != geteuid() || getgid() != getegid();
}

/* Owned by the real user and writable by nobody else. */
static int own(const char *p, int must_exist, char *why, size_t n)
{
	struct stat st;
	if (stat(p, &st) != 0)
		return must_exist ? (snprintf(why, n, "%s 不存在", p), -1) : 0;
	if (st.st_uid != getuid()) {
		snprintf(why, n, "%s 不属于您", p);
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(why, n, "%s 其他人也可以写", p);
		return -1;
	}
	return 0;
}

int trust_private_db(const char *path, char *why, size_t n)
{
	char dir[4096], p[4200];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (own(dir, 1, why, n) || own(path, 0, why, n))
		return -1;
	snprintf(p, sizeof p, "%s-wal", path);
	if (own(p, 0, why, n))
		return -1;
	snprintf(p, sizeof p, "%s-shm", path);
	return own(p, 0, why, n);
}

static mode_t user_umask = 022;

void trust_harden(void)
{
	struct rlimit no = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* The database, its -wal and -shm stay readable and writable by the
	 * program's group whatever umask the user has, and by nobody else. */
	user_umask = umask(007);
}

void trust_as_user(int on)
{
	static int depth;
	static gid_t program;
	static mode_t mask;
	if (on && depth++ == 0) {
		program = getegid();
		mask = umask(user_umask);
		if (setegid(getgid()) != 0)
			perror("yunshen: setegid");
	} else if (!on && depth > 0 && --depth == 0) {
		if (setegid(program) != 0)
			perror("yunshen: setegid");
		umask(mask);
	}
}
