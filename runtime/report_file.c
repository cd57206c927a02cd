/*
 * Report files.  A report is written to a new file beside the one asked
 * for and renamed over it when the run is done, so a full disk or a killed
 * checker leaves the last good report in place, never a cut one; a report
 * that cannot be finished is removed.  The directory is held open from the
 * start, so the report lands where it was asked for even if the path leads
 * elsewhere by the end.  Where the name is not a regular file (a FIFO,
 * /dev/stdout) it is written directly.  Every descriptor is close-on-exec,
 * so no command the checker runs can write to a report.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

/*
 * The file a report is written to: its directory, held open so that the
 * report is renamed into the directory it was started in whatever the path
 * leads to by then, and its temporary name there.
 */
struct tst_report_file {
	int dir;                        /* -1: written in place */
	char *tmp;                      /* in dir */
	const char *name;               /* the report's name in dir */
};

/* A temporary name beside base: .BASE.tstcc-PID-N */
static char *temporary_name(const char *base, unsigned n)
{
	size_t size = strlen(base) + 48;
	char *tmp = tst_xmalloc(size);

	snprintf(tmp, size, ".%s.tstcc-%ld-%u", base, (long)getpid(), n);
	return tmp;
}

/* Opens the directory of path, and sets *base to its last name. */
static int open_directory(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	*base = slash ? slash + 1 : path;
	dir = slash ? tst_xmemdup(path, slash == path ? 1 : (size_t)(slash - path)) : tst_xmemdup(".", 1);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return fd;
}

FILE *tst_report_file_open(const char *path, struct tst_report_file **out)
{
	struct tst_report_file *rf = tst_xcalloc(1, sizeof(*rf));
	struct stat st;
	int fd = -1;

	rf->dir = -1;
	if ((stat(path, &st) != 0 || S_ISREG(st.st_mode)) && (rf->dir = open_directory(path, &rf->name)) >= 0) {
		for (unsigned n = 0; fd < 0 && n < 100; n++) {
			free(rf->tmp);
			rf->tmp = temporary_name(rf->name, n);
			fd = openat(rf->dir, rf->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
			if (fd < 0 && errno != EEXIST)
				break;
		}
	}
	if (fd < 0) {
		/* No room beside it (a directory we may not write): write it in place. */
		if (rf->dir >= 0)
			close(rf->dir);
		rf->dir = -1;
		free(rf->tmp);
		rf->tmp = NULL;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	}
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		tst_report_file_close(NULL, rf, false);
		errno = e;
		return NULL;
	}
	*out = rf;
	return f;
}

bool tst_report_file_close(FILE *f, struct tst_report_file *rf, bool keep)
{
	bool ok = f && fflush(f) == 0 && !ferror(f);
	int e;

	if (f)
		ok = fclose(f) == 0 && ok && keep;
	e = errno;
	if (rf->tmp) {
		if (ok && renameat(rf->dir, rf->tmp, rf->dir, rf->name) != 0) {
			e = errno;
			ok = false;
		}
		if (!ok)
			unlinkat(rf->dir, rf->tmp, 0);
	}
	if (rf->dir >= 0)
		close(rf->dir);
	free(rf->tmp);
	free(rf);
	errno = e;
	return ok;
}

/*
 * What path names: the file, or, when there is none yet, its directory and
 * its last name.  /dev/null is no target, as any number of reports may go
 * there.  path NULL is standard output.
 */
static bool target(const char *path, struct stat *st, const char **name)
{
	struct stat null;
	char *dir;
	const char *slash;
	bool found;

	*name = NULL;
	if (path ? stat(path, st) == 0 : fstat(1, st) == 0) {
		if (S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 && null.st_rdev == st->st_rdev)
			return false;
		return true;
	}
	if (!path)
		return false;
	slash = strrchr(path, '/');
	dir = slash ? tst_xmemdup(path, (size_t)(slash - path) + 1) : tst_xmemdup(".", 1);
	found = stat(dir, st) == 0;
	free(dir);
	*name = slash ? slash + 1 : path;
	return found;
}

bool tst_report_same_target(const char *a, const char *b)
{
	struct stat sa, sb;
	const char *na, *nb;

	if (!target(a, &sa, &na) || !target(b, &sb, &nb))
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && (!na) == (!nb) && (!na || strcmp(na, nb) == 0);
}
