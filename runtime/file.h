/* Opening and reading files, shared by the compiler and the runtime. */
#ifndef TST_FILE_H
#define TST_FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Opens path for reading, close-on-exec; -1 with errno set when it cannot
 * be, EISDIR for a directory.  Opening does not wait for a FIFO's writer.
 */
int tst_file_open(const char *path);
/* read(2), taken up again when a signal interrupts it. */
ssize_t tst_file_read(int fd, void *buf, size_t n);

#endif
