/*
 * A school's pupils with their internship request: add, edit, delete ("Verwijder
 * student", for pupils added by mistake) and "Student is gestopt". The overview of a
 * programme lives in src/school/overview.c; these are the screens behind its buttons.
 *
 * Life cycle: a pupil can be changed while the campaign's registration is open, it is not
 * stopped and no service accepted it. Two colleagues editing at once: the form carries
 * the row's version and the second save is refused with what is stored now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "campaigns.h"
#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "form_store.h"
#include "orgs.h"
#include "domain.h"
#include "html.h"
#include "layout.h"
#include "mail.h"
#include "nn_probe.h"
#include "notify.h"
#include "pupils.h"
#include "schools.h"
#include "student_form.h"
#include "student_resume.h"
#include "validate.h"

static const char MSG_CONFLICT[] =
	"Een collega heeft deze leerling intussen gewijzigd. Kijk je wijzigingen na en sla opnieuw op.";
static const char MSG_DUPLICATE_ELSEWHERE[] =
	"Dit rijksregisternummer is al geregistreerd. Neem contact op met de coördinator.";

/* The pupil id of the user's scope (pupils.h): false for another school's pupil. */
static bool pupil_load(struct req *r, long long id, bool open_nn, struct pupil *p)
{
	return pupil_get(scope_of(r), r->arena, id, open_nn, p);
}

static bool pupil_found(struct req *r, long long id, bool open_nn, struct pupil *p)
{
	if (pupil_load(r, id, open_nn, p))
		return true;
	resp_not_found(r);
	return false;
}

static const char *pupil_name(struct req *r, const struct pupil *p)
{
	return arena_printf(r->arena, "%s %s", p->rec.first_name, p->rec.last_name);
}

static const char *overview_href(struct req *r, const struct campaign *c)
{
	return arena_printf(r->arena, "/opleidingen/%s", c->programme_code);
}

/* The selects' choices: the school's contacts and the campaign's services. */
static void load_choices(struct req *r, const struct campaign *c, struct student_choices *ch)
{
	ch->contacts = contact_options(r, NULL, &ch->contact_count);
	struct scope s = scope_of(r);
	size_t n;
	struct org_choice *services = org_campaign_services(&s, c->id, r->arena, &n);
	struct option_list l = {.arena = r->arena};
	for (size_t i = 0; i < n; i++)
		option_list_add(&l, arena_printf(r->arena, "%lld", services[i].id), services[i].name);
	ch->services = l.items ? l.items : arena_alloc(r->arena, sizeof *l.items);
}

/* NULL while the campaign's registration is open; otherwise why adding and editing cannot. */
static const char *closed_notice(struct req *r, const struct campaign *c)
{
	char *buf = arena_alloc(r->arena, 400);
	return campaign_registration_notice(c, clock_now(), buf, 400);
}

/* An audit line of its own (a view, no change): one transaction. */
struct audit_view {
	struct req *r;
	const char *action;
	long long student_id;
};

static int audit_line_write(void *ctx)
{
	const struct audit_view *l = ctx;
	return audit(l->r, l->action, l->student_id, NULL) ? DB_DONE : DB_ERROR;
}

static bool audit_now(struct req *r, const char *action, long long student_id)
{
	struct audit_view l = {r, action, student_id};
	return db_tx(audit_line_write, &l) == DB_DONE;
}

/* ---- Pages ------------------------------------------------------------------------- */

struct view {
	const struct campaign *c;
	const struct student_choices *ch;
	const struct pupil *p;            /* NULL when adding */
	const char *notice;               /* registration closed: why */
	bool editable;                    /* the form, or the data read-only */
	long long duplicate_id;           /* the same school's pupil with this national number */
	const char *duplicate_name;
	long long elsewhere_id;           /* another school's pupil with it ("al geregistreerd") */
	bool probe_refused;               /* a new national number refused: too many such answers */
	const struct form *stored;        /* after a refused concurrent edit: what is stored now */
	const char *refused;              /* why a save did not go through, on a read-only page */
};

