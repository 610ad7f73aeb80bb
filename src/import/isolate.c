/*
 * A reader run in a child process. FreeXL (the .xls reader's library) reads out of bounds on
 * some hostile files (the fuzzer found one: tests/fixtures/import/hostile-freexl.xls); in a
 * child that costs the child, never the server. The child (fork, no exec: it only runs the
 * reader) sends the table over a pipe and exits; the parent copies it into its own arena.
 * A child that crashes, runs over ISOLATE_SECONDS or sends something malformed gives the
 * caller's message for a file that cannot be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/buf.h"
#include "table.h"

#define ISOLATE_SECONDS 10
#define ISOLATE_OUTPUT_MAX (IMPORT_MAX_TEXT + (size_t)(IMPORT_MAX_ROWS + 1) * IMPORT_MAX_COLS * 4 + 65536)

/* Sanitizer builds (the fuzzer, the ASan tests): a crash in the child is the parent's answer,
 * not a finding to report from the child. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void put(struct buf *b, const void *data, size_t len)
{
	buf_append(b, data, len);
}

static void put_u64(struct buf *b, uint64_t v)
{
	put(b, &v, sizeof v);
}

static void put_text(struct buf *b, const char *s)
{
	put_u64(b, strlen(s));
	put(b, s, strlen(s));
}

/* The child: read, serialise, write, exit. Never returns. */
static void child(import_reader reader, const char *data, size_t len, int out)
{
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(NULL);
	struct rlimit cpu = {ISOLATE_SECONDS, ISOLATE_SECONDS};
	setrlimit(RLIMIT_CPU, &cpu);
	struct arena *a = arena_new();
	struct import_table t;
	const char *problem = reader(a, data, len, &t);
	struct buf b = {0};
	if (problem) {
		put(&b, "E", 1);
		put_text(&b, problem);
	} else {
		put(&b, "T", 1);
		put_u64(&b, t.rows);
		put_u64(&b, t.cols);
		for (size_t r = 0; r < t.rows; r++)
			put_u64(&b, t.line[r]);
		for (size_t i = 0; i < t.rows * t.cols; i++)
			put_text(&b, t.cells[i]);
	}
	for (size_t done = 0; done < b.len;) {
		ssize_t n = write(out, b.data + done, b.len - done);
		if (n <= 0)
			_exit(1);
		done += (size_t)n;
	}
	_exit(0);
}

struct reader_input {
	const char *p, *end;
	bool ok;
};

static uint64_t get_u64(struct reader_input *in)
{
	uint64_t v = 0;
	if (in->end - in->p < (ptrdiff_t)sizeof v) {
		in->ok = false;
		return 0;
	}
	memcpy(&v, in->p, sizeof v);
	in->p += sizeof v;
	return v;
}

static const char *get_text(struct reader_input *in, struct arena *a)
{
	uint64_t n = get_u64(in);
	if (!in->ok || n > (uint64_t)(in->end - in->p)) {
		in->ok = false;
		return "";
	}
	const char *s = arena_strndup(a, in->p, (size_t)n);
	in->p += n;
	return s;
}

/* The parent's side: the child's output as a table, or NULL when it is not one. */
static const char *parse(struct arena *a, const char *data, size_t len, struct import_table *t, const char *broken)
{
	struct reader_input in = {data, data + len, len > 0};
	if (!in.ok)
		return broken;
	in.p++;
	if (data[0] == 'E') {
		const char *problem = get_text(&in, a);
		return in.ok && *problem ? problem : broken;
	}
	uint64_t rows = get_u64(&in), cols = get_u64(&in);
	if (data[0] != 'T' || !in.ok || rows == 0 || rows > IMPORT_MAX_ROWS + 1 || cols == 0 || cols > IMPORT_MAX_COLS)
		return broken;
	t->rows = (size_t)rows;
	t->cols = (size_t)cols;
	t->line = arena_alloc(a, t->rows * sizeof *t->line);
	t->cells = arena_alloc(a, t->rows * t->cols * sizeof *t->cells);
	for (size_t r = 0; r < t->rows; r++)
		t->line[r] = (size_t)get_u64(&in);
	for (size_t i = 0; i < t->rows * t->cols; i++)
		t->cells[i] = get_text(&in, a);
	if (!in.ok || in.p != in.end) {
		memset(t, 0, sizeof *t);
		return broken;
	}
	return NULL;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

const char *import_read_isolated(import_reader reader, struct arena *a, const char *data, size_t len,
                                 struct import_table *t, const char *broken)
{
	memset(t, 0, sizeof *t);
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return "Het bestand kon niet gelezen worden. Probeer opnieuw.";
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return "Het bestand kon niet gelezen worden. Probeer opnieuw.";
	}
	if (pid == 0) {
		close(fds[0]);
		child(reader, data, len, fds[1]);
	}
	close(fds[1]);
	struct buf out = {0};
	long long deadline = now_ms() + ISOLATE_SECONDS * 1000LL;
	bool complete = false;
	for (;;) {
		long long left = deadline - now_ms();
		struct pollfd p = {.fd = fds[0], .events = POLLIN};
		int ready = left > 0 ? poll(&p, 1, (int)left) : 0;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			break;
		char chunk[65536];
		ssize_t n = read(fds[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			complete = n == 0;
			break;
		}
		if (out.len + (size_t)n > ISOLATE_OUTPUT_MAX)
			break;
		buf_append(&out, chunk, (size_t)n);
	}
	close(fds[0]);
	if (!complete)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	const char *problem = broken;
	if (complete && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		problem = parse(a, out.data, out.len, t, broken);
	buf_free(&out);
	return problem;
}
