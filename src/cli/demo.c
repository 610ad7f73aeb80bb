/*
 * Demo data: the programme "Dubbele finaliteit gezondheidszorg" with its 2026-2027
 * campaign, 3 schools, 4 care services, contact persons and 25 pupils in different
 * states, and one login per role (all with password DEMO_PASSWORD).
 *
 * With a scale (demo --scale N): a generated data set of the size of a region's deadline
 * for benchmarks: hundreds of schools and dozens of services with one login each, N pupils
 * in every state, written in one transaction through the same insert functions as the
 * screens, each in the scope of the school or service it stands for (pupil_insert seals
 * every national number).
 */
#include "demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "campaigns.h"
#include "contact.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "domain.h"
#include "orgs.h"
#include "reminders_store.h"
#include "scope.h"
#include "placements_store.h"
#include "pupils.h"
#include "user.h"
#include "validate.h"

struct demo_school {
	const char *name, *number, *street, *postcode, *city, *province;
	const char *login;
};
static const struct demo_school schools[] = {
	{"Sint-Jozefsinstituut Kortrijk", "030478", "Casinoplein 10", "8500", "Kortrijk", "West-Vlaanderen",
	 "school@stagematch.test"},
	{"Atheneum Gent", "031054", "Ottogracht 4", "9000", "Gent", "Oost-Vlaanderen", "school2@stagematch.test"},
	{"Sint-Vincentiusinstituut Antwerpen", "028332", "Lange Nieuwstraat 7", "2000", "Antwerpen",
	 "Antwerpen", NULL},
};

struct demo_service {
	const char *name, *street, *postcode, *city, *province;
	int capacity;
	const char *login;
	const char *also_province; /* a second province of its area, or NULL */
};
static const struct demo_service services[] = {
	/* The two Flemish regional services overlap, as they do in reality. */
	{"Familiezorg West-Vlaanderen", "Koningin Astridlaan 75", "8200", "Brugge", "West-Vlaanderen", 12,
	 "dienst@stagematch.test", "Oost-Vlaanderen"},
	{"Thuiszorg Oost-Vlaanderen", "Kortrijksesteenweg 1090", "9051", "Gent", "Oost-Vlaanderen", 8,
	 "dienst2@stagematch.test", "West-Vlaanderen"},
	{"Gezinszorg Antwerpen", "Lange Kievitstraat 111", "2018", "Antwerpen", "Antwerpen", 10, NULL, NULL},
	{"Zorgpunt Vlaams-Brabant", "Diestsevest 32", "3000", "Leuven", "Vlaams-Brabant", 6, NULL,
	 "Brussels Hoofdstedelijk Gewest"},
};

#define DEMO_ADMIN_LOGIN "admin@stagematch.test"

/* The demo acts as each organisation in turn: a school adds its contacts and pupils, a
 * service (by its user, when it has one) accepts. */
static struct scope acting_as(enum role role, long long org_id, long long user_id)
{
	return (struct scope){.role = role, .org_id = org_id, .user_id = user_id};
}

/* A contact person of the school: its id, or 0. */
static long long demo_contact(long long school, const char *name, const char *phone, const char *email)
{
	struct scope s = acting_as(ROLE_SCHOOL, school, 0);
	struct contact_row c = {.name = name, .phone = phone, .email = email};
	long long id = 0;
	return contact_insert(&s, &c, &id) == CONTACT_OK ? id : 0;
}

static void print_login(FILE *out, bool existing_only, bool *header, const char *role, const char *email,
                        const char *org)
{
	if (!email || (existing_only && !user_active(email)))
		return;
	if (!*header)
		fputs("Demo-accounts (wachtwoord voor allen: " DEMO_PASSWORD "):\n", out);
	*header = true;
	fprintf(out, "  %-12s %-26s %s\n", role, email, org);
}

void demo_print_logins(FILE *out, bool existing_only)
{
	bool header = false;
	print_login(out, existing_only, &header, "coordinator", DEMO_ADMIN_LOGIN, "Coördinatie stages");
	for (size_t i = 0; i < sizeof schools / sizeof schools[0]; i++)
		print_login(out, existing_only, &header, "school", schools[i].login, schools[i].name);
	for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
		print_login(out, existing_only, &header, "dienst", services[i].login, services[i].name);
}

