/*
 * The HTTP adapter: GNU libmicrohttpd in, struct req out. Reads the request (headers,
 * query, body within limits), hands it to the application (struct http_app: the router),
 * and sends the buffered (or streamed) response with the security headers every page needs.
 */
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

/* Bodies up to this size are read (and dropped when over cfg.max_body_bytes) before the
 * 413 answer; larger ones are refused at once and the connection closed. */
#define DISCARD_LIMIT (16LL * 1024 * 1024)

/* The application, given to http_start(). */
static const struct http_app *app;

struct http_server {
	struct MHD_Daemon *daemon;
};

/* Per-connection-request state kept by MHD between calls of the access handler. */
struct pending {
	struct req req;
	struct buf upload;
	bool too_large;
	bool upload_route;     /* app->takes_upload: files accepted, larger bodies */
	long long body_max;
	bool answered;         /* a response was queued before the body was read */
	bool bad_request;
	size_t discarded;
	struct timespec started;
	size_t bytes_sent;
	unsigned bound_port;
	bool offloaded;        /* handed to a hashing thread; the connection is suspended */
	atomic_bool offload_done;
};

static long long elapsed_us(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000000LL + (now.tv_nsec - since->tv_nsec) / 1000;
}

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->connection, MHD_HEADER_KIND, name);
}

const char *req_query(struct req *r, const char *name)
{
	return params_get(&r->query, name);
}

const char *req_form(struct req *r, const char *name)
{
	return params_get(&r->form, name);
}

long long req_id(struct req *r, int index)
{
	return index < r->id_count ? r->ids[index] : 0;
}

void resp_header(struct req *r, const char *name, const char *value)
{
	if (r->header_count < (int)(sizeof r->headers / sizeof r->headers[0])) {
		r->headers[r->header_count].name = name;
		r->headers[r->header_count].value = value;
		r->header_count++;
	}
}

const char *cookie_name(struct req *r, const char *base)
{
	return r->https ? arena_printf(r->arena, "__Host-%s", base) : base;
}

void resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
	resp_header(r, "Set-Cookie",
	            arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	                         cookie_name(r, name), value, age, r->https ? "; Secure" : ""));
}

void resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	buf_reset(&r->body);
	resp_header(r, "Location", location);
}

void resp_error(struct req *r, int status, const char *message)
{
	r->status = status;
	buf_reset(&r->body);
	r->content_type = "text/html; charset=utf-8";
	app->error_page(r, status, message);
}

void resp_not_found(struct req *r)
{
	resp_error(r, 404, NULL);
}

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	(void)kind;
	struct pending *p = cls;
	struct req *r = &p->req;
	if (!key)
		return MHD_YES;
	if (!value)
		value = "";
	size_t len = strlen(value);
	if (!utf8_valid(key, strlen(key)) || !utf8_valid(value, len) || r->query.count >= PARAMS_MAX) {
		p->bad_request = true;
		return MHD_NO;
	}
	params_add(r->arena, &r->query, arena_strdup(r->arena, key), arena_strndup(r->arena, value, len),
	           len);
	return MHD_YES;
}

static void set_client(struct pending *p, struct MHD_Connection *conn)
{
	struct req *r = &p->req;
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "?";
	if (info && info->client_addr) {
		const struct sockaddr *sa = info->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, ip, sizeof ip);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, ip, sizeof ip);
	}
	r->ip = arena_strdup(r->arena, ip);
	r->https = cfg.behind_https;
	if (cfg.trust_proxy) {
		const char *fwd = req_header(r, "X-Forwarded-For");
		if (fwd && *fwd) {
			const char *last = strrchr(fwd, ',');
			last = last ? last + 1 : fwd;
			while (*last == ' ')
				last++;
			r->ip = arena_strndup(r->arena, last, strcspn(last, " "));
		}
		const char *proto = req_header(r, "X-Forwarded-Proto");
		if (proto && strcasecmp(proto, "https") == 0)
			r->https = true;
	}
}