static void render_status(struct buf *out, const struct pupil *p)
{
	if (p->stopped_at) {
		char when[17];
		brussels_format(p->stopped_at, when);
		html(out, "<p><span class=\"badge badge-stop\">Gestopt</span> sinds %s</p>", when);
		html(out, "<div class=\"alert alert-info\" role=\"status\"><p>Deze leerling is gestopt met de opleiding. De "
		          "gegevens blijven bewaard; diensten zien de aanvraag niet meer.</p></div>");
		student_resume_button(out, p);
	}
	if (p->answer.service)
		html(out, "<div class=\"alert alert-info\" role=\"status\"><p><span class=\"badge badge-ok\">Aanvaard</span> "
		          "door <strong>%s</strong>. Vanaf nu kunnen de gegevens van de leerling niet meer gewijzigd "
		          "worden. Is de leerling gestopt? Gebruik dan 'Student is gestopt'.</p></div>",
		     p->answer.service);
	else if (p->answer.accepted)
		html(out, "<div class=\"alert alert-info\" role=\"status\"><p>" SCHOOL_ANSWER_PENDING "</p></div>",
		     mail_contact_address());
}

/* "Student is gestopt" and "Verwijder student", each leading to its confirmation. */
static void render_life_cycle(struct req *r, const struct view *v)
{
	const struct pupil *p = v->p;
	bool can_stop = !p->stopped_at, can_delete = !p->answer.accepted && !v->notice;
	if (!can_stop && !can_delete)
		return;
	struct buf *out = &r->body;
	html(out, "<section class=\"card\" aria-labelledby=\"levensloop\"><h2 id=\"levensloop\">%s</h2>"
	          "<div class=\"actions\">",
	     can_delete ? "Leerling stopt of werd foutief toegevoegd?" : "Leerling stopt?");
	if (can_stop)
		html(out, "<a class=\"btn btn-light\" href=\"/studenten/%lld/gestopt\">Student is gestopt</a>", p->id);
	if (can_delete)
		html(out, "<a class=\"btn btn-light\" href=\"/studenten/%lld/verwijderen\">Verwijder student</a>", p->id);
	html(out, "</div>");
	if (can_delete)
		html(out, "<p class=\"muted\">'Verwijder student' is enkel voor leerlingen die per vergissing werden "
		          "toegevoegd. Stopt de leerling met de opleiding, gebruik dan 'Student is gestopt'.</p>");
	html(out, "</section>");
}

static void render(struct req *r, const struct form *f, const struct view *v)
{
	const struct pupil *p = v->p;
	page_begin(r, p ? pupil_name(r, p) : "Student toevoegen");
	struct buf *out = &r->body;
	html(out, "<p class=\"back\"><a href=\"%s\">Terug naar het overzicht studenten</a></p>", overview_href(r, v->c));
	if (p)
		html(out, "<h1>%s %s</h1>", p->rec.first_name, p->rec.last_name);
	else
		html(out, "<h1>Student toevoegen</h1>");
	html(out, "<p class=\"lead\">%s – schooljaar %s</p>", v->c->programme_name, v->c->school_year);
	if (p)
		render_status(out, p);
	if (v->refused)
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p>%s</p></div>", v->refused);
	if (v->notice && !f->summary)
		html(out, "<div class=\"alert alert-warn\" role=\"status\"><p>%s</p></div>", v->notice);
	if (v->duplicate_id)
		html(out, "<div class=\"alert alert-error\"><p>Deze leerling is al geregistreerd in je school: "
		          "<a href=\"/studenten/%lld\">%s</a>. Open die gegevens om ze aan te vullen of te wijzigen.</p></div>",
		     v->duplicate_id, v->duplicate_name);
	if (v->stored) {
		html(out, "<div class=\"alert alert-warn\" role=\"status\"><p><strong>Wat nu bewaard is</strong>, waar het "
		          "verschilt van wat jij invulde:</p><ul>");
		if (!student_form_render_changes(out, f, v->stored, v->ch))
			html(out, "<li>Niets: de bewaarde gegevens zijn gelijk aan wat jij invulde.</li>");
		html(out, "</ul></div>");
	}
	html(out, "<div class=\"card\">");
	if (v->editable)
		student_form_render(out, r, f, v->ch,
		                    p ? arena_printf(r->arena, "/studenten/%lld", p->id)
		                      : arena_printf(r->arena, "/opleidingen/%s/studenten", v->c->programme_code),
		                    !p, overview_href(r, v->c));
	else
		student_form_render_readonly(out, f, v->ch);
	html(out, "</div>");
	if (p)
		render_life_cycle(r, v);
	page_end(r);
}

