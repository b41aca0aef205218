/*
 * src/shell/mkman.c: writes mmsh(1) from man/mmsh.1.in, replacing the line
 * "@COMMANDS@" with every row of the command table in mdoc, so the man
 * page, `help` and completion can never disagree. `mkman kernel
 * man/mmsh-kernel.7.in` writes mmsh-kernel(7) instead (mkman_kernel.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cmdtab.h"
#include "mkman.h"

/* One mdoc text line: backslashes escaped, no leading '.' or '\''. */
void emit_line(FILE *f, const char *s, size_t n)
{
	size_t i;

	if (n && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", f);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else
			fputc(s[i], f);
	}
}

/* Text as mdoc lines of at most about 78 bytes, broken between words. */
void emit_text(FILE *f, const char *s, size_t n)
{
	const size_t width = 78;

	while (n > width) {
		size_t cut = width;

		while (cut > 0 && s[cut] != ' ')
			cut--;
		if (cut == 0) {   /* one long word: break after it */
			cut = width;
			while (cut < n && s[cut] != ' ')
				cut++;
			if (cut == n)
				break;
		}
		emit_line(f, s, cut);
		fputc('\n', f);
		s += cut + 1;
		n -= cut + 1;
	}
	emit_line(f, s, n);
}

/* Paragraphs become .Pp blocks; each sentence starts a new line. */
static void emit_paragraphs(FILE *f, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *end = strstr(p, "\n\n");
		const char *stop = end ? end : p + strlen(p);
		const char *line = p;

		fputs(".Pp\n", f);
		/* a paragraph that is one token-like line (an example) is literal */
		if (!memchr(p, ' ', (size_t)(stop - p)) || (p[0] == 'p' && strncmp(p, "pfn=", 4) == 0)) {
			fputs(".Dl ", f);
			emit_line(f, p, (size_t)(stop - p));
			fputc('\n', f);
		} else {
			while (line < stop) {
				const char *q = line;

				while (q < stop) {
					if ((*q == '.' || *q == '?' || *q == '!') && q + 1 < stop &&
					    q[1] == ' ' && q > line && !isupper((unsigned char)q[-1]))
						break;
					q++;
				}
				if (q < stop)
					q++;   /* keep the full stop */
				while (line < q && *line == ' ')
					line++;
				emit_text(f, line, (size_t)(q - line));
				fputc('\n', f);
				line = q;
				while (line < stop && (*line == ' ' || *line == '\n'))
					line++;
			}
		}
		if (!end)
			break;
		p = end + 2;
	}
}

static void emit_commands(FILE *f)
{
	size_t n, i;
	const struct command *t = command_table(&n);
	const char *group = NULL;

	for (i = 0; i < n; i++) {
		const struct key_spec *k;

		if (!group || strcmp(group, t[i].group) != 0) {
			if (group)
				fputs(".El\n", f);
			group = t[i].group;
			fprintf(f, ".Ss %s\n.Bl -tag -width Ds\n", group);
		}
		fputs(".It Ic \"", f);
		emit_line(f, t[i].syntax, strlen(t[i].syntax));
		fputs("\"\n", f);
		emit_text(f, t[i].summary, strlen(t[i].summary));
		fputs(".\n", f);
		emit_paragraphs(f, t[i].help);
		if (t[i].keys[0].name && strcmp(t[i].keys[0].name, "*") != 0) {
			fputs(".Pp\nKeys:\n.Bl -tag -width \"node=\" -compact\n", f);
			for (k = t[i].keys; k->name; k++) {
				fprintf(f, ".It Cm %s Ns =\n", k->name);
				emit_text(f, k->meaning, strlen(k->meaning));
				fputc('\n', f);
			}
			fputs(".El\n", f);
		}
		fputs(".Pp\nKernel:\n", f);
		emit_text(f, t[i].kernel, strlen(t[i].kernel));
		fputs("\n.Pp\nExample:\n.Dl ", f);
		emit_line(f, t[i].example, strlen(t[i].example));
		fputc('\n', f);
	}
	if (group)
		fputs(".El\n", f);
}

int main(int argc, char **argv)
{
	FILE *in;
	char line[4096];

	if (argc == 3 && strcmp(argv[1], "kernel") == 0)
		return mkman_kernel(argv[2], stdout, stderr) || ferror(stdout) ? 1 : 0;
	if (argc != 2) {
		fprintf(stderr, "usage: mkman man/mmsh.1.in > man/mmsh.1\n"
				"       mkman kernel man/mmsh-kernel.7.in > man/mmsh-kernel.7\n");
		return 2;
	}
	in = fopen(argv[1], "r");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	while (fgets(line, sizeof(line), in)) {
		if (strcmp(line, "@COMMANDS@\n") == 0)
			emit_commands(stdout);
		else
			fputs(line, stdout);
	}
	fclose(in);
	return ferror(stdout) ? 1 : 0;
}
