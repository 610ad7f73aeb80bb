/*
 * Demo data: the programme "Dubbele finaliteit gezondheidszorg" with its 2026-2027
 * campaign, 3 schools, 4 care services, contact persons and 25 pupils in different
 * states, and one login per role (all with password DEMO_PASSWORD).
 */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "campaigns.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "domain.h"
#include "orgs.h"
#include "student_store.h"
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
};
static const struct demo_service services[] = {
	{"Familiezorg West-Vlaanderen", "Koningin Astridlaan 75", "8200", "Brugge", "West-Vlaanderen", 12,
	 "dienst@stagematch.test"},
	{"Thuiszorg Oost-Vlaanderen", "Kortrijksesteenweg 1090", "9051", "Gent", "Oost-Vlaanderen", 8,
	 "dienst2@stagematch.test"},
	{"Gezinszorg Antwerpen", "Lange Kievitstraat 111", "2018", "Antwerpen", "Antwerpen", 10, NULL},
	{"Zorgpunt Vlaams-Brabant", "Diestsevest 32", "3000", "Leuven", "Vlaams-Brabant", 6, NULL},
};

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
	if (o->open_now) {
		long long now = clock_now();
		c.registration_opens_at = now - 14 * 86400;
		c.handling_opens_at = now - 7 * 86400;
		c.registration_closes_at = now + 21 * 86400;
		c.handling_closes_at = now + 21 * 86400;
		c.results_visible_at = now + 21 * 86400;
	}
	return c.programme_id ? campaign_insert(&c) : 0;
}

static int fill(const struct demo_options *o, const char *password_hash)
{
	long long coordinator = org_coordinator_id();
	if (!coordinator ||
	    !user_create(coordinator, "admin@stagematch.test", "Lesley Vincent", password_hash))
		return -1;
	long long campaign = create_campaign(o);
	if (!campaign)
		return -1;

	long long school_ids[3], service_ids[4], service_users[4] = {0}, contact_ids[5];
	for (int i = 0; i < 3; i++) {
		const struct demo_school *s = &schools[i];
		struct org_fields f = {.kind = "school", .name = s->name, .institution_number = s->number,
		                       .street = s->street, .postcode = s->postcode, .city = s->city,
		                       .province = s->province};
		if (!(school_ids[i] = org_create(&f)))
			return -1;
		if (s->login && !user_create(school_ids[i], s->login, "Secretariaat", password_hash))
			return -1;
	}
	for (int i = 0; i < 4; i++) {
		const struct demo_service *s = &services[i];
		struct org_fields f = {.kind = "service", .name = s->name, .street = s->street,
		                       .postcode = s->postcode, .city = s->city, .province = s->province,
		                       .capacity = s->capacity};
		if (!(service_ids[i] = org_create(&f)))
			return -1;
		if (s->login && !(service_users[i] = user_create(service_ids[i], s->login, "Stageplanner", password_hash)))
			return -1;
		struct service_area area = {.province = s->province};
		if (org_set_areas(service_ids[i], &area, 1) != DB_DONE)
			return -1;
	}
	if (campaign_set_services(campaign, service_ids, 4) != DB_DONE)
		return -1;
	long long now = clock_now();
	for (int i = 0; i < 5; i++) {
		if (db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
		            " VALUES (?, ?, ?, ?, ?, ?)",
		            "itttii", school_ids[contact_school[i]], contact_names[i][0], contact_names[i][1],
		            contact_names[i][2], now, now) != DB_DONE)
			return -1;
		contact_ids[i] = db_last_id();
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
		long long id = student_insert(&s);
		if (id <= 0)
			return -1;
		if (p->stopped && db_exec("UPDATE students SET stopped_at = ? WHERE id = ?", "ii", now, id) != DB_DONE)
			return -1;
		if (p->accepted_by < 0)
			continue;
		int sv = p->accepted_by;
		struct placement_record pl = {
			.student_id = id, .service_id = service_ids[sv],
			.site = sv == 0 ? "Regio Kortrijk – team Zuid" : sv == 1 ? "Gent Centrum" : "Antwerpen Noord",
			.mentor_name = sv == 0 ? "Griet Vanneste" : sv == 1 ? "Tom Van Damme" : "Nadia Aerts",
			.mentor_phone = sv == 0 ? "056 24 11 90" : sv == 1 ? "09 265 88 10" : "03 288 40 00",
			.mentor_email = sv == 0 ? "griet.vanneste@familiezorg.test" : sv == 1 ? "tom.vandamme@thuiszorg.test"
			                                                                      : "nadia.aerts@gezinszorg.test",
			.notes = i % 2 ? "Veel succes met je stage!" : "Eerste dag om 8u30 op kantoor; breng je ID mee.",
			.accepted_by = service_users[sv],
		};
		for (int k = 0; k < p->periods; k++) {
			pl.period_start[k] = period_sets[k][0];
			pl.period_end[k] = period_sets[k][1];
		}
		if (placement_insert(&pl) <= 0)
			return -1;
	}
	return 0;
}

int demo_fill(const struct demo_options *o)
{
	if (db_query_int(0, "SELECT COUNT(*) FROM users", NULL) > 0) {
		fprintf(stderr, "De database bevat al gebruikers; demogegevens worden enkel in een lege "
		                "database gezet.\n");
		return -1;
	}
	char hash[PASSWORD_HASH_LEN];
	if (password_hash(DEMO_PASSWORD, hash) != 0 || db_begin() != DB_DONE)
		return -1;
	if (fill(o, hash) != 0) {
		fprintf(stderr, "Demogegevens aanmaken mislukt: %s\n", db_error());
		db_rollback();
		return -1;
	}
	return db_commit() == DB_DONE ? 0 : -1;
}