static const struct programme_def *programme_of(const char *code)
{
	for (const struct programme_def *d = programme_defs; code && d->code; d++)
		if (strcmp(d->code, code) == 0)
			return d;
	return NULL;
}

/* The campaign to add pupils to, from the {code} of the URL; answers the request itself
 * (404, or "no campaign yet") and returns false when there is none. */
static bool campaign_for_adding(struct req *r, struct campaign *c)
{
	const struct programme_def *d = programme_of(r->slug);
	if (!d) {
		resp_not_found(r);
		return false;
	}
	struct campaign list[8];
	long long now = clock_now();
	int n = campaign_school_campaigns(d->code, now, list, 8);
	if (n) {
		*c = list[campaign_school_adding(list, n, now)];
		return true;
	}
	if (strcmp(r->method, "POST") == 0)
		r->status = 409;
	page_begin(r, "Student toevoegen");
	html(&r->body, "<h1>Student toevoegen</h1><div class=\"alert alert-info\" role=\"status\"><p>Voor %s is er nog "
	               "geen schooljaar klaargezet. Leerlingen toevoegen kan pas als de coördinator dat gedaan heeft; "
	               "vraag ernaar via <a href=\"mailto:%s\">%s</a>.</p></div>",
	     d->name, mail_contact_address(), mail_contact_address());
	page_end(r);
	return false;
}

/* What adding a pupil needs: the campaign (or the request is answered: false), the choices
 * and an empty form. */
static bool adding(struct req *r, struct campaign *c, struct student_choices *ch, struct form *f)
{
	if (!campaign_for_adding(r, c))
		return false;
	load_choices(r, c, ch);
	student_form_init(f, r->arena);
	return true;
}

void student_new(struct req *r)
{
	struct campaign c;
	struct student_choices ch;
	struct form f;
	if (!adding(r, &c, &ch, &f))
		return;
	const char *notice = closed_notice(r, &c);
	struct view v = {.c = &c, .ch = &ch, .notice = notice, .editable = !notice};
	if (notice) {
		/* Nothing to read yet on an empty form: just say what is closed. */
		page_begin(r, "Student toevoegen");
		html(&r->body, "<p class=\"back\"><a href=\"%s\">Terug naar het overzicht studenten</a></p>"
		               "<h1>Student toevoegen</h1><div class=\"alert alert-warn\" role=\"status\"><p>%s</p></div>",
		     overview_href(r, &c), notice);
		page_end(r);
		return;
	}
	render(r, &f, &v);
}

/*
 * The national number is unique within the campaign. The same school's pupil is named
 * (with a link); another school's is not: that would tell who registered the pupil, and
 * that answer is bounded (nn_probe.h): past the hour's limit every number that is not
 * this school's is refused, whether registered elsewhere or not. Returns true when the
 * number cannot be saved. The caller records the answer after its rollback
 * (national_number_answered).
 */
