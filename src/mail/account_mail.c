#include "account_mail.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "db_row.h"
#include "log.h"
#include "mail.h"
#include "orgs.h"
#include "scope.h"
#include "throttle.h"
#include "user.h"
#include "validate.h"

#define MAIL_PER_ADDRESS_SECONDS (5 * 60)
#define MAIL_PER_IP 20
#define MAIL_PER_IP_SECONDS 3600

/*
 * The account links (tables tokens and mail_requests) are owned here; the users and
 * organisations they name are read through the user and organisation modules.
 */
enum link_stmt {
	STMT_LINK_VOID,
	STMT_LINK_VOID_ALL,
	STMT_LINK_INSERT,
	STMT_LINK_CHECK,
	STMT_LINK_USE,
	STMT_LINK_SET_MAIL,
	STMT_LINK_VOID_MAIL,
	STMT_LINK_OF_MAIL,
	STMT_REQUEST_INSERT,
	STMT_REQUEST_FIRST,
	STMT_REQUEST_DELETE,
	STMT_LINK_PURGE,
	STMT_LINK__MAX
};

static const char *const stmts[STMT_LINK__MAX] = {
	[STMT_LINK_VOID] = "UPDATE tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
	[STMT_LINK_VOID_ALL] = "UPDATE tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
	[STMT_LINK_INSERT] = "INSERT INTO tokens (user_id, purpose, token_hash, created_at, expires_at)"
	                     " VALUES (?, ?, ?, ?, ?)",
	[STMT_LINK_CHECK] = "SELECT t.id, t.user_id, t.expires_at, t.used_at IS NOT NULL, u.state, o.active = 1"
	                    "  FROM tokens t JOIN users u ON u.id = t.user_id"
	                    "  JOIN organisations o ON o.id = u.organisation_id"
	                    " WHERE t.token_hash = ? AND t.purpose = ?",
	[STMT_LINK_USE] = "UPDATE tokens SET used_at = ? WHERE id = ? AND used_at IS NULL",
	[STMT_LINK_SET_MAIL] = "UPDATE tokens SET outbox_id = ? WHERE token_hash = ?",
	[STMT_LINK_VOID_MAIL] = "UPDATE tokens SET used_at = ? WHERE outbox_id = ? AND used_at IS NULL",
	[STMT_LINK_OF_MAIL] = "SELECT t.user_id, t.purpose = 'activation', u.state FROM tokens t"
	                      " JOIN users u ON u.id = t.user_id WHERE t.outbox_id = ? ORDER BY t.id DESC LIMIT 1",
	[STMT_REQUEST_INSERT] = "INSERT INTO mail_requests (email, purpose, created_at) VALUES (?, ?, ?)",
	[STMT_REQUEST_FIRST] = "SELECT id, email, purpose = 'reset' FROM mail_requests ORDER BY id LIMIT 1",
	[STMT_REQUEST_DELETE] = "DELETE FROM mail_requests WHERE id = ?",
	[STMT_LINK_PURGE] = "DELETE FROM tokens WHERE expires_at < ?",
};

enum check_col { COL_CHECK_ID, COL_CHECK_USER, COL_CHECK_EXPIRES, COL_CHECK_USED, COL_CHECK_STATE, COL_CHECK_ORG_ACTIVE };
enum mail_col { COL_MAIL_USER, COL_MAIL_ACTIVATION, COL_MAIL_STATE };
enum request_col { COL_REQUEST_ID, COL_REQUEST_EMAIL, COL_REQUEST_RESET };

/* One line per paragraph: mail readers wrap them to their own width. The address is the
 * mail's Reply-To: answering the mail and writing to it reach the same people. */
static void helpline(struct buf *b)
{
	buf_printf(b, "Vragen? Mail %s of bel 02/250 37 77 (werkdagen behalve woensdag, 9u30–12u en 13u–15u).\n",
	           mail_contact_address());
}

static const char *purpose_name(enum link_purpose p)
{
	return p == LINK_ACTIVATION ? "activation" : "reset";
}

struct recipient {
	char email[255];
	char name[256];
	char org[256];
};

static bool recipient_load(long long user_id, struct recipient *to)
{
	struct scope sys = scope_system();
	struct arena *a = arena_new();
	struct user_row u;
	bool found = user_get(&sys, user_id, a, &u);
	if (found) {
		snprintf(to->email, sizeof to->email, "%s", u.email);
		snprintf(to->name, sizeof to->name, "%s", u.name);
		snprintf(to->org, sizeof to->org, "%s", u.org_name);
	}
	arena_free(a);
	return found;
}

