#ifndef STAGEMATCH_METRICS_H
#define STAGEMATCH_METRICS_H
#include "http.h"
#include "router.h"

/*
 * Operations: GET /healthz for load balancers and GET /metrics in Prometheus text format.
 * Request counters and latency histograms are kept per process (each node is scraped on
 * its own); everything else is read from the database when scraped.
 */
void metrics_setup(void);
/* Counts one answered request, just before its response is queued (so a client that has the
 * answer finds it counted); microseconds from its arrival until then. route NULL: none matched. */
void metrics_observe(const struct route *route, int status, long long microseconds);

void health_show(struct req *r);    /* GET /healthz */
void metrics_show(struct req *r);   /* GET /metrics, only for cfg.metrics_allow addresses */

/* Whether ip is in a comma-separated list of addresses and IPv4 CIDR ranges. */
bool address_allowed(const char *ip, const char *list);

#endif
