#include "nn_probe.h"

#include <stdio.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "html.h"
#include "throttle.h"

#define WINDOW_SECONDS 3600
#define ALERT_DAYS 7

const char NN_PROBE_REFUSAL[] =
	"Je kreeg het voorbije uur al vaak de melding dat een rijksregisternummer al geregistreerd is. "
	"Om misbruik te voorkomen kan je een leerling met een nieuw rijksregisternummer pas over een uur "
	"bewaren; wat je invulde, blijft hier staan. Is dit een vergissing? Neem contact op met de coördinator.";

static void key_of(struct req *r, char key[64])
{
	snprintf(key, 64, "nn-elsewhere:%lld", r->user->id);
}

bool nn_probe_limited(struct req *r)
{
	char key[64];
	key_of(r, key);
	return throttle_hits(key, WINDOW_SECONDS) >= NN_ELSEWHERE_PER_HOUR;
}

struct answer {
	struct req *r;
	long long student_id;
};

static int answered_body(void *ctx)
{
	struct answer *an = ctx;
	char key[64];
	key_of(an->r, key);
	const struct throttle_rule rule = {key, NN_ELSEWHERE_PER_HOUR, WINDOW_SECONDS};
	throttle_take(&rule, 1);
	if (!audit(an->r, "national_number_elsewhere", an->student_id, NULL))
		return DB_ERROR;
	if (throttle_hits(key, WINDOW_SECONDS) >= NN_ELSEWHERE_PER_HOUR &&
	    !audit(an->r, "national_number_limit", 0, "al geregistreerd bij een andere school: limiet van het uur bereikt"))
		return DB_ERROR;
	return DB_DONE;
}

void nn_probe_answered(struct req *r, long long student_id)
{
	struct answer an = {r, student_id};
	db_tx(answered_body, &an);
}

static int refused_body(void *ctx)
{
	return audit(ctx, "national_number_refused", 0, NULL) ? DB_DONE : DB_ERROR;
}

void nn_probe_refused(struct req *r)
{
	db_tx(refused_body, r);
}

void nn_probe_alert(struct req *r)
{
	struct scope s = scope_of(r);
	size_t n;
	const struct audit_limit_hit *hits = audit_limit_hits(&s, clock_now() - ALERT_DAYS * 86400LL, r->arena, &n);
	if (!n)
		return;
	struct buf *out = &r->body;
	html(out, "<div class=\"alert alert-warn\" role=\"status\" id=\"rijksregister-alarm\"><p><strong>Opgelet: "
	          "mogelijk uitproberen van rijksregisternummers.</strong> Deze gebruikers kregen binnen een uur "
	          "%d keer de melding dat een rijksregisternummer al bij een andere school geregistreerd is. "
	          "Nieuwe rijksregisternummers worden dan een uur geweigerd. Neem contact op als dit niet "
	          "klopt; details staan in het <a href=\"/beheer/audit\">auditlog</a>.</p><ul>",
	     NN_ELSEWHERE_PER_HOUR);
	for (size_t i = 0; i < n; i++) {
		char when[17];
		brussels_format(hits[i].last_at, when);
		html(out, "<li>%s (%s): %lld keer, laatst op %s</li>", hits[i].user, hits[i].organisation, hits[i].times,
		     when);
	}
	html(out, "</ul></div>");
}
