#include "metrics.h"

#include <arpa/inet.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "html.h"
#include "outbox.h"
#include "session.h"
#include "version.h"

static const int tracked_status[] = {200, 303, 400, 401, 403, 404, 405, 413, 429, 500, 503};
#define STATUS_SLOTS (sizeof tracked_status / sizeof tracked_status[0] + 1) /* + other */
static const double bucket_seconds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define BUCKETS (sizeof bucket_seconds / sizeof bucket_seconds[0])

struct route_stats {
	atomic_ullong status[STATUS_SLOTS];
	atomic_ullong bucket[BUCKETS]; /* not cumulative; summed when shown */
	atomic_ullong count;
	atomic_ullong sum_us;
};

static struct route_stats *stats; /* one per route, plus one for "no route" */
static size_t route_count;

void metrics_setup(void)
{
	for (route_count = 0; routes[route_count].method; route_count++)
		;
	stats = calloc(route_count + 1, sizeof *stats);
	if (!stats)
		abort();
}

void metrics_observe(const struct route *route, int status, long long us)
{
	if (!stats)
		return;
	struct route_stats *s = &stats[route ? (size_t)(route - routes) : route_count];
	size_t slot = STATUS_SLOTS - 1;
	for (size_t i = 0; i < STATUS_SLOTS - 1; i++)
		if (tracked_status[i] == status)
			slot = i;
	atomic_fetch_add_explicit(&s->status[slot], 1, memory_order_relaxed);
	for (size_t b = 0; b < BUCKETS; b++)
		if (us <= (long long)(bucket_seconds[b] * 1e6)) {
			atomic_fetch_add_explicit(&s->bucket[b], 1, memory_order_relaxed);
			break;
		}
	atomic_fetch_add_explicit(&s->count, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->sum_us, (unsigned long long)(us > 0 ? us : 0), memory_order_relaxed);
}

bool address_allowed(const char *ip, const char *list)
{
	if (!ip || !list)
		return false;
	struct in_addr addr;
	bool v4 = inet_pton(AF_INET, ip, &addr) == 1;
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ", ");
		if (!n)
			break;
		char item[64];
		snprintf(item, sizeof item, "%.*s", (int)n, p);
		p += n;
		char *slash = strchr(item, '/');
		if (!slash) {
			if (strcmp(item, ip) == 0)
				return true;
			continue;
		}
		*slash = 0;
		struct in_addr net;
		int bits = atoi(slash + 1);
		if (!v4 || inet_pton(AF_INET, item, &net) != 1 || bits < 0 || bits > 32)
			continue;
		uint32_t mask = bits ? htonl(0xFFFFFFFFu << (32 - bits)) : 0;
		if ((addr.s_addr & mask) == (net.s_addr & mask))
			return true;
	}
	return false;
}

static long long outbox_in_state(const char *state)
{
	struct scope system = scope_system();
	return outbox_count(&system, state);
}

void health_show(struct req *r)
{
	bool writable = db_writable();
	r->status = writable ? 200 : 503;
	r->content_type = "application/json";
	/* Load balancers need the status only; the version and the outbox tell an attacker what
	 * runs and how busy it is, so they are for the monitoring addresses (metrics_allow). */
	if (!address_allowed(r->ip, cfg.metrics_allow)) {
		buf_printf(&r->body, "{\"status\":\"%s\"}\n", writable ? "ok" : "error");
		return;
	}
	long long queued = outbox_in_state("queued"), failed = outbox_in_state("failed");
	buf_printf(&r->body,
	           "{\"status\":\"%s\",\"database_writable\":%s,\"outbox_queued\":%lld,"
	           "\"outbox_failed\":%lld,\"version\":\"%s\",\"revision\":\"%s\"}\n",
	           writable ? "ok" : "error", writable ? "true" : "false", queued, failed, STAGEMATCH_VERSION,
	           STAGEMATCH_REVISION);
}

static void route_label(struct buf *b, size_t i)
{
	if (i == route_count)
		buf_puts(b, "method=\"\",route=\"none\"");
	else
		buf_printf(b, "method=\"%s\",route=\"%s\"", routes[i].method, routes[i].pattern);
}

void metrics_show(struct req *r)
{
	if (!address_allowed(r->ip, cfg.metrics_allow)) {
		resp_error(r, 403, "De metrics zijn enkel bereikbaar vanaf de ingestelde adressen.");
		return;
	}
	struct buf *b = &r->body;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	buf_puts(b, "# HELP stagematch_http_requests_total Answered HTTP requests by route and status.\n"
	            "# TYPE stagematch_http_requests_total counter\n");
	for (size_t i = 0; stats && i <= route_count; i++)
		for (size_t s = 0; s < STATUS_SLOTS; s++) {
			unsigned long long n = atomic_load(&stats[i].status[s]);
			if (!n)
				continue;
			buf_puts(b, "stagematch_http_requests_total{");
			route_label(b, i);
			if (s < STATUS_SLOTS - 1)
				buf_printf(b, ",status=\"%d\"} %llu\n", tracked_status[s], n);
			else
				buf_printf(b, ",status=\"other\"} %llu\n", n);
		}
	buf_puts(b, "# HELP stagematch_http_request_duration_seconds Time from a request's arrival until its answer is ready to send.\n"
	            "# TYPE stagematch_http_request_duration_seconds histogram\n");
	for (size_t i = 0; stats && i <= route_count; i++) {
		unsigned long long count = atomic_load(&stats[i].count);
		if (!count)
			continue;
		unsigned long long cumulative = 0;
		for (size_t k = 0; k < BUCKETS; k++) {
			cumulative += atomic_load(&stats[i].bucket[k]);
			buf_puts(b, "stagematch_http_request_duration_seconds_bucket{");
			route_label(b, i);
			buf_printf(b, ",le=\"%g\"} %llu\n", bucket_seconds[k], cumulative);
		}
		buf_puts(b, "stagematch_http_request_duration_seconds_bucket{");
		route_label(b, i);
		buf_printf(b, ",le=\"+Inf\"} %llu\nstagematch_http_request_duration_seconds_sum{", count);
		route_label(b, i);
		buf_printf(b, "} %.6f\nstagematch_http_request_duration_seconds_count{", atomic_load(&stats[i].sum_us) / 1e6);
		route_label(b, i);
		buf_printf(b, "} %llu\n", count);
	}
	long long now = clock_now();
	long long sessions = session_active_count(now);
	long long pages = db_query_int(0, "PRAGMA page_count", NULL);
	long long page_size = db_query_int(0, "PRAGMA page_size", NULL);
	buf_printf(b,
	           "# HELP stagematch_active_sessions Sessions used within the idle time.\n"
	           "# TYPE stagematch_active_sessions gauge\nstagematch_active_sessions %lld\n"
	           "# HELP stagematch_outbox_messages Outgoing mail by state.\n"
	           "# TYPE stagematch_outbox_messages gauge\n"
	           "stagematch_outbox_messages{state=\"queued\"} %lld\n"
	           "stagematch_outbox_messages{state=\"failed\"} %lld\n"
	           "# HELP stagematch_database_bytes Size of the database file.\n"
	           "# TYPE stagematch_database_bytes gauge\nstagematch_database_bytes %lld\n"
	           "# HELP stagematch_build_info Version of this server.\n"
	           "# TYPE stagematch_build_info gauge\n"
	           "stagematch_build_info{version=\"%s\",revision=\"%s\"} 1\n",
	           sessions, outbox_in_state("queued"), outbox_in_state("failed"), pages * page_size,
	           STAGEMATCH_VERSION, STAGEMATCH_REVISION);
}
