/*
 * ctl.h — gramsewactl command table entries contributed by feature modules.
 * Each module's ctl_* function is declared here and listed in CTL_COMMANDS.
 */
#ifndef GS_CTL_H
#define GS_CTL_H
#include "util.h"

struct ctl_cmd {
	const char *name;	/* sub-command */
	int (*fn)(int argc, char **argv);	/* argv[0] is the sub-command */
	const char *usage;	/* argument synopsis */
	const char *help;	/* one line */
	bool needs_db;		/* connect before running */
};

char *ctl_slurp(const char *path, size_t *len);	/* malloc'd file contents or NULL */

struct arena;
int ctl_seed_demo(int argc, char **argv);
int ctl_seed_more(struct arena *a);	/* feature modules' demo data (services, wallets) */
int ctl_import_lgd(int argc, char **argv);
int ctl_gen_state(int argc, char **argv);
int ctl_send_notifications(int argc, char **argv);
int ctl_service(int argc, char **argv);
int ctl_escalate(int argc, char **argv);
int ctl_rebuild_stats(int argc, char **argv);
int ctl_ca(int argc, char **argv);
int ctl_keys(int argc, char **argv);
int ctl_verify(int argc, char **argv);
int ctl_ledger_verify(int argc, char **argv);
int ctl_wallet_topup(int argc, char **argv);
int ctl_seed_apps(struct arena *a);
int ctl_cert_render(int argc, char **argv);
int ctl_pay_reconcile(int argc, char **argv);
int ctl_commission(int argc, char **argv);
int ctl_seed_services(struct arena *a);
int ctl_attendance_rollup(int argc, char **argv);
int ctl_attendance_absent_sms(int argc, char **argv);
int ctl_attendance_purge(int argc, char **argv);
int ctl_attendance_on_duty(int argc, char **argv);
int ctl_attendance_points(int argc, char **argv);
int ctl_seed_attendance(struct arena *a);	/* demo: Palamu's GP points and approved geofences */
int ctl_register_import(int argc, char **argv);
int ctl_register_publish(int argc, char **argv);
int ctl_register_verify(int argc, char **argv);
int ctl_seed_registers(struct arena *a);
int ctl_mpr_remind(int argc, char **argv);	/* the built-in registers (data/registers, a JSON file each), published */
int ctl_survey_remind(int argc, char **argv);	/* ctl_survey.c: the daily survey-task reminders */
int ctl_exam_close(int argc, char **argv);
int ctl_exam_import(int argc, char **argv);
int ctl_seed_exams(struct arena *a);		/* demo: the project exam (data/demo/exam.json) */
int ctl_training_compliance(int argc, char **argv);
int ctl_learn_add(int argc, char **argv);
int ctl_learn_renditions(int argc, char **argv);
int ctl_ticket_catalogue(int argc, char **argv);
int ctl_ticket_escalate(int argc, char **argv);
int ctl_ticket_sums(int argc, char **argv);
int ctl_seed_tickets(struct arena *a);	/* demo: the ticket catalogue */
int ctl_campaign(int argc, char **argv);
int ctl_seed_campaigns(struct arena *a);	/* demo: a Jan Samvad campaign */

