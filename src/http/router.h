#ifndef STAGEMATCH_ROUTER_H
#define STAGEMATCH_ROUTER_H
#include "http.h"

typedef void (*handler_fn)(struct req *r);

enum route_flags {
	ROUTE_PUBLIC = 1,      /* no login needed (login page, assets, activation links) */
	ROUTE_NO_SESSION = 2,  /* does not even look at the session cookie (assets, health, metrics) */
	ROUTE_OFFLOAD = 4,     /* hashes a password: runs on the hashing threads, not on a page's (http.c) */
	ROUTE_TOKEN = 8,       /* the final "*" is a secret (an e-mail link's token): never logged */
	ROUTE_UPLOAD = 16,     /* takes a file (multipart), up to HTTP_UPLOAD_MAX bytes instead of cfg.max_body_bytes */
};

/*
 * One row of the route table. `pattern` is a path whose segments are literal, "{id}"
 * (a positive whole number, handed to the handler as req_id(r, n)), "{code}" (a slug
 * of a-z, 0-9 and '-', handed over as r->slug) or a final "*" (the rest of one segment).
 * `roles` is the set of roles allowed (ROLE_ADMIN | ...); ignored for ROUTE_PUBLIC.
 */
struct route {
	const char *method;
	const char *pattern;
	handler_fn handler;
	int roles;
	unsigned flags;
};

/* The application's route table (src/http/routes.c), terminated by a row with NULL method. */
extern const struct route routes[];
/* The login page that keeps a form posted after the session expired (src/http/routes.c). */
extern const handler_fn router_saved_form_login;

/* Whether path matches pattern (the rules above); fills r->ids, r->id_count and r->slug
 * when r is given. "/a" never matches "/a/": a trailing slash is a different path. */
bool router_match(const char *pattern, const char *path, struct req *r);
/* The route for method and path (filling r's ids and slug), or NULL; *path_known tells
 * whether another method has this path (405 rather than 404). */
const struct route *router_find(struct req *r, const char *method, const char *path, bool *path_known);

/*
 * Finds the route, then checks in this order before any handler runs: method (405),
 * session (login redirect, or the posted form kept for after the login), role (403),
 * Origin and CSRF token on POST (403). Then calls the handler.
 */
void router_dispatch(struct req *r);
/* Whether r's route (method and path) is marked ROUTE_OFFLOAD. */
bool router_offloaded(const struct req *r);
/* The flags of the route of method and path (0 when there is none): read before the body. */
unsigned router_route_flags(const char *method, const char *path);
/* Whether the route of method and path is ROUTE_UPLOAD (the adapter's takes_upload). */
bool router_takes_upload(const char *method, const char *path);

/* Runs the handler of a POST for path as the (freshly logged-in) user: used to finish a
 * form that was posted after the session expired. Returns false if no route matches. */
bool router_replay_post(struct req *r, const char *path);

/*
 * When s (of length len) starts with the fixed part of a ROUTE_TOKEN route (the part before
 * its "*", e.g. "/activeren/"), the length of that part,
 * else 0. Case-insensitive, whatever the method: the log uses it to hide tokens on every
 * line, also of a 404 or 405.
 */
size_t router_token_prefix(const char *s, size_t len);

/* The CSRF token a form on this page must carry (session token or pre-login cookie token). */
const char *router_csrf_token(struct req *r);

#endif
