/*
 * tests/unit/test_savestate.c: save and load of the engine state
 * (src/engine/savestate.c), which the shell's `save FILE` and `load FILE`
 * use.
 *
 * Round trips: machines in many states (fresh presets; after held blocks,
 * tasks, files, mlock, munmap, time, direct reclaim, compaction, swap and
 * the OOM killer; with writes in flight, pages waiting in pagevecs, kswapd
 * awake or napping, a kernel panic) are saved and loaded. The loaded
 * machine must hold the same raw state and show the same views as the
 * original, save(load(save(m))) must equal save(m) byte for byte, and
 * the same later operations on both must give the same results, the same
 * tracepoint lines and kernel messages, and the same saves.
 *
 * The saves are canonical: the same state saves the same bytes whatever
 * the allocations behind it, and a refused operation leaves the save
 * unchanged (the hardening issue's atomicity test compares saves).
 *
 * Refusals: every corruption class is refused with its reason, and no
 * refusal leaks or touches memory it should not (run under the sanitizer
 * build): not a state file, another format version, every truncation
 * length, every flipped byte, sections missing, out of order or with bytes
 * left over, huge counts and shapes, and hostile files whose checksum is
 * right: links out of range, links that do not pair, lists without a head
 * or with two, ptes, slots, shadows and owner handles out of range, bad
 * migratetypes, held bits that no list backs, and states the invariant
 * checker refuses. Random byte changes with the checksum recomputed are
 * either refused or load a machine that passes check() and whose save is
 * canonical (saving it again after a load gives the same bytes).
 *
 * A size tripwire fails when a structure the save walks changes size:
 * the new field must be saved (src/engine/savestate.c) before the
 * expected sizes here are updated.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "helpers.h"
#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/rmap.h"
#include "mmsh/samples.h"
#include "mmsh/savestate.h"
#include "mmsh/swap.h"
#include "mmsh/sysctl.h"
#include "mmsh/views.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- saved bytes ------------------------------------------------------------------------ */

struct bytes {
	uint8_t *p;
	size_t n;
};

static struct bytes save(const struct machine *m)
{
	struct bytes b = { NULL, 0 };
	struct mm_error e = { { 0 } };

	ck_assert_msg(machine_save(m, &b.p, &b.n, &e) == 0, "save: %s", e.msg);
	return b;
}

static struct machine *load(const struct bytes *b)
{
	struct mm_error e = { { 0 } };
	struct machine *m = machine_load(b->p, b->n, 0, &e);

	ck_assert_msg(m != NULL, "load: %s", e.msg);
	return m;
}

/* The load must fail, and its message contain `why`. */
static void refused_n(const uint8_t *p, size_t n, const char *why)
{
	struct mm_error e = { { 0 } };
	struct machine *m = machine_load(p, n, 0, &e);

	if (m)
		machine_destroy(m);
	ck_assert_msg(m == NULL, "a file that should fail with '%s' loaded", why);
	ck_assert_msg(strstr(e.msg, why) != NULL, "refused with '%s', not '%s'", e.msg, why);
}

static void refused(const struct bytes *b, const char *why)
{
	refused_n(b->p, b->n, why);
}

static void expect_same_bytes(const char *what, const struct bytes *a, const struct bytes *b)
{
	size_t i;

	for (i = 0; i < a->n && i < b->n && a->p[i] == b->p[i]; i++)
		;
	ck_assert_msg(a->n == b->n && i == a->n, "%s: %zu and %zu bytes, the first difference at "
		      "byte %zu", what, a->n, b->n, i);
}

static void bytes_free(struct bytes *b)
{
	free(b->p);
	b->p = NULL;
	b->n = 0;
}

/* ---- a file's sections, to edit them as a hostile writer would ---------------------------- */

#define HEADER 23   /* magic, format version, length */
#define MAX_SECTIONS 16

struct sec {
	char tag[5];
	size_t at;      /* where its tag is */
	size_t len;     /* its payload's length */
};

static size_t version_end(const struct bytes *b)
{
	return HEADER + 1 + b->p[HEADER];
}

static int sections(const struct bytes *b, struct sec *s)
{
	size_t at = version_end(b);
	int n = 0;

	while (at + 12 <= b->n - 8 && n < MAX_SECTIONS) {
		uint64_t len = 0;
		int i;

		memcpy(s[n].tag, b->p + at, 4);
		s[n].tag[4] = '\0';
		for (i = 0; i < 8; i++)
			len |= (uint64_t)b->p[at + 4 + i] << (8 * i);
		s[n].at = at;
		s[n].len = len;
		at += 12 + len;
		n++;
	}
	ck_assert_uint_eq(at, b->n - 8);
	return n;
}

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* What a hostile writer does after an edit: the length and the checksum made right again. */
static void reseal(struct bytes *b)
{
	uint64_t sum;
	int i;

	for (i = 0; i < 8; i++)
		b->p[11 + 4 + i] = (uint8_t)((uint64_t)b->n >> (8 * i));
	sum = fnv(b->p, b->n - 8);
	for (i = 0; i < 8; i++)
		b->p[b->n - 8 + i] = (uint8_t)(sum >> (8 * i));
}

