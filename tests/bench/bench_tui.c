/*
 * tests/bench/bench_tui.c: what a full redraw of the ncurses view costs
 * (`make bench`). Each frame renders every shown pane again from the
 * machine and repaints the whole screen (clearok), into an ncurses
 * terminal that writes to /dev/null. The machines are the default and
 * host presets and a 64 GiB one: the memory map reads a bounded number of
 * page states per cell, so the big machine should redraw about as fast.
 *
 * usage: bench_tui [--quick]   (--quick: fewer frames, no 64 GiB machine)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "options.h"
#include "session.h"
#include "tui.h"

/* Boot a session from mmsh options, with some state in every pane. */
static int boot(struct session *s, int argc, char **argv)
{
	struct options o;
	char err[300];

	if (parse_options(argc, argv, &o) >= 0)
		return -1;
	memset(s, 0, sizeof(*s));
	s->out = fopen("/dev/null", "w");
	s->err = stderr;
	s->recipe = o.recipe;
	s->seed = o.seed;
	free_options(&o);
	if (!s->out || session_boot(s, err, sizeof(err)) < 0) {
		fprintf(stderr, "bench_tui: boot: %s\n", err);
		return -1;
	}
	return session_run_line(s, "alloc 0 n=100; alloc 3 n=10; task new A; "
				   "fault A anon 2000; read f 3000; write g 500; tick 20");
}

static void bench(const char *name, int argc, char **argv, int frames)
{
	static const int sizes[][2] = { { 80, 24 }, { 200, 60 } };
	struct session s;
	FILE *devnull = fopen("/dev/null", "w");
	size_t i;

	if (!devnull || boot(&s, argc, argv) < 0) {
		fprintf(stderr, "bench_tui: %s: cannot boot\n", name);
		exit(1);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		double t0 = bench_now(), dt;

		if (tui_bench_frames(&s, sizes[i][0], sizes[i][1], frames, devnull) < 0) {
			fprintf(stderr, "bench_tui: no terminal (terminfo for xterm missing?)\n");
			exit(1);
		}
		dt = bench_now() - t0;
		printf("%-28s %9lu pages  %3dx%-3d %5d frames  %8.3f s  %8.1f frames/s\n", name,
		       s.m->max_pfn, sizes[i][0], sizes[i][1], frames, dt, frames / dt);
	}
	fclose(s.out);
	session_free(&s);
	fclose(devnull);
}

int main(int argc, char **argv)
{
	char *def[] = { "mmsh", "--preset", "default", NULL };
	char *host[] = { "mmsh", "--preset", "host", NULL };
	char *big[] = { "mmsh", "--mem", "64G", "--swap", "0", NULL };
	bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
	int frames = quick ? 10 : 100;

	if (argc > 1 && !quick) {
		fprintf(stderr, "usage: bench_tui [--quick]\n");
		return 2;
	}
	printf("%-28s %9s  %-7s %12s  %10s  %15s\n", "full redraw of the view", "machine",
	       "screen", "work", "time", "rate");
	bench("default preset", 3, def, frames);
	bench("host preset", 3, host, frames);
	if (!quick)
		bench("64 GiB (--mem 64G)", 5, big, frames);
	return 0;
}