static const char *const contact_names[][3] = {
	{"An Vermeulen", "056 26 13 40", "an.vermeulen@sjik.be"},
	{"Bart Desmet", "0477 12 34 56", "bart.desmet@sjik.be"},
	{"Sofie De Clercq", "09 225 11 20", "sofie.declercq@atheneumgent.be"},
	{"Koen Martens", "0486 55 44 33", "koen.martens@atheneumgent.be"},
	{"Els Peeters", "03 231 45 67", "els.peeters@svi-antwerpen.be"},
};
static const int contact_school[] = {0, 0, 1, 1, 2};

struct demo_pupil {
	const char *first, *last;
	int school;          /* index in schools */
	const char *street, *postcode, *city;
	int transport;
	const char *format;
	int periods;
	int preference;      /* index in services, -1 = none */
	int accepted_by;     /* index in services, -1 = open */
	bool stopped;
	const char *remarks;
};

#define T_FIETS TRANSPORT_BIKE
#define T_OV TRANSPORT_PUBLIC
static const struct demo_pupil pupils[] = {
	{"Lotte", "Vandenberghe", 0, "Doorniksewijk 12", "8500", "Kortrijk", T_FIETS | T_OV, "blok", 2, 0, 0, false, ""},
	{"Emma", "Declercq", 0, "Stationsstraat 3", "8790", "Waregem", T_OV, "blok", 1, 0, 0, false, "Kleurenblind"},
	{"Noor", "Vanhoutte", 0, "Meensesteenweg 220", "8800", "Roeselare", TRANSPORT_MOPED, "alternerend", 3, 0, -1, false, ""},
	{"Jana", "Maes", 0, "Kerkstraat 8", "8500", "Kortrijk", T_FIETS, "blok", 2, -1, 0, false, ""},
	{"Lisa", "Deprez", 0, "Brugsesteenweg 41", "8800", "Roeselare", TRANSPORT_EBIKE | T_OV, "blok en alternerend", 2, 0, -1, false,
	 "Blok in januari, daarna elke woensdag."},
	{"Amber", "Verhaeghe", 0, "Zandstraat 2", "8200", "Brugge", T_OV, "blok", 1, 0, -1, true, ""},
	{"Febe", "Lefevere", 0, "Rijselsestraat 9", "8500", "Kortrijk", T_FIETS, "blok", 2, 2, -1, false, ""},
	{"Chloë", "D'Hondt", 0, "Gentsesteenweg 130", "8790", "Waregem", TRANSPORT_CAR | T_OV, "alternerend", 4, 0, 0, false, "Gehoorapparaat links"},
	{"Ines", "Callewaert", 0, "Oudenaardsesteenweg 77", "8500", "Kortrijk", T_FIETS | T_OV, "blok", 2, -1, -1, false, ""},
	{"Zoë", "Ghekiere", 0, "Ieperstraat 15", "8800", "Roeselare", T_OV, "blok", 1, 0, -1, false, ""},
	{"Margot", "Vandamme", 0, "Hoogstraat 5", "8000", "Brugge", TRANSPORT_EBIKE, "blok", 2, 0, 0, false, ""},
	{"Elise", "Desmet", 0, "Kortrijkstraat 60", "8790", "Waregem", T_FIETS, "blok", 1, -1, -1, false, ""},
	{"Fien", "De Smet", 1, "Overpoortstraat 30", "9000", "Gent", T_FIETS | T_OV, "blok", 2, 1, 1, false, ""},
	{"Hanne", "Claeys", 1, "Dendermondsesteenweg 200", "9040", "Sint-Amandsberg", T_OV, "alternerend", 2, 1, -1, false, ""},
	{"Julie", "Van de Velde", 1, "Kerkstraat 1", "9300", "Aalst", T_OV, "blok", 1, -1, 1, false, ""},
	{"Marie", "Goossens", 1, "Leopoldlaan 12", "9900", "Eeklo", TRANSPORT_MOPED, "blok", 2, 1, -1, false, ""},
	{"Nina", "Bogaert", 1, "Brusselsesteenweg 88", "9050", "Gentbrugge", T_FIETS, "blok en alternerend", 3, -1, -1, true, ""},
	{"Laura", "Wouters", 1, "Sint-Pietersnieuwstraat 4", "9000", "Gent", T_OV, "blok", 1, 1, 1, false, ""},
	{"Sarah", "Hermans", 1, "Kouter 9", "9000", "Gent", T_FIETS | T_OV, "blok", 2, 0, -1, false, ""},
	{"Yasmine", "El Amrani", 1, "Wondelgemstraat 101", "9000", "Gent", T_OV, "alternerend", 2, 1, -1, false, ""},
	{"Lore", "Peeters", 2, "Carnotstraat 50", "2060", "Antwerpen", T_OV, "blok", 2, 2, 2, false, ""},
	{"Anouk", "Janssens", 2, "Turnhoutsebaan 300", "2140", "Borgerhout", T_FIETS | T_OV, "blok", 1, 2, -1, false, ""},
	{"Kato", "Mertens", 2, "Bredabaan 12", "2930", "Brasschaat", TRANSPORT_CAR, "blok", 2, -1, 2, false, ""},
	{"Tess", "Willems", 2, "Mechelsesteenweg 5", "2800", "Mechelen", T_OV, "alternerend", 2, 3, -1, false, ""},
	{"Amira", "Benali", 2, "Diksmuidelaan 44", "2600", "Berchem", T_FIETS, "blok", 1, 2, -1, false, ""},
};
#define PUPIL_COUNT (sizeof pupils / sizeof pupils[0])

