/*
 * include/mmsh/error.h: how the engine reports a refused request. The
 * engine never prints and never exits; a function that can refuse takes a
 * struct mm_error and fills in one sentence saying what was wrong.
 */
#ifndef MMSH_ERROR_H
#define MMSH_ERROR_H

#define MM_ERROR_LEN 240

struct mm_error {
	char msg[MM_ERROR_LEN];
};

/* mm_error_set(): format the message (when err is not NULL); returns -1. */
int mm_error_set(struct mm_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
