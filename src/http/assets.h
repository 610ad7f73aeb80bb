#ifndef STAGEMATCH_ASSETS_H
#define STAGEMATCH_ASSETS_H
#include "embedded.h"
#include "http.h"

/* The embedded file with this base name, or NULL. */
const struct embedded_file *embedded_find(const char *name);
/* "/assets/app.<hash>.css" for "app.css": changes whenever the content does. */
const char *asset_url(const char *name);
/* GET /assets/<name>.<hash>.<ext>: serves an embedded asset with a year-long cache. */
void assets_serve(struct req *r);

#endif
