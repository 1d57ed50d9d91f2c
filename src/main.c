/*
 * main.c — gramsewa-fcgi: the supervisor and its prefork workers.
 *
 * The supervisor opens the FastCGI socket, forks `workers` children, and
 * restarts one that dies (with backoff when they die young).  SIGHUP
 * re-reads the config and replaces the workers one generation at a time;
 * SIGTERM/SIGINT drains: workers finish their request and exit, then the
 * supervisor removes its pid file and socket.  Each worker keeps one
 * MariaDB connection and the parsed templates for its lifetime and resets
 * its request arena after every response.
 */
#include "auth.h"
#include "cert.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "server.h"
#include "tmpl.h"

#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t worker_stop;
/* GS_LOG_ALL set: log every request with its time (bench/locations.sh);
 * read once per worker, getenv walks the environment */
static bool log_all;
static const char *config_file;

static void worker_sigterm(int sig)
{
	(void)sig;
	worker_stop = 1;
	FCGX_ShutdownPending();
}

/* Reads the request body into the arena (NUL-terminated); returns its
 * length, or -1 when the stream ended early. */
static long read_body(FCGX_Request *fr, struct arena *a, long want, char **out)
{
	char *buf = arena_alloc(a, (size_t)want + 1);
	long got = 0;
	while (got < want) {
		int n = FCGX_GetStr(buf + got, (int)(want - got > 65536 ? 65536 : want - got), fr->in);
		if (n <= 0)
			return -1;
		got += n;
	}
	buf[got] = '\0';
	*out = buf;
	return got;
}

static void serve(FCGX_Request *fr, struct arena *a)
{
	struct cgi_in in = {
		.method = FCGX_GetParam("REQUEST_METHOD", fr->envp),
		.uri = FCGX_GetParam("REQUEST_URI", fr->envp),
		.query = FCGX_GetParam("QUERY_STRING", fr->envp),
		.ctype = FCGX_GetParam("CONTENT_TYPE", fr->envp),
		.clen = FCGX_GetParam("CONTENT_LENGTH", fr->envp),
		.remote_ip = FCGX_GetParam("REMOTE_ADDR", fr->envp),
		.cookie = FCGX_GetParam("HTTP_COOKIE", fr->envp),
		.ua = FCGX_GetParam("HTTP_USER_AGENT", fr->envp),
		.authz = FCGX_GetParam("HTTP_AUTHORIZATION", fr->envp),
		.idem = FCGX_GetParam("HTTP_IDEMPOTENCY_KEY", fr->envp),
		.https = FCGX_GetParam("HTTPS", fr->envp),
		.dlhmac = FCGX_GetParam("HTTP_X_DIGILOCKER_HMAC", fr->envp),
		.telsig = FCGX_GetParam("HTTP_X_TELEPHONY_SIGNATURE", fr->envp),
	};
	struct req r = { .a = a, .fcgi = fr };
	char *body = NULL;
	long blen = 0, want = 0;
	if (in.clen && parse_long(in.clen, 0, 1L << 40, &want) && want > 0 && want <= cfg.max_body) {
		blen = read_body(fr, a, want, &body);
		if (blen < 0) {
			blen = 0;
			body = NULL;
			in.clen = "0";
		}
	}
	double t0 = now_mono();
	req_run(&r, &in, body ? body : "", (size_t)blen);
	struct sbuf head;
	sbuf_init(&head);
	req_head(&r, &head);
	FCGX_PutStr(head.data, (int)head.len, fr->out);
	if (!str_eq(r.method, "HEAD") && r.out.len)
		FCGX_PutStr(r.out.data, (int)r.out.len, fr->out);
	sbuf_free(&head);
	if (r.status >= 400 || log_all)
		log_info("%s %s %d %.1fms", r.method, r.path ? r.path : "?", r.status, (now_mono() - t0) * 1000);
	req_release(&r);
}

