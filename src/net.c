/*
 * net.c — outbound HTTP and SMTP through libcurl (see net.h).
 */
#include "net.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

/* Where an answer goes: kept up to NET_MAX_ANSWER, or dropped. */
struct sink {
	struct sbuf b;	/* the answer so far */
	bool keep;	/* false: count nothing, keep nothing */
};

static size_t sink_write(char *p, size_t s, size_t n, void *u)
{
	struct sink *k = u;
	if (!k->keep)
		return s * n;
	sbuf_add(&k->b, p, s * n);
	return k->b.len > NET_MAX_ANSWER ? 0 : s * n;	/* 0 makes libcurl stop with an error */
}

/* A handle with the settings every call shares. */
static CURL *handle(const char *url, long timeout)
{
	CURL *c = curl_easy_init();
	if (!c)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	return c;
}

int net_http(struct arena *a, const char *url, const char *body, const char *ctype, long timeout,
	     struct net_answer *ans)
{
	memset(ans, 0, sizeof *ans);
	ans->body = "";
	CURL *c = handle(url, timeout);
	if (!c) {
		snprintf(ans->err, sizeof ans->err, "libcurl could not start");
		return -1;
	}
	struct sink k = { .keep = a != NULL };
	sbuf_init(&k.b);
	struct curl_slist *h = NULL;
	if (body) {
		char hdr[128];
		snprintf(hdr, sizeof hdr, "Content-Type: %s", ctype ? ctype : "application/x-www-form-urlencoded");
		h = curl_slist_append(NULL, hdr);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &ans->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(ans->err, sizeof ans->err, "%s", curl_easy_strerror(rc));
		ans->status = 0;
	} else if (a) {
		ans->body = arena_strndup(a, k.b.data ? k.b.data : "", k.b.len);
		ans->len = k.b.len;
	}
	sbuf_free(&k.b);
	return rc == CURLE_OK ? 0 : -1;
}

struct jval *net_json(struct arena *a, const char *url, const char *body, long timeout)
{
	struct net_answer ans;
	if (net_http(a, url, body, body ? "application/json" : NULL, timeout, &ans) != 0)
		return NULL;
	const char *err;
	return json_parse(a, ans.body, ans.len, &err);
}

/* The message, handed to libcurl a piece at a time. */
struct mail_src {
	const char *data;	/* message text */
	size_t len, pos;	/* length, cursor */
};

static size_t mail_read(char *p, size_t s, size_t n, void *u)
{
	struct mail_src *m = u;
	size_t k = s * n < m->len - m->pos ? s * n : m->len - m->pos;
	memcpy(p, m->data + m->pos, k);
	m->pos += k;
	return k;
}

int net_smtp(const char *url, const char *from, const char *to, const char *message, long timeout, char err[200])
{
	CURL *c = handle(url, timeout);
	if (!c) {
		snprintf(err, 200, "libcurl could not start");
		return -1;
	}
	struct mail_src src = { message, strlen(message), 0 };
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &src);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(err, 200, "smtp: %s", curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}
