/*
 * ctl_payment.c — gramsewactl's payment job: pay-reconcile settles gateway
 * orders left pending and bills waiting for their biller (payment.c,
 * bills.c), as the system.
 */
#include "ctl.h"
#include "bills.h"
#include "payment.h"

#include <stdio.h>

/* pay-reconcile — pending gateway orders older than 15 minutes, and bills
 * waiting for their biller's confirmation */
int ctl_pay_reconcile(int argc, char **argv)
{
	long p = pay_reconcile(stdout), b = bill_reconcile(stdout);
	return p < 0 || b < 0 ? 1 : 0;
}