/* A copy of b with one section's payload replaced (tag NULL: none), resealed. */
static struct bytes with_section(const struct bytes *b, const char *tag, const uint8_t *payload,
				 size_t plen)
{
	struct sec s[MAX_SECTIONS];
	int n = sections(b, s), i;
	struct bytes r;
	size_t at;

	r.p = malloc(b->n + plen + 64);
	ck_assert_ptr_nonnull(r.p);
	at = version_end(b);
	memcpy(r.p, b->p, at);
	for (i = 0; i < n; i++) {
		bool mine = tag && strcmp(s[i].tag, tag) == 0;
		size_t len = mine ? plen : s[i].len;
		int k;

		memcpy(r.p + at, s[i].tag, 4);
		for (k = 0; k < 8; k++)
			r.p[at + 4 + k] = (uint8_t)((uint64_t)len >> (8 * k));
		memcpy(r.p + at + 12, mine ? payload : b->p + s[i].at + 12, len);
		at += 12 + len;
	}
	r.n = at + 8;
	reseal(&r);
	return r;
}

/* A varint writer for hand-made payloads. */
struct payload {
	uint8_t p[512];
	size_t n;
};

static void pv(struct payload *w, uint64_t v)
{
	while (v >= 0x80) {
		w->p[w->n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	w->p[w->n++] = (uint8_t)v;
}

static uint64_t zz(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? ~0ULL : 0);
}

/* A SHAP payload: one node, one CPU, one Normal zone of `pages`, orders as given. */
static void shape_payload(struct payload *w, uint64_t pages, unsigned int max_order,
			  unsigned int pb_order, uint64_t swap)
{
	int z;

	w->n = 0;
	pv(w, zz(1));
	pv(w, zz(1));
	pv(w, max_order);
	pv(w, pb_order);
	pv(w, 0);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		uint64_t p = z == ZONE_NORMAL ? pages : 0;

		pv(w, p);
		pv(w, p);
		pv(w, p);
	}
	pv(w, zz(THP_NEVER));
	pv(w, swap);
}

/* ---- the comparison (compare.c) --------------------------------------------------------- */

/*
 * The loaded machine holds the state the original does (not its
 * capacities, which content chunks are allocated, the checker's
 * bookkeeping or the stale entries past a pagevec's nr: they are not
 * state), shows the same views, and check() passes on both.
 */
static void expect_same(struct machine *a, struct machine *b)
{
	expect_same_machine(a, b, COMPARE_STATE);
}

/*
 * round_trip(): save m, load it, and check the loaded machine holds and
 * shows what m does and saves the same bytes. Returns the loaded machine.
 */
static struct machine *round_trip(struct machine *m)
{
	struct bytes a = save(m), b;
	struct machine *copy = load(&a);

	expect_same(m, copy);
	b = save(copy);
	expect_same_bytes("save(load(save(m))) against save(m)", &a, &b);
	bytes_free(&a);
	bytes_free(&b);
	return copy;
}

/*
 * The loaded machine does what the original does (compare_future() in
 * compare.c): the same results, tracepoint lines, kernel messages, and at
 * the end the same save.
 */
static void expect_behaves_alike(struct machine *m, struct machine *copy)
{
	struct bytes sa, sb;

	expect_same_future(m, copy);
	sa = save(m);
	sb = save(copy);
	expect_same_bytes("the saves after the same future", &sa, &sb);
	bytes_free(&sa);
	bytes_free(&sb);
	expect_same(m, copy);
}

static void history_round_trip(struct machine *m)
{
	struct machine *copy;

	compare_history(m);
	copy = round_trip(m);
	expect_behaves_alike(m, copy);
	machine_destroy(copy);
	machine_destroy(m);
}

/* ---- round trips ------------------------------------------------------------------------- */

START_TEST(fresh_presets_round_trip)
{
	static const char *const presets[] = { "default", "tiny", "numa" };
	size_t i;

	for (i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
		struct machine *m = boot_preset(presets[i]), *copy = round_trip(m);

		machine_destroy(copy);
		machine_destroy(m);
	}
}
END_TEST