static bool national_number_taken(struct req *r, struct form *f, const struct student_record *rec,
                                  long long except_id, struct view *v)
{
	long long school = 0;
	struct scope s = scope_of(r);
	long long other = pupil_find_by_national_number(s, rec->campaign_id, rec->national_number, except_id, &school);
	bool own = other && school == r->user->org_id;
	if (!own && nn_probe_limited(r) &&
	    !(except_id && !other && /* the pupil's own number, unchanged */
	      pupil_find_by_national_number(s, rec->campaign_id, rec->national_number, 0, &school) == except_id)) {
		v->probe_refused = true;
		form_error(f, STUDENT_NATIONAL_NUMBER, NN_PROBE_REFUSAL);
		return true;
	}
	if (!other)
		return false;
	if (own) {
		const char *name = pupil_full_name(scope_of(r), r->arena, other);
		v->duplicate_id = other;
		v->duplicate_name = name;
		form_error(f, STUDENT_NATIONAL_NUMBER,
		           arena_printf(r->arena, "Dit rijksregisternummer is al geregistreerd voor %s in je school.", name));
	} else {
		v->elsewhere_id = other;
		form_error(f, STUDENT_NATIONAL_NUMBER, MSG_DUPLICATE_ELSEWHERE);
	}
	return true;
}

/* After the save's rollback: the answer about another school's number goes in the audit log. */
static void national_number_answered(struct req *r, const struct view *v)
{
	if (v->elsewhere_id)
		nn_probe_answered(r, v->elsewhere_id);
	else if (v->probe_refused)
		nn_probe_refused(r);
}

/*
 * Saving the form: adding (id 0) or changing pupil id at version, with its audit line, in
 * one transaction. The national number's uniqueness is looked at inside it, so no
 * colleague registers the same number in between.
 */
struct pupil_save {
	struct req *r;
	struct form *f;
	struct view *v;
	const struct student_record *rec;
	long long id, version;
	bool began;
	long long result;   /* the new id or 1; PUPIL_DUPLICATE, PUPIL_STALE; 0 an error */
};

static int pupil_save_write(void *ctx)
{
	struct pupil_save *s = ctx;
	struct scope sc = scope_of(s->r);
	s->began = true;
	if (national_number_taken(s->r, s->f, s->rec, s->id, s->v))
		s->result = PUPIL_DUPLICATE;
	else
		s->result = s->id ? pupil_update(sc, s->id, s->version, s->rec) : pupil_insert(sc, s->rec);
	if (s->result <= 0)
		return DB_ERROR;
	long long id = s->id ? s->id : s->result;
	return audit(s->r, s->id ? "student_update" : "student_create", id, NULL) ? DB_DONE : DB_ERROR;
}

/* After a save that did not go through (rolled back): a duplicate national number (409,
 * looked at again when a colleague won the race), or a failure (the form's 503 or 500).
 * The caller has handled PUPIL_STALE. Renders the form as typed. */
static void save_refused(struct req *r, struct form *f, struct view *v, const struct pupil_save *s)
{
	if (!s->began) {
		resp_error(r, 503, NULL);
		return;
	}
	if (s->result == PUPIL_DUPLICATE) {
		if (form_ok(f)) /* lost a race with a colleague: look again, outside the transaction */
			national_number_taken(r, f, s->rec, s->id, v);
		national_number_answered(r, v);
		r->status = 409;
	} else {
		form_save_failed(r, f);
	}
	render(r, f, v);
}

void student_create(struct req *r)
{
	struct campaign c;
	struct student_choices ch;
	struct form f;
	if (!adding(r, &c, &ch, &f))
		return;
	struct student_record rec = {0};
	bool valid = student_form_read(&f, r, &ch, school_year_start(c.school_year), &rec);
	struct view v = {.c = &c, .ch = &ch, .editable = true};
	if ((v.notice = closed_notice(r, &c))) {
		f.summary = v.notice;
		r->status = 403;
		render(r, &f, &v);
		return;
	}
	if (!valid) {
		r->status = 422;
		render(r, &f, &v);
		return;
	}
	rec.campaign_id = c.id;
	struct pupil_save save = {.r = r, .f = &f, .v = &v, .rec = &rec};
	if (db_tx(pupil_save_write, &save) != DB_DONE) {
		save_refused(r, &f, &v, &save);
		return;
	}
	const char *next = req_form(r, "na");
	bool to_overview = next && strcmp(next, "overzicht") == 0;
	flash_set(r, arena_printf(r->arena, to_overview ? "%s %s is bewaard."
	                                                : "%s %s is bewaard. Vul nu de volgende leerling in.",
	                          rec.first_name, rec.last_name));
	resp_redirect(r, to_overview ? overview_href(r, &c)
	                             : arena_printf(r->arena, "/opleidingen/%s/studenten/nieuw", c.programme_code));
}

