/*
 * src/shell/parse.h: the command grammar: COMMAND [positional...]
 * [key=value...], commands separated by ';', '#' to the end of the line,
 * quotes for values with spaces, numbers in decimal or 0x hex, and sizes
 * with K, M, G or T suffixes where a size is meant.
 */
#ifndef MMSH_SHELL_PARSE_H
#define MMSH_SHELL_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#define MAX_ARGS 32

struct keyval {
	char *key;
	char *val;
};

struct args {
	char *argv[MAX_ARGS];     /* argv[0] is the command as typed */
	int argc;
	struct keyval kv[MAX_ARGS];
	int nkv;
};

/*
 * split_commands(): cut a line at top-level ';' and '#'. Returns the
 * number of commands stored in out[] (each a malloc'd string), or -1 on
 * an unterminated quote; *err_col receives the 1-based column of the
 * quote that is never closed.
 */
int split_commands(const char *line, char ***out, size_t *col_err);
void free_commands(char **cmds, int n);

/* The longest word a command takes (a path is the longest). */
#define MAX_WORD 1024

/*
 * tokenize(): words of one command into args (pointing into `buf`, which
 * is modified). A word containing '=' after a first character becomes a
 * key=value pair. Returns 0, or -1 with a reason in why (naming the
 * command when it is known): an unterminated quote, too many words, a
 * word with a control character or longer than MAX_WORD.
 */
int tokenize(char *buf, struct args *a, const char **why);

/*
 * parse_u64(): decimal or 0x hex; with allow_size, K/M/G/T multiply by
 * 1024^n. Returns 0, -1 when s is not a number, -2 when it is a number
 * too large for 64 bits.
 */
int parse_u64(const char *s, bool allow_size, unsigned long long *out);

/* parse_bool(): on/off, yes/no, true/false, 1/0. */
int parse_bool(const char *s, bool *out);

/* Human size: "256 MiB", "16 KiB", "1 GiB". */
void format_size(unsigned long long bytes, char *buf, size_t len);

#endif
