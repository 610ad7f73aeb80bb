#ifndef STAGEMATCH_HTTP_H
#define STAGEMATCH_HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "arena.h"
#include "buf.h"
#include "params.h"

/*
 * One HTTP request and its response, handed to a handler by the router.
 * The response is built in `body` and sent once when the handler returns, so an
 * error page can still replace it. Everything allocated in `arena` is freed when the
 * request completes.
 */

enum role { ROLE_ADMIN = 1, ROLE_SCHOOL = 2, ROLE_SERVICE = 4 };
#define ROLE_ANY (ROLE_ADMIN | ROLE_SCHOOL | ROLE_SERVICE)

/* The logged-in user; NULL for anonymous requests. */
struct user {
	long long id;
	long long org_id;
	long long session_id;
	int role;
	const char *email;
	const char *name;
	const char *org_name;
	const char *csrf;        /* the session's CSRF token */
};

/* A session cookie that was valid once but has expired: lets a posted form survive. */
struct expired_session {
	long long user_id;
	const char *csrf;
};

/* Streams a large response (exports) without holding it in memory. Writes up to max
 * bytes into out and returns the count, 0 at the end, -1 on error. */
typedef ssize_t (*http_stream_fn)(void *ctx, char *out, size_t max);

struct route;

struct req {
	struct arena *arena;
	void *connection;              /* struct MHD_Connection * */
	const char *method;            /* "GET", "POST"; HEAD is answered as GET */
	const char *path;              /* without the query string */
	struct params query, form, cookies;
	struct params files;           /* uploaded files (ROUTE_UPLOAD routes only): name, bytes, filename */
	long long ids[4];              /* the {id} segments of the route pattern */
	int id_count;
	const char *slug;              /* the {code} segment of the route pattern, if any */
	const struct route *route;
	struct user *user;
	struct expired_session *expired;
	const char *ip;
	bool https;
	bool head;

	/* response */
	int status;
	struct buf body;
	const char *content_type;
	struct { const char *name, *value; } headers[16];
	int header_count;
	bool cacheable;                /* long-lived public caching (hashed assets) */
	http_stream_fn stream;
	void *stream_ctx;
	void (*stream_free)(void *ctx);
};

const char *req_header(struct req *r, const char *name);
const char *req_query(struct req *r, const char *name);
const char *req_form(struct req *r, const char *name);
long long req_id(struct req *r, int index);

void resp_header(struct req *r, const char *name, const char *value);
/* Set-Cookie with HttpOnly, SameSite=Lax, Path=/ and Secure behind HTTPS. max_age < 0: session cookie. */
void resp_cookie(struct req *r, const char *name, const char *value, long max_age);
/* 303 See Other to a local path (Post/Redirect/Get). */
void resp_redirect(struct req *r, const char *location);
/* Replaces whatever was written with the error page for status (403, 404, ...). */
void resp_error(struct req *r, int status, const char *message);
/* 404 with the standard page: for unknown ids and for other organisations' records alike. */
void resp_not_found(struct req *r);

/* The cookie names, with the __Host- prefix when served over HTTPS. */
const char *cookie_name(struct req *r, const char *base);

/* The largest body of a request that takes an uploaded file (http_app.takes_upload). */
#define HTTP_UPLOAD_MAX (10L * 1024 * 1024)

/* NULL when listen is ADDRESS:PORT (IPv4, port 0 = any free one), else a Dutch message. */
const char *http_listen_problem(const char *listen);
/* Binds and listens on listen; returns the socket, or -1 after saying why in Dutch on stderr
 * (a port in use, a port that needs root, an address not of this machine). */
int http_listen(const char *listen);

/*
 * The application behind the adapter: http.c reaches it only through these callbacks, so
 * the adapter knows nothing of routes, pages or the database and can be tested alone.
 */
struct http_app {
	void (*dispatch)(struct req *r);        /* answers r (the router) */
	bool (*offloaded)(const struct req *r); /* r runs on the hashing threads, not a page's */
	/* Whether method and path take an uploaded file (a larger body, file parts kept). */
	bool (*takes_upload)(const char *method, const char *path);
	/* Writes the error page for status into r->body (message NULL: the standard text). */
	void (*error_page)(struct req *r, int status, const char *message);
	/* Counts a request (r->route, status, microseconds) before its response is queued: the metrics. */
	void (*observe)(const struct route *route, int status, long long us);
	void (*thread_end)(void);               /* a hashing thread ends (closes its database handle) */
	const char *busy_message;               /* the 503 text when the hashing queue is full */
};

/* Starts the server for app (which must outlive it) on a socket from http_listen; returns
 * NULL on failure. hashing_threads: how many threads run the offloaded requests. */
struct http_server;
struct http_server *http_start(const struct http_app *app, int listen_fd, int threads, int hashing_threads,
                               unsigned *bound_port);
/* Stops taking new connections, lets requests in flight finish (up to a few seconds), stops. */
void http_stop(struct http_server *s);

#endif
