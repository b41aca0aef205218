/*
 * src/shell/cmd_util.c: reading the arguments every command family shares
 * (orders, pfns, CPUs, nodes, zones, counts). Each helper checks the value
 * against the machine and, when it is wrong, prints the one-line error
 * naming the command, the argument and the reason.
 */
#include <string.h>
#include <strings.h>

#include "cmdtab.h"

const char *arg_key(const struct args *a, const char *key)
{
	int i;

	for (i = 0; i < a->nkv; i++)
		if (strcmp(a->kv[i].key, key) == 0)
			return a->kv[i].val;
	return NULL;
}

int arg_uint(struct session *s, const struct args *a, const char *key,
	     const char *value, unsigned long long max, unsigned long long *out)
{
	unsigned long long v;
	int rc = parse_u64(value, false, &v);

	if (rc == -2)
		return cmd_error(s, a->argv[0], "%s: %s is too large (at most %llu)", key, value, max);
	if (rc < 0)
		return cmd_error(s, a->argv[0], "%s: '%s' is not a number (decimal or 0x hex)",
				 key, value);
	if (v > max)
		return cmd_error(s, a->argv[0], "%s: %llu is too large (at most %llu)", key, v, max);
	*out = v;
	return 0;
}

int arg_order(struct session *s, const struct args *a, const char *value,
	      unsigned int *out)
{
	unsigned long long v;
	unsigned int max_order = s->m->max_order;
	int rc = parse_u64(value, false, &v);

	if (rc == -1)
		return cmd_error(s, a->argv[0], "order: '%s' is not a number", value);
	if (rc == -2 || v >= max_order)
		return cmd_error(s, a->argv[0],
				 "order %s is out of range: MAX_ORDER is %u, so orders are 0-%u",
				 value, max_order, max_order - 1);
	*out = (unsigned int)v;
	return 0;
}

/*
 * A CPU or node number below `count`, from key; `what` names it in
 * "cpu 2 does not exist", `noun` in "is not a CPU number".
 */
static int arg_index(struct session *s, const struct args *a, const char *key,
		     const char *what, const char *noun, int count, int *out)
{
	const char *v = arg_key(a, key);
	unsigned long long n;
	int rc;

	if (!v)
		return 0;
	rc = parse_u64(v, false, &n);
	if (rc == -1)
		return cmd_error(s, a->argv[0], "%s: '%s' is not a %s number", key, v, noun);
	if (rc == -2 || n >= (unsigned long long)count)
		return count == 1
			? cmd_error(s, a->argv[0], "%s %s does not exist (this machine has only %s 0)",
				    what, v, what)
			: cmd_error(s, a->argv[0], "%s %s does not exist (this machine has %ss 0-%d)",
				    what, v, what, count - 1);
	*out = (int)n;
	return 0;
}

int arg_cpu(struct session *s, const struct args *a, int *cpu)
{
	*cpu = 0;
	return arg_index(s, a, "cpu", "cpu", "CPU", s->m->nr_cpus, cpu);
}

int arg_node(struct session *s, const struct args *a, int *nid)
{
	*nid = NUMA_NO_NODE;
	return arg_index(s, a, "node", "node", "node", s->m->nr_node_ids, nid);
}

int arg_zone(struct session *s, const struct args *a, int *zidx)
{
	const char *v = arg_key(a, "zone");
	int z, nid;
	bool populated = false;

	*zidx = -1;
	if (!v)
		return 0;
	for (z = 0; z < MAX_NR_ZONES; z++)
		if (strcasecmp(v, zone_names[z]) == 0)
			break;
	if (z == MAX_NR_ZONES)
		return cmd_error(s, a->argv[0], "zone: unknown zone '%s' (zones: DMA, DMA32, Normal, Movable)",
				 v);
	for (nid = 0; nid < s->m->nr_node_ids; nid++)
		populated |= populated_zone(&s->m->node_data[nid]->node_zones[z]);
	if (!populated)
		return cmd_error(s, a->argv[0], "zone %s is empty on this machine", zone_names[z]);
	*zidx = z;
	return 0;
}

int arg_pfn(struct session *s, const struct args *a, const char *value,
	    unsigned long *out)
{
	unsigned long long v;
	int rc = parse_u64(value, false, &v);

	if (rc == -2)
		return cmd_error(s, a->argv[0], "pfn %s is outside memory (pfns 0x0-0x%lx)", value,
				 s->m->max_pfn - 1);
	if (rc < 0)
		return cmd_error(s, a->argv[0], "'%s' is not a pfn (decimal or 0x hex)", value);
	if (v >= s->m->max_pfn)
		return cmd_error(s, a->argv[0], "pfn 0x%llx is outside memory (pfns 0x0-0x%lx)", v,
				 s->m->max_pfn - 1);
	*out = (unsigned long)v;
	return 0;
}