/* A valid national number for a pupil born in 2008 or 2009 (post-2000 checksum). */
static void demo_national_number(int index, char out[12])
{
	int year = 8 + index % 2, month = 1 + index % 12, day = 1 + (index * 7) % 28;
	int serial = 100 + index * 2;
	long long first9 = year * 10000000LL + month * 100000LL + day * 1000LL + serial;
	int check = (int)(97 - (2000000000LL + first9) % 97);
	snprintf(out, 12, "%09lld%02d", first9 % 1000000000LL, check % 100);
}

static const char *const period_sets[4][2] = {
	{"2027-01-11", "2027-01-22"},
	{"2027-03-15", "2027-03-26"},
	{"2027-04-26", "2027-05-07"},
	{"2027-05-17", "2027-05-28"},
};

static long long create_campaign(const struct demo_options *o)
{
	struct campaign c = {0};
	c.programme_id = db_query_int(0, "SELECT id FROM programmes WHERE code = 'dubbele-finaliteit'", NULL);
	campaign_default_timing(2026, &c);
	long long now = clock_now();
	if (o->open_now) {
		c.registration_opens_at = now - 14 * 86400;
		c.handling_opens_at = now - 7 * 86400;
		c.registration_closes_at = now + 21 * 86400;
		c.handling_closes_at = now + 21 * 86400;
		c.results_visible_at = now + 21 * 86400;
	} else if (o->results_now) {
		c.registration_opens_at = now - 60 * 86400;
		c.handling_opens_at = now - 50 * 86400;
		c.registration_closes_at = now - 20 * 86400;
		c.handling_closes_at = now - 20 * 86400;
		c.results_visible_at = now - 20 * 86400;
	}
	return c.programme_id ? campaign_insert(&c) : 0;
}

