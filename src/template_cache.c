/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* template_cache.c - parsed templates kept on disk, so that a process
 * (every CLI signature, every start of the interface) reads a template in
 * a fraction of a millisecond instead of parsing and checking its JSON.
 *
 * A template is built in an arena (arena.h) twice, at two addresses; the
 * words that differ by exactly the distance between the two are its
 * pointers. The file holds the first arena's bytes and where its pointers
 * are; reading it back is one read and one pass adding the new address.
 * Anything not built the same twice, or pointing outside the arena, is
 * not kept (the template is then parsed each time, as without a cache).
 *
 * A kept template is used only while its file has the same device, inode,
 * size and change times, and only by the same build of the program (its
 * GNU build id); a file that does not add up (size, checksum, pointers
 * outside the block) is ignored and made anew. The cache lives beside the
 * database and is as trusted as it (docs/admin.md). */
#include "config.h"
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "arena.h"
#include "buf.h"
#include "sm3.h"
#include "template.h"

#define MAGIC "YSTPL01"
#define ROOM ((size_t)64 << 20)         /* the most one template may take */

typedef struct {
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
} file_key;

typedef struct {
	char magic[8];
	unsigned char build[64];
	uint64_t nbuild;
	file_key key;
	uint64_t ok;                    /* 1: a template; 0: the file's error */
	uint64_t base;                  /* the arena's address when written */
	uint64_t used, root, nrel, msglen;
	uint64_t sum;                   /* of everything after the header */
} head;

static char dir[4096];
static int nread;                       /* templates read from the cache */
static unsigned char build[64];
static size_t nbuild;

void templates_cache_in(const char *d)
{
	snprintf(dir, sizeof dir, "%s", d ? d : "");
}

int templates_cache_reads(void) { return nread; }

/* The GNU build id of the program: a cache of another build, whose
 * structures may be laid out otherwise, is never read. */
static int find_build(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof *n;
			const char *desc = name + ((n->n_namesz + 3) & ~3u);
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !memcmp(name, "GNU", 4) &&
			    n->n_descsz <= sizeof build && desc + n->n_descsz <= end) {
				memcpy(build, desc, n->n_descsz);
				nbuild = n->n_descsz;
				return 1;
			}
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1;                       /* the first object is the program itself */
}

