/*
 * src/shell/cmd_state.c: `save FILE` and `load FILE`, the whole engine
 * state in a file (include/mmsh/savestate.h has the format). The engine
 * makes and checks the bytes; this file moves them: written to FILE.tmp,
 * made durable and renamed, so FILE is either the old file or a whole
 * new one; read back with a size cap, and only a machine that loaded
 * completely replaces the session's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdtab.h"
#include "mmsh/savestate.h"
#include "output.h"
#include "timeline.h"

/*
 * The largest state file load reads: 64 bytes per page of the largest
 * machine it may build, and 16 MiB more. A saved machine takes about 20
 * bytes per page in use, and a few per free block.
 */
#define STATE_BYTES_PER_PAGE 64UL
#define STATE_BYTES_SLACK (16UL << 20)

/* What save and load print in json and csv output: one record. */
static const char *const state_cols[] = {
	"file", "bytes", "format", "pages", "nodes", "cpus", "jiffies", NULL,
};

static int print_state(struct session *s, const char *cmd, const char *path, size_t bytes)
{
	const struct machine *m = s->m;
	struct table t;
	int rc;

	if (!output_records(s)) {
		unsigned long mib = K(m->max_pfn) >> 10;
		bool gib = mib >= 1024 && mib % 1024 == 0;

		fprintf(s->out, "%s %s (%zu bytes): a machine of %lu %s, %d node%s, %d CPU%s, "
			"at jiffy %lu\n", strcmp(cmd, "save") == 0 ? "saved" : "loaded", path, bytes,
			gib ? mib / 1024 : mib, gib ? "GiB" : "MiB", m->nr_node_ids,
			m->nr_node_ids == 1 ? "" : "s", m->nr_cpus, m->nr_cpus == 1 ? "" : "s",
			m->jiffies);
		return 0;
	}
	table_init(&t, state_cols);
	table_row(&t);
	table_str(&t, "file", path);
	table_uint(&t, "bytes", bytes);
	table_int(&t, "format", MMSH_STATE_VERSION);
	table_uint(&t, "pages", m->max_pfn);
	table_int(&t, "nodes", m->nr_node_ids);
	table_int(&t, "cpus", m->nr_cpus);
	table_uint(&t, "jiffies", m->jiffies);
	rc = print_table(s, cmd, &t);
	table_free(&t);
	return rc;
}

/* write(2) all of it; 0 or an errno. */
static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Write the bytes to path through path.tmp (mode 0600: a state file is
 * nobody else's business), fsync it, then rename it over path. On any
 * failure the temporary file goes and path is as it was.
 */
static int write_state(struct session *s, const char *path, const uint8_t *buf, size_t len)
{
	size_t n = strlen(path) + sizeof(".tmp");
	char *tmp = malloc(n);
	int fd, err;

	if (!tmp)
		return cmd_error(s, "save", "out of memory");
	snprintf(tmp, n, "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return cmd_error(s, "save", "cannot write %s: %s (nothing was saved)", path,
				 strerror(err));
	}
	err = write_all(fd, buf, len);
	if (!err && fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp);
		free(tmp);
		return cmd_error(s, "save", "cannot write %s: %s (nothing was saved)", path,
				 strerror(err));
	}
	free(tmp);
	return 0;
}

/* save FILE (the row is shared with `save svg`, in cmd_picture.c). */
int cmd_save_state(struct session *s, struct args *a)
{
	const char *path = a->argv[1];
	struct mm_error e;
	uint8_t *buf;
	size_t len;
	int rc;

	if (a->nkv > 0)
		return cmd_error(s, "save", "%s= belongs to 'save svg FILE': 'save FILE' takes no keys",
				 a->kv[0].key);
	if (a->argc > 2)
		return cmd_error(s, "save", "too many arguments: '%s' (usage: save FILE, or save svg "
				 "FILE ...)", a->argv[2]);
	if (!*path)
		return cmd_error(s, "save", "FILE: an empty file name");
	if (machine_save(s->m, &buf, &len, &e) < 0)
		return cmd_error(s, "save", "%s (nothing was saved)", e.msg);
	rc = write_state(s, path, buf, len);
	free(buf);
	if (rc == 0)
		rc = print_state(s, "save", path, len);
	return rc;
}

/*
 * Read a whole regular file of at most max bytes into *buf (malloc'd);
 * 0, or -1 after an error line.
 */
static int read_state(struct session *s, const char *path, size_t max, uint8_t **buf,
		      size_t *len)
{
	struct stat st;
	uint8_t *p;
	size_t n = 0, size;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return cmd_error(s, "load", "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		err = errno;
		close(fd);
		return cmd_error(s, "load", "cannot read %s: %s", path, strerror(err));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return cmd_error(s, "load", "%s is %s, not a state file", path,
				 S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return cmd_error(s, "load", "%s has %lld bytes; a state file has at most %zu",
				 path, (long long)st.st_size, max);
	}
	size = (size_t)st.st_size;
	p = malloc(size ? size : 1);
	if (!p) {
		close(fd);
		return cmd_error(s, "load", "out of memory for the %zu bytes of %s", size, path);
	}
	while (n < size) {   /* the file may shrink while it is read: what is there is read */
		ssize_t r = read(fd, p + n, size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			free(p);
			close(fd);
			return cmd_error(s, "load", "cannot read %s: %s", path, strerror(err));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*buf = p;
	*len = n;
	return 0;
}

int cmd_load(struct session *s, struct args *a)
{
	const char *path = a->argv[1];
	unsigned long max_pages = MMSH_STATE_MAX_PAGES;
	struct machine *m, *old = s->m;
	struct mm_error e;
	uint8_t *buf = NULL;
	size_t len = 0;

	if (!*path)
		return cmd_error(s, "load", "FILE: an empty file name");
	/* a machine as large as the session's own loads too */
	if (old && old->max_pfn > max_pages)
		max_pages = old->max_pfn;
	if (read_state(s, path, max_pages * STATE_BYTES_PER_PAGE + STATE_BYTES_SLACK, &buf,
		       &len) < 0)
		return -1;
	m = machine_load(buf, len, max_pages, &e);
	free(buf);
	if (!m)
		return cmd_error(s, "load", "%s: %s; the machine is unchanged", path, e.msg);
	session_adopt(s, m);   /* the trace and log subscriptions carry over */
	machine_destroy(old);
	timeline_no_replay(s);   /* undo never reads the file again */
	return print_state(s, "load", path, len);
}
