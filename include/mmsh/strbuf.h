/*
 * include/mmsh/strbuf.h: a growable text buffer. Every engine view
 * (/proc formats, free lists, the memory map) writes into one of these;
 * the front ends decide where the text goes.
 */
#ifndef MMSH_STRBUF_H
#define MMSH_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf;      /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
	bool oom;       /* an allocation failed: the text is truncated */
};

#define STRBUF_INIT { NULL, 0, 0, false }

void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_pad(struct strbuf *sb, char c, size_t n);
/* sb_str(): the text so far ("" when empty). */
const char *sb_str(const struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
