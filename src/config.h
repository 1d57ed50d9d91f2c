/*
 * config.h — the one configuration table.  Every key has a type, a default
 * and a line of help; an unknown key in the file is an error, and
 * `gramsewactl config` prints the effective values.
 */
#ifndef GS_CONFIG_H
#define GS_CONFIG_H
#include <stdbool.h>
#include <stdio.h>

struct config {
	char *home;		/* project root; relative paths are resolved against it */
	char *socket;		/* FastCGI listen socket path or host:port */
	long workers;		/* prefork worker count */
	long backlog;		/* listen backlog */
	char *pid_file;		/* supervisor pid file */
	char *db_socket;	/* MariaDB unix socket ("" = use host/port) */
	char *db_host;		/* MariaDB host when no socket */
	long db_port;		/* MariaDB port */
	char *db_user;		/* MariaDB user */
	char *db_password;	/* MariaDB password */
	char *db_name;		/* database name */
	char *templates;	/* template directory */
	char *data_dir;		/* var/ data: uploads, certificates, keys */
	long max_body;		/* bytes: largest request body accepted */
	long max_upload;	/* bytes: largest single uploaded document */
	long max_fields;	/* form fields per request */
	long max_cookie;	/* bytes: largest Cookie header */
	long session_idle;	/* seconds of inactivity before a session ends */
	long session_max;	/* seconds: absolute session lifetime */
	bool secure_cookies;	/* add Secure to cookies (behind TLS) */
	char *base_url;		/* public base URL, used in QR codes and e-mails */
	char *default_lang;	/* en or hi */
	char *secret;		/* server secret for CSRF and anonymous tokens (hex, 64 chars) */
	char *key_passphrase;	/* passphrase protecting signing keys at rest */
	long argon_ops;		/* Argon2id opslimit for password hashes */
	long argon_mem_kib;	/* Argon2id memlimit in KiB */
	long otp_ttl;		/* seconds an OTP lives */
	long otp_tries;		/* wrong OTPs before the mobile is locked */
	long otp_lock;		/* seconds a mobile stays locked */
	long consent_ttl;	/* seconds an operator sees a citizen's whole locker after consent */
	char *consent_sms_dlt;	/* DLT template id of the consent-code SMS */
	long login_max_fail;	/* wrong passwords before the account locks */
	long login_lock;	/* seconds an account stays locked */
	long claim_timeout;	/* seconds an opened application stays with its officer */
	long audit_shards;	/* audit chains written (1..AUDIT_MAX_SHARDS): more chains, fewer writers per head row */
	long dash_cache_seconds;	/* how old dashboard figures may be (0: no cache) */
	char *notify_driver;	/* log (development) or live (SMS by HTTP gateway, e-mail by SMTP) */
	char *notify_log;	/* file the log driver appends to */
	char *sms_url;		/* SMS gateway URL template with {mobile} {text} {dlt} */
	char *smtp_url;		/* smtp://host:port for e-mail */
	char *smtp_from;	/* From: address */
	char *pay_gateway_url;	/* payment gateway redirect URL */
	char *pay_merchant;	/* merchant id at the gateway */
	char *pay_key;		/* HMAC key shared with the gateway */
	bool pay_sandbox;	/* enable the built-in test-only sandbox gateway routes */
	char *digilocker_key;	/* HMAC key for DigiLocker pull requests */
	char *digilocker_issuer;/* our DigiLocker issuer id */
	long attendance_radius_m;	/* geofence radius given to a newly captured GP point */
	long attendance_capture_accuracy_m;	/* worst accuracy a BI's reference capture may have */
	long attendance_max_accuracy_m;	/* worst accuracy a check-in may have and still be accepted */
	long attendance_max_fix_age_s;	/* oldest a live check-in's GPS fix may be */
	char *attendance_on_time_until;	/* HH:MM (IST): check-ins after it are late */
	char *attendance_absent_sms_at;	/* HH:MM (IST): from then attendance-absent-sms marks and tells absentees */
	long attendance_offline_sync_hours;	/* an offline record synced later than this is flagged */
	long attendance_max_speed_kmh;	/* faster travel between two check-ins is flagged */
	long attendance_weekly_off;	/* weekdays with no attendance: bit per day, 1 = Sunday ... 64 = Saturday */
	char *attendance_absent_dlt;	/* DLT template id of the absence SMS */
	char *attendance_digest_dlt;	/* DLT template id of the BI's daily digest */
	char *attendance_leave_dlt;	/* DLT template id of the leave decision SMS */
	long training_min_attendees;	/* present for a training to count */
	long training_min_hours;	/* length for a training to count */
	long training_per_month;	/* trainings a DI/BI must hold each month */
	long training_feedback_days;	/* feedback window after a training's end */
	long training_checkin_radius_m;	/* geofence of a QR check-in around the venue's point; 0 none */
	char *training_invite_dlt;	/* DLT template id of the invitation SMS */
	char *training_remind_dlt;	/* DLT template id of the reminder on the 20th */
	char *training_shortfall_dlt;	/* DLT template id of the month-end shortfall SMS */
	long mpr_due_day;	/* day of the next month an MPR is due */
	char *mpr_remind_dlt;	/* DLT template id of the MPR reminder SMS */
	long survey_remind_days;	/* remind of survey tasks due within this many days */
	char *survey_remind_dlt;	/* DLT template ids of the survey-task reminder (English, Hindi) ... */
	char *survey_remind_hi_dlt;
	char *survey_digest_dlt;	/* ... and of the BI's digest of overdue tasks */
	char *survey_digest_hi_dlt;
	long exam_grace_s;	/* after an attempt's deadline: the candidate may still submit; exam-close waits */
	char *exam_result_dlt;	/* DLT template id of the exam result SMS */
	long checkin_retention_days;	/* check-in events (coordinates) older than this are purged */
	char *office_hours;	/* HH:MM-HH:MM (IST): the hours ticket SLAs run in */
	long office_weekly_off;	/* weekdays offices are closed: bit per day, 1 = Sunday */
	long ticket_reopen_days;	/* days after resolution a raiser may reopen */
	char *ticket_raised_dlt;	/* DLT template id: ticket acknowledgement */
	char *ticket_update_dlt;	/* DLT template id: information asked, ticket assigned */
	char *ticket_resolved_dlt;	/* DLT template id: ticket resolved */
	char *ticket_escalated_dlt;	/* DLT template id: ticket escalated */
	long grievance_reopen_days;	/* days a citizen may reopen or appeal a grievance */
	long grievance_csc_fee_paise;	/* fee of a grievance filed at a CSC, from its wallet */
	char *campaign_hours;	/* HH:MM-HH:MM (IST): campaign calling hours */
	char *telephony_click_to_call_url;	/* provider's click-to-call URL, "sandbox:" (tests) or "" */
	char *telephony_webhook_secret;	/* HMAC key of the provider's CDR webhooks */
	char *state_code;	/* two-letter prefix of application numbers */
	char *rts_act_en;	/* the Right to Service law named in PDF signatures */
	char *ca_name;		/* CN of the deployment CA made by ca-init */
	char *state_name_en;	/* the issuing government at the head of our PDFs, in English */
	char *state_name_hi;	/* the same in Hindi */
	char *helpline;		/* citizens' helpline number, in every page's footer */
	bool debug_errors;	/* show error details on 500 pages (development) */
};

extern struct config cfg;

/* Load defaults, then the file (NULL = defaults only).  Returns 0, or -1 with
 * a message in err (caller-provided buffer). */
int config_load(const char *path, char *err, size_t errlen);
/* Set by the server: a config without a secret is refused (at start and on
 * reload, before it replaces the running one). */
extern bool config_need_secret;
void config_print(FILE *f);
void config_free(void);
/* Resolve a path relative to cfg.home; returns malloc'd string. */
char *config_path(const char *p);
#endif
