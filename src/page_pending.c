#include <string.h>

#include "html.h"
#include "layout.h"
#include "mail.h"
#include "pages.h"

void pending_show(struct req *r)
{
	const char *label = "Deze pagina";
	for (const struct nav_item *n = nav_items; n->href; n++)
		if (strcmp(n->href, r->path) == 0)
			label = n->label;
	page_begin(r, label);
	html(&r->body, "<h1>%s</h1><div class=\"alert alert-info\" role=\"status\"><p>Dit scherm is nog "
	               "niet beschikbaar in deze versie van stagematch.</p><p>Heb je dringend iets nodig? "
	               "Mail <a href=\"mailto:%s\">%s</a>.</p></div>",
	     label, mail_contact_address(), mail_contact_address());
	page_end(r);
}