static bool editable(const struct pupil *p, const char *notice)
{
	return !p->answer.accepted && !p->stopped_at && !notice;
}

void student_edit(struct req *r)
{
	struct pupil p;
	if (!pupil_found(r, req_id(r, 0), true, &p))
		return;
	struct student_choices ch;
	load_choices(r, &p.campaign, &ch);
	struct form f;
	student_form_init(&f, r->arena);
	student_form_fill(&f, &p.rec, p.version);
	if (*p.rec.national_number && !audit_now(r, "national_number_view", p.id)) {
		resp_error(r, 503, NULL);
		return;
	}
	const char *notice = closed_notice(r, &p.campaign);
	struct view v = {.c = &p.campaign, .ch = &ch, .p = &p, .notice = notice, .editable = editable(&p, notice)};
	render(r, &f, &v);
}

/* A save that could not go through: the form as typed, with what is stored now. */
static void refuse_stale(struct req *r, struct form *f, struct view *v, struct pupil *p)
{
	if (!pupil_load(r, p->id, true, p)) {
		resp_not_found(r);
		return;
	}
	r->status = 409;
	v->notice = closed_notice(r, &p->campaign);
	if (*p->rec.national_number)
		audit_now(r, "national_number_view", p->id);
	if (!editable(p, v->notice)) { /* accepted or stopped meanwhile: read-only from now on */
		struct form stored;
		student_form_init(&stored, r->arena);
		student_form_fill(&stored, &p->rec, p->version);
		v->editable = false;
		v->refused = "Je wijzigingen zijn niet bewaard: deze leerling kan niet meer gewijzigd worden.";
		render(r, &stored, v);
		return;
	}
	struct form *stored = arena_alloc(r->arena, sizeof *stored);
	student_form_init(stored, r->arena);
	student_form_fill(stored, &p->rec, p->version);
	form_set(f, STUDENT_VERSION, form_value(stored, STUDENT_VERSION)); /* the next save is a deliberate one */
	f->summary = MSG_CONFLICT;
	v->stored = stored;
	render(r, f, v);
}

void student_edit_submit(struct req *r)
{
	struct pupil p;
	if (!pupil_found(r, req_id(r, 0), false, &p))
		return;
	struct student_choices ch;
	load_choices(r, &p.campaign, &ch);
	struct form f;
	student_form_init(&f, r->arena);
	struct student_record rec = {0};
	bool valid = student_form_read(&f, r, &ch, school_year_start(p.campaign.school_year), &rec);
	struct view v = {.c = &p.campaign, .ch = &ch, .p = &p, .editable = true};
	if (p.answer.accepted || p.stopped_at) {
		refuse_stale(r, &f, &v, &p);
		return;
	}
	if ((v.notice = closed_notice(r, &p.campaign))) {
		f.summary = v.notice;
		r->status = 403;
		render(r, &f, &v);
		return;
	}
	if (!valid) {
		r->status = 422;
		render(r, &f, &v);
		return;
	}
	rec.campaign_id = p.rec.campaign_id;
	struct pupil_save save = {.r = r, .f = &f, .v = &v, .rec = &rec, .id = p.id,
	                          .version = strtoll(form_value(&f, STUDENT_VERSION), NULL, 10)};
	if (db_tx(pupil_save_write, &save) != DB_DONE) {
		if (save.result == PUPIL_STALE)
			refuse_stale(r, &f, &v, &p);
		else
			save_refused(r, &f, &v, &save);
		return;
	}
	flash_set(r, arena_printf(r->arena, "De wijzigingen aan %s %s zijn bewaard.", rec.first_name, rec.last_name));
	resp_redirect(r, arena_printf(r->arena, "/studenten/%lld", p.id));
}