static void greeting(struct buf *b, const struct recipient *to)
{
	if (*to->name)
		buf_printf(b, "Dag %s,\n\n", to->name);
	else
		buf_puts(b, "Dag,\n\n");
}

static int queue(const struct recipient *to, const char *subject, struct buf *body)
{
	int rc = mail_queue(to->email, subject, body->data);
	sodium_memzero(body->data, body->len); /* it may hold a link */
	buf_free(body);
	return rc;
}

/* A mail that carries a new link: its recipient, the link, when it expires, the body. */
struct link_mail {
	struct recipient to;
	struct buf url, body;
	char until[17];
	char hash[TOKEN_HASH_LEN]; /* the link's token, hashed */
};

/* Voids the user's open links of this purpose, issues a new one and starts the mail
 * with its greeting. False on a database error (nothing to free then). */
static bool link_mail_begin(long long user_id, enum link_purpose p, long long lifetime, struct link_mail *m)
{
	*m = (struct link_mail){0};
	if (!recipient_load(user_id, &m->to))
		return false;
	char token[TOKEN_LEN];
	token_new(token);
	token_hash(token, m->hash);
	long long now = clock_now();
	if (db_exec(stmts[STMT_LINK_VOID], "iit", now, user_id, purpose_name(p)) != DB_DONE ||
	    db_exec(stmts[STMT_LINK_INSERT], "ittii", user_id, purpose_name(p), m->hash, now, now + lifetime) != DB_DONE)
		return false;
	buf_printf(&m->url, "%s%s%s", cfg.base_url ? cfg.base_url : "",
	           p == LINK_ACTIVATION ? "/activeren/" : "/wachtwoord-herstellen/", token);
	sodium_memzero(token, sizeof token);
	brussels_format(now + lifetime, m->until);
	greeting(&m->body, &m->to);
	return true;
}

/* Queues the mail and remembers which outbox row carries the link. */
static int link_mail_queue(struct link_mail *m, const char *subject)
{
	sodium_memzero(m->url.data, m->url.len);
	buf_free(&m->url);
	if (queue(&m->to, subject, &m->body) != 0)
		return -1;
	return db_exec(stmts[STMT_LINK_SET_MAIL], "it", db_last_id(), m->hash) == DB_DONE ? 0 : -1;
}

int account_send_invitation(long long user_id)
{
	struct link_mail m;
	int days = cfg.activation_days > 0 ? cfg.activation_days : 7;
	if (!link_mail_begin(user_id, LINK_ACTIVATION, days * 86400LL, &m))
		return -1;
	buf_printf(&m.body,
	           "Je bent uitgenodigd om stagematch te gebruiken voor %s. Via stagematch registreren "
	           "scholen hun leerlingen voor een stage in de gezinszorg en behandelen de diensten de "
	           "stageaanvragen.\n\n"
	           "Klik op 'Activeer' om je account te activeren en een wachtwoord te kiezen:\n\n"
	           "Activeer: %s\n\n"
	           "De link werkt één keer en is %d dagen geldig, tot %s. Is hij verlopen? Meld je aan "
	           "op %s/login met je e-mailadres en een willekeurig wachtwoord. Je krijgt dan de vraag "
	           "of de activatiemail opnieuw verstuurd moet worden: klik op OK.\n\n"
	           "Je meldt je aan met dit e-mailadres: %s\n\n",
	           m.to.org, m.url.data, days, m.until, cfg.base_url ? cfg.base_url : "", m.to.email);
	helpline(&m.body);
	char subject[400];
	snprintf(subject, sizeof subject, "Uitnodiging voor stagematch – %s", m.to.org);
	return link_mail_queue(&m, subject);
}

int account_send_reset(long long user_id)
{
	struct link_mail m;
	if (!link_mail_begin(user_id, LINK_RESET, RESET_LINK_SECONDS, &m))
		return -1;
	buf_printf(&m.body,
	           "Iemand, hopelijk jij, vroeg een nieuw wachtwoord voor je account bij stagematch "
	           "(%s). Kies een nieuw wachtwoord via deze link:\n\n"
	           "%s\n\n"
	           "De link werkt één keer en is 1 uur geldig, tot %s.\n\n"
	           "Vroeg je dit niet aan? Dan mag je deze e-mail negeren: je wachtwoord blijft "
	           "hetzelfde.\n\n",
	           m.to.email, m.url.data, m.until);
	helpline(&m.body);
	return link_mail_queue(&m, "Nieuw wachtwoord kiezen voor stagematch");
}

