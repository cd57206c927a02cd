/*
 * Time: the monotonic clock that time limits are measured on, and
 * durations as messages show them.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

long long tst_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *tst_seconds(long ms, char buf[32])
{
	char *end;

	snprintf(buf, 32, "%ld.%03ld", ms / 1000, ms % 1000);
	end = buf + strlen(buf);
	while (end[-1] == '0')
		*--end = '\0';
	if (end[-1] == '.')
		end[-1] = '\0';
	return buf;
}
