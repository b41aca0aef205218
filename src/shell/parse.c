/*
 * src/shell/parse.c: splitting lines into commands and commands into words,
 * and reading numbers and sizes. Quotes (' or ") group words and protect
 * ';' and '#'; there are no escapes, variables or substitutions.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

static char *dup_range(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static bool blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

int split_commands(const char *line, char ***out, size_t *col_err)
{
	char **cmds = NULL;
	int n = 0;
	const char *start = line, *p = line, *opened = line;
	char quote = 0;

	*out = NULL;
	for (;; p++) {
		bool end = *p == '\0' || (!quote && (*p == ';' || *p == '#' || *p == '\n'));

		if (!end) {
			if (quote && *p == quote) {
				quote = 0;
			} else if (!quote && (*p == '\'' || *p == '"')) {
				quote = *p;
				opened = p;
			}
			continue;
		}
		if (quote) {   /* only reachable at the end of the string */
			*col_err = (size_t)(opened - line) + 1;
			free_commands(cmds, n);
			return -1;
		}
		if (!blank(start, (size_t)(p - start))) {
			char **grown = realloc(cmds, sizeof(*cmds) * (size_t)(n + 1));

			if (!grown) {
				free_commands(cmds, n);
				return -1;
			}
			cmds = grown;
			cmds[n] = dup_range(start, (size_t)(p - start));
			if (!cmds[n]) {
				free_commands(cmds, n);
				return -1;
			}
			n++;
		}
		if (*p == '#') {   /* a comment runs to the end of the line */
			while (*p && *p != '\n')
				p++;
		}
		if (*p == '\0')
			break;
		start = p + 1;
	}
	*out = cmds;
	return n;
}

void free_commands(char **cmds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(cmds[i]);
	free(cmds);
}

/*
 * A word no command takes: a control character (it would reach the
 * terminal through the error message that quotes the word), or more
 * characters than any path. Returns the reason, or NULL.
 */
static const char *refused_word(const struct args *a, const char *w, size_t len)
{
	static char why[160];
	const char *cmd = a->argc ? a->argv[0] : NULL;
	int nr = a->argc + a->nkv;   /* the word's place: 0 is the command */
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];

		if (iscntrl(c) && c != '\t') {
			if (!cmd)
				snprintf(why, sizeof(why), "the command name has a control character "
					 "(0x%02x)", c);
			else
				snprintf(why, sizeof(why), "%s: argument %d has a control character "
					 "(0x%02x)", cmd, nr, c);
			return why;
		}
	}
	if (len <= MAX_WORD)
		return NULL;
	if (!cmd)
		snprintf(why, sizeof(why), "the command name is %zu characters long (at most %d)",
			 len, MAX_WORD);
	else
		snprintf(why, sizeof(why), "%s: argument %d is %zu characters long (at most %d)",
			 cmd, nr, len, MAX_WORD);
	return why;
}

int tokenize(char *buf, struct args *a, const char **why)
{
	static char too_many[120];
	char *p = buf;

	a->argc = 0;
	a->nkv = 0;
	for (;;) {
		char *w, *q, quote = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		w = q = p;
		while (*p && (quote || !isspace((unsigned char)*p))) {
			if (quote && *p == quote) {
				quote = 0;
				p++;
				continue;
			}
			if (!quote && (*p == '\'' || *p == '"')) {
				quote = *p++;
				continue;
			}
			*q++ = *p++;
		}
		if (quote) {
			*why = "unterminated quote";
			return -1;
		}
		if (*p)
			p++;
		*q = '\0';
		*why = refused_word(a, w, (size_t)(q - w));
		if (*why)
			return -1;
		if (a->argc > 0 && strchr(w + 1, '=') && w[0] != '=') {
			char *eq = strchr(w + 1, '=');

			if (a->nkv == MAX_ARGS) {
				snprintf(too_many, sizeof(too_many),
					 "%s: too many key=value arguments (at most %d)", a->argv[0],
					 MAX_ARGS);
				*why = too_many;
				return -1;
			}
			*eq = '\0';
			a->kv[a->nkv].key = w;
			a->kv[a->nkv].val = eq + 1;
			a->nkv++;
		} else {
			if (a->argc == MAX_ARGS) {
				snprintf(too_many, sizeof(too_many), "%s: too many arguments (at most %d)",
					 a->argv[0], MAX_ARGS - 1);
				*why = too_many;
				return -1;
			}
			a->argv[a->argc++] = w;
		}
	}
	return 0;
}

int parse_u64(const char *s, bool allow_size, unsigned long long *out)
{
	char *end;
	unsigned long long v, mult = 1;
	bool too_large;

	if (!s || !*s || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	/* strtoull's base 0 reads "010" as octal; mmsh reads it as ten */
	if (s[0] == '0' && s[1] && s[1] != 'x' && s[1] != 'X' && isdigit((unsigned char)s[1])) {
		errno = 0;
		v = strtoull(s, &end, 10);
	}
	too_large = errno == ERANGE;
	if (*end && allow_size) {
		switch (toupper((unsigned char)*end)) {
		case 'K': mult = 1ULL << 10; break;
		case 'M': mult = 1ULL << 20; break;
		case 'G': mult = 1ULL << 30; break;
		case 'T': mult = 1ULL << 40; break;
		default: return -1;
		}
		end++;
		/* also accept KB, KiB, MB, MiB ... */
		if (strcasecmp(end, "iB") == 0 || strcasecmp(end, "B") == 0)
			end += strlen(end);
	}
	if (*end)
		return -1;
	if (too_large || (v && mult > ~0ULL / v))
		return -2;
	*out = v * mult;
	return 0;
}

int parse_bool(const char *s, bool *out)
{
	if (!strcasecmp(s, "on") || !strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcmp(s, "1")) {
		*out = true;
		return 0;
	}
	if (!strcasecmp(s, "off") || !strcasecmp(s, "no") || !strcasecmp(s, "false") ||
	    !strcmp(s, "0")) {
		*out = false;
		return 0;
	}
	return -1;
}

void format_size(unsigned long long bytes, char *buf, size_t len)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (u < 4 && bytes >= 1024 && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu %s", bytes, units[u]);
}