static int fill(const struct demo_options *o, const char *password_hash)
{
	struct scope sys = scope_system();
	long long coordinator = org_coordinator_id();
	if (!coordinator ||
	    !user_create(coordinator, DEMO_ADMIN_LOGIN, "Lesley Vincent", password_hash))
		return -1;
	long long campaign = create_campaign(o);
	/* The demo runs on the real clock: no daily summary to its coordinator (Herinneringen). */
	static const bool demo_reminders[REMINDER__MAX] = {[REMINDER_SCHOOLS] = true, [REMINDER_SERVICES] = true};
	if (!campaign || reminders_switches_set(sys, campaign, demo_reminders) != DB_DONE)
		return -1;

	long long school_ids[3], service_ids[4], service_users[4] = {0}, contact_ids[5];
	for (int i = 0; i < 3; i++) {
		const struct demo_school *s = &schools[i];
		struct org_fields f = {.kind = "school", .name = s->name, .institution_number = s->number,
		                       .street = s->street, .postcode = s->postcode, .city = s->city,
		                       .province = s->province};
		if (!(school_ids[i] = org_create(&sys, &f)))
			return -1;
		if (s->login && !user_create(school_ids[i], s->login, "Secretariaat", password_hash))
			return -1;
	}
	for (int i = 0; i < 4; i++) {
		const struct demo_service *s = &services[i];
		struct org_fields f = {.kind = "service", .name = s->name, .street = s->street,
		                       .postcode = s->postcode, .city = s->city, .province = s->province,
		                       .capacity = s->capacity};
		if (!(service_ids[i] = org_create(&sys, &f)))
			return -1;
		if (s->login && !(service_users[i] = user_create(service_ids[i], s->login, "Stageplanner", password_hash)))
			return -1;
		struct service_area areas[2] = {{.province = s->province}, {.province = s->also_province}};
		if (org_set_areas(&sys, service_ids[i], areas, s->also_province ? 2 : 1) != DB_DONE)
			return -1;
	}
	if (campaign_set_services(campaign, service_ids, 4) != DB_DONE)
		return -1;
	long long now = clock_now();
	for (int i = 0; i < 5; i++) {
		if (!(contact_ids[i] = demo_contact(school_ids[contact_school[i]], contact_names[i][0], contact_names[i][1],
		                                   contact_names[i][2])))
			return -1;
	}

	for (size_t i = 0; i < PUPIL_COUNT; i++) {
		const struct demo_pupil *p = &pupils[i];
		char nn[12], phone[16], email[64];
		demo_national_number((int)i, nn);
		snprintf(phone, sizeof phone, "0470 %02zu %02zu %02zu", 10 + i, 20 + i, 30 + i);
		snprintf(email, sizeof email, "leerling%02zu@leerling.test", i + 1);
		int contact = p->school == 0 ? (int)(i % 2) : p->school == 1 ? 2 + (int)(i % 2) : 4;
		int postcode = 0;
		validate_postcode(p->postcode, &postcode);
		struct student_record s = {
			.campaign_id = campaign, .school_id = school_ids[p->school], .contact_id = contact_ids[contact],
			.first_name = p->first, .last_name = p->last, .national_number = nn, .street = p->street,
			.postcode = p->postcode, .city = p->city, .province = postcode_province(postcode),
			.phone = phone, .email = email, .transport = p->transport, .remarks = p->remarks,
			.format = p->format, .period_count = p->periods, .hours_per_week = 32 + (int)(i % 3) * 2,
			.total_hours = 64 * p->periods, .request_remarks = strcmp(p->format, "blok en alternerend") == 0
			                       ? "Blok in januari, daarna alternerend op woensdag." : "",
			.preference_service_id = p->preference >= 0 ? service_ids[p->preference] : 0,
		};
		for (int k = 0; k < p->periods; k++) {
			s.period_start[k] = period_sets[k][0];
			s.period_end[k] = period_sets[k][1];
		}
		struct scope school = acting_as(ROLE_SCHOOL, school_ids[p->school], 0);
		long long id = pupil_insert(school, &s);
		if (id <= 0)
			return -1;
		if (p->stopped && pupil_stop(school, id, now) != 1)
			return -1;
		if (p->accepted_by < 0)
			continue;
		int sv = p->accepted_by;
		struct placement_record pl = {
			.student_id = id,
			.site = sv == 0 ? "Regio Kortrijk – team Zuid" : sv == 1 ? "Gent Centrum" : "Antwerpen Noord",
			.mentor_name = sv == 0 ? "Griet Vanneste" : sv == 1 ? "Tom Van Damme" : "Nadia Aerts",
			.mentor_phone = sv == 0 ? "056 24 11 90" : sv == 1 ? "09 265 88 10" : "03 288 40 00",
			.mentor_email = sv == 0 ? "griet.vanneste@familiezorg.test" : sv == 1 ? "tom.vandamme@thuiszorg.test"
			                                                                      : "nadia.aerts@gezinszorg.test",
			.notes = i % 2 ? "Veel succes met je stage!" : "Eerste dag om 8u30 op kantoor; breng je ID mee.",
		};
		for (int k = 0; k < p->periods; k++) {
			pl.period_start[k] = period_sets[k][0];
			pl.period_end[k] = period_sets[k][1];
		}
		if (placement_insert(acting_as(ROLE_SERVICE, service_ids[sv], service_users[sv]), &pl) <= 0)
			return -1;
	}
	return 0;
}

