#ifndef STAGEMATCH_LAYOUT_H
#define STAGEMATCH_LAYOUT_H
#include "http.h"

/*
 * The application shell of the manual's screenshots: top bar with the organisation,
 * the user and "Afmelden"; the left navigation for the user's role; the page's main
 * content in between. page_begin() writes everything up to <main>'s content,
 * page_end() closes it.
 */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);

/* Shows a short message (e.g. "Contactpersoon toegevoegd.") on the next page shown. */
void flash_set(struct req *r, const char *message);

/* The error page for status, with a message and a way onwards. */
void layout_error_page(struct req *r, int status, const char *message);

struct nav_item {
	const char *href;
	const char *label;
	int roles;
};
/* The left navigation, in order; terminated by a NULL href. */
extern const struct nav_item nav_items[];

#endif
