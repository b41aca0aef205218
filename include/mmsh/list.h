/*
 * include/mmsh/list.h: the kernel's list_head operations (include/linux/list.h)
 * over 32-bit indexes. Every entry, page or head, is an element of one
 * array of struct page, so `map` is the mem_map and `id` a pfn or head id.
 * All operations are O(1); no operation ever walks a list. Built with
 * -DMMSH_OPCOUNT, each link change and each list_next() counts itself
 * (opcount.h), so tests/complexity can see who walks a list.
 */
#ifndef MMSH_LIST_H
#define MMSH_LIST_H

#include "mmsh/opcount.h"
#include "mmsh/page.h"

/* LIST_POISON: the link value of a page that is on no list. */
#define LIST_POISON 0xffffffffU

static inline void INIT_LIST_HEAD(struct page *map, uint32_t head)
{
	map[head].lru.next = head;
	map[head].lru.prev = head;
}

static inline bool list_empty(const struct page *map, uint32_t head)
{
	return map[head].lru.next == head;
}

static inline void list_add_between(struct page *map, uint32_t new_id,
			      uint32_t prev, uint32_t next)
{
	OPCOUNT(OP_LIST);
	map[next].lru.prev = new_id;
	map[new_id].lru.next = next;
	map[new_id].lru.prev = prev;
	map[prev].lru.next = new_id;
}

/* list_add(): insert right after the head (LIFO). */
static inline void list_add(struct page *map, uint32_t new_id, uint32_t head)
{
	list_add_between(map, new_id, head, map[head].lru.next);
}

/* list_add_tail(): insert right before the head (FIFO). */
static inline void list_add_tail(struct page *map, uint32_t new_id,
				 uint32_t head)
{
	list_add_between(map, new_id, map[head].lru.prev, head);
}

static inline void list_del(struct page *map, uint32_t entry)
{
	uint32_t prev = map[entry].lru.prev, next = map[entry].lru.next;

	OPCOUNT(OP_LIST);
	map[next].lru.prev = prev;
	map[prev].lru.next = next;
	map[entry].lru.next = LIST_POISON;
	map[entry].lru.prev = LIST_POISON;
}

/* list_move_tail(): unlink and append to another list. */
static inline void list_move_tail(struct page *map, uint32_t entry,
				  uint32_t head)
{
	uint32_t prev = map[entry].lru.prev, next = map[entry].lru.next;

	map[next].lru.prev = prev;
	map[prev].lru.next = next;
	list_add_tail(map, entry, head);
}

/* list_first_entry() and list_last_entry(): the head and the tail. */
static inline uint32_t list_first(const struct page *map, uint32_t head)
{
	return map[head].lru.next;
}

static inline uint32_t list_last(const struct page *map, uint32_t head)
{
	return map[head].lru.prev;
}

static inline uint32_t list_next(const struct page *map, uint32_t entry)
{
	OPCOUNT(OP_LIST_STEP);
	return map[entry].lru.next;
}

/* list_count(): the entries on a list, walked one by one. */
static inline unsigned long list_count(const struct page *map, uint32_t head)
{
	unsigned long n = 0;
	uint32_t id;

	for (id = list_first(map, head); id != head; id = list_next(map, id))
		n++;
	return n;
}

#endif
