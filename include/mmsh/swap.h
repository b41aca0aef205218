/*
 * include/mmsh/swap.h: the swap device and the swap cache (mm/swapfile.c,
 * mm/swap_state.c, mm/memory.c's do_swap_page). An anonymous page that
 * reclaim wants to free gets a slot (add_to_swap), is written out, and is
 * dropped from memory; its page table entry then names the slot, and the
 * next access reads it back.
 */
#ifndef MMSH_SWAP_H
#define MMSH_SWAP_H

#include <stdbool.h>

#include "mmsh/workload.h"

int swap_init(struct machine *m, unsigned long nr_slots);
void swap_free_all(struct machine *m);

/* get_swap_page(): a free slot, or -1 when the device is full. */
long get_swap_page(struct machine *m);
/* nr_swap_pages: free slots. */
unsigned long get_nr_swap_pages(const struct machine *m);
/* vm_swap_full(): more than half the slots in use. */
bool vm_swap_full(const struct machine *m);

/* add_to_swap(): a slot, the page in the swap cache and dirty. */
bool add_to_swap(struct machine *m, struct page *page);
/* delete_from_swap_cache() (with a workingset shadow left in the slot). */
void delete_from_swap_cache(struct machine *m, struct page *page, uint64_t shadow);
/* try_to_free_swap(): drop the slot of a swap cache page nobody else needs. */
bool try_to_free_swap(struct machine *m, struct page *page);
/* swap_duplicate() / swap_free(): a pte's reference on a slot. */
void swap_duplicate(struct machine *m, unsigned long slot);
void swap_free(struct machine *m, unsigned long slot);
/* The swap cache page of a slot, or NULL. */
struct page *lookup_swap_cache(struct machine *m, unsigned long slot);

/*
 * do_swap_page(): bring the slot back for task t's vpage (swap cache hit,
 * or read from the device). Returns the page or NULL (allocation failed).
 */
struct page *do_swap_page(struct machine *m, struct task *t, unsigned long vpage);

#endif
