/*
 * include/mmsh/rmap.h: reverse mapping (mm/rmap.c): from a page to the page
 * table entries that map it. page_referenced() reads and clears their young
 * bits; try_to_unmap() removes them so the page can be freed.
 */
#ifndef MMSH_RMAP_H
#define MMSH_RMAP_H

#include <stdbool.h>

#include "mmsh/workload.h"

/* vm_flags page_referenced() reports */
#define VM_EXEC   0x4UL
#define VM_LOCKED 0x2000UL

/*
 * page_referenced(): the number of mappings (VMAs) whose pte was young;
 * the young bits are cleared; *vm_flags collects VM_EXEC / VM_LOCKED.
 */
int page_referenced(struct machine *m, struct page *page, unsigned long *vm_flags);

/*
 * try_to_unmap(): remove every pte mapping the page (anon ptes become swap
 * entries). Fails on a VM_LOCKED mapping, which mlocks the page instead.
 */
bool try_to_unmap(struct machine *m, struct page *page);

/* page_add_new_anon_rmap(), page_add_file_rmap() and their removal. */
void page_add_rmap(struct machine *m, struct page *page);
void page_remove_rmap(struct machine *m, struct page *page);

/* The task and vpage an anonymous page belongs to. */
struct task *anon_owner(struct machine *m, const struct page *page);
/* The file a page cache page belongs to (-1 if none). */
int file_owner(const struct page *page);
uint32_t mapping_anon(int task_slot);
uint32_t mapping_file(int file);

/*
 * rmap_walk(): fn for every pte that maps the page (none if unmapped):
 * the anonymous owner's pte, or every file vma's pte at its offset, with
 * whether the mapping is VM_LOCKED and VM_EXEC; fn returns false to stop.
 */
typedef bool (*rmap_fn)(struct machine *m, struct task *t, pte_t *pte, bool locked,
			bool exec, void *arg);
void rmap_walk(struct machine *m, struct page *page, rmap_fn fn, void *arg);
/*
 * rmap_walk_pfn(): the same walk through owner's mapping and index for
 * ptes holding pfn, mapped or not: migration follows a page's ptes while
 * they hold migration entries.
 */
void rmap_walk_pfn(struct machine *m, const struct page *owner, unsigned long pfn, rmap_fn fn,
		   void *arg);
/* mlock_vma_page(): the page is mapped by a VM_LOCKED vma: PG_mlocked, nr_mlock. */
void mlock_vma_page(struct machine *m, struct page *page);
/* munlock_vma_page(): a mapping lost VM_LOCKED: unmlock unless another one holds it. */
void munlock_vma_page(struct machine *m, struct page *page);
/*
 * munlock_pagevec(): __munlock_pagevec(): munlock a batch of pages of one
 * zone, each pinned (one reference) by the caller, which this drops.
 */
void munlock_pagevec(struct machine *m, struct pagevec *pvec);

#endif