static file_key key_of(const struct stat *st)
{
	return (file_key){ (uint64_t)st->st_dev, (uint64_t)st->st_ino, (uint64_t)st->st_size,
			   (uint64_t)st->st_mtim.tv_sec, (uint64_t)st->st_mtim.tv_nsec,
			   (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec };
}

static uint64_t sum(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 31;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

/* The cache file of a template's path: named by the file's own checksum
 * of the path (the name needs no digest, and OpenSSL's first SM3 costs a
 * millisecond; the path itself is checked inside). */
static void cache_path(const char *path, char *out, size_t n)
{
	snprintf(out, n, "%s/%016llx.tpl", dir, (unsigned long long)sum(0xcbf29ce484222325ULL, path, strlen(path)));
}

static int read_all(int fd, void *p, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t r = read(fd, (char *)p + got, n - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* 1: the kept template in *out; 0: the kept error in err; -1: nothing
 * usable (absent, stale or damaged). */
static int read_kept(const char *cpath, const file_key *k, const char *path, template **out, ys_err *err)
{
	int fd = open(cpath, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	head h;
	struct stat st;
	int rc = -1;
	arena *a = NULL;
	uint32_t *rel = NULL;
	if (fstat(fd, &st) || read_all(fd, &h, sizeof h) || memcmp(h.magic, MAGIC, sizeof h.magic) ||
	    h.nbuild != nbuild || memcmp(h.build, build, nbuild) || memcmp(&h.key, k, sizeof *k) ||
	    h.used > ROOM || h.nrel > h.used / 8 || h.msglen >= sizeof err->msg || h.ok > 1 ||
	    (uint64_t)st.st_size != sizeof h + h.used + h.nrel * 4 + h.msglen)
		goto done;
	if (!h.ok) {
		char msg[sizeof err->msg];
		if (read_all(fd, msg, h.msglen) || sum(0, msg, h.msglen) != h.sum)
			goto done;
		msg[h.msglen] = '\0';
		err_set(err, "%s", msg);
		rc = 0;
		goto done;
	}
	if (h.root + sizeof(template) > h.used || h.root % 8 || !(a = arena_read(fd, h.used)))
		goto done;
	rel = xmalloc(h.nrel * 4 + 1);
	if (read_all(fd, rel, h.nrel * 4) || sum(sum(0, arena_base(a), h.used), rel, h.nrel * 4) != h.sum)
		goto done;
	char *base = arena_base(a);
	for (uint64_t i = 0; i < h.nrel; i++) {
		uint64_t v;
		if (rel[i] % 8 || rel[i] + 8 > h.used)
			goto done;
		memcpy(&v, base + rel[i], 8);
		if (v < h.base || v >= h.base + h.used)
			goto done;
		v = v - h.base + (uint64_t)(uintptr_t)base;
		memcpy(base + rel[i], &v, 8);
	}
	template *t = (template *)(void *)(base + h.root);
	if (!t->path || strcmp(t->path, path))
		goto done;
	t->mem = a;
	a = NULL;
	*out = t;
	nread++;
	rc = 1;
done:
	free(rel);
	arena_free(a);
	close(fd);
	return rc;
}

/* The address ranges of the program and its libraries: a word pointing
 * there (a string constant) would not point there in the next process. */
typedef struct { uintptr_t lo[64], hi[64]; int n; } ranges;

static int add_ranges(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	ranges *r = data;
	for (int i = 0; i < info->dlpi_phnum && r->n < 64; i++)
		if (info->dlpi_phdr[i].p_type == PT_LOAD) {
			r->lo[r->n] = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
			r->hi[r->n] = r->lo[r->n] + info->dlpi_phdr[i].p_memsz;
			r->n++;
		}
	return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
	for (size_t put = 0; put < n;) {
		ssize_t w = write(fd, (const char *)p + put, n - put);
		if (w <= 0)
			return -1;
		put += (size_t)w;
	}
	return 0;
}

static void keep(const char *cpath, const file_key *k, head *h, const void *body, size_t nbody,
		 const void *rel, size_t nrel)
{
	if (mkdir(dir, 0700) == 0) {
		/* As open as the database's folder (a set-gid install's 2770
		 * lets every member's run refresh it), whatever the umask. */
		char parent[4200];
		struct stat ps;
		snprintf(parent, sizeof parent, "%s/..", dir);
		if (!stat(parent, &ps))
			chmod(dir, ps.st_mode & 02770);
	} else if (errno != EEXIST) {
		return;
	}
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", cpath);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return;
	memcpy(h->magic, MAGIC, sizeof h->magic);
	memcpy(h->build, build, nbuild);
	h->nbuild = nbuild;
	h->key = *k;
	h->sum = sum(sum(0, body, nbody), rel, nrel);
	int bad = write_all(fd, h, sizeof *h) || write_all(fd, body, nbody) || write_all(fd, rel, nrel);
	bad |= fchmod(fd, 0640) != 0;
	if (close(fd) || bad || rename(tmp, cpath))
		unlink(tmp);
}

static void keep_error(const char *cpath, const file_key *k, const char *msg)
{
	head h = { .ok = 0, .msglen = strlen(msg) };
	keep(cpath, k, &h, msg, h.msglen, NULL, 0);
}

/* Keeps ta (in a) when tb (in b) was built the same, word by word, but
 * for pointers into its own arena. */
static void keep_template(const char *cpath, const file_key *k, arena *a, template *ta, arena *b, template *tb)
{
	char *pa = arena_base(a), *pb = arena_base(b);
	size_t used = arena_used(a);
	if (used != arena_used(b) || (char *)ta - pa != (char *)tb - pb || used % 8)
		return;
	ranges r = { .n = 0 };
	dl_iterate_phdr(add_ranges, &r);
	uint64_t delta = (uint64_t)(uintptr_t)pb - (uint64_t)(uintptr_t)pa;
	uint32_t *rel = NULL;
	size_t nrel = 0;
	for (size_t off = 0; off < used; off += 8) {
		uint64_t wa, wb;
		memcpy(&wa, pa + off, 8);
		memcpy(&wb, pb + off, 8);
		if (wa == wb) {
			for (int i = 0; i < r.n; i++)
				if (wa >= r.lo[i] && wa < r.hi[i])
					goto fail;
			continue;
		}
		if (wb - wa != delta || wa < (uintptr_t)pa || wa >= (uintptr_t)pa + used)
			goto fail;
		*XPUSH(rel, nrel) = (uint32_t)off;
	}
	head h = { .ok = 1, .base = (uintptr_t)pa, .used = used, .root = (uint64_t)((char *)ta - pa), .nrel = nrel };
	keep(cpath, k, &h, pa, used, rel, nrel * 4);
fail:
	free(rel);
}

/* A file changed in the last two seconds may change again within the
 * same tick of the file system's clock, leaving the same times and size:
 * it is read, not kept, until it has settled (git's "racy" entries). */
static int settled(const struct stat *st)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	time_t last = st->st_mtim.tv_sec > st->st_ctim.tv_sec ? st->st_mtim.tv_sec : st->st_ctim.tv_sec;
	return now.tv_sec - last >= 2;
}

template *template_load_cached(const char *path, ys_err *err)
{
	static int looked;
	if (!looked++)
		dl_iterate_phdr(find_build, NULL);
	struct stat st;
	if (!*dir || !nbuild || stat(path, &st))
		return template_load(path, err);
	file_key k = key_of(&st);
	char cpath[4200];
	cache_path(path, cpath, sizeof cpath);
	template *t = NULL;
	int kept = read_kept(cpath, &k, path, &t, err);
	if (kept >= 0)
		return t;

	char digest[SM3_HEX];
	json *root = template_read(path, digest, err);
	arena *a = root ? arena_new(ROOM) : NULL, *b = a ? arena_new(ROOM) : NULL;
	if (!b) {
		arena_free(a);
		t = root ? template_build(path, root, digest, err) : NULL;
	} else {
		arena_use(a);
		t = template_build(path, root, digest, err);
		arena_use(NULL);
		ys_err e2;
		arena_use(b);
		template *tb = t ? template_build(path, root, digest, &e2) : NULL;
		arena_use(NULL);
		if (t && settled(&st))
			keep_template(cpath, &k, a, t, b, tb);
		arena_free(b);
		if (t)
			t->mem = a;
		else
			arena_free(a);
	}
	json_free(root);
	if (!t && settled(&st))
		keep_error(cpath, &k, err->msg);
	return t;
}