#define CTL_COMMANDS \
	{ "seed-demo", ctl_seed_demo, "", "load the demo data (development only; idempotent)", true }, \
	{ "import-lgd", ctl_import_lgd, "FILE.csv [--dry-run] [--skip-bad]", "import locations (docs/lgd-import.md)", true }, \
	{ "gen-state", ctl_gen_state, "[--districts N ...]", "generate a full-size synthetic state", true }, \
	{ "send-notifications", ctl_send_notifications, "[--limit N]", "deliver due SMS/e-mail from the outbox", true }, \
	{ "service", ctl_service, "import FILE [--publish] [--department DEPT] | export CODE", "move service definitions as JSON", true }, \
	{ "escalate", ctl_escalate, "", "mark overdue applications and notify (cron; idempotent)", true }, \
	{ "rebuild-stats", ctl_rebuild_stats, "", "recompute dashboard summaries from events", true }, \
	{ "ca", ctl_ca, "init | issue --user USER | issue --system", "deployment CA, officer and PMU signing certificates", true }, \
	{ "keys", ctl_keys, "rotate", "new QR signing key (old keys stay published)", false }, \
	{ "verify", ctl_verify, "FILE.pdf|QRTEXT", "offline check of a certificate PDF or QR text", false }, \
	{ "ledger-verify", ctl_ledger_verify, "", "check every balance against its ledger rows", true }, \
	{ "wallet-topup", ctl_wallet_topup, "USER PAISE REFERENCE", "credit a CSC wallet", true }, \
	{ "cert-render", ctl_cert_render, "NUMBER OUT.pdf [--glyphs]", "draw a certificate again from its stored record", true }, \
	{ "pay-reconcile", ctl_pay_reconcile, "", "settle stuck gateway orders and bills (cron; idempotent)", true }, \
	{ "commission", ctl_commission, "app|bill|grievance CODE|default PAISE", "set the operators' commission schedule", true }, \
	{ "attendance-rollup", ctl_attendance_rollup, "[--day D]", "mark VLEs absent or on holiday for a closed day (cron; idempotent)", true }, \
	{ "attendance-absent-sms", ctl_attendance_absent_sms, "[--day D]", "SMS to absent VLEs and the BIs' digest, once a day (cron)", true }, \
	{ "attendance-purge", ctl_attendance_purge, "", "delete check-ins older than checkin_retention_days (cron)", true }, \
	{ "attendance-on-duty", ctl_attendance_on_duty, "USER DAY training|camp|survey ID", "record a VLE on duty elsewhere", true }, \
	{ "attendance-points", ctl_attendance_points, "LOCATION_ID [--approve]", "demonstration points for GPs without coordinates", true }, \
	{ "register-import", ctl_register_import, "FILE.json|DIR... [--publish]", "import register definitions (data/registers)", true }, \
	{ "register-publish", ctl_register_publish, "CODE", "publish the latest draft of a register", true }, \
	{ "register-verify", ctl_register_verify, "[--book ID]", "check every register book's hash chain", true }, \
	{ "mpr-remind", ctl_mpr_remind, "[--day YYYY-MM-DD]", "SMS reminders of MPRs not submitted, D-2 and D+1 of the due day (cron, daily; idempotent)", true }, \
	{ "survey-remind", ctl_survey_remind, "[--day YYYY-MM-DD]", "SMS reminders of survey tasks due within survey_remind_days or overdue, and a digest of overdue tasks to each block's BI (cron, daily; idempotent)", true }, \
	{ "exam-close", ctl_exam_close, "", "finish exam attempts past their deadline and grace, grade, certify (cron; idempotent)", true }, \
	{ "exam-import", ctl_exam_import, "FILE.json", "load a question bank and exam settings", true }, \
	{ "training-compliance", ctl_training_compliance, "remind|shortfall [--month YYYY-MM]", "two-per-month rule: reminder on the 20th, shortfall SMS at month end (cron; once per person and month)", true }, \
	{ "learn-add", ctl_learn_add, "KEY KIND LANG AUDIENCE TITLE FILE [--mandatory] [--tags T]", "add an e-learning item (any size: videos)", true }, \
	{ "learn-renditions", ctl_learn_renditions, "[--limit N]", "make the 360p copies of library videos with ffmpeg (cron; each video once)", true }, \
	{ "ticket-catalogue", ctl_ticket_catalogue, "import FILE.csv", "load the ticket types, main types and sub types", true }, \
	{ "ticket-escalate", ctl_ticket_escalate, "[--chunk TICKETS]", "escalate overdue tickets, auto-close resolved ones (cron; idempotent)", true }, \
	{ "ticket-sums", ctl_ticket_sums, "rebuild", "recompute the ticket dashboards' summary rows from the tickets", true }, \
	{ "campaign", ctl_campaign, "define FILE.json | list CODE FILE.csv | sample CODE [PER_GP]", "Jan Samvad campaigns: definition, call list, sample", true },
#endif
