/*
 * tests/fuzz/sandbox.c: where the fuzzed shell runs. The harnesses link a
 * copy of the shell library whose calls to fopen, open, opendir, access,
 * stat, mkdir, rename, unlink, remove and machine_create were renamed (objcopy
 * --redefine-sym, see Makefile.am) to the fuzz_sandbox_* functions below:
 *
 *   - a relative name (record demo.mmsh, save svg a.svg, source x) is
 *     looked up in the run's directory /tmp/mmsh-fuzz-XXXXXX, emptied
 *     after every input; a name with a ".." component is refused;
 *   - an absolute name is refused unless it is in that directory, is
 *     /dev/null, or is read from the lesson directories or the /proc files
 *     of `--preset host` (so `source /dev/stdin` cannot block, and
 *     `record /some/file` cannot replace a file of the host);
 *   - $HOME and $XDG_STATE_HOME point into the directory (lesson progress);
 *   - machine_create refuses machines above FUZZ_MAX_PAGES pages or swap
 *     slots, with an ordinary boot error.
 *
 * The engine and libFuzzer keep the real functions: the renaming touches
 * the shell's objects only.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdtab.h"
#include "fuzz.h"
#include "mmsh/check.h"
#include "options.h"
#include "timeline.h"

/* The shell's file calls, renamed to these (see the comment above). */
FILE *fuzz_sandbox_fopen(const char *path, const char *mode);
int fuzz_sandbox_open(const char *path, int flags, ...);
DIR *fuzz_sandbox_opendir(const char *path);
int fuzz_sandbox_access(const char *path, int how);
int fuzz_sandbox_stat(const char *path, struct stat *st);
int fuzz_sandbox_mkdir(const char *path, mode_t mode);
int fuzz_sandbox_rename(const char *from, const char *to);
int fuzz_sandbox_unlink(const char *path);
int fuzz_sandbox_remove(const char *path);
struct machine *fuzz_sandbox_machine_create(const struct machine_shape *s, struct mm_error *err);

static char sandbox[64];

/* Directories the shell may read from besides the sandbox. */
static const char *const readable[] = {
	MMSH_SRC_LESSONDIR "/", MMSH_LESSONDIR "/", "/proc/zoneinfo", "/proc/sys/vm/",
};

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