static void parse_body(struct pending *p)
{
	struct req *r = &p->req;
	if (!p->upload.len)
		return;
	const char *type = req_header(r, "Content-Type");
	int rc = PARAMS_INVALID;
	if (type && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0)
		rc = params_parse_urlencoded(r->arena, &r->form, p->upload.data, p->upload.len);
	else if (type && strncasecmp(type, "multipart/form-data", 19) == 0)
		rc = params_parse_multipart_files(r->arena, &r->form, p->upload_route ? &r->files : NULL, p->upload.data,
		                                  p->upload.len, params_multipart_boundary(r->arena, type));
	if (rc != PARAMS_OK)
		p->bad_request = true;
}

static ssize_t stream_reader(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	struct pending *p = cls;
	ssize_t n = p->req.stream(p->req.stream_ctx, out, max);
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	p->bytes_sent += (size_t)n;
	return n;
}

static void add_common_headers(struct req *r, struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
	                        "script-src 'self'; form-action 'self'; base-uri 'none'; "
	                        "frame-ancestors 'none'; object-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	if (r->https)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->cacheable)
		MHD_add_response_header(resp, "Cache-Control", "public, max-age=31536000, immutable");
	else
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	for (int i = 0; i < r->header_count; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
}

static enum MHD_Result send_response(struct pending *p, struct MHD_Connection *conn)
{
	struct req *r = &p->req;
	struct MHD_Response *resp;
	if (r->stream) {
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_reader, p, NULL);
	} else {
		size_t len;
		char *data = buf_take(&r->body, &len);
		p->bytes_sent = len;
		resp = MHD_create_response_from_buffer(len, data ? data : (char *)"",
		                                       data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	add_common_headers(r, resp);
	/* Counted before the response is queued: once a client has its answer, /metrics shows it. */
	if (app->observe)
		app->observe(r->route, r->status, elapsed_us(&p->started));
	enum MHD_Result rc = MHD_queue_response(conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* 413 before the body has arrived; the connection closes after it. */
static enum MHD_Result refuse_too_large(struct pending *p, struct MHD_Connection *conn)
{
	p->too_large = true;
	p->answered = true;
	set_client(p, conn);
	params_parse_cookies(p->req.arena, &p->req.cookies, req_header(&p->req, "Cookie"));
	resp_header(&p->req, "Connection", "close");
	resp_error(&p->req, 413,
	           p->upload_route ? "Dit bestand is groter dan 10 MB. Hou enkel de gegevens van de leerlingen over, of verdeel "
	                       "ze over meer bestanden, en probeer opnieuw."
	                     : "Wat je verstuurde is te groot. Maak het korter en probeer opnieuw.");
	return send_response(p, conn);
}

/*
 * Requests whose handler hashes a password (ROUTE_OFFLOAD: login, password change, activation,
 * reset) run on a few threads of their own while their connection is suspended, so MHD's
 * workers never wait on a hash. The hash itself runs on the SCHED_IDLE threads of hasher.c:
 * a flood of logins costs idle CPU time, never the pages of everyone else. At most
 * cfg.login_queue requests wait; when the queue is full the answer is a 503 at once.
 */
#define OFFLOAD_THREADS_MAX 16
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct pending **queue;
	int size, head, count, threads;
	bool stopping;
	pthread_t thread[OFFLOAD_THREADS_MAX];
} offload = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *offload_main(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&offload.lock);
		while (!offload.count && !offload.stopping)
			pthread_cond_wait(&offload.wake, &offload.lock);
		if (!offload.count) {
			pthread_mutex_unlock(&offload.lock);
			break;
		}
		struct pending *p = offload.queue[offload.head];
		offload.head = (offload.head + 1) % offload.size;
		offload.count--;
		pthread_mutex_unlock(&offload.lock);
		app->dispatch(&p->req);
		atomic_store(&p->offload_done, true);
		MHD_resume_connection(p->req.connection);
	}
	if (app->thread_end)
		app->thread_end();
	return NULL;
}

/* Suspends the connection and queues p; false when the queue is full (or stopping). */
static bool offload_submit(struct pending *p, struct MHD_Connection *conn)
{
	pthread_mutex_lock(&offload.lock);
	bool room = offload.threads > 0 && !offload.stopping && offload.count < offload.size;
	if (room) {
		p->offloaded = true;
		MHD_suspend_connection(conn); /* before a thread can pick it up and resume it */
		offload.queue[(offload.head + offload.count) % offload.size] = p;
		offload.count++;
		pthread_cond_signal(&offload.wake);
	}
	pthread_mutex_unlock(&offload.lock);
	return room;
}

/* The queue is full: a fast answer, without touching the database. */
static void refuse_busy(struct req *r)
{
	resp_header(r, "Retry-After", "60");
	resp_error(r, 503, app->busy_message);
}

static void offload_start(int threads)
{
	offload.stopping = false;
	offload.size = cfg.login_queue > 0 ? cfg.login_queue : 1;
	offload.head = offload.count = 0;
	free(offload.queue);
	offload.queue = calloc((size_t)offload.size, sizeof *offload.queue);
	if (!offload.queue)
		abort();
	for (offload.threads = 0; offload.threads < threads && offload.threads < OFFLOAD_THREADS_MAX; offload.threads++)
		if (pthread_create(&offload.thread[offload.threads], NULL, offload_main, NULL) != 0)
			break;
}

/* Lets the threads finish what is queued, then joins them. */
static void offload_stop(void)
{
	pthread_mutex_lock(&offload.lock);
	offload.stopping = true;
	pthread_cond_broadcast(&offload.wake);
	pthread_mutex_unlock(&offload.lock);
	for (int i = 0; i < offload.threads; i++)
		pthread_join(offload.thread[i], NULL);
	offload.threads = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	struct pending *p = *con_cls;
	if (!p) {
		p = calloc(1, sizeof *p);
		if (!p)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &p->started);
		struct req *r = &p->req;
		r->arena = arena_new();
		r->connection = conn;
		r->head = strcmp(method, "HEAD") == 0;
		r->method = r->head ? "GET" : arena_strdup(r->arena, method);
		r->path = arena_strdup(r->arena, url);
		r->status = 200;
		r->content_type = "text/html; charset=utf-8";
		*con_cls = p;
		const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		long long announced = length ? strtoll(length, NULL, 10) : 0;
		p->upload_route = app->takes_upload && app->takes_upload(r->method, r->path);
		p->body_max = p->upload_route ? HTTP_UPLOAD_MAX : cfg.max_body_bytes;
		if (announced > DISCARD_LIMIT)
			return refuse_too_large(p, conn); /* answer now: never wait for such a body */
		p->too_large = announced > p->body_max;
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Too large but not absurd: read and drop the rest, so the browser gets the
		 * answer instead of a connection reset. */
		p->discarded += *upload_data_size;
		if (p->answered) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		if (!p->too_large && p->upload.len + *upload_data_size <= (size_t)p->body_max)
			buf_append(&p->upload, upload_data, *upload_data_size);
		else
			p->too_large = true;
		*upload_data_size = 0;
		if (p->discarded > DISCARD_LIMIT)
			return refuse_too_large(p, conn);
		return MHD_YES;
	}
	if (p->answered)
		return MHD_YES;
	if (p->offloaded) /* called again after MHD_resume_connection */
		return atomic_load(&p->offload_done) ? send_response(p, conn) : MHD_YES;
	if (p->too_large)
		return refuse_too_large(p, conn);

	struct req *r = &p->req;
	set_client(p, conn);
	if (!utf8_valid(r->path, strlen(r->path)) ||
	    (strcmp(version, MHD_HTTP_VERSION_1_1) == 0 && !req_header(r, "Host")))
		p->bad_request = true; /* HTTP/1.1 requires Host */
	else
		MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_param, p);
	params_parse_cookies(r->arena, &r->cookies, req_header(r, "Cookie"));
	if ((parse_body(p), p->bad_request))
		resp_error(r, 400, "Deze vraag kon niet gelezen worden. Ga terug en probeer opnieuw.");
	else if (!app->offloaded || !app->offloaded(r))
		app->dispatch(r);
	else if (offload_submit(p, conn))
		return MHD_YES;
	else
		refuse_busy(r);
	return send_response(p, conn);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct pending *p = *con_cls;
	if (!p)
		return;
	struct req *r = &p->req;
	long long us = elapsed_us(&p->started);
	/* The log quotes the path and hides an e-mail link's token in it, route matched or not. */
	log_info("request", "method=%s path=%s status=%d bytes=%zu us=%lld", r->head ? "HEAD" : r->method,
	         r->path, r->status, p->bytes_sent, us);
	if (r->stream_free)
		r->stream_free(r->stream_ctx);
	buf_free(&r->body);
	buf_free(&p->upload);
	arena_free(r->arena);
	free(p);
	*con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = 0;
	log_info("httpd", "message=%s", msg);
}