/* ---- the generated data set (demo --scale N) ---- */

struct place {
	const char *city, *postcode;
};
static const struct place places[] = {
	{"Kortrijk", "8500"},   {"Brugge", "8000"},   {"Roeselare", "8800"},    {"Oostende", "8400"},
	{"Ieper", "8900"},      {"Waregem", "8790"},  {"Gent", "9000"},         {"Aalst", "9300"},
	{"Sint-Niklaas", "9100"}, {"Dendermonde", "9200"}, {"Oudenaarde", "9700"}, {"Eeklo", "9900"},
	{"Antwerpen", "2000"},  {"Mechelen", "2800"}, {"Turnhout", "2300"},     {"Geel", "2440"},
	{"Lier", "2500"},       {"Mol", "2400"},      {"Leuven", "3000"},       {"Vilvoorde", "1800"},
	{"Halle", "1500"},      {"Tienen", "3300"},   {"Aarschot", "3200"},     {"Diest", "3290"},
	{"Hasselt", "3500"},    {"Genk", "3600"},     {"Sint-Truiden", "3800"}, {"Tongeren", "3700"},
	{"Lommel", "3920"},     {"Brussel", "1000"},
};
#define N_PLACES (int)(sizeof places / sizeof places[0])

static const char *const school_kinds[] = {
	"Sint-Jozefsinstituut", "Atheneum", "Sint-Vincentiusinstituut", "Heilig-Hartinstituut",
	"Technisch Instituut Sint-Lodewijk", "Provinciaal Instituut", "Sint-Ursula-instituut",
	"Vrij Technisch Instituut", "GO! campus", "Sint-Lutgardisschool",
};
static const char *const service_kinds[] = {"Familiezorg", "Thuiszorg", "Gezinszorg", "Familiehulp", "Zorgpunt",
                                            "Thuishulp"};
static const char *const first_names[] = {
	"Lotte", "Emma", "Noor", "Jana", "Lisa", "Amber", "Febe", "Chloë", "Ines", "Zoë", "Margot", "Elise",
	"Fien", "Hanne", "Julie", "Marie", "Nina", "Laura", "Sarah", "Yasmine", "Lore", "Anouk", "Kato", "Tess",
	"Amira", "Lina", "Mila", "Louise", "Lena", "Olivia", "Jonas", "Lucas", "Arne", "Wout", "Ruben", "Seppe",
	"Bilal", "Milan", "Daan", "Robbe",
};
static const char *const last_names[] = {
	"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
	"Dubois", "Hermans", "Aerts", "Pauwels", "Vermeulen", "Van den Broeck", "Declercq", "Desmet", "Claeys",
	"Vandenberghe", "Verhaeghe", "D'Hondt", "Callewaert", "Vanhoutte", "Lefevere", "Ghekiere", "Deprez",
	"Bogaert", "Van de Velde", "El Amrani", "Benali", "Martens", "De Clercq", "Verstraete", "Coppens",
	"Michiels", "Smets", "Van Damme", "Vandamme", "Yilmaz",
};
static const char *const streets[] = {
	"Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Schoolstraat", "Nieuwstraat",
	"Kapelstraat", "Beekstraat", "Lindenlaan", "Veldstraat", "Hoogstraat", "Kouter", "Markt", "Ringlaan",
	"Populierenlaan", "Bosstraat", "Meersstraat", "Zandstraat", "Groenstraat", "Lange Nieuwstraat",
};
static const char *const pupil_remarks[] = {
	"Kleurenblind", "Gehoorapparaat links", "Allergisch voor katten", "Spreekt ook Frans",
	"Diabetes type 1, draagt een sensor", "Heeft geen rijbewijs; komt met de bus",
};
#define PICK(list, i) (list[(size_t)(i) % (sizeof list / sizeof list[0])])