/* A booted machine's memory map is runs of free blocks: a few bytes per block. */
START_TEST(fresh_default_saves_small)
{
	struct machine *m = boot_preset("default");
	struct bytes b = save(m);

	ck_assert_msg(b.n < 8192, "a fresh default machine saves %zu bytes", b.n);
	ck_assert_msg(memcmp(b.p, MMSH_STATE_MAGIC, MMSH_STATE_MAGIC_LEN) == 0, "no magic");
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

START_TEST(default_after_history_behaves_alike)
{
	history_round_trip(boot_preset("default"));
}
END_TEST

START_TEST(tiny_after_history_behaves_alike)
{
	history_round_trip(boot_preset("tiny"));
}
END_TEST

START_TEST(numa_after_history_behaves_alike)
{
	history_round_trip(boot_preset("numa"));
}
END_TEST

START_TEST(swap_after_history_behaves_alike)
{
	struct machine *m = boot_swap(8192, 16384, 2);

	compare_history(m);
	ck_assert_uint_gt(m->swap.inuse, 0);
	ck_assert_uint_gt(m->swap.cache_pages + m->vm_events[PSWPOUT], 0);
	{
		struct machine *copy = round_trip(m);

		expect_behaves_alike(m, copy);
		machine_destroy(copy);
	}
	machine_destroy(m);
}
END_TEST

/*
 * States between the usual ones: pages waiting in pagevecs, kswapd woken
 * and napping, kcompactd woken, a boosted watermark, sysctls changed.
 */
START_TEST(states_in_between_round_trip)
{
	struct machine *m = boot_swap(4096, 4096, 2), *copy;
	struct mm_error e;
	struct task *t;
	int f;

	ck_assert_int_eq(sysctl_write(m, "swappiness", "100", &e), 0);
	ck_assert_int_eq(sysctl_write(m, "watermark_scale_factor", "200", &e), 0);
	ck_assert_int_eq(sysctl_write(m, "lowmem_reserve_ratio", "128 128 16 0", &e), 0);
	ck_assert_int_eq(sysctl_write(m, "percpu_pagelist_fraction", "8", &e), 0);
	t = new_task(m, "w");
	ck_assert_int_ge(fault_anon(m, t, 3000, &e), 1);   /* below the low marks: kswapd woken */
	f = new_file(m, "f");
	ck_assert_int_ge(file_read(m, f, 0, 5, &e), 1);    /* the reads wait in lru_add */
	ck_assert_uint_gt(pagevec_pages(m), 0);
	copy = round_trip(m);
	machine_destroy(copy);
	tick(m, 1);   /* kswapd runs once, then naps */
	copy = round_trip(m);
	expect_behaves_alike(m, copy);
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/* After a kernel panic (panic_on_oom): the saved machine is panicked too. */
START_TEST(panicked_machine_round_trips)
{
	struct machine *m = boot_preset("tiny"), *copy;
	struct mm_error e;
	struct task *t;

	ck_assert_int_eq(sysctl_write(m, "panic_on_oom", "1", &e), 0);
	t = new_task(m, "hog");
	fault_anon(m, t, m->totalram_pages * 2, &e);
	ck_assert(m->panicked);
	copy = round_trip(m);
	ck_assert(copy->panicked);
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/* ---- canonical bytes ------------------------------------------------------------------- */

/* Saving changes nothing, and the same state saves the same bytes twice. */
START_TEST(save_is_a_pure_function)
{
	struct machine *m = boot_preset("tiny"), *copy;
	struct bytes a, b;

	compare_history(m);
	copy = machine_clone(m);
	ck_assert_ptr_nonnull(copy);
	a = save(m);
	b = save(m);
	expect_same_bytes("two saves of one machine", &a, &b);
	expect_same_state(m, copy, COMPARE_STATE);
	bytes_free(&b);
	b = save(copy);
	expect_same_bytes("a save of a clone", &a, &b);
	bytes_free(&a);
	bytes_free(&b);
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/*
 * Content words are saved by value: a chunk allocated by a write and
 * zeroed again saves like a chunk never allocated. The room a buffer
 * has beyond its use is not saved either: a task whose anonymous area
 * grew and shrank saves like the loaded copy, whose area has no room.
 */
START_TEST(allocations_do_not_show_in_the_bytes)
{
	struct machine *a = boot_preset("tiny"), *b = boot_preset("tiny"), *c;
	struct bytes sa, sb;
	struct task *t;

	page_content_set(b, 7, 0x1234);
	page_content_set(b, 7, 0);
	ck_assert_uint_gt(b->contents.nr_allocated, a->contents.nr_allocated);
	sa = save(a);
	sb = save(b);
	expect_same_bytes("a zeroed chunk against none", &sa, &sb);
	bytes_free(&sa);
	bytes_free(&sb);

	t = new_task(b, "t");
	fault(b, t, 40);
	ck_assert_uint_eq(munmap_task(b, t, 30), 30);
	ck_assert_uint_eq(t->anon_len, 10);
	c = round_trip(b);
	ck_assert_uint_gt(t->anon_cap, 10);
	ck_assert_uint_eq(task_find(c, "t")->anon_cap, 10);
	machine_destroy(c);
	machine_destroy(a);
	machine_destroy(b);
}
END_TEST

/* Refused operations change nothing: their saves before and after are equal. */
START_TEST(refused_operations_leave_the_same_bytes)
{
	struct machine *m = boot_preset("default");
	struct bytes before, after;
	struct mm_error e;
	long pfn;

	compare_history(m);
	pfn = held(m, GFP_KERNEL, 2);
	before = save(m);
	ck_assert_int_lt(mmsh_free(m, (unsigned long)pfn + 1, 2, &e), 0);   /* not a head */
	ck_assert_int_lt(mmsh_free(m, m->max_pfn + 5, 0, &e), 0);
	ck_assert_int_lt(machine_set_cpu(m, 99, &e), 0);
	ck_assert_int_lt(sysctl_write(m, "watermark_scale_factor", "0", &e), 0);
	ck_assert_int_lt(sysctl_write(m, "swappiness", "201", &e), 0);
	ck_assert_ptr_null(task_new(m, "", 0, &e));
	ck_assert_ptr_null(task_new(m, "z", 5000, &e));
	after = save(m);
	expect_same_bytes("the saves around refused operations", &before, &after);
	bytes_free(&before);
	bytes_free(&after);
	machine_destroy(m);
}
END_TEST

/*
 * Every structure the save walks, by size: a change here means a field
 * was added or removed. Save it in src/engine/savestate.c (both ways: the
 * walk is one function per structure), raise MMSH_STATE_VERSION once a
 * format has been released, then update the size here.
 */
START_TEST(structures_walked_have_the_sizes_saved)
{
	ck_assert_uint_eq(sizeof(struct page), 32);
	ck_assert_uint_eq(sizeof(struct free_area), 80);
	ck_assert_uint_eq(sizeof(struct compact_state), 56);
	ck_assert_uint_eq(sizeof(struct per_cpu_pageset), 28);
	ck_assert_uint_eq(sizeof(struct zone), 1960);
	ck_assert_uint_eq(sizeof(struct balance_pass), 96);
	ck_assert_uint_eq(sizeof(struct balance_log), 3120);
	ck_assert_uint_eq(sizeof(struct lruvec), 80);
	ck_assert_uint_eq(sizeof(pg_data_t), 13568);
	ck_assert_uint_eq(sizeof(struct lru_pvecs), 320);
	ck_assert_uint_eq(sizeof(struct task), 104);
	ck_assert_uint_eq(sizeof(struct file_vma), 40);
	ck_assert_uint_eq(sizeof(struct sim_file), 104);
	ck_assert_uint_eq(sizeof(struct swap_device), 112);
	ck_assert_uint_eq(sizeof(struct io_request), 24);
	ck_assert_uint_eq(sizeof(struct disk), 40);
	ck_assert_uint_eq(sizeof(struct machine_shape), 1576);
	ck_assert_uint_eq(sizeof(struct machine), 23824);
}
END_TEST

/* ---- what is refused before anything is built ------------------------------------------- */

START_TEST(not_a_state_file_is_refused)
{
	static const char text[] = "alloc 3\nbuddyinfo\n";
	static const char prefix[] = "MMSH-S";

	refused_n((const uint8_t *)text, sizeof(text) - 1, "not an mmsh state file");
	refused_n((const uint8_t *)text, 0, "empty");
	refused_n((const uint8_t *)prefix, sizeof(prefix) - 1, "truncated");
}
END_TEST

START_TEST(another_format_version_is_refused_naming_both)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b = save(m);
	char want[160];

	b.p[11] = 2;   /* the format version, little-endian */
	snprintf(want, sizeof(want), "format version 2 (saved by mmsh %s); this mmsh (%s) reads "
		 "format version 1", PACKAGE_VERSION, PACKAGE_VERSION);
	refused(&b, want);
	reseal(&b);
	refused(&b, want);
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/* Every prefix of a file is refused: the header's length says what is missing. */
START_TEST(every_truncation_is_refused)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b;
	size_t n;

	compare_history(m);
	b = save(m);
	for (n = 0; n < b.n; n++) {
		struct mm_error e = { { 0 } };
		struct machine *x = machine_load(b.p, n, 0, &e);

		ck_assert_msg(x == NULL, "a file cut to %zu of %zu bytes loaded", n, b.n);
		ck_assert_msg(n == 0 || strstr(e.msg, "truncated") != NULL,
			      "cut to %zu bytes: refused with '%s'", n, e.msg);
	}
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/*
 * A hostile cut: the file ends at a section boundary (or inside a
 * section) and its length and checksum are made right again.
 */
START_TEST(cut_at_section_boundaries_is_refused)
{
	struct machine *m = boot_swap(2048, 1024, 2);
	struct sec s[MAX_SECTIONS];
	struct bytes b;
	int n, i;

	compare_history(m);
	b = save(m);
	n = sections(&b, s);
	ck_assert_int_eq(n, 14);
	for (i = 0; i < n; i++) {
		size_t cuts[3] = { s[i].at, s[i].at + 12, s[i].at + 12 + s[i].len / 2 };
		int k;

		for (k = 0; k < 3; k++) {
			struct bytes c;

			c.n = cuts[k] + 8;
			c.p = malloc(c.n);
			memcpy(c.p, b.p, cuts[k]);
			reseal(&c);
			if (k == 0)
				refused(&c, "is missing: the file ends before it");
			else
				refused(&c, s[i].tag);
			bytes_free(&c);
		}
	}
	/* bytes left over: at the end of a section, and after the last one */
	{
		uint8_t extra[3] = { 0, 0, 0 }, *pvec = malloc(s[7].len + 3);
		struct bytes c, d;

		ck_assert_str_eq(s[7].tag, "PVEC");
		memcpy(pvec, b.p + s[7].at + 12, s[7].len);
		memset(pvec + s[7].len, 0, 3);
		c = with_section(&b, "PVEC", pvec, s[7].len + 3);
		refused(&c, "section PVEC: 3 bytes are left over at its end");
		bytes_free(&c);
		free(pvec);
		d.n = b.n + 3;
		d.p = malloc(d.n);
		memcpy(d.p, b.p, b.n - 8);
		memcpy(d.p + b.n - 8, extra, 3);
		reseal(&d);
		refused(&d, "bytes follow the last section");
		bytes_free(&d);
	}
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/* Any one byte changed (the checksum's included) is caught. */
START_TEST(every_flipped_byte_is_refused)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b;
	size_t i;

	compare_history(m);
	b = save(m);
	for (i = 0; i < b.n; i++) {
		struct mm_error e = { { 0 } };
		struct machine *x;

		b.p[i] ^= 0x10;
		x = machine_load(b.p, b.n, 0, &e);
		ck_assert_msg(x == NULL, "byte %zu flipped: the file loaded", i);
		if (i >= HEADER)
			ck_assert_msg(strstr(e.msg, "checksum mismatch") != NULL,
				      "byte %zu flipped: refused with '%s'", i, e.msg);
		b.p[i] ^= 0x10;
	}
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

START_TEST(sections_out_of_order_are_refused)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b = save(m);
	struct sec s[MAX_SECTIONS];

	sections(&b, s);
	memcpy(b.p + s[1].at, "NODE", 4);   /* MACH's tag */
	reseal(&b);
	refused(&b, "section MACH expected, found 'NODE'");
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/* ---- huge and impossible shapes and counts ---------------------------------------------- */

START_TEST(huge_or_impossible_shapes_are_refused_before_booting)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b = save(m), c;
	struct payload w;
	struct mm_error e;

	/* 8 TiB of pages: more than load builds */
	shape_payload(&w, 1UL << 31, 11, 9, 0);
	c = with_section(&b, "SHAP", w.p, w.n);
	refused(&c, "loading builds at most");
	bytes_free(&c);
	/* a few pages more than the caller's limit */
	shape_payload(&w, 4096, 11, 9, 0);
	c = with_section(&b, "SHAP", w.p, w.n);
	ck_assert_ptr_null(machine_load(c.p, c.n, 4000, &e));
	ck_assert_msg(strstr(e.msg, "loading builds at most 4000") != NULL, "%s", e.msg);
	bytes_free(&c);
	/* a huge swap device */
	shape_payload(&w, 256, 6, 3, 1UL << 40);
	c = with_section(&b, "SHAP", w.p, w.n);
	refused(&c, "swap_pages is");
	bytes_free(&c);
	/* pageblock_order must be below MAX_ORDER */
	shape_payload(&w, 256, 6, 6, 0);
	c = with_section(&b, "SHAP", w.p, w.n);
	refused(&c, "pageblock_order must be between");
	bytes_free(&c);
	/* orders above the engine's limit */
	shape_payload(&w, 256, 40, 3, 0);
	c = with_section(&b, "SHAP", w.p, w.n);
	refused(&c, "max_order is 40");
	bytes_free(&c);
	/* a shape of another machine: the sections after it do not fit */
	shape_payload(&w, 512, 6, 3, 0);
	c = with_section(&b, "SHAP", w.p, w.n);
	refused(&c, "section");
	bytes_free(&c);
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

START_TEST(huge_sample_counts_are_refused)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b = save(m), c;
	struct payload w = { { 0 }, 0 };

	pv(&w, SAMPLE_RING_SIZE + 1);
	pv(&w, SAMPLE_RING_SIZE + 1);
	c = with_section(&b, "SMPL", w.p, w.n);
	refused(&c, "samples is 513, more than 512");
	bytes_free(&c);
	w.n = 0;
	pv(&w, 1);
	pv(&w, 1);
	pv(&w, 3);   /* words per sample: not this machine's */
	c = with_section(&b, "SMPL", w.p, w.n);
	refused(&c, "words per sample");
	bytes_free(&c);
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/*
 * What tasks and files hold is bounded by the machine's size: four entries
 * per page and swap slot and two of the largest files (four times memory,
 * 2^20 pages at least). Three files of the largest size exceed it: a
 * hostile count cannot make load allocate much.
 */
START_TEST(arrays_beyond_the_budget_are_refused)
{
	struct machine *m = boot_preset("tiny");
	unsigned long max = file_max_pages(m);
	struct mm_error e;
	struct bytes b;
	int i;

	for (i = 0; i < 3; i++) {
		char name[8];

		snprintf(name, sizeof(name), "big%d", i);
		ck_assert_int_eq(file_read(m, new_file(m, name), max - 1, 1, &e), 1);
	}
	b = save(m);
	refused(&b, "more than a machine of this size may hold");
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/* A file longer than any file the shell lets grow: its size is refused before its arrays. */
START_TEST(a_file_beyond_the_largest_is_refused)
{
	struct machine *m = boot_preset("tiny");
	struct bytes b = save(m), c;
	struct payload w = { { 0 }, 0 };
	char want[80];
	int k;

	pv(&w, zz(1));   /* one file, in slot 0 */
	pv(&w, zz(0));
	pv(&w, 1);       /* its name: "x" */
	w.p[w.n++] = 'x';
	pv(&w, file_max_pages(m) + 1);
	for (k = 0; k < 3; k++) {   /* slots, versions, disk versions: all zero */
		pv(&w, file_max_pages(m) + 1);
		pv(&w, 0);
	}
	pv(&w, 0);
	pv(&w, 0);
	pv(&w, 0);
	c = with_section(&b, "FILE", w.p, w.n);
	snprintf(want, sizeof(want), "a file's size is %lu, more than %lu", file_max_pages(m) + 1,
		 file_max_pages(m));
	refused(&c, want);
	bytes_free(&c);
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

/* ---- hostile files whose checksum is right ------------------------------------------------ */

/* Save m after corrupt() damaged it (the save does not check what the load checks). */
static void expect_refused_after(struct machine *m, void (*corrupt)(struct machine *),
				 const char *why)
{
	struct bytes b;

	corrupt(m);
	b = save(m);
	refused(&b, why);
	bytes_free(&b);
	machine_destroy(m);
}

static struct machine *busy_tiny(void)
{
	struct machine *m = boot_preset("tiny");

	compare_history(m);
	return m;
}

static uint32_t a_free_list(struct machine *m);

/* The first free block of the Normal zone. */
static uint32_t first_free_head(struct machine *m)
{
	return m->mem_map[a_free_list(m)].lru.next;
}

static void link_outside(struct machine *m)
{
	m->mem_map[first_free_head(m)].lru.next = (uint32_t)(m->max_pfn + m->nr_list_heads + 3);
}

/* The last page of the Normal zone that is on no list. */
static uint32_t unlinked_page(struct machine *m)
{
	struct zone *z = NORMAL(m);
	uint32_t pfn = (uint32_t)(z->zone_start_pfn + z->spanned_pages - 1);

	while (m->mem_map[pfn].lru.next != LIST_POISON)
		pfn--;
	return pfn;
}

static void link_unpaired(struct machine *m)
{
	uint32_t pfn = first_free_head(m), other = unlinked_page(m);

	/* the head links to a page whose prev link does not lead back */
	m->mem_map[pfn].lru.next = other;
	m->mem_map[other].lru.next = other;
	m->mem_map[other].lru.prev = other;
}

/* The first non-empty free list of the Normal zone: its head. */
static uint32_t a_free_list(struct machine *m)
{
	struct zone *z = NORMAL(m);
	unsigned int o;
	int t;

	for (o = 0; o < m->max_order; o++)
		for (t = 0; t < MIGRATE_TYPES; t++)
			if (!list_empty(m->mem_map, z->free_area[o].free_list[t]))
				return z->free_area[o].free_list[t];
	ck_abort_msg("no free block");
	return 0;
}

/* A free list's last page linked back to its first: a loop that never reaches the head. */
static void page_on_two_lists(struct machine *m)
{
	uint32_t head = a_free_list(m), first = m->mem_map[head].lru.next;
	uint32_t last = m->mem_map[head].lru.prev;

	m->mem_map[last].lru.next = first;
}

/* A page on no list that says it is on an LRU list. */
static void lru_page_off_the_lists(struct machine *m)
{
	set_page_flag(&m->mem_map[unlinked_page(m)], PG_lru);
}

static void two_heads_one_list(struct machine *m)
{
	struct zone *z = NORMAL(m);
	uint32_t a = z->free_area[0].free_list[MIGRATE_UNMOVABLE];
	uint32_t b = z->free_area[0].free_list[MIGRATE_RECLAIMABLE];
	uint32_t a_last = m->mem_map[a].lru.prev, b_last = m->mem_map[b].lru.prev;

	/* splice: a ... a_last -> b ... b_last -> a */
	m->mem_map[a_last].lru.next = b;
	m->mem_map[b].lru.prev = a_last;
	m->mem_map[b_last].lru.next = a;
	m->mem_map[a].lru.prev = b_last;
}

static void buddy_order_too_big(struct machine *m)
{
	m->mem_map[first_free_head(m)].private = m->max_order;
}

/* A free block's head with another page type bit besides PageBuddy's. */
static void buddy_type_bad(struct machine *m)
{
	m->mem_map[first_free_head(m)].page_type &= ~0x400U;
}

static void refcount_negative(struct machine *m)
{
	m->mem_map[unlinked_page(m)]._refcount = -3;
}

static void free_page_with_flags(struct machine *m)
{
	set_page_flag(&m->mem_map[first_free_head(m)], PG_writeback);
}

/* A block alloc holds, mapped by nobody but with a mapcount. */
static void held_page_mapped(struct machine *m)
{
	long pfn = held(m, GFP_KERNEL, 1);

	m->mem_map[pfn]._mapcount = 0;
}

static void held_page_owned(struct machine *m)
{
	long pfn = held(m, GFP_KERNEL, 0);

	m->mem_map[pfn].mapping = mapping_anon(0);
}

static void nr_free_wrong(struct machine *m)
{
	NORMAL(m)->free_area[0].nr_free += 1;
}

/* A task with anonymous pages (the OOM killer may have taken any one of them). */
static struct task *some_task(struct machine *m)
{
	int i;

	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used && m->tasks[i].anon_len)
			return &m->tasks[i];
	ck_abort_msg("no task with anonymous pages");
	return NULL;
}

static void anon_pte_outside(struct machine *m)
{
	some_task(m)->anon[0] = PTE_PRESENT | (m->max_pfn + 1);
}

static void swap_pte_outside(struct machine *m)
{
	some_task(m)->anon[0] = PTE_SWAP | 12345;
}

static void pte_with_stray_bits(struct machine *m)
{
	some_task(m)->anon[0] |= 1ULL << 40;
}

static void page_of_no_task(struct machine *m)
{
	struct zone *z = NORMAL(m);

	m->mem_map[z->zone_start_pfn].mapping = mapping_anon(MAX_TASKS + 3);
}

static void page_of_no_file(struct machine *m)
{
	struct zone *z = NORMAL(m);

	m->mem_map[z->zone_start_pfn].mapping = mapping_file(200);
}

static void vma_of_no_file(struct machine *m)
{
	struct task *t = task_find(m, "b");

	if (!t) {   /* the OOM killer took b: give another task an empty vma */
		t = some_task(m);
		t->vmas = calloc(1, sizeof(*t->vmas));
		t->vmas[0].pte = calloc(1, sizeof(pte_t));
		t->nr_vmas = 1;
	}
	t->vmas[0].file = 99;
}

static void pageblock_type_bad(struct machine *m)
{
	m->pageblock_flags[0] = (m->pageblock_flags[0] & ~PB_MIGRATETYPE_MASK) | 7;
}

static void pcp_page_type_bad(struct machine *m)
{
	struct per_cpu_pages *pcp = &NORMAL(m)->pageset[0].pcp;
	struct mm_error e;
	long pfn = held(m, GFP_KERNEL, 0);
	int t;

	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn, 0, &e), 0);   /* onto a pcp list */
	for (t = 0; t < MIGRATE_PCPTYPES; t++)
		if (!list_empty(m->mem_map, pcp->lists[t])) {
			m->mem_map[m->mem_map[pcp->lists[t]].lru.next].index = 9;
			return;
		}
	ck_abort_msg("no pcp page");
}

static void held_bit_without_block(struct machine *m)
{
	uint32_t pfn = first_free_head(m);

	m->alloc_heads[pfn / 64] |= 1ULL << (pfn % 64);
}

static void shadow_of_no_node(struct machine *m)
{
	int f = file_find(m, "huge");
	struct mm_error e;

	if (f < 0)
		f = file_get(m, "huge", &e);
	ck_assert_int_ge(file_read(m, f, 0, 1, &e), 0);
	m->files[f].slot[0] = SLOT_SHADOW | (9ULL << 48);
}

static void swap_cache_outside(struct machine *m)
{
	m->swap.cache[5] = SLOT_PRESENT | (m->max_pfn + 7);
	m->swap.map[5] = SWAP_HAS_CACHE;
}

static void current_task_unused(struct machine *m)
{
	m->current_task = &m->tasks[MAX_TASKS - 1];
}

static void counter_wrong(struct machine *m)
{
	NODE_DATA(m, 0)->vm_stat[NR_ACTIVE_FILE] += 3;
}

START_TEST(hostile_links_are_refused)
{
	expect_refused_after(busy_tiny(), link_outside, "outside the memory map");
	expect_refused_after(busy_tiny(), link_unpaired, "whose prev link is");
	expect_refused_after(busy_tiny(), page_on_two_lists, "on two lists");
	expect_refused_after(busy_tiny(), lru_page_off_the_lists, "has PG_lru but is on no LRU list");
	expect_refused_after(busy_tiny(), two_heads_one_list, "leads to another head");
}
END_TEST

START_TEST(hostile_page_fields_are_refused)
{
	expect_refused_after(busy_tiny(), buddy_order_too_big, "inconsistent");
	expect_refused_after(busy_tiny(), buddy_type_bad, "neither a count nor PageBuddy");
	expect_refused_after(busy_tiny(), refcount_negative, "_refcount -3");
	expect_refused_after(busy_tiny(), free_page_with_flags, "has page flags 0x8000");
	expect_refused_after(busy_tiny(), held_page_mapped, "no owner that maps it");
	expect_refused_after(boot_preset("tiny"), held_page_owned, "has an owner");
	expect_refused_after(busy_tiny(), page_of_no_task, "task slot");
	expect_refused_after(busy_tiny(), page_of_no_file, "which has no such page");
	expect_refused_after(busy_tiny(), pageblock_type_bad, "has migratetype 7");
	expect_refused_after(boot_small(), pcp_page_type_bad, "pcp page");
	expect_refused_after(busy_tiny(), held_bit_without_block, "marked held");
}
END_TEST

START_TEST(hostile_owners_are_refused)
{
	expect_refused_after(busy_tiny(), anon_pte_outside, "anonymous pte 0");
	expect_refused_after(busy_tiny(), swap_pte_outside, "anonymous pte 0");
	expect_refused_after(busy_tiny(), pte_with_stray_bits, "anonymous pte 0");
	expect_refused_after(busy_tiny(), vma_of_no_file, "maps file slot 99");
	expect_refused_after(busy_tiny(), shadow_of_no_node, "neither a page in memory nor a shadow");
	expect_refused_after(boot_swap(2048, 1024, 1), swap_cache_outside,
			     "neither a page in memory nor a shadow");
	expect_refused_after(busy_tiny(), current_task_unused, "current task");
}
END_TEST

/* What only the invariant checker can see: the first violation is the reason. */
START_TEST(inconsistent_states_are_refused)
{
	expect_refused_after(busy_tiny(), nr_free_wrong, "inconsistent (");
	expect_refused_after(busy_tiny(), counter_wrong, "nr_active_file");
}
END_TEST

/*
 * Random changes with the checksum made right again, as a fuzzer's
 * would be: each is refused, or loads a machine that check() accepts and
 * that saves the same bytes again. Nothing crashes or leaks (sanitizers).
 */
START_TEST(resealed_random_changes_are_refused_or_consistent)
{
	struct machine *m = boot_swap(1024, 512, 2);
	struct bytes b;
	uint64_t rng = 0x9e3779b97f4a7c15ULL;
	int round, loaded = 0;

	compare_history(m);
	b = save(m);
	for (round = 0; round < 600; round++) {
		struct bytes c;
		struct mm_error e = { { 0 } };
		struct machine *x;
		int k, flips = 1 + round % 3;

		c.n = b.n;
		c.p = malloc(c.n);
		memcpy(c.p, b.p, c.n);
		for (k = 0; k < flips; k++) {
			size_t at;

			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			at = HEADER + 1 + (size_t)(rng % (c.n - HEADER - 9));
			c.p[at] ^= (uint8_t)(1u << (rng >> 60 & 7));
		}
		reseal(&c);
		x = machine_load(c.p, c.n, 0, &e);
		if (x) {
			/* a mutant may spell a number another way: its save is canonical */
			struct bytes d = save(x), f;
			struct machine *y;

			loaded++;
			assert_consistent(x);
			y = load(&d);
			f = save(y);
			expect_same_bytes("a loaded mutant, saved, loaded and saved again", &d, &f);
			bytes_free(&d);
			bytes_free(&f);
			machine_destroy(y);
			machine_destroy(x);
		} else {
			ck_assert_msg(e.msg[0] != '\0', "refused without a reason");
		}
		bytes_free(&c);
	}
	ck_assert_int_lt(loaded, 600);
	bytes_free(&b);
	machine_destroy(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("savestate");
	TCase *tc = tcase_create("round_trip");
	TCase *bytes = tcase_create("canonical");
	TCase *bad = tcase_create("refused");

	tcase_set_timeout(tc, 120);
	tcase_set_timeout(bad, 120);
	tcase_add_test(tc, fresh_presets_round_trip);
	tcase_add_test(tc, fresh_default_saves_small);
	tcase_add_test(tc, default_after_history_behaves_alike);
	tcase_add_test(tc, tiny_after_history_behaves_alike);
	tcase_add_test(tc, numa_after_history_behaves_alike);
	tcase_add_test(tc, swap_after_history_behaves_alike);
	tcase_add_test(tc, states_in_between_round_trip);
	tcase_add_test(tc, panicked_machine_round_trips);
	suite_add_tcase(s, tc);
	tcase_add_test(bytes, save_is_a_pure_function);
	tcase_add_test(bytes, allocations_do_not_show_in_the_bytes);
	tcase_add_test(bytes, refused_operations_leave_the_same_bytes);
	tcase_add_test(bytes, structures_walked_have_the_sizes_saved);
	suite_add_tcase(s, bytes);
	tcase_add_test(bad, not_a_state_file_is_refused);
	tcase_add_test(bad, another_format_version_is_refused_naming_both);
	tcase_add_test(bad, every_truncation_is_refused);
	tcase_add_test(bad, cut_at_section_boundaries_is_refused);
	tcase_add_test(bad, every_flipped_byte_is_refused);
	tcase_add_test(bad, sections_out_of_order_are_refused);
	tcase_add_test(bad, huge_or_impossible_shapes_are_refused_before_booting);
	tcase_add_test(bad, huge_sample_counts_are_refused);
	tcase_add_test(bad, arrays_beyond_the_budget_are_refused);
	tcase_add_test(bad, a_file_beyond_the_largest_is_refused);
	tcase_add_test(bad, hostile_links_are_refused);
	tcase_add_test(bad, hostile_page_fields_are_refused);
	tcase_add_test(bad, hostile_owners_are_refused);
	tcase_add_test(bad, inconsistent_states_are_refused);
	tcase_add_test(bad, resealed_random_changes_are_refused_or_consistent);
	suite_add_tcase(s, bad);
	return run_suite(s);
}