int account_send_password_changed(long long user_id)
{
	struct recipient to;
	if (!recipient_load(user_id, &to))
		return -1;
	char when[17];
	brussels_format(clock_now(), when);
	struct buf body = {0};
	greeting(&body, &to);
	buf_printf(&body,
	           "Het wachtwoord van je account bij stagematch (%s) is gewijzigd op %s. Alle andere "
	           "aanmeldingen met je account zijn beëindigd.\n\n"
	           "Deed je dit niet zelf? Kies dan meteen een nieuw wachtwoord via "
	           "%s/wachtwoord-vergeten en laat het ons weten.\n\n",
	           to.email, when, cfg.base_url ? cfg.base_url : "");
	helpline(&body);
	return queue(&to, "Je wachtwoord voor stagematch is gewijzigd", &body);
}

/* Tells the organisation's active users that someone joined them, so an account added
 * behind their back (by a stolen coordinator session, say) does not go unnoticed. */
static int notify_colleagues(long long new_user_id, const char *added_by)
{
	struct recipient added;
	if (!recipient_load(new_user_id, &added))
		return -1;
	long long ids[500];
	size_t n = 0;
	if (user_colleagues(new_user_id, ids, sizeof ids / sizeof ids[0], &n) != DB_DONE)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct recipient to;
		if (!recipient_load(ids[i], &to))
			return -1;
		struct buf body = {0};
		greeting(&body, &to);
		buf_printf(&body,
		           "Er werd een nieuwe gebruiker toegevoegd door %s aan %s bij stagematch: %s (%s). "
		           "Die krijgt een uitnodiging om het account te activeren.\n\n"
		           "Ken je deze persoon niet, of hoort die niet bij jullie organisatie? Laat het dan meteen "
		           "weten aan de coördinator.\n\n",
		           added_by, to.org, *added.name ? added.name : "naam nog niet ingevuld", added.email);
		helpline(&body);
		if (queue(&to, "Nieuwe gebruiker bij je organisatie in stagematch", &body) != 0)
			return -1;
	}
	return 0;
}

enum invite_result account_invite(long long org_id, const char *email, const char *name, const char *added_by,
                                  long long *user_id)
{
	char normal[255];
	if (validate_email(email, normal, sizeof normal))
		return INVITE_EMAIL_INVALID;
	struct scope sys = scope_system();
	if (!org_active(&sys, org_id))
		return INVITE_ORG_UNKNOWN;
	if (user_id_by_email(normal))
		return INVITE_EMAIL_TAKEN;
	long long id = user_create(org_id, normal, name && *name ? name : NULL, NULL);
	if (!id)
		return user_id_by_email(normal) ? INVITE_EMAIL_TAKEN : INVITE_ERROR;
	if (account_send_invitation(id) != 0 || notify_colleagues(id, added_by) != 0)
		return INVITE_ERROR;
	*user_id = id;
	return INVITE_OK;
}

bool account_mail_allowed(const char *email, const char *ip)
{
	char address_key[300], ip_key[80];
	snprintf(address_key, sizeof address_key, "mail:%s", email);
	snprintf(ip_key, sizeof ip_key, "mail-ip:%s", ip ? ip : "?");
	const struct throttle_rule rules[] = {
		{address_key, 1, MAIL_PER_ADDRESS_SECONDS},
		{ip_key, MAIL_PER_IP, MAIL_PER_IP_SECONDS},
	};
	return throttle_take(rules, sizeof rules / sizeof rules[0]);
}

static bool token_shaped(const char *token)
{
	return token && strlen(token) == TOKEN_LEN - 1 &&
	       strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == TOKEN_LEN - 1;
}

enum link_state account_link_check(const char *token, enum link_purpose purpose, long long *user_id,
                                   long long *token_id)
{
	if (!token_shaped(token))
		return LINK_UNKNOWN;
	char hash[TOKEN_HASH_LEN];
	token_hash(token, hash);
	struct db_stmt *st = db_prepare(stmts[STMT_LINK_CHECK]);
	db_bindv(st, "tt", hash, purpose_name(purpose));
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return LINK_UNKNOWN;
	}
	long long id = db_int(st, COL_CHECK_ID), user = db_int(st, COL_CHECK_USER);
	long long expires = db_int(st, COL_CHECK_EXPIRES);
	bool used = db_bool(st, COL_CHECK_USED), org_active = db_bool(st, COL_CHECK_ORG_ACTIVE);
	const char *state = db_text(st, COL_CHECK_STATE);
	/* An activation link is spent once its account is active; a reset link needs one. */
	bool fits = strcmp(state, purpose == LINK_ACTIVATION ? "invited" : "active") == 0;
	bool activated = purpose == LINK_ACTIVATION && strcmp(state, "active") == 0;
	db_reset(st);
	if (!org_active || (!fits && !activated))
		return LINK_UNKNOWN;
	*user_id = user;
	if (used || activated)
		return LINK_USED;
	if (expires <= clock_now())
		return LINK_EXPIRED;
	*token_id = id;
	return LINK_VALID;
}

