/*
 * tests/fuzz/replay.c: main() for a fuzz harness built without libFuzzer.
 * Every file named, and every file in every directory named, is read and
 * given to LLVMFuzzerTestOneInput() once, in name order, so the committed
 * corpus (tests/fuzz/corpus/NAME, with every input that once crashed)
 * replays under any compiler, with or without the sanitizers.
 *
 * usage: replay-NAME [FILE|DIR...]
 * Without arguments: $srcdir/tests/fuzz/corpus/NAME (FUZZ_NAME). Exit 0
 * when every input ran (a crash ends the process), 99 when the corpus
 * cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME: the harness's name, e.g. -DFUZZ_NAME='\"command\"'"
#endif

static unsigned long inputs;
static unsigned long long bytes;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "replay-%s: %s: %s\n", FUZZ_NAME, path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *grown = realloc(data, cap = cap ? 2 * cap : 4096);

			if (!grown)
				abort();
			data = grown;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "replay-%s: %s: read error\n", FUZZ_NAME, path);
		fclose(f);
		free(data);
		return -1;
	}
	fclose(f);
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "replay-%s: %s (%zu bytes)\n", FUZZ_NAME, path, len);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	inputs++;
	bytes += len;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "replay-%s: %s: %s\n", FUZZ_NAME, dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof(*names));

			if (!grown)
				abort();
			names = grown;
		}
		if (asprintf(&names[n++], "%s/%s", dir, e->d_name) < 0)
			abort();
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		if (rc == 0 && replay_file(names[i]) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

static int replay(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay-%s: %s: %s\n", FUZZ_NAME, path, strerror(errno));
		return -1;
	}
	return S_ISDIR(st.st_mode) ? replay_dir(path) : replay_file(path);
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char *dflt = NULL;
	int i, rc = 0;

	if (argc < 2) {
		if (asprintf(&dflt, "%s/tests/fuzz/corpus/%s", srcdir && *srcdir ? srcdir : ".",
			     FUZZ_NAME) < 0)
			abort();
		rc = replay(dflt);
	}
	for (i = 1; i < argc && rc == 0; i++)
		rc = replay(argv[i]);
	if (rc == 0)
		printf("replay-%s: %lu inputs (%llu bytes) ran without a crash or a violation\n",
		       FUZZ_NAME, inputs, bytes);
	free(dflt);
	return rc == 0 ? 0 : 99;
}
