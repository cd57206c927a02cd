/*
 * Self-confinement with Landlock: before it reads its first source, a
 * checker gives up every file system access but reading the files its
 * definitions list and making and renaming its report files in their
 * directories (and, with --record, its files beneath the recording's
 * directory; with --replay, reading them); it may execute nothing (its commands run through the
 * launcher, started before), and, where the kernel can say so (Landlock
 * ABI 4), make or accept no TCP connection.  Where Landlock is missing the
 * checker says so once and runs unconfined; --no-sandbox opts out.
 *
 * The rules name files by what they are when the checker starts: a path
 * later made to point elsewhere (a symbolic link replaced, a directory
 * moved) leads to something the checker may not read or write.  A `files`
 * source's patterns are expanded when it starts, for the same reason.
 */
#define _GNU_SOURCE     /* syscall() */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* From <linux/landlock.h>, which the C library's headers may be too old to have whole. */
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

enum {
	RULESET_VERSION = 1,            /* LANDLOCK_CREATE_RULESET_VERSION */
	RULE_PATH_BENEATH = 1,          /* LANDLOCK_RULE_PATH_BENEATH */
	SCOPE_ABSTRACT_UNIX_SOCKET = 1,
};

#define FS_EXECUTE (1ULL << 0)
#define FS_WRITE_FILE (1ULL << 1)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_REMOVE_FILE (1ULL << 5)
#define FS_MAKE_REG (1ULL << 8)
#define NET_BIND_TCP (1ULL << 0)
#define NET_CONNECT_TCP (1ULL << 1)

struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;    /* ABI 4 */
	uint64_t scoped;                /* ABI 6 */
};

struct path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* Every file system right the kernel's Landlock knows, by ABI version. */
static uint64_t fs_rights(int abi)
{
	uint64_t all = (1ULL << 13) - 1;        /* ABI 1: EXECUTE ... MAKE_SYM */

	if (abi >= 2)
		all |= 1ULL << 13;              /* REFER */
	if (abi >= 3)
		all |= 1ULL << 14;              /* TRUNCATE */
	if (abi >= 5)
		all |= 1ULL << 15;              /* IOCTL_DEV */
	return all;
}

/* Allows access to what path is; a path that is not there now gets no rule. */
static void allow(int ruleset, const char *path, uint64_t access)
{
	struct path_beneath_attr rule = {.allowed_access = access};
	struct stat st;

	rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (rule.parent_fd < 0)
		return;
	/*
	 * A file source that is a directory is an error that the checker must
	 * still be able to find and report: it may open the directory, not
	 * read what is in it.
	 */
	if ((access & FS_READ_FILE) && !(access & FS_READ_DIR) && fstat(rule.parent_fd, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		rule.allowed_access = FS_READ_DIR;
	syscall(SYS_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &rule, 0);
	close(rule.parent_fd);
}

/*
 * What a `files` source may read: a path without wildcards as a `file`
 * source's; for a pattern, listing its directory (Landlock's READ_DIR,
 * which holds beneath it: names, never contents), and reading each file
 * it matches now, by what that file is (a match that is a symbolic link
 * gives the file it leads to, wherever that is).  A file that comes to
 * match only later cannot be read: an error, never a pass.
 */
static void allow_patterns(int ruleset, const struct tst_source *src, const char *root)
{
	for (size_t i = 0; i < src->npatterns; i++) {
		const char *pattern = src->patterns[i];
		struct tst_files files = {0};
		char *dir, *full;

		if (src->files_ops->is_glob(pattern)) {
			dir = src->files_ops->dir(pattern);
			full = tst_under_root(root, dir);
			allow(ruleset, full, FS_READ_DIR);
			free(full);
			free(dir);
		}
		/* A directory that cannot be read is the pass's error to report. */
		src->files_ops->expand_now(pattern, root, &files);
		for (size_t j = 0; j < files.n; j++)
			allow(ruleset, files.v[j].full, FS_READ_FILE);
		src->files_ops->free(&files);
	}
}

/* The directory a report file is made and renamed in. */
static void allow_report(int ruleset, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? tst_xmemdup(path, slash == path ? 1 : (size_t)(slash - path)) : tst_xmemdup(".", 1);

	allow(ruleset, dir, FS_MAKE_REG | FS_REMOVE_FILE);
	free(dir);
}

/* The kernel's Landlock ABI version, or 0 and *why. */
static int landlock_abi(const char **why)
{
	int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, RULESET_VERSION);

	if (abi >= 1)
		return abi;
	*why = errno == EOPNOTSUPP ? "Landlock is disabled in this kernel" : "this kernel has no Landlock";
	return 0;
}

const char *tst_sandbox_unavailable(void)
{
	const char *why = NULL;

	landlock_abi(&why);
	return why;
}

const char *tst_sandbox_enter(const struct tst_definition *defs, size_t ndefs, const char *root,
			      const char *const *reports, size_t nreports, const char *capture, bool recording)
{
	const char *why = NULL;
	int abi = landlock_abi(&why);
	struct ruleset_attr attr = {0};
	size_t size = sizeof(attr.handled_access_fs);
	int ruleset;

	if (!abi)
		return why;
	attr.handled_access_fs = fs_rights(abi);
	if (abi >= 4) {
		attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
		size = offsetof(struct ruleset_attr, scoped);
	}
	if (abi >= 6) {
		attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET;
		size = sizeof(attr);
	}
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (ruleset < 0)
		return "Landlock refused the ruleset";
	for (size_t d = 0; d < ndefs; d++) {
		for (size_t s = 0; s < defs[d].nsources; s++) {
			const char *path = defs[d].sources[s]->path;
			if (defs[d].sources[s]->patterns)
				allow_patterns(ruleset, defs[d].sources[s], root);
			if (!path)
				continue;
			size_t n = (root ? strlen(root) + 1 : 0) + strlen(path) + 1;
			char *full = tst_xmalloc(n);
			snprintf(full, n, "%s%s%s", root ? root : "", root && path[0] != '/' ? "/" : "", path);
			allow(ruleset, full, FS_READ_FILE);
			free(full);
		}
	}
	for (size_t i = 0; i < nreports; i++)
		allow_report(ruleset, reports[i]);
	/* --record writes its files beneath its directory (made by now); --replay reads them. */
	if (capture)
		allow(ruleset, capture, recording ? FS_MAKE_REG | FS_WRITE_FILE | FS_REMOVE_FILE
						  : FS_READ_FILE | FS_READ_DIR);
	/* Its own /proc entries, which sanitizers and debuggers read. */
	allow(ruleset, "/proc/self", FS_READ_FILE | FS_READ_DIR);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
		close(ruleset);
		return "Landlock could not confine the checker";
	}
	close(ruleset);
	return NULL;
}