/* A fixed sequence, so every run generates the same data set. */
static uint64_t rng_state;
static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

/*
 * A valid national number for generated pupil k: born 2007-2009 (post-2000 checksum), one
 * number per k below SCALE_MAX. Tests and benchmarks that add pupils use other years.
 */
static void scale_national_number(long k, char out[12])
{
	long d = k % 1008;
	long year = 7 + d / 336, month = 1 + d % 336 / 28, day = 1 + d % 28;
	long serial = 1 + (k / 1008) * 2;
	long long first9 = year * 10000000LL + month * 100000LL + day * 1000LL + serial;
	int check = (int)(97 - (2000000000LL + first9) % 97);
	snprintf(out, 12, "%09lld%02d", first9 % 1000000000LL, check % 100);
}

/* How many pupils school j gets: the bench school (j = 0) exactly 50, the others share the rest. */
static long pupils_of_school(const struct demo_options *o, int j)
{
	if (o->schools == 1)
		return o->scale;
	long bench = o->scale < DEMO_BENCH_PUPILS ? o->scale : DEMO_BENCH_PUPILS;
	if (j == 0)
		return bench;
	long rest = o->scale - bench, base = rest / (o->schools - 1), extra = rest % (o->schools - 1);
	return base + (j - 1 < extra);
}


struct scale_service {
	long long id, user;
	const char *province;
	char name[80];
};

static int scale_services(const struct demo_options *o, long long campaign, const char *password_hash,
                          struct scale_service *sv)
{
	struct scope sys = scope_system();
	long long *ids = calloc((size_t)o->services, sizeof *ids);
	if (!ids)
		abort();
	int rc = 0;
	long capacity = (long)(o->scale * 2 / 5 / o->services) + 1;
	for (int i = 0; i < o->services; i++) {
		const struct place *pl = &places[i % N_PLACES];
		int postcode = 0;
		validate_postcode(pl->postcode, &postcode);
		sv[i].province = postcode_province(postcode);
		snprintf(sv[i].name, sizeof sv[i].name, i < 6 * N_PLACES ? "%s %s" : "%s %s %d",
		         PICK(service_kinds, i / N_PLACES + i), pl->city, i + 1);
		char street[64], email[64];
		snprintf(street, sizeof street, "%s %u", PICK(streets, i * 3), 1 + rnd(180));
		snprintf(email, sizeof email, "dienst%d@bench.test", i + 1);
		struct org_fields f = {.kind = "service", .name = sv[i].name, .street = street, .postcode = pl->postcode,
		                       .city = pl->city, .province = sv[i].province,
		                       .capacity = capacity + (long long)rnd((unsigned)capacity / 2 + 1)};
		if (!(sv[i].id = org_create(&sys, &f)) ||
		    !(sv[i].user = user_create(sv[i].id, email, "Stageplanner", password_hash)) ||
		    org_set_areas(&sys, sv[i].id, &(struct service_area){.province = sv[i].province}, 1) != DB_DONE) {
			rc = -1;
			break;
		}
		ids[i] = sv[i].id;
	}
	if (rc == 0 && campaign_set_services(campaign, ids, (size_t)o->services) != DB_DONE)
		rc = -1;
	free(ids);
	return rc;
}

