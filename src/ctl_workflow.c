/*
 * ctl_workflow.c — gramsewactl commands of the workflow (workflow.h):
 * escalate.
 */
#include "ctl.h"
#include "workflow.h"

#include <stdio.h>

int ctl_escalate(int argc, char **argv)
{
	return wf_escalate(stdout) < 0 ? 1 : 0;
}