int account_link_use(long long token_id, long long user_id, enum link_purpose purpose)
{
	long long now = clock_now();
	if (db_exec(stmts[STMT_LINK_USE], "ii", now, token_id) != DB_DONE || db_changes() != 1)
		return -1;
	return db_exec(stmts[STMT_LINK_VOID], "iit", now, user_id, purpose_name(purpose)) == DB_DONE ? 0 : -1;
}

int account_links_void(long long user_id)
{
	return db_exec(stmts[STMT_LINK_VOID_ALL], "ii", clock_now(), user_id) == DB_DONE ? 0 : -1;
}

int account_links_void_for_mail(long long outbox_id)
{
	return db_exec(stmts[STMT_LINK_VOID_MAIL], "ii", clock_now(), outbox_id) == DB_DONE ? 0 : -1;
}

enum reissue_result account_mail_reissue(long long outbox_id)
{
	struct db_stmt *st = db_prepare(stmts[STMT_LINK_OF_MAIL]);
	db_bind_int(st, 1, outbox_id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return REISSUE_NO_LINK;
	}
	long long user_id = db_int(st, COL_MAIL_USER);
	bool activation = db_bool(st, COL_MAIL_ACTIVATION);
	bool fits = strcmp(db_text(st, COL_MAIL_STATE), activation ? "invited" : "active") == 0;
	db_reset(st);
	if (!fits)
		return REISSUE_NOT_NEEDED;
	int rc = activation ? account_send_invitation(user_id) : account_send_reset(user_id);
	if (rc != 0 || mail_queue_drop(outbox_id) != DB_DONE)
		return REISSUE_ERROR;
	return REISSUE_DONE;
}

int account_mail_request(const char *email, const char *ip, enum link_purpose purpose)
{
	if (!account_mail_allowed(email, ip))
		return 0;
	return db_exec(stmts[STMT_REQUEST_INSERT], "tti", email, purpose_name(purpose), clock_now()) == DB_DONE
	               ? 0
	               : -1;
}

/* Sends what helps for one request; the audit line names the account, never the address. */
static int answer_request(const char *email, bool reset)
{
	struct arena *a = arena_new();
	struct user_login u;
	user_login_get(email, a, &u);
	long long user_id = u.org_active ? u.id : 0, org_id = u.org_id;
	bool active = user_id && strcmp(u.state, "active") == 0, invited = user_id && strcmp(u.state, "invited") == 0;
	arena_free(a);
	if (active && reset) {
		audit_system(user_id, org_id, "password_reset_request", 0, NULL);
		return account_send_reset(user_id);
	}
	if (invited) { /* no password yet: what helps is a new activation link */
		audit_system(user_id, org_id, "activation_resend", 0, NULL);
		return account_send_invitation(user_id);
	}
	return 0;
}

struct mail_answer {
	long long id;
	const char *email;
	bool reset;
	bool began; /* the transaction ran (it did not fail to begin) */
};

static int answer_body(void *ctx)
{
	struct mail_answer *m = ctx;
	m->began = true;
	if (answer_request(m->email, m->reset) != 0)
		return DB_ERROR;
	return db_exec(stmts[STMT_REQUEST_DELETE], "i", m->id);
}

void account_mail_requests_run(void)
{
	for (int i = 0; i < 100; i++) {
		struct db_stmt *st = db_prepare(stmts[STMT_REQUEST_FIRST]);
		if (db_step(st) != DB_ROW) {
			db_reset(st);
			return;
		}
		long long id = db_int(st, COL_REQUEST_ID);
		char email[255];
		snprintf(email, sizeof email, "%s", db_text(st, COL_REQUEST_EMAIL));
		bool reset = db_bool(st, COL_REQUEST_RESET);
		db_reset(st);
		struct mail_answer answer = {id, email, reset, false};
		if (db_tx(answer_body, &answer) != DB_DONE) {
			if (!answer.began) /* the write lock was not had: next time */
				return;
			log_error("mail_request_failed", "request_id=%lld", id);
			/* never block the queue on one request */
			db_exec(stmts[STMT_REQUEST_DELETE], "i", id);
		}
	}
}

void account_links_purge(long long before)
{
	db_exec(stmts[STMT_LINK_PURGE], "i", before);
}
