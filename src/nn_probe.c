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

void nn_probe_answered(struct req *r, long long student_id)
{
	char key[64];
	key_of(r, key);
	const struct throttle_rule rule = {key, NN_ELSEWHERE_PER_HOUR, WINDOW_SECONDS};
	if (db_begin() != DB_DONE)
		return;
	throttle_take(&rule, 1);
	audit(r, "national_number_elsewhere", student_id, NULL);
	if (throttle_hits(key, WINDOW_SECONDS) >= NN_ELSEWHERE_PER_HOUR)
		audit(r, "national_number_limit", 0, "al geregistreerd bij een andere school: limiet van het uur bereikt");
	if (db_commit() != DB_DONE)
		db_rollback();
}

void nn_probe_refused(struct req *r)
{
	if (db_begin() != DB_DONE)
		return;
	audit(r, "national_number_refused", 0, NULL);
	if (db_commit() != DB_DONE)
		db_rollback();
}

void nn_probe_alert(struct req *r)
{
	struct db_stmt *st = db_prepare(
		"SELECT u.email, COALESCE(o.name, ''), COUNT(*), MAX(a.at) FROM audit_log a"
		"  JOIN users u ON u.id = a.actor_user_id LEFT JOIN organisations o ON o.id = u.organisation_id"
		" WHERE a.action = 'national_number_limit' AND a.at >= ?"
		" GROUP BY a.actor_user_id ORDER BY MAX(a.at) DESC");
	db_bind_int(st, 1, clock_now() - ALERT_DAYS * 86400LL);
	bool any = false;
	struct buf *out = &r->body;
	while (db_step(st) == DB_ROW) {
		if (!any)
			html(out, "<div class=\"alert alert-warn\" role=\"status\" id=\"rijksregister-alarm\"><p><strong>Opgelet: "
			          "mogelijk uitproberen van rijksregisternummers.</strong> Deze gebruikers kregen binnen een uur "
			          "%d keer de melding dat een rijksregisternummer al bij een andere school geregistreerd is. "
			          "Nieuwe rijksregisternummers worden dan een uur geweigerd. Neem contact op als dit niet "
			          "klopt; details staan in het <a href=\"/beheer/audit\">auditlog</a>.</p><ul>",
			     NN_ELSEWHERE_PER_HOUR);
		any = true;
		char when[17];
		brussels_format(db_int(st, 3), when);
		html(out, "<li>%s (%s): %lld keer, laatst op %s</li>", db_text(st, 0), db_text(st, 1), db_int(st, 2), when);
	}
	db_reset(st);
	if (any)
		html(out, "</ul></div>");
}
