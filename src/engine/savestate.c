/*
 * src/engine/savestate.c: the engine state as the bytes of a state file
 * and back (savestate.h). One walk over the machine serves both ways: in
 * saving mode each io_*() call writes a field, in loading mode the same
 * call reads it, checks it against its range and stores it, so the writer
 * and the reader cannot disagree on the fields or their order.
 *
 * Loading boots a machine of the saved shape (machine_create()), then
 * overwrites its state section by section. Every value is checked before
 * it lands (sizes against the shape and a budget before anything is
 * allocated for them, pfns, slots, orders, migratetypes and indexes
 * against their ranges); every list is walked from its head to check its
 * links; then check_machine() proves the invariants. A file that fails
 * any of this is refused, and the new machine is destroyed.
 *
 * The walk covers what machine_copy() copies (src/engine/mmzone.c), less
 * what the shape decides at boot (zone spans, list head ids, zonelists,
 * totalram_pages), the subscribers, the interrupt flag and the checker's
 * scratch. tests/unit/test_savestate.c fails when a structure it walks
 * changes size, so that a new field is added here too.
 */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/bitmap24.h"
#include "mmsh/check.h"
#include "mmsh/compaction.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/rmap.h"
#include "mmsh/samples.h"
#include "mmsh/savestate.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* The most pfns a machine may have: links are 32-bit indexes (as mmzone.c's limit). */
#define STATE_PFN_LIMIT (1UL << 31)
/* The longest mmsh version string a file may name. */
#define VERSION_MAX 32
/* The checksum after the sections: FNV-1a 64. */
#define CHECKSUM_LEN 8
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/*
 * What the tasks and files of a loaded machine may hold. A task maps each
 * page or swap slot once, a file is at most file_max_pages() long (the
 * shell refuses to grow one further), and a task has at most
 * DEFAULT_MAX_MAP_COUNT mappings (vm.max_map_count's default). All their
 * array entries together (anonymous ptes, file ptes, file offsets) stay
 * within four per page and swap slot plus two of the largest files: every
 * legitimate machine but one with several huge sparse files, and a hostile
 * file cannot make the loader allocate more than a few times the
 * machine's own memory map.
 */
#define ENTRIES_PER_PAGE 4UL
#define LARGEST_FILES 2UL
#define DEFAULT_MAX_MAP_COUNT 65530

/* A workingset shadow (workingset.c): the node in bits 48-55, bit 61 workingset. */
#define SHADOW_NODE_SHIFT 48
#define SHADOW_RESERVED (0x1fULL << 56)

/* ---- the walk's state --------------------------------------------------------- */

struct io {
	struct machine *m;
	bool loading;
	/* saving: the bytes so far */
	uint8_t *buf;
	size_t len, cap;
	/* loading: the bytes still to read, up to the end of the section */
	const uint8_t *p, *end;
	const char *section;            /* the section at hand, for messages */
	struct mm_error *err;
	bool failed;                    /* err says why; every later call does nothing */
	unsigned long budget;           /* array entries tasks and files may still hold */
	char version[VERSION_MAX + 1];  /* the mmsh that saved the file */
};

__attribute__((format(printf, 2, 3)))
static bool io_fail(struct io *io, const char *fmt, ...)
{
	char what[MM_ERROR_LEN];
	va_list ap;

	if (io->failed)
		return false;
	io->failed = true;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (io->section)
		mm_error_set(io->err, "section %s: %s", io->section, what);
	else
		mm_error_set(io->err, "%s", what);
	return false;
}

/* ---- bytes out ------------------------------------------------------------------ */

static void put_bytes(struct io *io, const void *p, size_t n)
{
	if (io->failed)
		return;
	if (n > io->cap - io->len) {
		size_t cap = io->cap ? io->cap : 1 << 16;
		uint8_t *grown;

		while (n > cap - io->len)
			cap *= 2;
		grown = realloc(io->buf, cap);
		if (!grown) {
			io->section = NULL;
			io_fail(io, "out of host memory for %zu bytes of saved state", cap);
			return;
		}
		io->buf = grown;
		io->cap = cap;
	}
	memcpy(io->buf + io->len, p, n);
	io->len += n;
}

