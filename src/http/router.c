/*
 * The one dispatcher: every request passes the same checks, in the same order, before
 * a handler sees it. Handlers may assume: the method is theirs, the user is logged in
 * with an allowed role (unless the route is public), and a POST is same-origin with a
 * valid CSRF token.
 */
#include "router.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crypto.h"
#include "html.h"
#include "session.h"

#define CSRF_COOKIE "stagematch_csrf"

bool router_match(const char *pattern, const char *path, struct req *r)
{
	int ids = 0;
	long long values[4];
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (strcmp(p, "*") == 0) { /* the rest of one segment */
			if (strchr(s, '/'))
				return false;
			p++;
			s += strlen(s);
			break;
		}
		if (strncmp(p, "{code}", 6) == 0) { /* a slug: [a-z0-9-]{1,40} */
			size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
			if (n == 0 || n > 40)
				return false;
			if (r)
				r->slug = arena_strndup(r->arena, s, n);
			s += n;
			p += 6;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0) {
			if (!isdigit((unsigned char)*s) || *s == '0' || ids == 4)
				return false;
			long long v = 0;
			int digits = 0;
			while (isdigit((unsigned char)*s)) {
				if (++digits > 15)
					return false;
				v = v * 10 + (*s++ - '0');
			}
			values[ids++] = v;
			p += 4;
		} else if (*p++ != *s++) {
			return false;
		}
	}
	if (*p || *s)
		return false;
	if (r) {
		memcpy(r->ids, values, sizeof(long long) * (size_t)ids);
		r->id_count = ids;
	}
	return true;
}

const struct route *router_find(struct req *r, const char *method, const char *path, bool *path_known)
{
	*path_known = false;
	for (const struct route *rt = routes; rt->method; rt++) {
		if (!router_match(rt->pattern, path, NULL))
			continue;
		*path_known = true;
		if (strcmp(rt->method, method) == 0) {
			router_match(rt->pattern, path, r);
			return rt;
		}
	}
	return NULL;
}

static const char *allowed_methods(struct req *r)
{
	struct buf b = {0};
	for (const struct route *rt = routes; rt->method; rt++)
		if (router_match(rt->pattern, r->path, NULL) && !(b.data && strstr(b.data, rt->method))) {
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, rt->method);
		}
	char *s = arena_strdup(r->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* Origin (or, without it, Referer) must name this host; absent both, the token decides. */
static bool same_origin(struct req *r)
{
	const char *host = req_header(r, "Host");
	const char *origin = req_header(r, "Origin");
	const char *source = origin ? origin : req_header(r, "Referer");
	if (!source)
		return true;
	if (!host || strcmp(source, "null") == 0)
		return false;
	const char *after = strstr(source, "://");
	if (!after)
		return false;
	after += 3;
	size_t n = strcspn(after, "/");
	return strlen(host) == n && strncmp(after, host, n) == 0;
}

const char *router_csrf_token(struct req *r)
{
	if (r->user)
		return r->user->csrf;
	const char *have = params_get(&r->cookies, cookie_name(r, CSRF_COOKIE));
	if (have && strlen(have) == TOKEN_LEN - 1)
		return have;
	/* Pre-login forms: a random token in a cookie, echoed by the form (double submit). */
	char *token = arena_alloc(r->arena, TOKEN_LEN);
	token_new(token);
	resp_cookie(r, CSRF_COOKIE, token, -1);
	params_add(r->arena, &r->cookies, cookie_name(r, CSRF_COOKIE), token, TOKEN_LEN - 1);
	return token;
}

static bool csrf_valid(struct req *r, const char *expected)
{
	const char *sent = req_form(r, "csrf");
	if (params_get_nth(&r->form, "csrf", 1))
		return false; /* two tokens: one of them is not the page's */
	if (!sent || !expected || strlen(sent) != strlen(expected))
		return false;
	return sodium_memcmp(sent, expected, strlen(expected)) == 0;
}

static const char *expected_csrf(struct req *r)
{
	if (r->user)
		return r->user->csrf;
	return params_get(&r->cookies, cookie_name(r, CSRF_COOKIE));
}

static void need_login(struct req *r)
{
	bool is_post = strcmp(r->method, "POST") == 0;
	if (is_post && r->expired && same_origin(r) && csrf_valid(r, r->expired->csrf)) {
		/* The session ran out while the user was typing: keep the form, ask to log in. */
		router_saved_form_login(r);
		return;
	}
	struct buf next = {0};
	buf_puts(&next, "/login?next=");
	url_encode_into(&next, is_post ? "/" : r->path);
	if (r->expired)
		buf_puts(&next, "&verlopen=1");
	resp_redirect(r, arena_strdup(r->arena, next.data));
	buf_free(&next);
}

static void run(struct req *r, const struct route *rt)
{
	r->route = rt;
	if (!(rt->flags & ROUTE_PUBLIC)) {
		if (!r->user) {
			need_login(r);
			return;
		}
		if (!(rt->roles & r->user->role)) {
			resp_error(r, 403, "Deze pagina is niet voor jouw rol bedoeld.");
			return;
		}
	}
	if (strcmp(r->method, "POST") == 0 && (!same_origin(r) || !csrf_valid(r, expected_csrf(r)))) {
		resp_error(r, 403,
		           "Dit formulier is verlopen of kwam niet van deze website. Ga terug, "
		           "herlaad de pagina en verstuur het opnieuw.");
		return;
	}
	rt->handler(r);
}

size_t router_token_prefix(const char *s, size_t len)
{
	for (const struct route *rt = routes; rt->method; rt++) {
		const char *star = strchr(rt->pattern, '*');
		size_t n = star && (rt->flags & ROUTE_TOKEN) ? (size_t)(star - rt->pattern) : 0;
		if (n && n <= len && strncasecmp(s, rt->pattern, n) == 0)
			return n;
	}
	return 0;
}

unsigned router_route_flags(const char *method, const char *path)
{
	for (const struct route *rt = routes; rt->method; rt++)
		if (strcmp(rt->method, method) == 0 && router_match(rt->pattern, path, NULL))
			return rt->flags;
	return 0;
}

bool router_takes_upload(const char *method, const char *path)
{
	return router_route_flags(method, path) & ROUTE_UPLOAD;
}

bool router_offloaded(const struct req *r)
{
	return router_route_flags(r->method, r->path) & ROUTE_OFFLOAD;
}

void router_dispatch(struct req *r)
{
	bool known;
	const struct route *rt = router_find(r, r->method, r->path, &known);
	if (!rt) {
		if (known) {
			resp_header(r, "Allow", allowed_methods(r));
			resp_error(r, 405, "Deze actie kan hier niet.");
		} else {
			session_load(r);
			resp_error(r, 404, NULL);
		}
		return;
	}
	if (!(rt->flags & ROUTE_NO_SESSION))
		session_load(r);
	run(r, rt);
}

bool router_replay_post(struct req *r, const char *path)
{
	bool known;
	r->path = path;
	const struct route *rt = router_find(r, "POST", path, &known);
	if (!rt || (rt->flags & ROUTE_PUBLIC) || !r->user || !(rt->roles & r->user->role))
		return false;
	r->route = rt;
	rt->handler(r);
	return true;
}