static int worker_main(int sock)
{
	struct sigaction sa = { .sa_handler = worker_sigterm };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	log_all = getenv("GS_LOG_ALL") != NULL;
	char *tdir = config_path(cfg.templates);
	if (tmpl_init(tdir) != 0) {
		log_error("templates failed to load from %s", tdir);
		free(tdir);
		return 1;
	}
	free(tdir);
	db_connect();	/* failure is fine: queries reconnect, /healthz reports 503 */
	auth_warm();
	cert_warm();

	FCGX_Request fr;
	FCGX_InitRequest(&fr, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	struct arena a;
	arena_init(&a);
	while (!worker_stop && FCGX_Accept_r(&fr) >= 0) {
		serve(&fr, &a);
		FCGX_Finish_r(&fr);
		arena_reset(&a);
		cert_count_flush(false);	/* after the answer has gone */
	}
	cert_count_flush(true);
	arena_free(&a);
	FCGX_Free(&fr, 1);
	db_close();
	tmpl_free();
	config_free();
	return 0;
}

/* ---- supervisor ---- */

struct slot {
	pid_t pid;		/* 0 when empty */
	time_t started;		/* when it was forked */
	unsigned gen;		/* config generation it runs */
};

static struct slot *slots;
static size_t nslots;
static unsigned generation;
static double backoff = 0;	/* seconds to wait before the next restart */
static time_t next_spawn;

static pid_t spawn(int sock, size_t i)
{
	pid_t pid = fork();
	if (pid < 0) {
		log_error("fork failed: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		free(slots);
		exit(worker_main(sock));
	}
	slots[i].pid = pid;
	slots[i].started = time(NULL);
	slots[i].gen = generation;
	return pid;
}

static void signal_all(int sig)
{
	for (size_t i = 0; i < nslots; i++)
		if (slots[i].pid > 0)
			kill(slots[i].pid, sig);
}

static size_t live(void)
{
	size_t n = 0;
	for (size_t i = 0; i < nslots; i++)
		n += slots[i].pid > 0;
	return n;
}

static void reap(void)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (size_t i = 0; i < nslots; i++) {
			if (slots[i].pid != pid)
				continue;
			bool young = time(NULL) - slots[i].started < 10;
			if (WIFSIGNALED(status))
				log_warn("worker %d killed by signal %d", (int)pid, WTERMSIG(status));
			else if (WEXITSTATUS(status) != 0)
				log_warn("worker %d exited with status %d", (int)pid, WEXITSTATUS(status));
			slots[i].pid = 0;
			bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
			if (!clean && young) {
				backoff = backoff == 0 ? 0.5 : backoff * 2;
				if (backoff > 30)
					backoff = 30;
				next_spawn = time(NULL) + (time_t)backoff;
				log_warn("worker died young; restarting in %.1fs", backoff);
			} else if (!young) {
				backoff = 0;
			}
		}
	}
}

static int write_pid(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f);
}

int main(int argc, char **argv)
{
	char err[512];
	for (int i = 1; i < argc; i++) {
		if (str_eq(argv[i], "-c") && i + 1 < argc)
			config_file = argv[++i];
		else {
			fprintf(stderr, "usage: gramsewa-fcgi [-c config-file]\n");
			return 2;
		}
	}
	if (sodium_init() < 0)
		return 1;
	config_need_secret = true;
	if (config_load(config_file, err, sizeof err) != 0) {
		fprintf(stderr, "gramsewa-fcgi: %s\n", err);
		return 1;
	}
	if (FCGX_Init() != 0)
		return 1;
	char *sockpath = config_path(cfg.socket);
	const char *bindto = cfg.socket[0] == ':' || strchr(cfg.socket, ':') ? cfg.socket : sockpath;
	int sock = FCGX_OpenSocket(bindto, (int)cfg.backlog);
	if (sock < 0) {
		fprintf(stderr, "gramsewa-fcgi: cannot listen on %s\n", bindto);
		return 1;
	}
	if (bindto == sockpath)
		chmod(sockpath, 0660);
	char *pidpath = config_path(cfg.pid_file);
	if (write_pid(pidpath) != 0) {
		fprintf(stderr, "gramsewa-fcgi: cannot write %s\n", pidpath);
		return 1;
	}
	server_started = time(NULL);
	if (clock_faked())	/* anchor the test clock once, so every worker inherits the same one */
		log_warn("test clock in force (GS_FAKE_NOW), now %lld", (long long)now_secs());
	log_info("listening on %s with %ld workers", bindto, cfg.workers);

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	nslots = (size_t)cfg.workers;
	slots = xcalloc(nslots, sizeof *slots);
	bool stopping = false;
	time_t stop_at = 0;
	for (;;) {
		reap();
		if (stopping && live() == 0)
			break;
		if (stopping && time(NULL) - stop_at > 10) {
			log_warn("workers still busy after 10s; killing them");
			signal_all(SIGKILL);
		}
		if (!stopping && time(NULL) >= next_spawn)
			for (size_t i = 0; i < nslots; i++)
				if (slots[i].pid == 0)
					spawn(sock, i);
		struct timespec ts = { .tv_sec = 1 };
		siginfo_t info;
		int sig = sigtimedwait(&set, &info, &ts);
		if (sig == SIGTERM || sig == SIGINT) {
			if (!stopping) {
				log_info("draining %zu workers", live());
				stop_at = time(NULL);
			}
			stopping = true;
			signal_all(SIGTERM);
		} else if (sig == SIGHUP) {
			if (config_load(config_file, err, sizeof err) != 0) {
				log_error("reload refused: %s (keeping the running config)", err);
				continue;
			}
			log_info("reloading: replacing workers");
			generation++;
			size_t want = (size_t)cfg.workers;
			signal_all(SIGTERM);	/* each finishes its request, then is replaced */
			if (want != nslots) {
				/* resize after the old generation has gone (killed after 10 s) */
				time_t t0 = time(NULL);
				while (live() > 0) {
					if (time(NULL) - t0 > 10)
						signal_all(SIGKILL);
					struct timespec w = { .tv_sec = 0, .tv_nsec = 50000000 };
					nanosleep(&w, NULL);
					int st;
					pid_t p;
					while ((p = waitpid(-1, &st, WNOHANG)) > 0)
						for (size_t i = 0; i < nslots; i++)
							if (slots[i].pid == p)
								slots[i].pid = 0;
				}
				free(slots);
				nslots = want;
				slots = xcalloc(nslots, sizeof *slots);
			}
		}
	}
	if (bindto == sockpath)
		unlink(sockpath);
	unlink(pidpath);
	free(pidpath);
	free(sockpath);
	free(slots);
	log_info("stopped");
	return 0;
}
