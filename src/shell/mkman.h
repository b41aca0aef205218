/*
 * src/shell/mkman.h: the man page generator's shared pieces. mkman.c
 * writes mmsh(1) from man/mmsh.1.in; mkman_kernel.c writes mmsh-kernel(7)
 * from man/mmsh-kernel.7.in. Both fill "@NAME@" lines from the tables the
 * program itself uses, so a page cannot disagree with the code.
 */
#ifndef MMSH_SHELL_MKMAN_H
#define MMSH_SHELL_MKMAN_H

#include <stddef.h>
#include <stdio.h>

/* One mdoc text line: backslashes escaped, no leading '.' or '\''. */
void emit_line(FILE *f, const char *s, size_t n);

/* Text as mdoc lines of at most about 78 bytes, broken between words. */
void emit_text(FILE *f, const char *s, size_t n);

/*
 * mkman_kernel(): copy the template at path to out, replacing its
 * "@FUNCTIONS@", "@TRACEPOINTS@" and "@FILES@" lines. Problems (a kernel
 * name the generator cannot place in a source file) go to err, one line
 * each. Returns 0, or 1 when the template cannot be read.
 */
int mkman_kernel(const char *path, FILE *out, FILE *err);

#endif