void fuzz_sandbox_clean(void)
{
	if (sandbox[0])
		nftw(sandbox, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void sandbox_remove_all(void)
{
	fuzz_sandbox_clean();
	if (sandbox[0])
		rmdir(sandbox);
}

const char *fuzz_sandbox_dir(void)
{
	char state[sizeof(sandbox) + 16];

	if (sandbox[0])
		return sandbox;
	snprintf(sandbox, sizeof(sandbox), "/tmp/mmsh-fuzz-XXXXXX");
	if (!mkdtemp(sandbox)) {
		perror("fuzz: mkdtemp /tmp/mmsh-fuzz-XXXXXX");
		abort();
	}
	atexit(sandbox_remove_all);
	snprintf(state, sizeof(state), "%s/state", sandbox);
	setenv("HOME", sandbox, 1);
	setenv("XDG_STATE_HOME", state, 1);
	setenv("XDG_CONFIG_HOME", sandbox, 1);
	setenv("SOURCE_DATE_EPOCH", "0", 1);   /* record's header: the same every run */
	unsetenv("MMSH_LESSONS");
	unsetenv("MMSH_HOST_PROC");
	unsetenv("NO_COLOR");
	return sandbox;
}

static bool has_dotdot(const char *path)
{
	const char *p = path;

	while ((p = strstr(p, "..")) != NULL) {
		if ((p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return true;
		p += 2;
	}
	return false;
}

static bool under(const char *path, const char *dir)
{
	return strncmp(path, dir, strlen(dir)) == 0;
}

/*
 * The name the shell may use for path, into buf: 0, or -1 with errno set
 * (EACCES for a name outside the sandbox).
 */
static int sandbox_path(const char *path, bool writing, char *buf, size_t len)
{
	const char *dir = fuzz_sandbox_dir();
	size_t i;

	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	if (strcmp(path, "/dev/null") == 0) {
		snprintf(buf, len, "%s", path);
		return 0;
	}
	if (has_dotdot(path)) {
		errno = EACCES;
		return -1;
	}
	if (path[0] != '/') {
		if ((size_t)snprintf(buf, len, "%s/%s", dir, path) >= len) {
			errno = ENAMETOOLONG;
			return -1;
		}
		return 0;
	}
	if ((size_t)snprintf(buf, len, "%s", path) >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (under(path, dir) && path[strlen(dir)] == '/')
		return 0;
	for (i = 0; !writing && i < sizeof(readable) / sizeof(readable[0]); i++)
		if (under(path, readable[i]))
			return 0;
	errno = EACCES;
	return -1;
}

FILE *fuzz_sandbox_fopen(const char *path, const char *mode)
{
	char p[PATH_MAX];

	if (sandbox_path(path, strpbrk(mode, "wa+") != NULL, p, sizeof(p)) < 0)
		return NULL;
	return fopen(p, mode);
}

int fuzz_sandbox_open(const char *path, int flags, ...)
{
	char p[PATH_MAX];
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (sandbox_path(path, (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0, p,
			 sizeof(p)) < 0)
		return -1;
	return open(p, flags, mode);
}

DIR *fuzz_sandbox_opendir(const char *path)
{
	char p[PATH_MAX];

	return sandbox_path(path, false, p, sizeof(p)) < 0 ? NULL : opendir(p);
}

int fuzz_sandbox_access(const char *path, int how)
{
	char p[PATH_MAX];

	return sandbox_path(path, (how & W_OK) != 0, p, sizeof(p)) < 0 ? -1 : access(p, how);
}

int fuzz_sandbox_stat(const char *path, struct stat *st)
{
	char p[PATH_MAX];

	return sandbox_path(path, false, p, sizeof(p)) < 0 ? -1 : stat(p, st);
}

int fuzz_sandbox_mkdir(const char *path, mode_t mode)
{
	char p[PATH_MAX];

	return sandbox_path(path, true, p, sizeof(p)) < 0 ? -1 : mkdir(p, mode);
}

int fuzz_sandbox_rename(const char *from, const char *to)
{
	char f[PATH_MAX], t[PATH_MAX];

	if (sandbox_path(from, true, f, sizeof(f)) < 0 || sandbox_path(to, true, t, sizeof(t)) < 0)
		return -1;
	return rename(f, t);
}

int fuzz_sandbox_unlink(const char *path)
{
	char p[PATH_MAX];

	return sandbox_path(path, true, p, sizeof(p)) < 0 ? -1 : unlink(p);
}

int fuzz_sandbox_remove(const char *path)
{
	char p[PATH_MAX];

	return sandbox_path(path, true, p, sizeof(p)) < 0 ? -1 : remove(p);
}

struct machine *fuzz_sandbox_machine_create(const struct machine_shape *s, struct mm_error *err)
{
	unsigned long pages = s->start_pfn;
	int nid, z;

	for (nid = 0; nid < s->nr_nodes && nid < MAX_NUMNODES; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone_shape *zs = &s->zones[nid][z];
			unsigned long most = zs->spanned;

			if (zs->present > most)
				most = zs->present;
			if (zs->managed > most)
				most = zs->managed;
			pages = pages + most < pages ? ~0UL : pages + most;
		}
	if (pages > FUZZ_MAX_PAGES || s->swap_pages > FUZZ_MAX_PAGES) {
		mm_error_set(err, "the fuzz sandbox boots at most %lu pages and swap slots",
			     FUZZ_MAX_PAGES);
		return NULL;
	}
	return machine_create(s, err);
}

/* ---- the work budget (fuzz.h) ------------------------------------------------- */

/* Where a command takes its work quantities: positionals from `first` on, and keys. */
static const struct work_args {
	const char *command;
	int first;                    /* the first positional that is a quantity (0: none) */
	const char *keys[3];
} work_args[] = {
	{ "alloc", 0, { "n" } },
	{ "read", 2, { "offset" } },  /* a file's arrays reach offset + N (workload.c) */
	{ "write", 2, { "offset" } },
	{ "fault", 3, { "offset" } }, /* TASK anon N, TASK file FILE N: FILE is no number */
	{ "munmap", 2, { NULL } },
	{ "tick", 1, { NULL } },
	{ "workload", 3, { "ops", "passes" } },
	{ "shrink", 0, { "nr" } },
	{ "reclaim", 1, { NULL } },
	{ "next", 1, { NULL } },
	{ "back", 1, { NULL } },
};

/* A quantity's work, or more than FUZZ_MAX_WORK when too big; words that are no number cost 0. */
static unsigned long work_of(const char *word)
{
	unsigned long long v;

	if (parse_u64(word, true, &v) < 0)
		return 0;
	return v > FUZZ_MAX_WORK ? FUZZ_MAX_WORK + 1 : (unsigned long)v;
}

/* The work of one command (argv[from...] of a, `step` unwrapped); ULONG_MAX: re-runs. */
static unsigned long command_work(struct args *a, int from)
{
	const struct command *c;
	unsigned long work = 0;
	char why[200];
	size_t i;
	int k, j;

	if (from >= a->argc || !(c = find_command(a->argv[from], why, sizeof(why))))
		return 0;
	if (strcmp(c->name, "step") == 0)
		return command_work(a, from + 1);
	if (strcmp(c->name, "source") == 0 || strcmp(c->name, "why") == 0)
		return ULONG_MAX;
	for (i = 0; i < sizeof(work_args) / sizeof(work_args[0]); i++) {
		const struct work_args *w = &work_args[i];

		if (strcmp(c->name, w->command) != 0)
			continue;
		for (k = w->first ? from + w->first : a->argc; k < a->argc; k++)
			work += work_of(a->argv[k]);
		for (k = 0; k < a->nkv; k++)
			for (j = 0; j < 3 && w->keys[j]; j++)
				if (strcmp(a->kv[k].key, w->keys[j]) == 0)
					work += work_of(a->kv[k].val);
	}
	return work;
}

bool fuzz_afford(const char *line, unsigned long *spent)
{
	char **cmds;
	size_t col;
	int n, i;
	bool ok = true;

	n = split_commands(line, &cmds, &col);
	if (n < 0)
		return true;
	for (i = 0; i < n && ok; i++) {
		struct args a;
		const char *why;
		unsigned long work;

		if (tokenize(cmds[i], &a, &why) < 0)
			continue;
		work = command_work(&a, 0);
		if (work == ULONG_MAX)
			work = *spent ? *spent : 1;   /* re-runs what came before */
		else if (work > FUZZ_MAX_WORK)
			ok = false;
		if (*spent + work > FUZZ_MAX_WORK_TOTAL)
			ok = false;
		if (ok)
			*spent += work;
	}
	free_commands(cmds, n);
	return ok;
}

/* ---- sessions ------------------------------------------------------------------ */

const char *const fuzz_small_machine[] = {
	"--zones", "DMA:64,DMA32:512,Normal:512", "--max-order", "8", "--pageblock-order", "5",
	"--cpus", "2", "--swap", "1M", NULL,
};

static FILE *nowhere(void)
{
	static FILE *null;

	if (!null && !(null = fopen("/dev/null", "w"))) {
		perror("fuzz: /dev/null");
		abort();
	}
	return null;
}

void fuzz_session_open(struct session *s, const char *const *options)
{
	char *argv[32], err[400];
	struct options o;
	int argc = 0;
	bool verbose = getenv("FUZZ_VERBOSE") != NULL;

	fuzz_sandbox_dir();
	argv[argc++] = "mmsh";
	while (*options && argc < 31)
		argv[argc++] = (char *)*options++;
	argv[argc] = NULL;
	if (parse_options(argc, argv, &o) >= 0) {
		fprintf(stderr, "fuzz: the harness's own machine options are refused\n");
		abort();
	}
	memset(s, 0, sizeof(*s));
	s->out = verbose ? stdout : nowhere();
	s->err = verbose ? stderr : nowhere();
	s->recipe = o.recipe;
	s->seed = o.seed;
	free_options(&o);
	if (session_boot(s, err, sizeof(err)) < 0) {
		fprintf(stderr, "fuzz: cannot boot the harness's machine: %s\n", err);
		abort();
	}
}

void fuzz_check(struct session *s, bool full, const char *after)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	if (!s->m || timeline_stepping(s))
		return;
	if (full)
		check_machine(s->m, &r, &sb, 20);
	else
		check_machine_quick(s->m, &r, &sb, 20);
	if (r.violations) {
		fprintf(stderr, "fuzz: %lu violations after %s:\n%s", r.violations, after,
			sb_str(&sb));
		abort();
	}
	sb_free(&sb);
}

void fuzz_session_close(struct session *s)
{
	fuzz_check(s, true, "the input");
	session_free(s);
	fflush(nowhere());
	fuzz_sandbox_clean();
}

char *fuzz_text(const uint8_t *data, size_t size)
{
	char *t = malloc(size + 1);

	if (!t)
		abort();
	memcpy(t, data, size);
	t[size] = '\0';
	return t;
}
