/*
 * tests/unit/test_samples.c: the free-page history behind `plot`
 * (src/engine/samples.c). Every sample must hold what the zones held when
 * it was taken (NR_FREE_PAGES, the watermarks, nr_free of each order); a
 * sample is taken at boot and at the end of every jiffy; equal samples
 * fold; the ring keeps the newest SAMPLE_RING_SIZE and wraps; snapshots
 * copy it; and view_plot() draws it as the sparklines the man page shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/samples.h"
#include "mmsh/workload.h"

/* A movable order-3 block from the buddy lists: the free counts change at once. */
#define BLOCK_GFP FILL_GFP
#define BLOCK_ORDER 3

/* What a zone holds now, as a sample would. */
static struct zone_sample zone_now(const struct zone *z)
{
	struct zone_sample zs;
	unsigned int o;
	int k;

	memset(&zs, 0, sizeof(zs));
	zs.free = (unsigned long)zone_page_state(z, NR_FREE_PAGES);
	for (k = 0; k < NR_WMARK; k++)
		zs.wmark[k] = wmark_pages(z, k);
	for (o = 0; o < z->machine->max_order; o++)
		zs.nr_free[o] = z->free_area[o].nr_free;
	return zs;
}

static void expect_sample(struct machine *m, unsigned int i, const struct zone *z,
			  const struct zone_sample *want)
{
	struct zone_sample got;
	unsigned int o;
	int k;

	ck_assert_msg(sample_zone(m, i, z, &got), "sample %u of zone %s is missing", i, z->name);
	ck_assert_uint_eq(got.free, want->free);
	for (k = 0; k < NR_WMARK; k++)
		ck_assert_uint_eq(got.wmark[k], want->wmark[k]);
	for (o = 0; o < m->max_order; o++)
		ck_assert_msg(got.nr_free[o] == want->nr_free[o],
			      "sample %u zone %s order %u: nr_free %lu, expected %lu", i, z->name, o,
			      got.nr_free[o], want->nr_free[o]);
}

START_TEST(boot_sample_is_the_booted_zones)
{
	struct machine *m = boot_preset("default");
	struct zone_sample want;
	int z;

	ck_assert_uint_eq(samples_count(m), 1);
	ck_assert_uint_eq(samples_taken(m), 1);
	ck_assert_uint_eq(sample_jiffies(m, 0), 0);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = ZONE(m, 0, z);
		struct zone_sample got;

		if (!populated_zone(zone)) {
			ck_assert(!sample_zone(m, 0, zone, &got));
			continue;
		}
		want = zone_now(zone);
		expect_sample(m, 0, zone, &want);
	}
	/* the default machine's Normal zone at boot: 61440 free, 60 order-10 blocks */
	want = zone_now(NORMAL(m));
	ck_assert_uint_eq(want.free, 61440);
	ck_assert_uint_eq(want.nr_free[10], 60);
	ck_assert_uint_eq(want.wmark[WMARK_MIN], 480);
	/* out of range: nothing */
	{
		struct zone_sample got;

		ck_assert(!sample_zone(m, 1, NORMAL(m), &got));
		ck_assert_uint_eq(sample_jiffies(m, 5), 0);
	}
	machine_destroy(m);
}
END_TEST

/* One sample at the end of every jiffy, holding the zones as they were then. */
START_TEST(a_sample_per_jiffy)
{
	struct machine *m = boot_preset("default");
	struct zone_sample want[6];
	int i;

	want[0] = zone_now(NORMAL(m));
	for (i = 1; i < 6; i++) {
		held(m, BLOCK_GFP, BLOCK_ORDER);
		tick(m, 1);
		want[i] = zone_now(NORMAL(m));
	}
	ck_assert_uint_eq(samples_count(m), 6);
	for (i = 0; i < 6; i++) {
		ck_assert_uint_eq(sample_jiffies(m, (unsigned int)i), (unsigned long)i);
		expect_sample(m, (unsigned int)i, NORMAL(m), &want[i]);
	}
	/* each block came off the Normal zone: 8 pages fewer per jiffy */
	ck_assert_uint_eq(want[5].free, want[0].free - 5 * 8);
	/* the DMA zone is sampled too, and did not move */
	{
		struct zone_sample dma = zone_now(ZONE(m, 0, ZONE_DMA));

		for (i = 0; i < 6; i++)
			expect_sample(m, (unsigned int)i, ZONE(m, 0, ZONE_DMA), &dma);
	}
	machine_destroy(m);
}
END_TEST

/* The shell's sample after a command: a new one only when something changed. */
START_TEST(a_sample_after_a_command)
{
	struct machine *m = boot_preset("tiny");
	struct zone_sample want;

	sample_record(m);   /* nothing changed at jiffy 0 */
	ck_assert_uint_eq(samples_count(m), 1);
	held(m, BLOCK_GFP, BLOCK_ORDER);
	sample_record(m);
	ck_assert_uint_eq(samples_count(m), 2);
	ck_assert_uint_eq(sample_jiffies(m, 1), 0);
	want = zone_now(NORMAL(m));
	expect_sample(m, 1, NORMAL(m), &want);
	ck_assert_uint_eq(want.free, 256 - 8);
	machine_destroy(m);
}
END_TEST