/* Pupil k (counted over the whole data set) of a school in place pl, in every state. */
static int scale_pupil(const struct demo_options *o, long k, long long campaign, long long school,
                       const long long contacts[2], const struct place *pl, const struct scale_service *sv)
{
	const struct place *home = rnd(3) ? pl : &places[(size_t)(pl - places + 1) % N_PLACES];
	int postcode = 0;
	validate_postcode(home->postcode, &postcode);
	char nn[12], street[64], phone[24], email[64];
	scale_national_number(k, nn);
	snprintf(street, sizeof street, "%s %u", PICK(streets, rnd(1000)), 1 + rnd(240));
	snprintf(phone, sizeof phone, "04%u%u %02u %02u %02u", 7 + rnd(3), rnd(10), rnd(100), rnd(100), rnd(100));
	snprintf(email, sizeof email, "leerling%ld@leerling.test", k + 1);
	unsigned f = rnd(10);
	const char *format = f < 7 ? "blok" : f < 9 ? "alternerend" : "blok en alternerend";
	unsigned pc = rnd(20);
	int periods = pc < 5 ? 1 : pc < 15 ? 2 : pc < 18 ? 3 : 4;
	int hours = 32 + 2 * (int)rnd(4);
	int transport = 0;
	while (!transport)
		transport = (int)rnd(32) & (TRANSPORT_CAR | TRANSPORT_MOPED | TRANSPORT_EBIKE | TRANSPORT_BIKE |
		                            TRANSPORT_PUBLIC);
	const struct scale_service *preference = rnd(5) < 2 ? &sv[rnd((unsigned)o->services)] : NULL;
	struct student_record s = {
		.campaign_id = campaign, .school_id = school, .contact_id = contacts[rnd(2)],
		.first_name = PICK(first_names, rnd(1000)), .last_name = PICK(last_names, rnd(1000)),
		.national_number = nn, .street = street, .postcode = home->postcode, .city = home->city,
		.province = postcode_province(postcode), .phone = phone, .email = email, .transport = transport,
		.remarks = rnd(5) ? "" : PICK(pupil_remarks, rnd(100)), .format = format, .period_count = periods,
		.hours_per_week = hours, .total_hours = hours * 2 * periods,
		.request_remarks = strcmp(format, "blok en alternerend") == 0
		                           ? "Blok in januari, daarna alternerend op woensdag." : "",
		.preference_service_id = preference ? preference->id : 0,
	};
	for (int i = 0; i < periods; i++) {
		s.period_start[i] = period_sets[i][0];
		s.period_end[i] = period_sets[i][1];
	}
	struct scope as_school = acting_as(ROLE_SCHOOL, school, 0);
	long long id = pupil_insert(as_school, &s);
	if (id <= 0)
		return -1;
	if (rnd(100) < 3 && pupil_stop(as_school, id, clock_now() - (long long)rnd(30) * 86400) != 1)
		return -1;
	if (rnd(100) >= 35)
		return 0;
	const struct scale_service *by = preference && rnd(3) ? preference : &sv[rnd((unsigned)o->services)];
	char site[96], mentor[64], mentor_phone[24], mentor_email[64];
	snprintf(site, sizeof site, "Regio %s – team %s", home->city, rnd(2) ? "Noord" : "Zuid");
	snprintf(mentor, sizeof mentor, "%s %s", PICK(first_names, rnd(1000)), PICK(last_names, rnd(1000)));
	snprintf(mentor_phone, sizeof mentor_phone, "0%u %u%u %02u %02u", 2 + rnd(8), 2 + rnd(7), rnd(10), rnd(100),
	         rnd(100));
	snprintf(mentor_email, sizeof mentor_email, "mentor%u@dienst%ld.test", rnd(20) + 1, (long)(by - sv) + 1);
	struct placement_record p = {
		.student_id = id, .site = site, .mentor_name = mentor,
		.mentor_phone = mentor_phone, .mentor_email = mentor_email,
		.notes = rnd(2) ? "Eerste dag om 8u30 op kantoor; breng je identiteitskaart mee." : "",
	};
	for (int i = 0; i < periods; i++) {
		p.period_start[i] = period_sets[i][0];
		p.period_end[i] = period_sets[i][1];
	}
	return placement_insert(acting_as(ROLE_SERVICE, by->id, by->user), &p) > 0 ? 0 : -1;
}

