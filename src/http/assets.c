#include "assets.h"

#include <stdio.h>
#include <string.h>

#define ASSET_URL_MAX 96

static const struct {
	const char *ext;
	const char *type;
} content_types[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".txt", "text/plain; charset=utf-8"},
};

/* Only these are served over HTTP; migrations and word lists stay internal. */
static bool is_public(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (strcmp(dot, ".css") == 0 || strcmp(dot, ".js") == 0 || strcmp(dot, ".svg") == 0 ||
	               strcmp(dot, ".png") == 0);
}

const struct embedded_file *embedded_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const char *asset_url(const char *name)
{
	/* Computed on first use per asset and kept: the table is fixed at build time. */
	static __thread char urls[8][ASSET_URL_MAX];
	static __thread const char *names[8];
	for (int i = 0; i < 8; i++) {
		if (names[i] && strcmp(names[i], name) == 0)
			return urls[i];
		if (!names[i]) {
			const struct embedded_file *f = embedded_find(name);
			const char *dot = strrchr(name, '.');
			if (!f || !dot)
				return "/";
			snprintf(urls[i], ASSET_URL_MAX, "/assets/%.*s.%.10s%s", (int)(dot - name), name, f->hash, dot);
			names[i] = name;
			return urls[i];
		}
	}
	return "/";
}

void assets_serve(struct req *r)
{
	const char *file = r->path + strlen("/assets/");
	/* "<stem>.<hash10>.<ext>" -> "<stem>.<ext>", hash checked against the content. */
	const char *ext = strrchr(file, '.');
	const char *hash = NULL;
	for (const char *p = ext ? ext - 1 : NULL; p && p > file; p--)
		if (*p == '.') {
			hash = p + 1;
			break;
		}
	if (!ext || !hash || ext - hash != 10 || strchr(file, '/')) {
		resp_error(r, 404, NULL);
		return;
	}
	char name[128];
	snprintf(name, sizeof name, "%.*s%s", (int)(hash - 1 - file), file, ext);
	const struct embedded_file *f = embedded_find(name);
	if (!f || !is_public(name) || strncmp(f->hash, hash, 10) != 0) {
		resp_error(r, 404, NULL);
		return;
	}
	r->content_type = "application/octet-stream";
	for (size_t i = 0; i < sizeof content_types / sizeof content_types[0]; i++)
		if (strcmp(ext, content_types[i].ext) == 0)
			r->content_type = content_types[i].type;
	r->cacheable = true;
	buf_append(&r->body, f->data, f->len);
}