/* A quiet stretch keeps its first and its last sample, whose jiffies move on. */
START_TEST(equal_samples_fold)
{
	struct machine *m = boot_preset("default");
	struct zone_sample want = zone_now(NORMAL(m));

	tick(m, 100);
	ck_assert_uint_eq(samples_count(m), 2);
	ck_assert_uint_eq(samples_taken(m), 2);
	ck_assert_uint_eq(sample_jiffies(m, 0), 0);
	ck_assert_uint_eq(sample_jiffies(m, 1), 100);
	expect_sample(m, 1, NORMAL(m), &want);
	/* a change ends the stretch: three samples, then a new stretch */
	held(m, BLOCK_GFP, BLOCK_ORDER);
	tick(m, 1);
	ck_assert_uint_eq(samples_count(m), 3);
	ck_assert_uint_eq(sample_jiffies(m, 2), 101);
	tick(m, 1);
	tick(m, 1);
	ck_assert_uint_eq(samples_count(m), 4);
	ck_assert_uint_eq(sample_jiffies(m, 3), 103);
	want = zone_now(NORMAL(m));
	expect_sample(m, 2, NORMAL(m), &want);
	expect_sample(m, 3, NORMAL(m), &want);
	machine_destroy(m);
}
END_TEST

/* More samples than the ring holds: the oldest go, the newest SAMPLE_RING_SIZE stay in order. */
START_TEST(the_ring_wraps)
{
	enum { ROUNDS = SAMPLE_RING_SIZE + 88 };
	struct machine *m = boot_preset("default");
	unsigned long *frees = calloc(ROUNDS + 1, sizeof(*frees));
	unsigned long *order3 = calloc(ROUNDS + 1, sizeof(*order3));
	unsigned int i, first;
	struct zone_sample got;

	ck_assert(frees && order3);
	frees[0] = (unsigned long)zone_page_state(NORMAL(m), NR_FREE_PAGES);
	for (i = 1; i <= ROUNDS; i++) {
		held(m, BLOCK_GFP, BLOCK_ORDER);
		tick(m, 1);
		frees[i] = (unsigned long)zone_page_state(NORMAL(m), NR_FREE_PAGES);
		order3[i] = NORMAL(m)->free_area[BLOCK_ORDER].nr_free;
		ck_assert_uint_eq(samples_count(m), i + 1 < SAMPLE_RING_SIZE ? i + 1 : SAMPLE_RING_SIZE);
	}
	ck_assert_uint_eq(samples_taken(m), ROUNDS + 1);
	first = ROUNDS + 1 - SAMPLE_RING_SIZE;
	for (i = 0; i < SAMPLE_RING_SIZE; i++) {
		ck_assert_uint_eq(sample_jiffies(m, i), first + i);
		ck_assert(sample_zone(m, i, NORMAL(m), &got));
		ck_assert_uint_eq(got.free, frees[first + i]);
		ck_assert_uint_eq(got.nr_free[BLOCK_ORDER], order3[first + i]);
	}
	/* the newest is the zone now */
	{
		struct zone_sample want = zone_now(NORMAL(m));

		expect_sample(m, SAMPLE_RING_SIZE - 1, NORMAL(m), &want);
	}
	assert_consistent(m);
	free(frees);
	free(order3);
	machine_destroy(m);
}
END_TEST

/* A snapshot carries the history, and both go on alike; the copy owns its ring. */
START_TEST(snapshots_copy_the_ring)
{
	struct machine *m = boot_preset("default"), *c, *other = boot_preset("tiny");
	unsigned int i;
	int k;

	for (k = 0; k < 20; k++) {
		held(m, BLOCK_GFP, BLOCK_ORDER);
		tick(m, 1);
	}
	c = machine_clone(m);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_ne(c->samples, m->samples);
	ck_assert_uint_eq(samples_bytes(c), samples_bytes(m));
	ck_assert_uint_eq(samples_count(c), samples_count(m));
	held(m, BLOCK_GFP, BLOCK_ORDER);
	tick(m, 2);
	held(c, BLOCK_GFP, BLOCK_ORDER);
	tick(c, 2);
	machine_destroy(m);   /* nothing of the copy may lead into it */
	/* boot, 20 jiffies, then jiffy 21 (a change) and 22 (the same: a run of two) */
	ck_assert_uint_eq(samples_count(c), 23);
	{
		struct zone_sample want = zone_now(NORMAL(c));

		expect_sample(c, 21, NORMAL(c), &want);
		expect_sample(c, 22, NORMAL(c), &want);
		ck_assert_uint_eq(sample_jiffies(c, 22), 22);
	}
	/* into a machine of another shape: its ring is replaced by one of the right size */
	ck_assert_int_eq(machine_copy(other, c), 0);
	ck_assert_uint_eq(samples_bytes(other), samples_bytes(c));
	ck_assert_uint_eq(samples_count(other), samples_count(c));
	for (i = 0; i < samples_count(c); i++) {
		struct zone_sample a, b;

		ck_assert_uint_eq(sample_jiffies(other, i), sample_jiffies(c, i));
		ck_assert(sample_zone(c, i, NORMAL(c), &a));
		ck_assert(sample_zone(other, i, NORMAL(other), &b));
		ck_assert(memcmp(&a, &b, sizeof(a)) == 0);
	}
	ck_assert_uint_ge(machine_bytes(c), samples_bytes(c));
	machine_destroy(c);
	machine_destroy(other);
}
END_TEST