static int fill_scale(const struct demo_options *o, const char *password_hash, struct scale_service *sv)
{
	struct scope sys = scope_system();
	rng_state = 0x9E3779B97F4A7C15ULL;
	long long coordinator = org_coordinator_id();
	if (!coordinator || !user_create(coordinator, "admin@bench.test", "Coördinator", password_hash))
		return -1;
	long long campaign = create_campaign(o);
	if (!campaign || scale_services(o, campaign, password_hash, sv) != 0)
		return -1;
	long k = 0;
	for (int j = 0; j < o->schools; j++) {
		const struct place *pl = &places[j % N_PLACES];
		int postcode = 0;
		validate_postcode(pl->postcode, &postcode);
		char name[96], number[12], street[64], email[64], domain[32];
		snprintf(name, sizeof name, j < 10 * N_PLACES ? "%s %s" : "%s %s %d", PICK(school_kinds, j / N_PLACES + j),
		         pl->city, j + 1);
		snprintf(number, sizeof number, "%06d", 100000 + j);
		snprintf(street, sizeof street, "%s %u", PICK(streets, j), 1 + rnd(120));
		snprintf(email, sizeof email, "school%d@bench.test", j + 1);
		snprintf(domain, sizeof domain, "school%d.test", j + 1);
		struct org_fields f = {.kind = "school", .name = name, .institution_number = number, .street = street,
		                       .postcode = pl->postcode, .city = pl->city, .province = postcode_province(postcode)};
		long long school = org_create(&sys, &f);
		if (!school || !user_create(school, email, "Secretariaat", password_hash))
			return -1;
		long long contacts[2];
		for (int c = 0; c < 2; c++) {
			const char *first = PICK(first_names, rnd(1000)), *last = PICK(last_names, rnd(1000));
			char contact[64], phone[24], mail[96];
			snprintf(contact, sizeof contact, "%s %s", first, last);
			snprintf(phone, sizeof phone, "04%u%u %02u %02u %02u", 7 + rnd(3), rnd(10), rnd(100), rnd(100),
			         rnd(100));
			snprintf(mail, sizeof mail, "stage%d@%s", c + 1, domain);
			if (!(contacts[c] = demo_contact(school, contact, phone, mail)))
				return -1;
		}
		for (long n = pupils_of_school(o, j); n > 0; n--, k++)
			if (scale_pupil(o, k, campaign, school, contacts, pl, sv) != 0)
				return -1;
	}
	return 0;
}

/* Every row of the demo in one transaction. */
struct filling {
	const struct demo_options *o;
	const char *password_hash;
};

static int fill_all(void *ctx)
{
	const struct filling *f = ctx;
	int rc;
	if (f->o->scale) {
		struct scale_service *sv = calloc((size_t)f->o->services, sizeof *sv);
		if (!sv)
			abort();
		rc = fill_scale(f->o, f->password_hash, sv);
		free(sv);
	} else {
		rc = fill(f->o, f->password_hash);
	}
	if (rc == 0)
		return DB_DONE;
	fprintf(stderr, "Demogegevens aanmaken mislukt: %s\n", db_error()); /* before the rollback clears it */
	return DB_ERROR;
}

int demo_fill(const struct demo_options *o)
{
	if (user_any()) {
		fprintf(stderr, "De database bevat al gebruikers; demogegevens worden enkel in een lege "
		                "database gezet.\n");
		return -1;
	}
	if (o->scale && (o->scale > DEMO_SCALE_MAX || o->schools < 1 || o->services < 1)) {
		fprintf(stderr, "Kies hoogstens %d leerlingen, en minstens één school en één dienst.\n", DEMO_SCALE_MAX);
		return -1;
	}
	/* One hash for every account: argon2id costs about 0.1 s and 64 MB a time. */
	char hash[PASSWORD_HASH_LEN];
	if (password_hash(DEMO_PASSWORD, hash) != 0)
		return -1;
	struct filling f = {o, hash};
	return db_tx(fill_all, &f) == DB_DONE ? 0 : -1;
}
