/*
 * SIGINT, SIGTERM and SIGHUP ask the checker to stop.  A command it runs is
 * in a process group of its own, so a signal sent to the checker alone
 * (kill, a service manager, a closed terminal) would leave the command
 * running: the handler passes the signal on to the command's group, as
 * timeout(1) does, and notes it.  The run then stops at the next step and
 * the checker finishes its reports with what it has, and exits 2.
 */
#include <signal.h>
#include <string.h>

#include "internal.h"

volatile sig_atomic_t tst_stop_signal;
volatile sig_atomic_t tst_command_group;

static void on_stop(int sig)
{
	tst_stop_signal = sig;
	if (tst_command_group > 0)
		kill(-(pid_t)tst_command_group, sig);
}

void tst_signals_install(void)
{
	static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a read blocked on a FIFO must return to be stopped. */
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
}
