/*
 * Report files.  A report is written to a new file beside the one asked
 * for and renamed over it when the run is done, so a full disk or a killed
 * checker leaves the last good report in place, never a cut one; a report
 * that cannot be finished is removed.  Where the name is not a regular file
 * (a FIFO, /dev/stdout) it is written directly.  Every descriptor is
 * close-on-exec, so no command the checker runs can write to a report.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

/* A name for the temporary file beside path: DIR/.BASE.tstcc-PID-N */
static char *temporary_name(const char *path, unsigned n)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0, size = strlen(path) + 48;
	char *tmp = tst_xmalloc(size);

	snprintf(tmp, size, "%.*s.%s.tstcc-%ld-%u", (int)dirlen, path, path + dirlen, (long)getpid(), n);
	return tmp;
}

FILE *tst_report_file_open(const char *path, char **tmp)
{
	struct stat st;
	int fd = -1;

	*tmp = NULL;
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode)) {
		for (unsigned n = 0; fd < 0 && n < 100; n++) {
			free(*tmp);
			*tmp = temporary_name(path, n);
			fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
			if (fd < 0 && errno != EEXIST)
				break;
		}
		if (fd < 0) {
			/* No room beside it (a directory we may not write): write it in place. */
			free(*tmp);
			*tmp = NULL;
		}
	}
	if (fd < 0)
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		if (*tmp)
			unlink(*tmp);
	}
	return f;
}

bool tst_report_file_close(FILE *f, const char *path, char *tmp, bool keep)
{
	bool ok = fflush(f) == 0 && !ferror(f);

	ok = fclose(f) == 0 && ok && keep;
	if (tmp) {
		int e = errno;
		if (ok && rename(tmp, path) != 0)
			ok = false;
		if (!ok)
			unlink(tmp);
		errno = e;
		free(tmp);
	}
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