/* ---- Verwijder student ------------------------------------------------------------- */

/* Why this pupil cannot be deleted, or NULL. */
static const char *delete_refusal(struct req *r, const struct pupil *p)
{
	if (p->answer.service)
		return arena_printf(r->arena, "%s werd aanvaard door %s en kan niet meer verwijderd worden. Is de "
		                              "leerling gestopt? Gebruik dan 'Student is gestopt'.",
		                    pupil_name(r, p), p->answer.service);
	if (p->answer.accepted)
		return arena_printf(r->arena, SCHOOL_ANSWER_PENDING " Is de leerling gestopt? Gebruik dan 'Student is gestopt'.",
		                    mail_contact_address());
	return closed_notice(r, &p->campaign);
}

static void render_confirmation(struct req *r, const struct pupil *p, const char *title, const char *refusal)
{
	page_begin(r, title);
	struct buf *out = &r->body;
	html(out, "<p class=\"back\"><a href=\"/studenten/%lld\">Terug naar %s</a></p><div class=\"card\"><h1>%s</h1>",
	     p->id, pupil_name(r, p), title);
	if (refusal) {
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p>%s</p></div>"
		          "<p><a class=\"btn btn-light\" href=\"/studenten/%lld\">Terug</a></p></div>",
		     refusal, p->id);
		page_end(r);
	}
}

/* The confirmation's form: its button, a way back; closes the page. */
static void confirmation_form(struct req *r, const struct pupil *p, const char *action, const char *button)
{
	struct buf *out = &r->body;
	html(out, "<form method=\"post\" action=\"/studenten/%lld/%s\" class=\"actions\">", p->id, action);
	form_csrf(out, r);
	html(out, "<button type=\"submit\" class=\"btn btn-danger\">%s</button><a href=\"/studenten/%lld\">Annuleren</a>"
	          "</form></div>",
	     button, p->id);
	page_end(r);
}

void student_delete_confirm(struct req *r)
{
	struct pupil p;
	if (!pupil_found(r, req_id(r, 0), false, &p))
		return;
	const char *refusal = delete_refusal(r, &p);
	render_confirmation(r, &p, "Verwijder student", refusal);
	if (refusal)
		return;
	html(&r->body, "<p>Wil je <strong>%s</strong> en de stageaanvraag verwijderen? Doe dit enkel voor een leerling "
	               "die per vergissing werd toegevoegd: dit kan niet ongedaan gemaakt worden. Stopt de leerling met de "
	               "opleiding, gebruik dan <a href=\"/studenten/%lld/gestopt\">Student is gestopt</a>.</p>",
	     pupil_name(r, &p), p.id);
	confirmation_form(r, &p, "verwijderen", "Verwijder student");
}

/*
 * A step in the life of the URL's pupil ("Verwijder student", "Student is gestopt"): the
 * pupil is loaded inside the step's transaction, so what it checks still holds when it
 * writes.
 */
struct pupil_step {
	struct req *r;
	struct pupil p;
	bool began, found;
	int done;                /* the module's answer: 1 done, 0 nothing matched, -1 an error */
	const char *refusal;     /* why the pupil cannot be deleted */
};

/* Loads the pupil of the URL into s: false when it is not the school's. */
static bool step_load(struct pupil_step *s)
{
	s->began = true;
	s->found = pupil_load(s->r, req_id(s->r, 0), false, &s->p);
	return s->found;
}

/* After a step that did not go through: answers 503 (no transaction), 404 (not the school's
 * pupil) or 500 (an error) and returns true; false when nothing matched, for the caller to
 * say why. */
