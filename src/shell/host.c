/*
 * src/shell/host.c: --preset host. Reads this computer's /proc/zoneinfo
 * (spanned, present and managed pages and start_pfn of every populated
 * zone, the CPUs listed in its pagesets) and the vm.* sysctls that shape
 * watermarks, so mmsh boots a machine the same shape as the host.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static int zone_index(const char *name)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (strcmp(name, zone_names[z]) == 0)
			return z;
	return -1;     /* "Device" and anything newer: not modelled */
}

/* Read one /proc/sys/vm file into a --sysctl setting (skipped if absent). */
static void host_sysctl(struct machine_recipe *r, const char *dir, const char *name)
{
	char path[512], buf[128];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	if (!n || r->nr_sysctls == MAX_BOOT_SYSCTLS)
		return;
	snprintf(r->sysctls[r->nr_sysctls].name, sizeof(r->sysctls[0].name), "%s", name);
	snprintf(r->sysctls[r->nr_sysctls].value, sizeof(r->sysctls[0].value), "%s", buf);
	r->nr_sysctls++;
}

int host_recipe(struct machine_recipe *r, const char *zoneinfo_path,
		const char *sysvm_dir, char *err, size_t errlen)
{
	FILE *f = fopen(zoneinfo_path, "r");
	char line[512];
	int nid = -1, zidx = -1, max_nid = -1, cpus = 0, first_nid = -1, first_z = -1;
	unsigned long first_start = 0, v;
	struct zone_shape *zs = NULL;
	bool counting_cpus = false;
	int i;

	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", zoneinfo_path, strerror(errno));
		return -1;
	}
	memset(r->shape.zones, 0, sizeof(r->shape.zones));
	while (fgets(line, sizeof(line), f)) {
		char zname[32];
		int n;

		if (sscanf(line, "Node %d, zone %31s", &n, zname) == 2) {
			if (n < 0 || n >= MAX_NUMNODES) {
				fclose(f);
				snprintf(err, errlen, "%s: node %d is beyond mmsh's %d nodes",
					 zoneinfo_path, n, MAX_NUMNODES);
				return -1;
			}
			nid = n;
			zidx = zone_index(zname);
			zs = zidx >= 0 ? &r->shape.zones[nid][zidx] : NULL;
			if (nid > max_nid)
				max_nid = nid;
			counting_cpus = false;
			continue;
		}
		if (!zs)
			continue;
		if (sscanf(line, " spanned %lu", &v) == 1)
			zs->spanned = v;
		else if (sscanf(line, " present %lu", &v) == 1)
			zs->present = v;
		else if (sscanf(line, " managed %lu", &v) == 1)
			zs->managed = v;
		else if (sscanf(line, " start_pfn: %lu", &v) == 1) {
			if (first_nid < 0 && zs->present) {
				first_nid = nid;
				first_z = zidx;
				first_start = v;
			}
		} else if (strstr(line, "pagesets")) {
			counting_cpus = cpus == 0;
		} else if (counting_cpus && sscanf(line, " cpu: %d", &n) == 1) {
			cpus++;
		}
	}
	fclose(f);
	if (max_nid < 0 || first_nid < 0) {
		snprintf(err, errlen, "%s lists no populated zone", zoneinfo_path);
		return -1;
	}
	/* an unpopulated zone keeps no span in mmsh's back-to-back layout */
	for (nid = 0; nid <= max_nid; nid++)
		for (i = 0; i < MAX_NR_ZONES; i++)
			if (!r->shape.zones[nid][i].present)
				r->shape.zones[nid][i].spanned = 0;
	(void)first_z;
	r->shape.nr_nodes = max_nid + 1;
	r->shape.nr_cpus = cpus > 0 ? (cpus < MAX_CPUS ? cpus : MAX_CPUS) : 1;
	r->shape.start_pfn = first_nid == 0 ? first_start : 0;
	r->nr_sysctls = 0;
	host_sysctl(r, sysvm_dir, "lowmem_reserve_ratio");
	host_sysctl(r, sysvm_dir, "watermark_scale_factor");
	host_sysctl(r, sysvm_dir, "min_free_kbytes");
	/* the host may have a Device zone: keep the first four ratios only */
	for (i = 0; i < r->nr_sysctls; i++)
		if (strcmp(r->sysctls[i].name, "lowmem_reserve_ratio") == 0) {
			char *p = r->sysctls[i].value;
			int fields = 0;

			for (; *p; p++)
				if ((*p == '\t' || *p == ' ') && ++fields == MAX_NR_ZONES) {
					*p = '\0';
					break;
				}
		}
	return 0;
}