/* The sparklines, ASCII and UTF-8, on values the test knows. */
START_TEST(plot_draws_sparklines)
{
	struct machine *m = boot_preset("tiny");
	struct strbuf sb = STRBUF_INIT;
	const char *text, *head = "plot: 3 samples from jiffies 0 to 2, oldest on the left";
	char want[256];

	held(m, BLOCK_GFP, BLOCK_ORDER);
	tick(m, 1);
	held(m, BLOCK_GFP, BLOCK_ORDER);
	tick(m, 1);
	/* free: 256, 248, 240: lowest ' ', (8 * 9 * 2 + 16) / 32 = 5 '+', highest '@' */
	view_plot(m, NUMA_NO_NODE, -1, -1, false, &sb);
	text = sb_str(&sb);
	ck_assert_msg(strncmp(text, head, strlen(head)) == 0, "%s", text);
	ck_assert_msg(strstr(text, "Node 0, zone   Normal: free pages, and free blocks (nr_free) "
				   "per order\n") != NULL, "%s", text);
	snprintf(want, sizeof(want), "  free pages [@+ ]%*s min 240  max 256  now 240\n",
		 PLOT_WIDTH - 3, "");
	ck_assert_msg(strstr(text, want) != NULL, "no line '%s' in:\n%s", want, text);
	/* order 5 (the tiny machine's largest): 8 blocks, then 7, then 7 */
	snprintf(want, sizeof(want), "  order 5    [@  ]%*s min   7  max   8  now   7\n",
		 PLOT_WIDTH - 3, "");
	ck_assert_msg(strstr(text, want) != NULL, "no line '%s' in:\n%s", want, text);
	/* order 0 never changed: mid height */
	snprintf(want, sizeof(want), "  order 0    [+++]");
	ck_assert_msg(strstr(text, want) != NULL, "no line '%s' in:\n%s", want, text);
	/* one line per order (MAX_ORDER 6) and one of free pages, after the two headings */
	{
		int lines = 0;
		const char *p;

		for (p = text; *p; p++)
			lines += *p == '\n';
		ck_assert_int_eq(lines, 2 + 1 + 6);
	}
	sb_reset(&sb);
	view_plot(m, 0, ZONE_NORMAL, 3, true, &sb);
	text = sb_str(&sb);
	ck_assert_msg(strstr(text, "  free pages [\xe2\x96\x88\xe2\x96\x85\xe2\x96\x81]") != NULL,
		      "%s", text);
	ck_assert_msg(strstr(text, "  order 3    [") != NULL && !strstr(text, "order 2"), "%s", text);
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

/* More samples than columns: each column is the last sample of its group. */
START_TEST(plot_groups_columns)
{
	struct machine *m = boot_preset("default");
	struct strbuf sb = STRBUF_INIT;
	const char *line;
	int k;

	for (k = 0; k < 2 * PLOT_WIDTH - 1; k++) {   /* 64 samples: two per column */
		held(m, BLOCK_GFP, BLOCK_ORDER);
		tick(m, 1);
	}
	ck_assert_uint_eq(samples_count(m), 2 * PLOT_WIDTH);
	view_plot(m, 0, ZONE_NORMAL, 0, false, &sb);
	line = strstr(sb_str(&sb), "  free pages [");
	ck_assert_ptr_nonnull(line);
	/* falling from 61440 to 61440 - 63 * 8: the first column is sample 1, the last sample 63 */
	ck_assert_int_eq(line[14 + PLOT_WIDTH], ']');
	ck_assert_int_eq(line[14 + PLOT_WIDTH - 1], ' ');
	ck_assert_int_eq(line[14], '@');
	ck_assert_msg(strstr(line, "] min 60936  max 61440  now 60936\n") != NULL, "%s", line);
	ck_assert_int_le(strchr(line, '\n') - line, 79);   /* fits 80 columns */
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

static Suite *samples_suite(void)
{
	Suite *s = suite_create("samples");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, boot_sample_is_the_booted_zones);
	tcase_add_test(tc, a_sample_per_jiffy);
	tcase_add_test(tc, a_sample_after_a_command);
	tcase_add_test(tc, equal_samples_fold);
	tcase_add_test(tc, the_ring_wraps);
	tcase_add_test(tc, snapshots_copy_the_ring);
	tcase_add_test(tc, plot_draws_sparklines);
	tcase_add_test(tc, plot_groups_columns);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(samples_suite());
}
