/* tests/bench/bench_util.c: see bench_util.h. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"
#include "mmsh/check.h"
#include "mmsh/strbuf.h"

double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct machine *bench_boot(unsigned long pages, unsigned long swap)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.nr_cpus = 2;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ pages, pages, pages };
	s.swap_pages = swap;
	m = machine_create(&s, &e);
	if (!m) {
		fprintf(stderr, "bench: boot: %s\n", e.msg);
		exit(1);
	}
	return m;
}

void bench_consistent(struct machine *m, const char *what)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	check_machine(m, &r, &sb, 5);
	if (r.violations) {
		fprintf(stderr, "bench: %s left the machine inconsistent:\n%s", what, sb_str(&sb));
		exit(1);
	}
	sb_free(&sb);
}