static bool step_failed(struct req *r, const struct pupil_step *s)
{
	if (!s->began)
		resp_error(r, 503, NULL);
	else if (!s->found)
		resp_not_found(r);
	else if (s->done != 0)
		resp_error(r, 500, NULL);
	else
		return false;
	return true;
}

static int pupil_delete_step(void *ctx)
{
	struct pupil_step *s = ctx;
	if (!step_load(s))
		return DB_ERROR;
	s->refusal = delete_refusal(s->r, &s->p);
	s->done = s->refusal ? 0 : pupil_delete(scope_of(s->r), s->p.id);
	if (s->done != 1)
		return DB_ERROR;
	return audit(s->r, "student_delete", s->p.id, NULL) ? DB_DONE : DB_ERROR;
}

void student_delete(struct req *r)
{
	struct pupil_step s = {.r = r};
	if (db_tx(pupil_delete_step, &s) != DB_DONE) {
		if (step_failed(r, &s))
			return;
		r->status = 409;
		render_confirmation(r, &s.p, "Verwijder student",
		                    s.refusal ? s.refusal : "Deze leerling kan niet verwijderd worden.");
		return;
	}
	flash_set(r, arena_printf(r->arena, "%s is verwijderd.", pupil_name(r, &s.p)));
	resp_redirect(r, overview_href(r, &s.p.campaign));
}

/* ---- Student is gestopt ------------------------------------------------------------ */

void student_stop_confirm(struct req *r)
{
	struct pupil p;
	if (!pupil_found(r, req_id(r, 0), false, &p))
		return;
	render_confirmation(r, &p, "Student is gestopt",
	                    p.stopped_at ? "Deze leerling is al gemarkeerd als gestopt." : NULL);
	if (p.stopped_at)
		return;
	html(&r->body, "<p>Is <strong>%s</strong> gestopt met de opleiding? De leerling blijft in het overzicht staan, "
	               "gemarkeerd als gestopt, en de diensten zien de stageaanvraag niet meer.</p>",
	     pupil_name(r, &p));
	if (p.answer.service)
		html(&r->body, "<p><strong>%s</strong> had de leerling aanvaard en krijgt hiervan een e-mail.</p>",
		     p.answer.service);
	else if (p.answer.accepted)
		html(&r->body, "<p>De dienst die de aanvraag in behandeling nam, krijgt hiervan een e-mail.</p>");
	confirmation_form(r, &p, "gestopt", "Student is gestopt");
}

/* Marks the pupil stopped, mails the service that accepted it and writes the audit line. */
static int pupil_stop_step(void *ctx)
{
	struct pupil_step *s = ctx;
	if (!step_load(s))
		return DB_ERROR;
	s->done = pupil_stop(scope_of(s->r), s->p.id, clock_now());
	if (s->done != 1 || notify_service_student_stopped(s->p.id) != 0)
		return DB_ERROR;
	const char *detail = s->p.placed_by ? arena_printf(s->r->arena, "service=%lld", s->p.placed_by) : NULL;
	return audit(s->r, "student_stop", s->p.id, detail) ? DB_DONE : DB_ERROR;
}

void student_stop(struct req *r)
{
	struct pupil_step s = {.r = r};
	bool already = false; /* nothing to do twice */
	if (db_tx(pupil_stop_step, &s) != DB_DONE) {
		if (step_failed(r, &s))
			return;
		already = true;
	}
	flash_set(r, arena_printf(r->arena, already ? "%s was al gemarkeerd als gestopt." : "%s is gemarkeerd als gestopt.",
	                          pupil_name(r, &s.p)));
	resp_redirect(r, arena_printf(r->arena, "/studenten/%lld", s.p.id));
}

/* ---- Shared with the import (src/school/import_pupils.c): the same choices, the same rule ---- */

void student_choices_load(struct req *r, const struct campaign *c, struct student_choices *ch)
{
	load_choices(r, c, ch);
}

bool student_national_number_check(struct req *r, struct form *f, const struct student_record *rec)
{
	struct view v = {0};
	return national_number_taken(r, f, rec, 0, &v);
}