/* A fixed-size little-endian number (the header, section lengths, the checksum). */
static void put_le(struct io *io, uint64_t v, unsigned int bytes)
{
	uint8_t b[8];
	unsigned int i;

	for (i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	put_bytes(io, b, bytes);
}

static uint64_t get_le(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* Every other number is a LEB128 varint: 7 bits a byte, low first. */
static void put_uv(struct io *io, uint64_t v)
{
	uint8_t b[10];
	unsigned int n = 0;

	while (v >= 0x80) {
		b[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	b[n++] = (uint8_t)v;
	put_bytes(io, b, n);
}

/* Signed numbers zigzag: 0, -1, 1, -2 ... become 0, 1, 2, 3 ... */
static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? ~0ULL : 0);
}

static int64_t unzigzag(uint64_t u)
{
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* ---- bytes in ------------------------------------------------------------------- */

static uint64_t get_uv(struct io *io)
{
	uint64_t v = 0;
	unsigned int shift;

	for (shift = 0; !io->failed; shift += 7) {
		uint8_t b;

		if (io->p == io->end) {
			io_fail(io, "ends in the middle of a number");
			break;
		}
		b = *io->p++;
		if (shift == 63 && b > 1) {
			io_fail(io, "a number does not fit in 64 bits");
			break;
		}
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	return 0;
}

/* ---- fields: written when saving, read and checked when loading ------------------ */

/* The one place a number goes either way; when saving a value out of range fails too. */
static uint64_t io_number(struct io *io, uint64_t v, uint64_t max, const char *what)
{
	if (io->failed)
		return 0;
	if (io->loading)
		v = get_uv(io);
	else
		put_uv(io, v);
	if (v > max) {
		io_fail(io, "%s is %llu, more than %llu", what, (unsigned long long)v,
			(unsigned long long)max);
		return 0;
	}
	return v;
}

static int64_t io_signed(struct io *io, int64_t v, int64_t lo, int64_t hi, const char *what)
{
	if (io->failed)
		return 0;
	if (io->loading)
		v = unzigzag(get_uv(io));
	else
		put_uv(io, zigzag(v));
	if (v < lo || v > hi) {
		io_fail(io, "%s is %lld, outside %lld..%lld", what, (long long)v, (long long)lo,
			(long long)hi);
		return 0;
	}
	return v;
}

static void io_ulong(struct io *io, unsigned long *p, unsigned long max, const char *what)
{
	unsigned long v = (unsigned long)io_number(io, *p, max, what);

	if (io->loading)
		*p = v;
}

static void io_uint(struct io *io, unsigned int *p, unsigned int max, const char *what)
{
	unsigned int v = (unsigned int)io_number(io, *p, max, what);

	if (io->loading)
		*p = v;
}

static void io_u32(struct io *io, uint32_t *p, const char *what)
{
	uint32_t v = (uint32_t)io_number(io, *p, UINT32_MAX, what);

	if (io->loading)
		*p = v;
}

static void io_u64(struct io *io, uint64_t *p, const char *what)
{
	uint64_t v = io_number(io, *p, UINT64_MAX, what);

	if (io->loading)
		*p = v;
}

static void io_long(struct io *io, long *p, const char *what)
{
	long v = (long)io_signed(io, *p, LONG_MIN, LONG_MAX, what);

	if (io->loading)
		*p = v;
}

static void io_int(struct io *io, int *p, int lo, int hi, const char *what)
{
	int v = (int)io_signed(io, *p, lo, hi, what);

	if (io->loading)
		*p = v;
}

static void io_bool(struct io *io, bool *p, const char *what)
{
	bool v = io_number(io, *p, 1, what) != 0;

	if (io->loading)
		*p = v;
}

/* An enum field: the value to save in, the value loaded out. */
static int io_enum(struct io *io, int v, int hi, const char *what)
{
	return (int)io_signed(io, v, 0, hi, what);
}

/*
 * io_count(): the length of a fixed array of this build (vm_stat, the
 * events): a file with another length was saved by an mmsh that counts
 * other things, and is refused naming it.
 */
static void io_count(struct io *io, size_t n, const char *what)
{
	uint64_t v = io_number(io, n, UINT64_MAX, what);

	if (io->loading && !io->failed && v != n)
		io_fail(io, "the file has %llu %s, this mmsh (%s) has %zu: it was saved by mmsh %s",
			(unsigned long long)v, what, PACKAGE_VERSION, n, io->version);
}

static void io_longs(struct io *io, long *a, size_t n, const char *what)
{
	size_t i;

	io_count(io, n, what);
	for (i = 0; i < n && !io->failed; i++)
		io_long(io, &a[i], what);
}

static void io_ulongs(struct io *io, unsigned long *a, size_t n, const char *what)
{
	size_t i;

	io_count(io, n, what);
	for (i = 0; i < n && !io->failed; i++)
		io_ulong(io, &a[i], ULONG_MAX, what);
}

/* A NUL-terminated name in a char array of `size`: its length, then its bytes. */
static void io_str(struct io *io, char *s, size_t size, const char *what)
{
	size_t n = io->loading ? 0 : strnlen(s, size - 1);

	n = (size_t)io_number(io, n, size - 1, what);
	if (io->failed)
		return;
	if (!io->loading) {
		put_bytes(io, s, n);
		return;
	}
	if ((size_t)(io->end - io->p) < n) {
		io_fail(io, "ends in the middle of %s", what);
		return;
	}
	if (memchr(io->p, '\0', n)) {
		io_fail(io, "%s holds a NUL byte", what);
		return;
	}
	memset(s, 0, size);
	memcpy(s, io->p, n);
	io->p += n;
}

/*
 * Arrays of words (1, 4 or 8 bytes) go as runs: a count of zero words,
 * a count of non-zero words, those words; again until the array is
 * complete. Zero words cost nothing but their run's count, so sparse
 * arrays (bitmaps, swap maps, content words) stay small. A non-zero word
 * is written as its coding says.
 */
enum coding {
	PLAIN,    /* a varint: counters, versions, bitmaps */
	TAGGED,   /* tag bits on top (ptes, cache slots): rotated 3 bits left, then a varint */
	HASHED,   /* 32-bit data words, as good as random: 4 bytes */
};

static void put_word(struct io *io, uint64_t v, enum coding coding)
{
	if (coding == HASHED)
		put_le(io, v, 4);
	else if (coding == TAGGED)
		put_uv(io, v << 3 | v >> 61);
	else
		put_uv(io, v);
}

static uint64_t get_word(struct io *io, enum coding coding)
{
	uint64_t v;

	if (coding != HASHED) {
		v = get_uv(io);
		return coding == TAGGED ? v >> 3 | v << 61 : v;
	}
	if (io->failed)
		return 0;
	if (io->end - io->p < 4) {
		io_fail(io, "ends in the middle of a data word");
		return 0;
	}
	v = get_le(io->p, 4);
	io->p += 4;
	return v;
}

static uint64_t word_at(const void *a, size_t i, size_t width)
{
	if (width == 1)
		return ((const uint8_t *)a)[i];
	if (width == 4)
		return ((const uint32_t *)a)[i];
	return ((const uint64_t *)a)[i];
}

static void word_put(void *a, size_t i, size_t width, uint64_t v)
{
	if (width == 1)
		((uint8_t *)a)[i] = (uint8_t)v;
	else if (width == 4)
		((uint32_t *)a)[i] = (uint32_t)v;
	else
		((uint64_t *)a)[i] = v;
}

static void save_words(struct io *io, const void *a, size_t n, size_t width, enum coding coding)
{
	size_t i = 0, z, l, k;

	while (i < n && !io->failed) {
		for (z = 0; i + z < n && word_at(a, i + z, width) == 0; z++)
			;
		for (l = 0; i + z + l < n && word_at(a, i + z + l, width) != 0; l++)
			;
		put_uv(io, z);
		put_uv(io, l);
		for (k = 0; k < l; k++)
			put_word(io, word_at(a, i + z + k, width), coding);
		i += z + l;
	}
}

/*
 * One run header when loading: *zeros and *lits, checked to fit the n - i
 * words still missing. false (after an error) when they do not.
 */
static bool get_run(struct io *io, size_t i, size_t n, uint64_t *zeros, uint64_t *lits,
		    const char *what)
{
	*zeros = get_uv(io);
	*lits = get_uv(io);
	if (io->failed)
		return false;
	if (*zeros > n - i || *lits > n - i - *zeros)
		return io_fail(io, "%s: a run goes past word %zu of %zu", what, n - 1, n);
	if (*zeros + *lits == 0)
		return io_fail(io, "%s: an empty run at word %zu", what, i);
	return true;
}

static void load_words(struct io *io, void *a, size_t n, size_t width, uint64_t max,
		       enum coding coding, const char *what)
{
	size_t i = 0;

	while (i < n && !io->failed) {
		uint64_t zeros, lits, k;

		if (!get_run(io, i, n, &zeros, &lits, what))
			return;
		memset((uint8_t *)a + i * width, 0, (size_t)zeros * width);
		i += (size_t)zeros;
		for (k = 0; k < lits && !io->failed; k++, i++) {
			uint64_t v = get_word(io, coding);

			if (v > max) {
				io_fail(io, "%s: word %zu is %llu, more than %llu", what, i,
					(unsigned long long)v, (unsigned long long)max);
				return;
			}
			word_put(a, i, width, v);
		}
	}
}

static void io_words(struct io *io, void *a, size_t n, size_t width, uint64_t max,
		     enum coding coding, const char *what)
{
	if (io->loading)
		load_words(io, a, n, width, max, coding, what);
	else
		save_words(io, a, n, width, coding);
}

/*
 * Content words (page_content.h) go the same way, read through
 * contents_get(): a missing chunk reads as zeros, so the bytes do not
 * depend on which chunks happen to be allocated. Loading allocates a
 * chunk only for the non-zero words.
 */
static void io_contents(struct io *io, struct page_contents *pc, size_t n, const char *what)
{
	size_t i = 0, z, l, k;

	while (i < n && !io->failed) {
		if (!io->loading) {
			for (z = 0; i + z < n && contents_get(pc, i + z) == 0; z++)
				;
			for (l = 0; i + z + l < n && contents_get(pc, i + z + l) != 0; l++)
				;
			put_uv(io, z);
			put_uv(io, l);
			for (k = 0; k < l; k++)
				put_word(io, contents_get(pc, i + z + k), HASHED);
			i += z + l;
			continue;
		}
		{
			uint64_t zeros, lits, j;

			if (!get_run(io, i, n, &zeros, &lits, what))
				return;
			i += (size_t)zeros;
			for (j = 0; j < lits && !io->failed; j++, i++) {
				uint64_t v = get_word(io, HASHED);
				uint32_t *chunk;

				if (io->failed)
					return;
				chunk = contents_chunk(pc, i);
				if (!chunk) {
					io_fail(io, "out of host memory for the content words");
					return;
				}
				chunk[i & (CONTENT_CHUNK_PAGES - 1)] = (uint32_t)v;
			}
		}
	}
}

/* ---- sections ------------------------------------------------------------------- */

/*
 * A section is its 4-byte tag, an 8-byte length and its fields. Loading
 * narrows io->end to the section, so nothing reads past it; leave
 * restores the file's end and insists the section was read to its end.
 */
struct section {
	size_t at;                 /* saving: where the length goes */
	const uint8_t *file_end;   /* loading: the end to restore */
};

static void enter(struct io *io, const char *tag, struct section *sec)
{
	if (io->failed)
		return;
	io->section = NULL;
	if (!io->loading) {
		put_bytes(io, tag, 4);
		sec->at = io->len;
		put_le(io, 0, 8);
		io->section = tag;
		return;
	}
	sec->file_end = io->end;
	if (io->end - io->p < 12) {
		io_fail(io, "section %s is missing: the file ends before it", tag);
		return;
	}
	if (memcmp(io->p, tag, 4) != 0) {
		io_fail(io, "section %s expected, found '%.4s' (the sections are out of order or "
			"damaged)", tag, (const char *)io->p);
		return;
	}
	{
		uint64_t n = get_le(io->p + 4, 8);

		io->p += 12;
		io->section = tag;
		if (n > (uint64_t)(io->end - io->p)) {
			io_fail(io, "its length (%llu bytes) goes past the end of the file",
				(unsigned long long)n);
			return;
		}
		io->end = io->p + n;
	}
}

static void leave(struct io *io, struct section *sec)
{
	if (io->failed)
		return;
	if (!io->loading) {
		uint64_t n = io->len - sec->at - 8;
		unsigned int i;

		for (i = 0; i < 8; i++)
			io->buf[sec->at + i] = (uint8_t)(n >> (8 * i));
	} else {
		if (io->p != io->end) {
			io_fail(io, "%zu bytes are left over at its end", (size_t)(io->end - io->p));
			return;
		}
		io->end = sec->file_end;
	}
	io->section = NULL;
}

/* ---- SHAP: the machine's shape ---------------------------------------------------- */

/* pages as "256 MiB", "4 GiB" or "8 TiB": the largest unit that divides them. */
static const char *size_text(unsigned long pages, char *buf, size_t len)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	unsigned long v = K(pages);
	unsigned int u = 0;

	while (u < 3 && v >= 1024 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%lu %s", v, units[u]);
	return buf;
}

static void io_shape(struct io *io, struct machine_shape *s, unsigned long max_pages)
{
	struct section sec;
	unsigned long total = 0;
	int nid, z;

	enter(io, "SHAP", &sec);
	io_int(io, &s->nr_nodes, 1, MAX_NUMNODES, "nr_nodes");
	io_int(io, &s->nr_cpus, 1, MAX_CPUS, "nr_cpus");
	io_uint(io, &s->max_order, MAX_ORDER_LIMIT, "max_order");
	io_uint(io, &s->pageblock_order, MAX_ORDER_LIMIT, "pageblock_order");
	io_ulong(io, &s->start_pfn, STATE_PFN_LIMIT, "start_pfn");
	for (nid = 0; nid < s->nr_nodes && !io->failed; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone_shape *zs = &s->zones[nid][z];

			io_ulong(io, &zs->spanned, STATE_PFN_LIMIT, "a zone's spanned pages");
			io_ulong(io, &zs->present, STATE_PFN_LIMIT, "a zone's present pages");
			io_ulong(io, &zs->managed, STATE_PFN_LIMIT, "a zone's managed pages");
			total += zs->spanned;
		}
	s->thp = (enum thp_mode)io_enum(io, s->thp, THP_NEVER, "thp");
	io_ulong(io, &s->swap_pages, max_pages, "swap_pages");
	leave(io, &sec);
	if (io->loading && !io->failed && s->start_pfn + total > max_pages) {
		char has[32], most[32];

		io_fail(io, "the saved machine has %lu pages (%s); loading builds at most %lu (%s)",
			s->start_pfn + total, size_text(s->start_pfn + total, has, sizeof(has)),
			max_pages, size_text(max_pages, most, sizeof(most)));
	}
}

/* ---- MACH: the machine's own fields ------------------------------------------------- */

static void io_machine(struct io *io)
{
	struct machine *m = io->m;
	struct section sec;
	size_t i;
	int t;

	enter(io, "MACH", &sec);
	io_int(io, &m->min_free_kbytes, 0, INT_MAX, "min_free_kbytes");
	io_int(io, &m->user_min_free_kbytes, -1, INT_MAX, "user_min_free_kbytes");
	io_int(io, &m->watermark_scale_factor, 1, 1000, "watermark_scale_factor");
	io_int(io, &m->watermark_boost_factor, 0, INT_MAX, "watermark_boost_factor");
	for (i = 0; i < MAX_NR_ZONES; i++)
		io_int(io, &m->sysctl_lowmem_reserve_ratio[i], 0, INT_MAX, "lowmem_reserve_ratio");
	io_int(io, &m->percpu_pagelist_fraction, 0, INT_MAX, "percpu_pagelist_fraction");
	if (m->percpu_pagelist_fraction && m->percpu_pagelist_fraction < MIN_PERCPU_PAGELIST_FRACTION)
		io_fail(io, "percpu_pagelist_fraction is %d: 0 or at least %d",
			m->percpu_pagelist_fraction, MIN_PERCPU_PAGELIST_FRACTION);
	io_bool(io, &m->page_group_by_mobility_disabled, "page_group_by_mobility_disabled");
	io_int(io, &m->min_free_kbytes_sqrt, 0, INT_MAX, "min_free_kbytes_sqrt");
	io_ulong(io, &m->min_free_kbytes_thp, ULONG_MAX, "min_free_kbytes_thp");
	io_bool(io, &m->warned_atomic_reclaim, "warned_atomic_reclaim");
	io_ulong(io, &m->totalreserve_pages, ULONG_MAX, "totalreserve_pages");
	io_ulongs(io, m->vm_events, NR_VM_EVENT_ITEMS, "event counters");

	/* the caller, and time */
	io_str(io, m->current.comm, sizeof(m->current.comm), "current's comm");
	io_int(io, &m->current.pid, INT_MIN, INT_MAX, "current's pid");
	io_int(io, &m->current.cpu, 0, m->nr_cpus - 1, "current's cpu");
	t = m->current_task ? (int)(m->current_task - m->tasks) + 1 : 0;
	t = (int)io_signed(io, t, 0, MAX_TASKS, "current_task");
	if (io->loading)
		m->current_task = t ? &m->tasks[t - 1] : NULL;   /* a used task: io_tasks() checks */
	io_bool(io, &m->current_oom_victim, "current_oom_victim");
	io_u64(io, &m->clock_ns, "clock_ns");
	io_ulong(io, &m->jiffies, ULONG_MAX >> 2, "jiffies");
	io_u64(io, &m->rng, "rng");
	io_ulong(io, &m->current_flags, ULONG_MAX, "current_flags");
	io_int(io, &m->sleep_depth, 0, MAX_SLEEP_DEPTH, "sleep_depth");
	io_bool(io, &m->rmqueue_via_pcp, "rmqueue_via_pcp");
	io_ulong(io, &m->allocated.blocks, m->max_pfn, "held blocks");
	io_ulong(io, &m->allocated.pages, m->max_pfn, "held pages");
	io_int(io, &m->next_pid, 0, INT_MAX, "next_pid");

	/* reclaim, writeback and OOM */
	io_int(io, &m->vm_swappiness, 0, 200, "swappiness");
	io_int(io, &m->sysctl_extfrag_threshold, 0, 1000, "extfrag_threshold");
	io_int(io, &m->sysctl_compaction_proactiveness, 0, 100, "compaction_proactiveness");
	io_int(io, &m->vm_dirty_ratio, 0, 100, "dirty_ratio");
	io_int(io, &m->dirty_background_ratio, 0, 100, "dirty_background_ratio");
	io_int(io, &m->dirty_expire_centisecs, 0, INT_MAX, "dirty_expire_centisecs");
	io_int(io, &m->dirty_writeback_centisecs, 0, INT_MAX, "dirty_writeback_centisecs");
	io_ulong(io, &m->next_kupdate, ULONG_MAX >> 2, "next_kupdate");
	io_bool(io, &m->flusher_work, "flusher_work");
	io_int(io, &m->sysctl_panic_on_oom, 0, 2, "panic_on_oom");
	io_int(io, &m->sysctl_oom_kill_allocating_task, INT_MIN, INT_MAX, "oom_kill_allocating_task");
	io_int(io, &m->sysctl_oom_dump_tasks, INT_MIN, INT_MAX, "oom_dump_tasks");
	io_int(io, &m->laptop_mode, 0, INT_MAX, "laptop_mode");
	io_int(io, &m->sysctl_drop_caches, 0, 4, "drop_caches");
	io_bool(io, &m->drop_caches_stfu, "drop_caches_stfu");
	io_bool(io, &m->panicked, "panicked");
	io_ulong(io, &m->oom_rs_begin, ULONG_MAX, "oom_rs_begin");
	io_ulong(io, &m->oom_rs_printed, ULONG_MAX, "oom_rs_printed");
	io_ulong(io, &m->oom_rs_missed, ULONG_MAX, "oom_rs_missed");
	io_bool(io, &m->in_kcompactd, "in_kcompactd");
	leave(io, &sec);
}

/* ---- NODE: nodes, zones, per-CPU pagesets --------------------------------------------- */

static void io_balance_log(struct io *io, struct balance_log *log)
{
	int i, n;

	io_int(io, &log->order, 0, MAX_ORDER_LIMIT, "kswapd_log order");
	io_int(io, &log->reclaim_order, 0, MAX_ORDER_LIMIT, "kswapd_log reclaim_order");
	io_int(io, &log->highest_zoneidx, 0, MAX_NR_ZONES - 1, "kswapd_log highest_zoneidx");
	io_ulong(io, &log->boost, ULONG_MAX, "kswapd_log boost");
	io_int(io, &log->nr_passes, 0, INT_MAX, "kswapd_log nr_passes");
	n = log->nr_passes < BALANCE_LOG_PASSES ? log->nr_passes : BALANCE_LOG_PASSES;
	for (i = 0; i < n && !io->failed; i++) {
		struct balance_pass *p = &log->pass[i];

		io_int(io, &p->priority, INT_MIN, INT_MAX, "kswapd_log priority");
		io_ulong(io, &p->nr_to_reclaim, ULONG_MAX, "kswapd_log nr_to_reclaim");
		io_ulong(io, &p->nr_scanned, ULONG_MAX, "kswapd_log nr_scanned");
		io_ulong(io, &p->nr_reclaimed, ULONG_MAX, "kswapd_log nr_reclaimed");
		io_ulong(io, &p->free_after, ULONG_MAX, "kswapd_log free_after");
		io_int(io, &p->scan_balance, SCAN_EQUAL, SCAN_FILE, "kswapd_log scan_balance");
		io_ulong(io, &p->fraction[0], ULONG_MAX, "kswapd_log fraction");
		io_ulong(io, &p->fraction[1], ULONG_MAX, "kswapd_log fraction");
		io_ulong(io, &p->scan_nr[0], ULONG_MAX, "kswapd_log scan_nr");
		io_ulong(io, &p->scan_nr[1], ULONG_MAX, "kswapd_log scan_nr");
		io_ulong(io, &p->scan_nr[2], ULONG_MAX, "kswapd_log scan_nr");
		io_ulong(io, &p->scan_nr[3], ULONG_MAX, "kswapd_log scan_nr");
	}
	io_bool(io, &log->balanced, "kswapd_log balanced");
	io_int(io, &log->end_priority, INT_MIN, INT_MAX, "kswapd_log end_priority");
	io_bool(io, &log->failed, "kswapd_log failed");
}

static void io_zone(struct io *io, struct zone *zone)
{
	struct machine *m = io->m;
	struct compact_state *cs = &zone->compact;
	unsigned int o;
	int i, cpu;

	for (i = 0; i < NR_WMARK; i++)
		io_ulong(io, &zone->_watermark[i], ULONG_MAX, "a watermark");
	io_ulong(io, &zone->watermark_boost, ULONG_MAX, "watermark_boost");
	io_ulong(io, &zone->nr_reserved_highatomic, zone->managed_pages, "nr_reserved_highatomic");
	io_ulong(io, &zone->percpu_drift_mark, ULONG_MAX, "percpu_drift_mark");
	for (i = 0; i < MAX_NR_ZONES; i++)
		io_long(io, &zone->lowmem_reserve[i], "lowmem_reserve");
	io_ulong(io, &zone->nr_isolate_pageblock, m->max_pfn, "nr_isolate_pageblock");
	for (o = 0; o < m->max_order; o++) {
		struct free_area *area = &zone->free_area[o];

		io_ulong(io, &area->nr_free, m->max_pfn, "nr_free");
		for (i = 0; i < MIGRATE_TYPES; i++)
			io_ulong(io, &area->nr_free_mt[i], m->max_pfn, "nr_free_mt");
	}
	io_ulong(io, &zone->flags, ULONG_MAX, "zone flags");
	io_longs(io, zone->vm_stat, NR_VM_ZONE_STAT_ITEMS, "zone counters");
	io_ulongs(io, zone->vm_numa_stat, NR_VM_NUMA_STAT_ITEMS, "NUMA counters");
	/* compaction's scanners: compact_zone() puts back any pfn outside the zone */
	io_ulong(io, &cs->cached_free_pfn, m->max_pfn, "compact_cached_free_pfn");
	io_ulong(io, &cs->cached_migrate_pfn[0], m->max_pfn, "compact_cached_migrate_pfn");
	io_ulong(io, &cs->cached_migrate_pfn[1], m->max_pfn, "compact_cached_migrate_pfn");
	io_uint(io, &cs->considered, 1U << COMPACT_MAX_DEFER_SHIFT, "compact_considered");
	io_uint(io, &cs->defer_shift, COMPACT_MAX_DEFER_SHIFT, "compact_defer_shift");
	io_int(io, &cs->order_failed, 0, MAX_ORDER_LIMIT, "compact_order_failed");
	io_bool(io, &cs->blockskip_flush, "compact_blockskip_flush");
	io_ulong(io, &cs->init_migrate_pfn, m->max_pfn, "compact_init_migrate_pfn");
	io_ulong(io, &cs->init_free_pfn, m->max_pfn, "compact_init_free_pfn");
	for (cpu = 0; cpu < m->nr_cpus && !io->failed; cpu++) {
		struct per_cpu_pageset *ps = &zone->pageset[cpu];

		io_int(io, &ps->pcp.count, 0, INT_MAX, "pcp count");
		io_int(io, &ps->pcp.high, 0, INT_MAX, "pcp high");
		io_int(io, &ps->pcp.batch, 1, INT_MAX, "pcp batch");
		io_int(io, &ps->stat_threshold, INT_MIN, INT_MAX, "stat_threshold");
	}
}

static void io_node(struct io *io, pg_data_t *pgdat)
{
	unsigned int top = io->m->max_order - 1;
	struct lruvec *lv = &pgdat->lruvec;
	int z;

	io_int(io, &pgdat->kswapd_order, 0, (int)top, "kswapd_order");
	pgdat->kswapd_highest_zoneidx = (enum zone_type)io_enum(io, pgdat->kswapd_highest_zoneidx,
								MAX_NR_ZONES, "kswapd_highest_zoneidx");
	io_int(io, &pgdat->kswapd_failures, 0, INT_MAX, "kswapd_failures");
	pgdat->kswapd_state = (enum kswapd_state)io_enum(io, pgdat->kswapd_state, KSWAPD_NAPPING,
							 "kswapd_state");
	io_ulong(io, &pgdat->kswapd_wakeups, ULONG_MAX, "kswapd_wakeups");
	io_ulong(io, &pgdat->kswapd_nap_until, ULONG_MAX >> 2, "kswapd_nap_until");
	io_int(io, &pgdat->kswapd_alloc_order, 0, (int)top, "kswapd_alloc_order");
	io_int(io, &pgdat->kswapd_reclaim_order, 0, (int)top, "kswapd_reclaim_order");
	io_int(io, &pgdat->kswapd_zoneidx, 0, MAX_NR_ZONES - 1, "kswapd_zoneidx");
	io_ulong(io, &pgdat->kswapd_runs, ULONG_MAX, "kswapd_runs");
	io_balance_log(io, &pgdat->kswapd_log);
	io_int(io, &pgdat->kcompactd_max_order, 0, (int)top, "kcompactd_max_order");
	pgdat->kcompactd_highest_zoneidx = (enum zone_type)io_enum(io,
		pgdat->kcompactd_highest_zoneidx, MAX_NR_ZONES - 1, "kcompactd_highest_zoneidx");
	io_bool(io, &pgdat->kcompactd_woken, "kcompactd_woken");
	io_ulong(io, &pgdat->kcompactd_next_check, ULONG_MAX >> 2, "kcompactd_next_check");
	io_uint(io, &pgdat->kcompactd_proactive_defer, UINT32_MAX, "kcompactd_proactive_defer");
	io_ulong(io, &pgdat->totalreserve_pages, ULONG_MAX, "node totalreserve_pages");
	io_longs(io, pgdat->vm_stat, NR_VM_NODE_STAT_ITEMS, "node counters");
	io_ulong(io, &lv->anon_cost, ULONG_MAX, "anon_cost");
	io_ulong(io, &lv->file_cost, ULONG_MAX, "file_cost");
	io_ulong(io, &lv->nonresident_age, ULONG_MAX, "nonresident_age");
	io_ulong(io, &lv->refaults[0], ULONG_MAX, "refaults");
	io_ulong(io, &lv->refaults[1], ULONG_MAX, "refaults");
	io_ulong(io, &lv->flags, ULONG_MAX, "lruvec flags");
	io_ulong(io, &pgdat->flags, ULONG_MAX, "node flags");
	for (z = 0; z < MAX_NR_ZONES && !io->failed; z++)
		io_zone(io, &pgdat->node_zones[z]);
}

static void io_nodes(struct io *io)
{
	struct section sec;
	int nid;

	enter(io, "NODE", &sec);
	for (nid = 0; nid < io->m->nr_node_ids && !io->failed; nid++)
		io_node(io, io->m->node_data[nid]);
	leave(io, &sec);
}

/* ---- TASK and FILE: the owners and their page tables ----------------------------------- */

/*
 * reserve(): loading n more array entries, within the budget; allocate
 * n (at least one) zeroed entries of `size` bytes in *p. false after an error.
 */
static bool reserve(struct io *io, void *p, size_t n, size_t size, const char *what)
{
	void **slot = p;

	if (!io->loading || io->failed)
		return !io->failed;
	if (n > io->budget)
		return io_fail(io, "%s: %zu entries, more than a machine of this size may hold "
			       "(%lu left of %lu per page and swap slot and %lu of the largest "
			       "files)", what, n, io->budget, ENTRIES_PER_PAGE, LARGEST_FILES);
	io->budget -= n;
	*slot = calloc(n ? n : 1, size);
	if (!*slot)
		return io_fail(io, "out of host memory for %s", what);
	return true;
}

/* A pte: none (0, file ptes only), present (a pfn), or swapped (a slot); maybe young. */
static bool valid_pte(const struct machine *m, pte_t pte, bool anon)
{
	pte_t rest = pte & ~(PTE_PRESENT | PTE_SWAP | PTE_YOUNG | PTE_VALUE);

	if (rest)
		return false;
	if (pte_present(pte))
		return !pte_swapped(pte) && pte_val(pte) < m->max_pfn;
	if (pte_swapped(pte))
		return anon && pte_val(pte) >= 1 && pte_val(pte) < m->swap.nr_slots;
	return !anon && pte == 0;
}

static void check_ptes(struct io *io, const pte_t *ptes, unsigned long n, bool anon,
		       const char *comm)
{
	unsigned long i;

	for (i = 0; i < n && !io->failed; i++)
		if (!valid_pte(io->m, ptes[i], anon))
			io_fail(io, "task %s: %s pte %lu is 0x%llx: no page, slot or flags it may hold",
				comm, anon ? "anonymous" : "file", i, (unsigned long long)ptes[i]);
}

static void io_vma(struct io *io, struct task *t, struct file_vma *vma)
{
	int file = vma->file;

	file = (int)io_signed(io, file, 0, MAX_FILES - 1, "a vma's file");
	if (io->loading)
		vma->file = file;
	io_ulong(io, &vma->pgoff, file_max_pages(io->m), "a vma's pgoff");
	io_ulong(io, &vma->len, file_max_pages(io->m) - vma->pgoff, "a vma's length");
	io_bool(io, &vma->exec, "a vma's exec");
	if (!reserve(io, &vma->pte, vma->len, sizeof(pte_t), "a vma's ptes"))
		return;
	io_words(io, vma->pte, vma->len, sizeof(pte_t), UINT64_MAX, TAGGED, "file ptes");
	if (io->loading) {
		if (!io->failed && !io->m->files[vma->file].used)
			io_fail(io, "task %s maps file slot %d, which is not in use", t->comm, vma->file);
		check_ptes(io, vma->pte, vma->len, false, t->comm);
	}
}

static void io_task(struct io *io, struct task *t)
{
	int v, nr_vmas;

	io_int(io, &t->pid, 0, INT_MAX, "a task's pid");
	io_str(io, t->comm, sizeof(t->comm), "a task's comm");
	io_int(io, &t->oom_score_adj, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX, "oom_score_adj");
	io_bool(io, &t->mlocked, "a task's mlocked");
	io_bool(io, &t->oom_victim, "a task's oom_victim");
	io_ulong(io, &t->anon_len, io->m->max_pfn + io->m->swap.nr_slots, "a task's anonymous pages");
	if (io->loading && !io->failed) {
		t->anon_cap = t->anon_len;
		if (!reserve(io, &t->anon, t->anon_len, sizeof(pte_t), "anonymous ptes"))
			return;
		/* the data each vpage must hold: as many entries again, not counted twice */
		t->anon_want = calloc(t->anon_len ? t->anon_len : 1, sizeof(uint32_t));
		if (!t->anon_want) {
			io_fail(io, "out of host memory for anonymous data");
			return;
		}
	}
	io_words(io, t->anon, t->anon_len, sizeof(pte_t), UINT64_MAX, TAGGED, "anonymous ptes");
	io_words(io, t->anon_want, t->anon_len, sizeof(uint32_t), UINT32_MAX, HASHED,
		 "anonymous data");
	if (io->loading)
		check_ptes(io, t->anon, t->anon_len, true, t->comm);
	nr_vmas = t->nr_vmas;
	io_int(io, &nr_vmas, 0, DEFAULT_MAX_MAP_COUNT, "a task's vmas");
	if (io->loading && !io->failed && nr_vmas) {
		/* t->nr_vmas only once the array is there: task_free() walks it */
		if ((unsigned long)nr_vmas > io->budget) {
			io_fail(io, "task %s: %d vmas, more than a machine of this size may hold",
				t->comm, nr_vmas);
			return;
		}
		io->budget -= (unsigned long)nr_vmas;
		t->vmas = calloc((size_t)nr_vmas, sizeof(*t->vmas));
		if (!t->vmas) {
			io_fail(io, "out of host memory for the vmas");
			return;
		}
		t->nr_vmas = nr_vmas;
	}
	for (v = 0; v < t->nr_vmas && !io->failed; v++)
		io_vma(io, t, &t->vmas[v]);
	io_ulong(io, &t->rss_anon, ULONG_MAX, "rss_anon");
	io_ulong(io, &t->rss_file, ULONG_MAX, "rss_file");
	io_ulong(io, &t->swapents, ULONG_MAX, "swapents");
}

/*
 * The slots in use go in slot order, each with its index: a page's owner
 * handle (page->mapping) names its task or file by slot.
 */
static void io_slot_index(struct io *io, int *slot, int prev, int max, const char *what)
{
	*slot = (int)io_signed(io, *slot, prev + 1, max - 1, what);
}

static void io_tasks(struct io *io)
{
	struct machine *m = io->m;
	struct section sec;
	int i, n = 0, slot = -1, prev = -1;

	enter(io, "TASK", &sec);
	for (i = 0; i < MAX_TASKS; i++)
		n += m->tasks[i].used;
	n = (int)io_signed(io, n, 0, MAX_TASKS, "tasks");
	for (; n > 0 && !io->failed; n--, prev = slot) {
		if (!io->loading)
			for (slot = prev + 1; !m->tasks[slot].used; slot++)
				;
		io_slot_index(io, &slot, prev, MAX_TASKS, "a task slot");
		if (io->failed)
			break;
		m->tasks[slot].used = true;
		io_task(io, &m->tasks[slot]);
	}
	if (io->loading && m->current_task && !m->current_task->used)
		io_fail(io, "the current task is a slot not in use");
	leave(io, &sec);
}

/* A page cache slot: none, a present pfn, or a workingset shadow. */
static bool valid_cache_slot(const struct machine *m, uint64_t s)
{
	if (s & SLOT_PRESENT)
		return !(s & ~(SLOT_PRESENT | PTE_VALUE)) && (s & PTE_VALUE) < m->max_pfn;
	if (s & SLOT_SHADOW)
		return !(s & SHADOW_RESERVED) &&
		       (int)((s >> SHADOW_NODE_SHIFT) & 0xff) < m->nr_node_ids;
	return s == 0;
}

static void check_cache_slots(struct io *io, const uint64_t *slots, unsigned long n,
			      const char *what)
{
	unsigned long i;

	for (i = 0; i < n && !io->failed; i++)
		if (!valid_cache_slot(io->m, slots[i]))
			io_fail(io, "%s %lu is 0x%llx: neither a page in memory nor a shadow", what, i,
				(unsigned long long)slots[i]);
}

static void io_file(struct io *io, struct sim_file *fl)
{
	io_str(io, fl->name, sizeof(fl->name), "a file's name");
	io_ulong(io, &fl->size, file_max_pages(io->m), "a file's size");
	if (io->loading && !io->failed) {
		fl->cap = fl->size;
		if (!reserve(io, &fl->slot, fl->size, sizeof(*fl->slot), "a file's cache slots"))
			return;
		fl->version = calloc(fl->size ? fl->size : 1, sizeof(*fl->version));
		fl->disk_version = calloc(fl->size ? fl->size : 1, sizeof(*fl->disk_version));
		if (!fl->version || !fl->disk_version) {
			io_fail(io, "out of host memory for the file %s", fl->name);
			return;
		}
	}
	io_words(io, fl->slot, fl->size, sizeof(*fl->slot), UINT64_MAX, TAGGED, "cache slots");
	io_words(io, fl->version, fl->size, sizeof(*fl->version), UINT32_MAX, PLAIN, "versions");
	io_words(io, fl->disk_version, fl->size, sizeof(*fl->disk_version), UINT32_MAX, PLAIN,
		 "disk versions");
	if (io->loading)
		check_cache_slots(io, fl->slot, fl->size, "a cache slot");
	io_ulong(io, &fl->nrpages, fl->size, "nrpages");
	io_ulong(io, &fl->nr_dirty, fl->size, "nr_dirty");
	io_ulong(io, &fl->dirtied_when, ULONG_MAX, "dirtied_when");
}

static void io_files(struct io *io)
{
	struct machine *m = io->m;
	struct section sec;
	int i, n = 0, slot = -1, prev = -1;

	enter(io, "FILE", &sec);
	for (i = 0; i < MAX_FILES; i++)
		n += m->files[i].used;
	n = (int)io_signed(io, n, 0, MAX_FILES, "files");
	for (; n > 0 && !io->failed; n--, prev = slot) {
		if (!io->loading)
			for (slot = prev + 1; !m->files[slot].used; slot++)
				;
		io_slot_index(io, &slot, prev, MAX_FILES, "a file slot");
		if (io->failed)
			break;
		m->files[slot].used = true;
		io_file(io, &m->files[slot]);
	}
	leave(io, &sec);
}

/* ---- SWAP, DISK, PVEC ------------------------------------------------------------------- */

static void io_swap(struct io *io)
{
	struct machine *m = io->m;
	struct swap_device *s = &m->swap;
	struct section sec;
	unsigned long slot;

	enter(io, "SWAP", &sec);
	io_words(io, s->map, s->nr_slots, 1, UINT8_MAX, PLAIN, "the swap map");
	io_contents(io, &s->data, s->nr_slots, "the swap data");
	io_words(io, s->cache, s->nr_slots, sizeof(*s->cache), UINT64_MAX, TAGGED, "the swap cache");
	if (io->loading)
		check_cache_slots(io, s->cache, s->nr_slots, "swap cache slot");
	for (slot = 1; io->loading && slot < s->nr_slots && !io->failed; slot++) {
		uint8_t map = s->map[slot];

		if (map & ~(SWAP_HAS_CACHE | SWAP_MAP_MAX))
			io_fail(io, "swap slot %lu's map is 0x%x", slot, map);
	}
	io_ulong(io, &s->inuse, s->pages, "swap slots in use");
	io_ulong(io, &s->cluster_next, s->nr_slots, "cluster_next");
	io_ulong(io, &s->cache_pages, s->pages, "swap cache pages");
	io_ulong(io, &s->add_total, ULONG_MAX, "swap cache add_total");
	io_ulong(io, &s->del_total, ULONG_MAX, "swap cache del_total");
	io_ulong(io, &s->find_success, ULONG_MAX, "swap cache find_success");
	io_ulong(io, &s->find_total, ULONG_MAX, "swap cache find_total");
	leave(io, &sec);
}

static void io_disk(struct io *io)
{
	struct machine *m = io->m;
	struct disk *d = &m->disk;
	struct section sec;
	unsigned long i;

	enter(io, "DISK", &sec);
	io_ulong(io, &d->n, m->max_pfn, "requests in flight");
	if (io->loading && !io->failed && d->n) {
		d->q = calloc(d->n, sizeof(*d->q));
		if (!d->q)
			io_fail(io, "out of host memory for the disk queue");
		d->cap = d->n;
	}
	for (i = 0; i < d->n && !io->failed; i++) {
		struct io_request *r = &d->q[i];

		io_u32(io, &r->pfn, "a request's pfn");
		if (r->pfn >= m->max_pfn)
			io_fail(io, "request %lu writes pfn 0x%x, outside memory", i, r->pfn);
		r->kind = (enum io_kind)io_enum(io, r->kind, IO_WRITE_SWAP, "a request's kind");
		io_u32(io, &r->data, "a request's data");
		io_ulong(io, &r->done_at, ULONG_MAX >> 2, "a request's done_at");
	}
	io_ulong(io, &d->latency, DISK_MAX_LATENCY, "the disk latency");
	if (d->latency < 1)
		io_fail(io, "the disk latency is 0 jiffies");
	io_ulong(io, &d->written, ULONG_MAX, "pages written");
	leave(io, &sec);
}

static void io_pagevecs(struct io *io)
{
	struct machine *m = io->m;
	struct section sec;
	int cpu, v;
	unsigned int i;

	enter(io, "PVEC", &sec);
	for (cpu = 0; cpu < m->nr_cpus && !io->failed; cpu++) {
		struct lru_pvecs *p = &m->pvecs[cpu];
		struct pagevec *vecs[NR_LRU_PVECS] = LRU_PVECS_OF(p);

		for (v = 0; v < NR_LRU_PVECS; v++) {
			io_uint(io, &vecs[v]->nr, PAGEVEC_SIZE - 1, "a pagevec's size");
			/* only the first nr entries: the rest are what earlier batches left */
			for (i = 0; i < vecs[v]->nr && !io->failed; i++) {
				io_u32(io, &vecs[v]->pages[i], "a pagevec's page");
				if (vecs[v]->pages[i] >= m->max_pfn)
					io_fail(io, "cpu %d's pagevec holds pfn 0x%x, outside memory", cpu,
						vecs[v]->pages[i]);
			}
		}
	}
	leave(io, &sec);
}

/* ---- PAGE: the memory map --------------------------------------------------------------- */

/*
 * Every entry of mem_map, pages and list heads, as runs of entries of
 * equal codes: a run length, then the codes of flags, next, prev,
 * private, index, mapping, _mapcount and _refcount. A code says how an
 * entry differs from the one before it (from a zeroed one, for entry 0):
 * flags and mapping XOR the previous, index is the difference; a link is
 * relative to the entry's own id (0 for LIST_POISON, else
 * zigzag(link - id) + 1). So the tail pages of a free block, neighbours
 * linked to neighbours and a task's pages at consecutive vpages form
 * runs: a booted machine's memory map takes a few bytes per free block.
 */
#define PAGE_FIELDS 8

static uint64_t link_code(uint32_t link, uint64_t id)
{
	return link == LIST_POISON ? 0 : zigzag((int64_t)link - (int64_t)id) + 1;
}

static void page_code(const struct page *page, const struct page *prev, uint64_t id,
		      uint64_t *c)
{
	c[0] = page->flags ^ prev->flags;
	c[1] = link_code(page->lru.next, id);
	c[2] = link_code(page->lru.prev, id);
	c[3] = page->private;
	c[4] = zigzag((int64_t)page->index - (int64_t)prev->index);
	c[5] = page->mapping ^ prev->mapping;
	c[6] = zigzag(page->_mapcount);
	c[7] = zigzag(page->_refcount);
}

static void save_mem_map(struct io *io)
{
	const struct machine *m = io->m;
	uint64_t n = m->max_pfn + m->nr_list_heads, id, run = 0;
	uint64_t cur[PAGE_FIELDS], next[PAGE_FIELDS];
	struct page zero = { 0 };
	const struct page *prev = &zero;
	int k;

	for (id = 0; id < n && !io->failed; prev = &m->mem_map[id], id++) {
		page_code(&m->mem_map[id], prev, id, next);
		if (run && memcmp(cur, next, sizeof(cur)) == 0) {
			run++;
			continue;
		}
		if (run) {
			put_uv(io, run);
			for (k = 0; k < PAGE_FIELDS; k++)
				put_uv(io, cur[k]);
		}
		memcpy(cur, next, sizeof(cur));
		run = 1;
	}
	if (run) {
		put_uv(io, run);
		for (k = 0; k < PAGE_FIELDS; k++)
			put_uv(io, cur[k]);
	}
}

/* A link of entry id back from its code; false (after an error) when it leads nowhere. */
static bool link_decode(struct io *io, uint64_t code, uint64_t id, uint64_t n, uint32_t *link,
			const char *which)
{
	int64_t to;

	if (code == 0) {
		*link = LIST_POISON;
		return true;
	}
	if (code - 1 > zigzag(INT64_C(1) << 33))
		return io_fail(io, "entry 0x%llx: its %s link is out of range", (unsigned long long)id,
			       which);
	to = (int64_t)id + unzigzag(code - 1);
	if (to < 0 || (uint64_t)to >= n)
		return io_fail(io, "entry 0x%llx: its %s link 0x%llx is outside the memory map "
			       "(%llu entries)", (unsigned long long)id, which, (long long)to,
			       (unsigned long long)n);
	*link = (uint32_t)to;
	return true;
}

/*
 * What a page descriptor may hold, whatever list it is on; the lists and
 * the invariant checker verify the rest. Zone and node are fixed by the
 * shape; the owner handle names a task or file slot in range (a file
 * page, the file's page at an offset it has); a swap cache page names a
 * slot of the device.
 */
static bool valid_page(struct io *io, uint64_t pfn, const struct page *page,
		       const struct page *booted)
{
	const struct machine *m = io->m;
	uint32_t mapping = page->mapping;

	if (page_zone_id(page) != page_zone_id(booted))
		return io_fail(io, "pfn 0x%llx: its flags say node %u zone %u, the shape node %u zone %u",
			       (unsigned long long)pfn, page_to_nid(page), page_zonenum(page),
			       page_to_nid(booted), page_zonenum(booted));
	if ((page->flags & PAGEFLAGS_MASK) >> NR_PAGEFLAGS)
		return io_fail(io, "pfn 0x%llx: flags 0x%x has bits of no page flag",
			       (unsigned long long)pfn, page->flags);
	if ((page->lru.next == LIST_POISON) != (page->lru.prev == LIST_POISON))
		return io_fail(io, "pfn 0x%llx is half on a list", (unsigned long long)pfn);
	/* _mapcount: -1 or more, or the page type of a free block's head (PageBuddy) */
	if (page->_mapcount < -1 && page->page_type != (uint32_t)~PG_buddy)
		return io_fail(io, "pfn 0x%llx: _mapcount %d is neither a count nor PageBuddy",
			       (unsigned long long)pfn, page->_mapcount);
	if (page->_refcount < 0)
		return io_fail(io, "pfn 0x%llx has _refcount %d", (unsigned long long)pfn,
			       page->_refcount);
	if (mapping & PAGE_MAPPING_ANON) {
		if ((mapping >> 1) >= MAX_TASKS)
			return io_fail(io, "pfn 0x%llx belongs to task slot %u (at most %d)",
				       (unsigned long long)pfn, mapping >> 1, MAX_TASKS - 1);
	} else if (mapping) {
		int f = file_owner(page);

		if (f >= MAX_FILES || !m->files[f].used || page->index >= m->files[f].size)
			return io_fail(io, "pfn 0x%llx is page %u of file slot %d, which has no such page",
				       (unsigned long long)pfn, page->index, f);
	}
	if (PageSwapCache(page) && (page->private < 1 || page->private - 1 >= m->swap.nr_slots))
		return io_fail(io, "pfn 0x%llx is in the swap cache for slot %lld, not a slot of "
			       "the device", (unsigned long long)pfn, (long long)page->private - 1);
	return true;
}

/* A list head's entry: only its links change after boot. */
static bool valid_head(struct io *io, uint64_t id, const struct page *page,
		       const struct page *booted)
{
	struct page a = *page, b = *booted;

	a.lru = b.lru;
	if (memcmp(&a, &b, sizeof(a)) != 0)
		return io_fail(io, "list head 0x%llx holds more than its links", (unsigned long long)id);
	if (page->lru.next == LIST_POISON || page->lru.prev == LIST_POISON)
		return io_fail(io, "list head 0x%llx is not linked", (unsigned long long)id);
	return true;
}

static void load_mem_map(struct io *io)
{
	struct machine *m = io->m;
	uint64_t n = m->max_pfn + m->nr_list_heads, id = 0;
	struct page page;

	memset(&page, 0, sizeof(page));   /* the entry before entry 0 */
	while (id < n && !io->failed) {
		uint64_t run = get_uv(io), c[PAGE_FIELDS], i;
		int64_t dindex;
		int k;

		for (k = 0; k < PAGE_FIELDS; k++)
			c[k] = get_uv(io);
		if (io->failed)
			return;
		if (run == 0 || run > n - id) {
			io_fail(io, "a run of %llu entries at entry 0x%llx (the map has %llu)",
				(unsigned long long)run, (unsigned long long)id, (unsigned long long)n);
			return;
		}
		dindex = unzigzag(c[4]);
		if (c[0] > UINT32_MAX || c[3] > UINT32_MAX || c[5] > UINT32_MAX ||
		    dindex <= -(INT64_C(1) << 32) || dindex >= INT64_C(1) << 32 ||
		    unzigzag(c[6]) < INT32_MIN || unzigzag(c[6]) > INT32_MAX ||
		    unzigzag(c[7]) < INT32_MIN || unzigzag(c[7]) > INT32_MAX) {
			io_fail(io, "entry 0x%llx: a field does not fit in 32 bits", (unsigned long long)id);
			return;
		}
		page.private = (uint32_t)c[3];
		page._mapcount = (int32_t)unzigzag(c[6]);
		page._refcount = (int32_t)unzigzag(c[7]);
		for (i = 0; i < run; i++, id++) {
			struct page *to = &m->mem_map[id];
			int64_t index = (int64_t)page.index + dindex;

			if (index < 0 || index > UINT32_MAX) {
				io_fail(io, "entry 0x%llx: its index is out of range", (unsigned long long)id);
				return;
			}
			page.flags ^= (uint32_t)c[0];
			page.index = (uint32_t)index;
			page.mapping ^= (uint32_t)c[5];
			if (!link_decode(io, c[1], id, n, &page.lru.next, "next") ||
			    !link_decode(io, c[2], id, n, &page.lru.prev, "prev"))
				return;
			if (id < m->max_pfn ? !valid_page(io, id, &page, to) : !valid_head(io, id, &page, to))
				return;
			*to = page;
		}
	}
}

static void io_mem_map(struct io *io)
{
	struct section sec;

	enter(io, "PAGE", &sec);
	if (io->loading)
		load_mem_map(io);
	else
		save_mem_map(io);
	leave(io, &sec);
}

/* ---- PGBL, BM24, HELD, DATA: arrays indexed by pfn ------------------------------------------ */

static void io_pfn_arrays(struct io *io)
{
	struct machine *m = io->m;
	unsigned long blocks = (m->max_pfn >> m->pageblock_order) + 1, b;
	struct section sec;
	unsigned int o;

	enter(io, "PGBL", &sec);
	io_words(io, m->pageblock_flags, blocks, 1, PB_MIGRATETYPE_MASK | PB_MIGRATE_SKIP, PLAIN,
		 "pageblock flags");
	for (b = 0; io->loading && b < blocks && !io->failed; b++)
		if ((m->pageblock_flags[b] & PB_MIGRATETYPE_MASK) >= MIGRATE_TYPES)
			io_fail(io, "pageblock %lu has migratetype %d", b,
				m->pageblock_flags[b] & PB_MIGRATETYPE_MASK);
	leave(io, &sec);

	enter(io, "BM24", &sec);
	for (o = 0; o < m->max_order && !io->failed; o++) {
		unsigned long bits = bitmap24_bits(m, o), words = (bits + 63) / 64;

		io_words(io, m->bitmap24[o], words, sizeof(uint64_t), UINT64_MAX, PLAIN,
			 "the 2.4 bitmap");
		if (io->loading && bits % 64 && m->bitmap24[o][words - 1] >> (bits % 64))
			io_fail(io, "order %u has bits past its last buddy pair", o);
	}
	leave(io, &sec);

	enter(io, "HELD", &sec);
	{
		unsigned long words = (m->max_pfn + 63) / 64;

		io_words(io, m->alloc_heads, words, sizeof(uint64_t), UINT64_MAX, PLAIN, "held heads");
		if (io->loading && m->max_pfn % 64 && m->alloc_heads[words - 1] >> (m->max_pfn % 64))
			io_fail(io, "a held head past the last pfn");
	}
	leave(io, &sec);

	enter(io, "DATA", &sec);
	io_contents(io, &m->contents, m->max_pfn, "content words");
	leave(io, &sec);
}

/* ---- SMPL: the history `plot` draws --------------------------------------------------------- */

static void io_samples(struct io *io)
{
	struct machine *m = io->m;
	unsigned int count = samples_count(m), stride = samples_stride(m), i;
	unsigned long taken = samples_taken(m);
	struct section sec;
	uint32_t *words = NULL;

	enter(io, "SMPL", &sec);
	io_uint(io, &count, SAMPLE_RING_SIZE, "samples");
	io_ulong(io, &taken, ULONG_MAX, "samples taken");
	io_count(io, stride, "words per sample");
	if (io->loading && !io->failed) {
		words = calloc((size_t)count * stride + 1, sizeof(*words));
		if (!words)
			io_fail(io, "out of host memory for the samples");
	}
	for (i = 0; i < count && !io->failed; i++)
		io_words(io, io->loading ? words + (size_t)i * stride : (void *)sample_words(m, i),
			 stride, sizeof(uint32_t), UINT32_MAX, PLAIN, "a sample");
	if (io->loading && !io->failed && samples_restore(m, words, count, taken) < 0)
		io_fail(io, "%u samples of which %lu taken do not fit the history", count, taken);
	free(words);
	leave(io, &sec);
}

/* ---- the whole walk --------------------------------------------------------------------- */

/*
 * The sections after the shape. FILE comes before TASK, and both before
 * PAGE, so that a vma's file and a page's owner handle can be checked
 * against the slots in use.
 */
static void io_state(struct io *io)
{
	io_machine(io);
	io_nodes(io);
	io_files(io);
	io_tasks(io);
	io_swap(io);
	io_disk(io);
	io_pagevecs(io);
	io_mem_map(io);
	io_pfn_arrays(io);
	io_samples(io);
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * FNV_PRIME;
	return h;
}

int machine_save(const struct machine *m, uint8_t **buf, size_t *len, struct mm_error *err)
{
	/* saving only reads the machine: the walk's stores happen when loading */
	struct io io = { .m = (struct machine *)m, .err = err };
	struct machine_shape shape = m->shape;
	size_t vlen = strlen(PACKAGE_VERSION);

	put_bytes(&io, MMSH_STATE_MAGIC, MMSH_STATE_MAGIC_LEN);
	put_le(&io, MMSH_STATE_VERSION, 4);
	put_le(&io, 0, 8);   /* the length, known at the end */
	put_uv(&io, vlen);
	put_bytes(&io, PACKAGE_VERSION, vlen);
	io_shape(&io, &shape, STATE_PFN_LIMIT);
	io_state(&io);
	if (!io.failed) {
		uint64_t total = io.len + CHECKSUM_LEN;
		unsigned int i;

		for (i = 0; i < 8; i++)
			io.buf[MMSH_STATE_MAGIC_LEN + 4 + i] = (uint8_t)(total >> (8 * i));
		put_le(&io, fnv1a(io.buf, io.len), CHECKSUM_LEN);
	}
	if (io.failed) {
		free(io.buf);
		return -1;
	}
	*buf = io.buf;
	*len = io.len;
	return 0;
}

/* ---- loading ---------------------------------------------------------------------------- */

/*
 * The version of mmsh that saved the file (right after the fixed header
 * in every format version), for the messages; io->p is left after it.
 * Returns its length as the file gives it.
 */
static uint64_t read_version(struct io *io, const uint8_t *b, size_t len)
{
	const uint8_t *p = b + MMSH_STATE_HEADER_LEN, *end = b + len;
	uint64_t vlen = 0;
	unsigned int shift = 0;
	size_t i;

	strcpy(io->version, "(unknown)");
	while (p < end && shift < 63) {
		vlen |= (uint64_t)(*p & 0x7f) << shift;
		shift += 7;
		if (!(*p++ & 0x80))
			break;
	}
	io->p = p;
	if (vlen > VERSION_MAX || vlen > (uint64_t)(end - p))
		return vlen;
	for (i = 0; i < vlen; i++)
		io->version[i] = p[i] >= ' ' && p[i] < 0x7f ? (char)p[i] : '?';
	io->version[vlen] = '\0';
	io->p = p + vlen;
	return vlen;
}

/* The header and the checksum: is this a whole state file of this format? */
static int check_file(struct io *io, const uint8_t *b, size_t len)
{
	uint64_t version, total, sum, want;
	uint64_t vlen;

	if (len == 0)
		return mm_error_set(io->err, "the file is empty: not an mmsh state file");
	if (memcmp(b, MMSH_STATE_MAGIC, len < MMSH_STATE_MAGIC_LEN ? len : MMSH_STATE_MAGIC_LEN))
		return mm_error_set(io->err, "not an mmsh state file (it does not begin with "
				    "MMSH-STATE)");
	if (len < MMSH_STATE_HEADER_LEN)
		return mm_error_set(io->err, "truncated: the header needs %d bytes, the file has %zu",
				    MMSH_STATE_HEADER_LEN, len);
	version = get_le(b + MMSH_STATE_MAGIC_LEN, 4);
	total = get_le(b + MMSH_STATE_MAGIC_LEN + 4, 8);
	vlen = read_version(io, b, len);
	if (version != MMSH_STATE_VERSION)
		return mm_error_set(io->err, "format version %llu (saved by mmsh %s); this mmsh (%s) "
				    "reads format version %d", (unsigned long long)version,
				    io->version, PACKAGE_VERSION, MMSH_STATE_VERSION);
	if (len < total)
		return mm_error_set(io->err, "truncated: the file has %zu bytes, its header says %llu",
				    len, (unsigned long long)total);
	if (len > total)
		return mm_error_set(io->err, "the file has %zu bytes, its header says %llu: something "
				    "follows the saved state", len, (unsigned long long)total);
	if (len < MMSH_STATE_HEADER_LEN + CHECKSUM_LEN + 1)
		return mm_error_set(io->err, "truncated: no room for the sections and the checksum");
	sum = get_le(b + len - CHECKSUM_LEN, CHECKSUM_LEN);
	want = fnv1a(b, len - CHECKSUM_LEN);
	if (sum != want)
		return mm_error_set(io->err, "checksum mismatch: the file is corrupted (it says %016llx, "
				    "its bytes give %016llx)", (unsigned long long)sum,
				    (unsigned long long)want);
	if (vlen > VERSION_MAX)
		return mm_error_set(io->err, "the mmsh version in the header is %llu bytes long",
				    (unsigned long long)vlen);
	io->end = b + len - CHECKSUM_LEN;
	return 0;
}

/*
 * Every list from its head: each entry's prev link leads back to the
 * entry before it, every entry is a page (a head inside a list would
 * join two lists), and no page is on two lists or twice on one, so every
 * walk ends within the memory's size. Pages on no list may hold stale
 * links, as in the kernel (the upper half of a merged block keeps the
 * links it had); nothing follows them. The scratch list's head is stale
 * between uses the same way (free_pcppages_bulk() sets it up each time)
 * and is skipped.
 *
 * Each list's pages must then be what the engine takes them for, in the
 * fields check_machine() does not look at: free, per-CPU and held pages
 * carry no owner, and free and per-CPU pages no page flag
 * (free_pages_prepare() cleared them); a per-CPU page's migratetype
 * (page->index) and a held block's (page->private) index the free lists;
 * a held block is marked held and only held blocks are; a page with PG_lru
 * is on an LRU list (reclaim and compaction take such a page off its
 * list); and only pages on the LRU lists or in pagevecs are mapped (the
 * checker counts their ptes), free block heads aside, whose _mapcount
 * holds the PageBuddy type. O(pages), a byte per page.
 */
enum list_role { ON_NO_LIST, ON_FREE, ON_PCP, ON_HELD, ON_LRU, ON_LOCAL, IN_PAGEVEC };

static void set_role(const struct machine *m, uint8_t *role, uint32_t head, uint8_t r)
{
	role[head - m->max_pfn] = r;
}

/* What the list of each head holds: a byte per head. */
static uint8_t *head_roles(const struct machine *m)
{
	uint8_t *role = calloc(m->nr_list_heads, 1);
	int nid, z, t, cpu, i;
	unsigned int o;

	if (!role)
		return NULL;
	memset(role, ON_LOCAL, m->nr_list_heads);
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		for (t = 0; t < NR_LRU_LISTS; t++)
			set_role(m, role, pgdat->lruvec.lists[t], ON_LRU);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			for (o = 0; o < m->max_order; o++)
				for (t = 0; t < MIGRATE_TYPES; t++)
					set_role(m, role, zone->free_area[o].free_list[t], ON_FREE);
			for (cpu = 0; cpu < m->nr_cpus; cpu++)
				for (t = 0; t < MIGRATE_PCPTYPES; t++)
					set_role(m, role, zone->pageset[cpu].pcp.lists[t], ON_PCP);
		}
	}
	set_role(m, role, m->alloc_list, ON_HELD);
	set_role(m, role, m->scratch_list, ON_NO_LIST);
	for (i = 0; i < NR_LOCAL_LISTS; i++)
		set_role(m, role, m->local_lists[i], ON_LOCAL);
	return role;
}

/* A page found on a list of this role: the fields the engine relies on. */
static bool valid_listed_page(struct io *io, uint32_t pfn, uint8_t role)
{
	const struct machine *m = io->m;
	const struct page *page = &m->mem_map[pfn];

	if ((role == ON_FREE || role == ON_PCP || role == ON_HELD) && page->mapping)
		return io_fail(io, "%s pfn 0x%x has an owner (mapping 0x%x)",
			       role == ON_HELD ? "held" : "free", pfn, page->mapping);
	if ((role == ON_FREE || role == ON_PCP) && (page->flags & PAGEFLAGS_MASK))
		return io_fail(io, "free pfn 0x%x has page flags 0x%x", pfn,
			       page->flags & PAGEFLAGS_MASK);
	if (role == ON_PCP && page->index >= MIGRATE_TYPES)
		return io_fail(io, "pcp page 0x%x has migratetype %u", pfn, page->index);
	if (role == ON_HELD && !mmsh_is_held_head(m, pfn))
		return io_fail(io, "held block 0x%x is not marked held", pfn);
	if (role == ON_HELD && mmsh_alloc_migratetype(page) >= MIGRATE_TYPES)
		return io_fail(io, "held block 0x%x has migratetype %d", pfn,
			       mmsh_alloc_migratetype(page));
	return true;
}

static void walk_list(struct io *io, uint32_t head, uint8_t role, uint8_t *roles)
{
	const struct machine *m = io->m;
	const struct page *map = m->mem_map;
	uint32_t prev = head, id;

	for (id = map[head].lru.next; id != head && !io->failed; prev = id, id = map[id].lru.next) {
		if (id >= m->max_pfn) {
			io_fail(io, "the list of head 0x%x leads to another head, 0x%x", head, id);
			return;
		}
		if (roles[id] != ON_NO_LIST) {
			io_fail(io, "pfn 0x%x is on two lists, or twice on one", id);
			return;
		}
		if (map[id].lru.prev != prev) {
			io_fail(io, "the list of head 0x%x: 0x%x links to 0x%x, whose prev link is 0x%x",
				head, prev, id, map[id].lru.prev);
			return;
		}
		roles[id] = role;
		if (!valid_listed_page(io, id, role))
			return;
	}
	if (!io->failed && map[head].lru.prev != prev)
		io_fail(io, "the list of head 0x%x: its prev link is 0x%x, its last page 0x%x",
			head, map[head].lru.prev, prev);
}

/* Pages waiting in pagevecs (io_pagevecs() checked they are pages): owned, maybe mapped. */
static void mark_pagevecs(const struct machine *m, uint8_t *roles)
{
	int cpu, v;
	unsigned int i;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		const struct lru_pvecs *p = &m->pvecs[cpu];
		const struct pagevec *vecs[NR_LRU_PVECS] = LRU_PVECS_OF(p);

		for (v = 0; v < NR_LRU_PVECS; v++)
			for (i = 0; i < vecs[v]->nr; i++)
				if (roles[vecs[v]->pages[i]] == ON_NO_LIST)
					roles[vecs[v]->pages[i]] = IN_PAGEVEC;
	}
}

static int check_lists(struct io *io)
{
	struct machine *m = io->m;
	uint32_t n = (uint32_t)(m->max_pfn + m->nr_list_heads), h, pfn;
	uint8_t *roles = calloc(m->max_pfn, 1), *heads = head_roles(m);
	unsigned long held = 0, bits = 0, w;

	io->section = NULL;
	if (!roles || !heads) {
		free(roles);
		free(heads);
		io_fail(io, "out of host memory to check the lists");
		return -1;
	}
	for (h = (uint32_t)m->max_pfn; h < n && !io->failed; h++)
		if (heads[h - m->max_pfn] != ON_NO_LIST)
			walk_list(io, h, heads[h - m->max_pfn], roles);
	mark_pagevecs(m, roles);
	for (pfn = 0; pfn < m->max_pfn && !io->failed; pfn++) {
		const struct page *page = &m->mem_map[pfn];

		if (PageLRU(page) && roles[pfn] != ON_LRU)
			io_fail(io, "pfn 0x%x has PG_lru but is on no LRU list", pfn);
		else if (page->_mapcount != -1 && roles[pfn] != ON_LRU && roles[pfn] != IN_PAGEVEC &&
			 !(roles[pfn] == ON_FREE && PageBuddy(page)))
			io_fail(io, "pfn 0x%x has _mapcount %d but no owner that maps it", pfn,
				page->_mapcount);
		held += roles[pfn] == ON_HELD;
	}
	for (w = 0; w < (m->max_pfn + 63) / 64; w++)
		bits += (unsigned long)__builtin_popcountll(m->alloc_heads[w]);
	if (!io->failed && bits != held)
		io_fail(io, "%lu pages are marked held, %lu blocks are on the allocation list", bits,
			held);
	free(roles);
	free(heads);
	return io->failed ? -1 : 0;
}

/* The invariant checker on the new machine: the first violation refuses the file. */
static int check_invariants(struct io *io)
{
	struct check_result res;
	struct strbuf sb = STRBUF_INIT;
	unsigned long bad = check_machine(io->m, &res, &sb, 1);

	if (bad) {
		const char *first = sb_str(&sb);
		size_t n = strcspn(first, "\n");

		if (strncmp(first, "check: ", 7) == 0) {
			first += 7;
			n -= 7;
		}
		mm_error_set(io->err, "the saved machine is inconsistent (%lu violation%s): %.*s", bad,
			     bad == 1 ? "" : "s", (int)n, first);
	}
	sb_free(&sb);
	return bad ? -1 : 0;
}

struct machine *machine_load(const void *buf, size_t len, unsigned long max_pages,
			     struct mm_error *err)
{
	struct io io = { .loading = true, .err = err };
	struct machine_shape shape;
	struct mm_error boot;

	if (!max_pages || max_pages > STATE_PFN_LIMIT)
		max_pages = max_pages ? STATE_PFN_LIMIT : MMSH_STATE_MAX_PAGES;
	if (check_file(&io, buf, len) < 0)
		return NULL;
	machine_shape_init(&shape);
	io_shape(&io, &shape, max_pages);
	if (io.failed)
		return NULL;
	if (machine_shape_check(&shape, &boot) < 0) {
		mm_error_set(err, "section SHAP: the saved shape is not one mmsh boots: %s", boot.msg);
		return NULL;
	}
	io.m = machine_create(&shape, &boot);
	if (!io.m) {
		mm_error_set(err, "cannot build the saved machine: %s", boot.msg);
		return NULL;
	}
	io.budget = ENTRIES_PER_PAGE * (io.m->max_pfn + io.m->swap.nr_slots) +
		    LARGEST_FILES * file_max_pages(io.m);
	io_state(&io);
	if (!io.failed && io.p != io.end)
		io_fail(&io, "%zu bytes follow the last section", (size_t)(io.end - io.p));
	if (io.failed || check_lists(&io) < 0 ||
	    check_invariants(&io) < 0) {
		machine_destroy(io.m);
		return NULL;
	}
	io.m->check_all_dirty = true;   /* nothing is known to the quick check */
	return io.m;
}
