/*
 * include/mmsh/savestate.h: the whole engine state as bytes and back, for
 * `save FILE` and `load FILE`. The engine only makes and reads the bytes;
 * the shell writes and reads the file. The kernel has nothing like it
 * (hibernation images are the nearest): this is mmsh's own format.
 */
#ifndef MMSH_SAVESTATE_H
#define MMSH_SAVESTATE_H

#include <stddef.h>
#include <stdint.h>

#include "mmsh/error.h"
#include "mmsh/mmzone.h"

/*
 * The format, version 1 (all integers little-endian or LEB128 varints):
 *
 *   "MMSH-STATE\n"        11 bytes of magic
 *   format version        4 bytes (MMSH_STATE_VERSION)
 *   file length           8 bytes, the checksum included
 *   mmsh version          a varint length and that many bytes
 *   sections              SHAP MACH NODE FILE TASK SWAP DISK PVEC PAGE
 *                         PGBL BM24 HELD DATA SMPL, in this order, each a
 *                         4-byte tag, an 8-byte length and its fields
 *   checksum              8 bytes: FNV-1a 64 of every byte before it
 *
 * The bytes depend on the machine's state only: every field is written on
 * its own (no padding, no pointers, no host addresses), pointers become
 * indexes, arrays are written to their used length, and content words
 * are written whether or not their chunk happens to be allocated. So two
 * machines in the same state save the same bytes, and a test can compare
 * saves to prove that a command changed nothing.
 *
 * A field added to or removed from the walk (src/engine/savestate.c) is a
 * new format: MMSH_STATE_VERSION goes up, and files of the old version are
 * refused by name rather than misread.
 */
#define MMSH_STATE_MAGIC "MMSH-STATE\n"
#define MMSH_STATE_MAGIC_LEN 11
#define MMSH_STATE_VERSION 1
/* magic, format version, file length */
#define MMSH_STATE_HEADER_LEN (MMSH_STATE_MAGIC_LEN + 4 + 8)
/*
 * The largest machine a load builds unless the caller allows more: 256
 * GiB of pages (and as many swap slots), the size `--mem 256G` boots.
 */
#define MMSH_STATE_MAX_PAGES (1UL << 26)

/*
 * machine_save(): the state of m (taken between commands) as the bytes of
 * a state file, in *buf (malloc'd; the caller frees it) of *len bytes.
 * Subscribers (trace, kstep, printk), the interrupt flag and the
 * checker's scratch are not state and are not saved. Returns 0, or -1
 * with a message in err when the host is out of memory.
 */
int machine_save(const struct machine *m, uint8_t **buf, size_t *len, struct mm_error *err);

/*
 * machine_load(): a new machine from the bytes of a state file, or NULL
 * with one sentence in err saying what was wrong: not a state file,
 * another format version, truncated, a checksum mismatch, a section that
 * does not parse, a value out of its range, broken list links, or a state
 * that the invariant checker refuses. Every count is checked before
 * anything is allocated for it: the machine has at most max_pages pages
 * and as many swap slots (0: MMSH_STATE_MAX_PAGES), and what its tasks and
 * files hold is bounded by its size. Nothing outside the new machine is
 * touched, so on failure the caller's machine is as it was.
 */
struct machine *machine_load(const void *buf, size_t len, unsigned long max_pages,
			     struct mm_error *err);

#endif
