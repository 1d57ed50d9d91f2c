/*
 * seed.c — demo data for ./run.sh (never for production): the real
 * Jharkhand districts and Palamu blocks/panchayats/villages, offices at
 * every level, departments, demo staff, CSC operators, a Swayam Sewak and a
 * citizen.  Idempotent: a second run changes nothing.
 */
#include "ctl.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "location.h"
#include "user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Imports a CSV file from the project tree. */
static int seed_file(const char *rel)
{
	char *path = config_path(rel);
	size_t len;
	char *text = ctl_slurp(path, &len);
	struct import_stats st;
	int rc = -1;
	if (!text) {
		fprintf(stderr, "seed: cannot read %s\n", path);
		goto out;
	}
	rc = loc_import(text, len, false, false, stderr, &st);
	printf("  %-40s %ld rows: %ld created, %ld updated, %ld unchanged, %ld rejected\n", rel, st.rows, st.created,
	       st.updated, st.unchanged, st.rejected);
out:
	free(text);
	free(path);
	return rc;
}

/* Finds a location id by type and English name (unique in the demo). */
static long seed_loc(struct arena *a, const char *type, const char *name)
{
	const char *id = db_scalar(a, "SELECT id FROM locations WHERE type = ? AND name_en = ? LIMIT 1", "ss", type, name);
	return id ? strtol(id, NULL, 10) : 0;
}

struct demo_user {
	const char *username, *first, *last, *mobile, *type, *designation, *csc_id;
	enum role role;
	const char *ltype, *lname;	/* place of the holding */
};

static const struct demo_user demo_users[] = {
	{ "stateadmin", "Anita", "Kujur", "9000000101", "staff", "State Nodal Officer", NULL, ROLE_STATE_ADMIN, "state", "Jharkhand" },
	{ "deptadmin", "Rajesh", "Oraon", "9000000102", "staff", "Joint Secretary, Revenue", NULL, ROLE_DEPT_ADMIN, "state", "Jharkhand" },
	{ "karmachari", "Suresh", "Mahto", "9000000103", "staff", "Rajasv Karmachari", NULL, ROLE_KARMACHARI, "block", "Medininagar(Daltonganj)" },
	{ "ci", "Pramod", "Tiwari", "9000000104", "staff", "Anchal Nirikshak", NULL, ROLE_CI, "block", "Medininagar(Daltonganj)" },
	{ "co", "Kavita", "Singh", "9000000105", "staff", "Anchal Adhikari", NULL, ROLE_CO, "block", "Medininagar(Daltonganj)" },
	{ "bdo", "Manoj", "Minz", "9000000106", "staff", "Prakhand Vikas Padadhikari", NULL, ROLE_BDO, "block", "Medininagar(Daltonganj)" },
	{ "sdo", "Neha", "Sharma", "9000000107", "staff", "Anumandal Padadhikari", NULL, ROLE_SDO, "subdivision", "Medininagar Sadar" },
	{ "dm", "Arvind", "Prasad", "9000000108", "staff", "Upayukt", NULL, ROLE_DM, "district", "Palamu" },
	{ "panchayatsewak", "Ramesh", "Yadav", "9000000109", "staff", "Panchayat Sewak", NULL, ROLE_PSEWAK, "panchayat", "Jamune" },
	{ "csc1", "Imran", "Ansari", "9000000110", "csc", "Village Level Entrepreneur", "CSC358001", ROLE_CSC, "panchayat", "Jamune" },
	{ "csc2", "Sunita", "Kumari", "9000000111", "csc", "Village Level Entrepreneur", "CSC358002", ROLE_CSC, "panchayat", "Lahlahe" },
	{ "sewak", "Birsa", "Munda", "9000000112", "sewak", "Panchayat Swayam Sewak", NULL, ROLE_SEWAK, "panchayat", "Sarja" },
	{ "bi", "Ajay", "Kumar", "9000000114", "staff", "Block In-charge (Digital Panchayat)", NULL, ROLE_BI, "block", "Medininagar(Daltonganj)" },
	{ "di", "Priya", "Lakra", "9000000115", "staff", "District In-charge (Digital Panchayat)", NULL, ROLE_DI, "district", "Palamu" },
	{ "mukhiya", "Savitri", "Devi", "9000000120", "staff", "Mukhiya, Jamune", NULL, ROLE_MUKHIYA, "panchayat", "Jamune" },
	{ "jsk", "Meena", "Devi", "9000000113", "jsk", "Jan Suvidha Kendra Operator", NULL, ROLE_JSK, "block", "Medininagar(Daltonganj)" },
	{ "bi2", "Rakesh", "Paswan", "9000000116", "staff", "Block In-charge (Digital Panchayat)", NULL, ROLE_BI, "block", "Chainpur" },
	{ "pmu", "Shalini", "Ekka", "9000000117", "staff", "PMU, Digital Panchayat", NULL, ROLE_PMU, "state", "Jharkhand" },
	{ "ccagent", "Deepak", "Gupta", "9000000118", "staff", "Call-centre Agent", NULL, ROLE_CC_AGENT, "state", "Jharkhand" },
	{ "resolver", "Anil", "Toppo", "9000000119", "staff", "Grievance Officer, Revenue (Palamu)", NULL, ROLE_RESOLVER, "district", "Palamu" },
	{ "mastertrainer", "Rekha", "Tirkey", "9000000121", "staff", "Master Trainer, Digital Panchayat PMU", NULL, ROLE_MASTER_TRAINER, "state", "Jharkhand" },
};