/* listen() with the backlog MHD would use for its own socket. */
static int listen_socket(int fd)
{
	return listen(fd, 1024);
}

static bool parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return false;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) == 1;
}

const char *http_listen_problem(const char *listen)
{
	struct sockaddr_in sa;
	static __thread char message[200];
	if (parse_listen(listen, &sa))
		return NULL;
	snprintf(message, sizeof message, "Ongeldig luisteradres: %.80s (verwacht ADRES:POORT, bv. 127.0.0.1:8080)",
	         listen);
	return message;
}

int http_listen(const char *listen)
{
	struct sockaddr_in sa;
	if (!parse_listen(listen, &sa)) {
		fprintf(stderr, "%s\n", http_listen_problem(listen));
		return -1;
	}
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int on = 1;
	if (fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen_socket(fd) == 0)
		return fd;
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (err == EADDRINUSE)
		fprintf(stderr, "Poort %u op %s is al in gebruik door een ander programma (misschien een stagematch die "
		                "al draait). Stop dat programma, of kies een andere poort met --listen (bij make run: "
		                "make run LISTEN=127.0.0.1:8081).\n",
		        ntohs(sa.sin_port), listen);
	else if (err == EACCES)
		fprintf(stderr, "Geen toelating om te luisteren op %s: poorten onder 1024 vragen beheerdersrechten. "
		                "Kies een poort vanaf 1024 met --listen.\n", listen);
	else if (err == EADDRNOTAVAIL)
		fprintf(stderr, "Het adres van %s hoort niet bij deze machine. Kies er een van deze machine, "
		                "bv. 127.0.0.1:8080.\n", listen);
	else
		fprintf(stderr, "Kan niet luisteren op %s: %s\n", listen, strerror(err));
	return -1;
}

struct http_server *http_start(const struct http_app *application, int listen_fd, int threads, int hashing_threads,
                               unsigned *bound_port)
{
	app = application;
	if (threads <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? (int)cores : 2;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME,
		0, NULL, NULL, on_request, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024), /* headers + buffers; RSS per idle connection */
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "De webserver kon niet starten (zie de melding hierboven).\n");
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	struct sockaddr_in bound;
	socklen_t len = sizeof bound;
	*bound_port = info ? info->port
	              : getsockname(listen_fd, (struct sockaddr *)&bound, &len) == 0 ? ntohs(bound.sin_port) : 0;
	struct http_server *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->daemon = d;
	offload_start(hashing_threads > 0 ? hashing_threads : 1);
	return s;
}

void http_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_socket listening = MHD_quiesce_daemon(s->daemon); /* ours now: closed below */
	/* Let requests in flight finish: up to five seconds. */
	for (int i = 0; i < 50; i++) {
		const union MHD_DaemonInfo *info =
			MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			break;
		usleep(100 * 1000);
	}
	offload_stop(); /* resumes what it still had queued */
	MHD_stop_daemon(s->daemon);
	if (listening != MHD_INVALID_SOCKET)
		close(listening);
	free(s);
}
