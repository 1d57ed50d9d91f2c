/*
 * seed.c — demo data for ./run.sh (never for production): the real
 * Jharkhand districts and Palamu blocks/panchayats/villages, offices, demo
 * staff, CSC operators, a citizen, and the seeded services.
 */
#include "ctl.h"
#include "config.h"
#include "db.h"

#include <stdio.h>

int ctl_seed_demo(int argc, char **argv)
{
	printf("demo data: nothing to seed yet\n");
	return 0;
}