static int seed_users(struct arena *a)
{
	char *hash = NULL;
	int made = 0;
	for (size_t i = 0; i < ARRAY_LEN(demo_users); i++) {
		const struct demo_user *d = &demo_users[i];
		if (db_scalar(a, "SELECT id FROM users WHERE username = ?", "s", d->username))
			continue;
		if (!hash && !(hash = auth_hash_password("demo-pass-2026")))
			return -1;
		struct staff_input in = { .username = d->username, .first = d->first, .last = d->last, .mobile = d->mobile,
					  .user_type = d->type, .designation = d->designation, .csc_id = d->csc_id };
		bool dup;
		long place = seed_loc(a, d->ltype, d->lname);
		const char *err = NULL;
		long uid = place ? user_create(&in, hash, &dup) : 0;
		if (!uid || !holding_add(a, uid, d->role, place, d->role == ROLE_DEPT_ADMIN || d->role == ROLE_RESOLVER ? 1 : 0, "2024-04-01", NULL, 0, &err)) {
			fprintf(stderr, "seed: user %s failed (%s)\n", d->username, err ? err : db_error());
			free(hash);
			return -1;
		}
		made++;
	}
	free(hash);
	/* the demo citizen: mobile 9000000001, living in Pokhraha Kalan (Jamune panchayat) */
	if (!db_scalar(a, "SELECT id FROM users WHERE citizen_mobile = '9000000001'", NULL)) {
		long village = seed_loc(a, "village", "Pokhraha Kalan");
		if (db_exec("INSERT INTO users (user_type, first_name, last_name, mobile, dob, address_location_id, address_line) "
			    "VALUES ('citizen', 'Sita', 'Devi', '9000000001', '1990-06-15', NULLIF(?, 0), 'Ward 3, near the school')",
			    "i", (long long)village) != 1)
			return -1;
		made++;
	}
	printf("  users: %d created\n", made);
	return 0;
}

int ctl_seed_demo(int argc, char **argv)
{
	struct arena a;
	arena_init(&a);
	int rc = 1;
	printf("seeding demo data\n");
	if (!db_scalar(&a, "SELECT id FROM locations WHERE type = 'state' AND lgd_code = '20'", NULL)) {
		char err[200];
		if (db_begin() != 0 || !loc_create(&a, 0, LT_STATE, "20", "Jharkhand", "झारखण्ड", NULL, NULL, err, sizeof err) ||
		    db_commit() != 0) {
			fprintf(stderr, "seed: state: %s\n", err);
			goto out;
		}
	}
	if (seed_file("data/lgd/jharkhand_districts.csv") != 0 || seed_file("data/demo/palamu_subdivisions.csv") != 0 ||
	    seed_file("data/lgd/palamu_villages.csv") != 0)
		goto out;
	if (db_exec("INSERT IGNORE INTO departments (id, code, name_en, name_hi) VALUES "
		    "(1, 'REV', 'Revenue, Registration and Land Reforms', 'राजस्व, निबंधन एवं भूमि सुधार'), "
		    "(2, 'HLT', 'Health, Medical Education and Family Welfare', 'स्वास्थ्य, चिकित्सा शिक्षा एवं परिवार कल्याण'), "
		    "(3, 'PRD', 'Panchayati Raj', 'पंचायती राज')", NULL) < 0)
		goto out;
	long state = seed_loc(&a, "state", "Jharkhand");
	long offices = office_seed_all(state);
	if (offices < 0)
		goto out;
	printf("  offices: %ld created\n", offices);
	if (seed_users(&a) != 0)
		goto out;
	rc = ctl_seed_more(&a);
out:
	arena_free(&a);
	return rc;
}
