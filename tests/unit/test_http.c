/* The HTTP adapter alone: a real server on a free local port with a made-up application
 * (struct http_app), so every call into the application goes through its callbacks. */
#include "cmocka_all.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"
#include "http.h"

static atomic_int dispatched, error_pages, observed, with_route, threads_ended, last_status;

static void dispatch(struct req *r)
{
	atomic_fetch_add(&dispatched, 1);
	if (strcmp(r->path, "/fout") == 0) {
		resp_error(r, 409, "Dat kan nu niet.");
		return;
	}
	r->status = 200;
	r->content_type = "text/plain; charset=utf-8";
	buf_printf(&r->body, "pad=%s naam=%s", r->path, req_query(r, "naam") ? req_query(r, "naam") : "-");
}

static bool offloaded(const struct req *r)
{
	return strcmp(r->path, "/zwaar") == 0;
}

static void error_page(struct req *r, int status, const char *message)
{
	atomic_fetch_add(&error_pages, 1);
	buf_printf(&r->body, "foutpagina %d: %s", status, message ? message : "standaard");
}

static void observe(const struct route *route, int status, long long us)
{
	(void)us;
	if (route) /* this application has no routes: none may appear */
		atomic_fetch_add(&with_route, 1);
	atomic_fetch_add(&observed, 1);
	atomic_store(&last_status, status);
}

static void thread_end(void)
{
	atomic_fetch_add(&threads_ended, 1);
}

static const struct http_app app = {
	.dispatch = dispatch,
	.offloaded = offloaded,
	.error_page = error_page,
	.observe = observe,
	.thread_end = thread_end,
	.busy_message = "Even geduld.",
};

/* Sends request as is to 127.0.0.1:port and returns the whole answer (the server closes). */
static void ask(unsigned port, const char *request, char *answer, size_t size)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	size_t len = strlen(request);
	assert_int_equal(write(fd, request, len), (ssize_t)len);
	size_t got = 0;
	ssize_t n;
	while (got + 1 < size && (n = read(fd, answer + got, size - 1 - got)) > 0)
		got += (size_t)n;
	answer[got] = 0;
	close(fd);
}

static void the_application_answers_through_its_callbacks(void **state)
{
	(void)state;
	config_defaults();
	unsigned port = 0;
	int fd = http_listen("127.0.0.1:0");
	assert_true(fd >= 0);
	struct http_server *s = http_start(&app, fd, 2, 1, &port);
	assert_non_null(s);
	assert_true(port > 0);
	char answer[8192];

	ask(port, "GET /hallo?naam=Zo%C3%AB HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", answer, sizeof answer);
	assert_non_null(strstr(answer, "HTTP/1.1 200"));
	assert_non_null(strstr(answer, "pad=/hallo naam=Zoë"));
	assert_non_null(strstr(answer, "X-Content-Type-Options: nosniff")); /* the adapter's own headers */

	/* resp_error goes to the application's error page. */
	ask(port, "GET /fout HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", answer, sizeof answer);
	assert_non_null(strstr(answer, "HTTP/1.1 409"));
	assert_non_null(strstr(answer, "foutpagina 409: Dat kan nu niet."));

	/* An offloaded request is dispatched on a hashing thread and answered all the same. */
	ask(port, "GET /zwaar HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", answer, sizeof answer);
	assert_non_null(strstr(answer, "HTTP/1.1 200"));
	assert_non_null(strstr(answer, "pad=/zwaar"));

	/* HTTP/1.1 without Host: 400 from the adapter itself, through the error page, no dispatch. */
	ask(port, "GET /hallo HTTP/1.1\r\nConnection: close\r\n\r\n", answer, sizeof answer);
	assert_non_null(strstr(answer, "HTTP/1.1 400"));
	assert_non_null(strstr(answer, "foutpagina 400: Deze vraag kon niet gelezen worden."));

	http_stop(s); /* waits for the requests in flight and stops the hashing threads */
	assert_int_equal(atomic_load(&dispatched), 3);
	assert_int_equal(atomic_load(&error_pages), 2);
	assert_int_equal(atomic_load(&observed), 4);
	assert_int_equal(atomic_load(&with_route), 0);
	assert_int_equal(atomic_load(&last_status), 400);
	assert_int_equal(atomic_load(&threads_ended), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_application_answers_through_its_callbacks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
