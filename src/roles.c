/*
 * roles.c — role codes (user.h): the one table of the codes roles are
 * stored and written as.  Kept apart from user.c, which needs the
 * database, so that definition readers (services, registers) and their
 * fuzz targets link it alone.
 */
#include "user.h"

static const char *const role_codes[ROLE_COUNT] = {
	"citizen", "csc", "sewak", "jsk", "panchayat_sewak", "karmachari", "ci", "co",
	"bdo", "sdo", "dm", "dept_admin", "di", "bi", "support", "state_admin",
	"mukhiya", "cc_agent", "resolver", "pmu", "master_trainer",
};

const char *role_code(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_codes[r] : "?";
}

int role_from_code(const char *code)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (str_eq(role_codes[i], code))
			return i;
	return -1;
}
