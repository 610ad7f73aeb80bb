/*
 * The route table: every URL of the application, who may use it, and its handler.
 * Routes that hash a password (argon2id, ~64 MB and tens of ms) are ROUTE_OFFLOAD.
 * The router checks login, role, method and CSRF before a handler runs. The
 * access-control matrix test (tests/e2e/access.test.mjs) has a row for each entry.
 */
#include "router.h"

#include "accounts.h"
#include "admin.h"
#include "admin_reminders.h"
#include "admin_users.h"
#include "assets.h"
#include "login.h"
#include "metrics.h"
#include "overview.h"
#include "pages.h"
#include "schools.h"
#include "service_places.h"
#include "services.h"
#include "student_resume.h"

#define ANY ROLE_ANY
#define SCHOOL ROLE_SCHOOL
#define SERVICE ROLE_SERVICE
#define ADMIN ROLE_ADMIN

const handler_fn router_saved_form_login = login_page_for_saved_form;

const struct route routes[] = {
	{"GET", "/", home_show, 0, ROUTE_PUBLIC},
	{"GET", "/assets/*", assets_serve, 0, ROUTE_PUBLIC | ROUTE_NO_SESSION},
	{"GET", "/healthz", health_show, 0, ROUTE_PUBLIC | ROUTE_NO_SESSION},
	{"GET", "/metrics", metrics_show, 0, ROUTE_PUBLIC | ROUTE_NO_SESSION},
	{"GET", "/login", login_show, 0, ROUTE_PUBLIC},
	{"POST", "/login", login_submit, 0, ROUTE_PUBLIC | ROUTE_OFFLOAD},
	{"POST", "/logout", logout_submit, ANY, 0},
	{"GET", "/account", account_show, ANY, 0},
	{"POST", "/account", account_submit, ANY, 0},
	{"POST", "/account/wachtwoord", password_submit, ANY, ROUTE_OFFLOAD},

	/* Account e-mail links (src/account/accounts.c): the token is the final "*" (ROUTE_TOKEN), never logged. */
	{"GET", "/activeren/*", activation_show, 0, ROUTE_PUBLIC | ROUTE_TOKEN},
	{"POST", "/activeren/*", activation_submit, 0, ROUTE_PUBLIC | ROUTE_OFFLOAD | ROUTE_TOKEN},
	{"POST", "/activatiemail", activation_resend, 0, ROUTE_PUBLIC},
	{"GET", "/wachtwoord-vergeten", forgot_show, 0, ROUTE_PUBLIC},
	{"POST", "/wachtwoord-vergeten", forgot_submit, 0, ROUTE_PUBLIC},
	{"GET", "/wachtwoord-herstellen/*", reset_show, 0, ROUTE_PUBLIC | ROUTE_TOKEN},
	{"POST", "/wachtwoord-herstellen/*", reset_submit, 0, ROUTE_PUBLIC | ROUTE_OFFLOAD | ROUTE_TOKEN},

	{"GET", "/beheer/gebruikers", admin_users_show, ADMIN, 0},
	{"POST", "/beheer/gebruikers", admin_users_invite, ADMIN, 0},
	{"POST", "/beheer/gebruikers/{id}/uitnodiging", admin_users_resend, ADMIN, 0},
	{"POST", "/beheer/gebruikers/{id}/uitschakelen", admin_users_disable, ADMIN, 0},
	{"POST", "/beheer/gebruikers/{id}/inschakelen", admin_users_enable, ADMIN, 0},
	{"GET", "/beheer/e-mail", admin_outbox_show, ADMIN, 0},
	{"POST", "/beheer/e-mail/{id}/opnieuw", admin_outbox_retry, ADMIN, 0},

	/* Care services: requests and their own placements (src/service/requests.c, src/service/placements.c). */
	{"GET", "/aanvragen", requests_list, SERVICE, 0},
	{"GET", "/aanvragen/{id}", request_show, SERVICE, 0},
	{"POST", "/aanvragen/{id}/aanvaarden", request_accept, SERVICE, 0},
	{"GET", "/stagiairs", accepted_pupils_list, SERVICE, 0},
	{"GET", "/stagiairs/export.csv", accepted_pupils_export_csv, SERVICE, 0},
	{"GET", "/stagiairs/export.xlsx", accepted_pupils_export_xlsx, SERVICE, 0},
	{"GET", "/stagiairs/{id}", accepted_pupil_show, SERVICE, 0},
	{"POST", "/stagiairs/{id}", accepted_pupil_update, SERVICE, 0},
	{"POST", "/stagiairs/{id}/intrekken", accepted_pupil_withdraw, SERVICE, 0},
	{"GET", "/stageplaatsen", service_places_page, SERVICE, 0},
	{"POST", "/stageplaatsen", service_places_save, SERVICE, 0},

	/* School: the overview of a programme and its exports (src/school/overview.c) */
	{"GET", "/opleidingen/{code}", overview_show, SCHOOL, 0},
	{"GET", "/opleidingen/{code}/export.csv", overview_export_csv, SCHOOL, 0},
	{"GET", "/opleidingen/{code}/export.xlsx", overview_export_xlsx, SCHOOL, 0},

	/* School: contact persons (src/school/contacts.c) */
	{"GET", "/contactpersonen", contacts_list, SCHOOL, 0},
	{"POST", "/contactpersonen", contact_create, SCHOOL, 0},
	{"GET", "/contactpersonen/nieuw", contact_new, SCHOOL, 0},
	{"GET", "/contactpersonen/{id}", contact_edit, SCHOOL, 0},
	{"POST", "/contactpersonen/{id}", contact_update, SCHOOL, 0},
	{"GET", "/contactpersonen/{id}/verwijderen", contact_delete_confirm, SCHOOL, 0},
	{"POST", "/contactpersonen/{id}/verwijderen", contact_delete, SCHOOL, 0},

	/* School: pupils and their internship request (src/school/students.c) */
	{"GET", "/opleidingen/{code}/studenten/nieuw", student_new, SCHOOL, 0},
	{"POST", "/opleidingen/{code}/studenten", student_create, SCHOOL, 0},
	{"GET", "/studenten/{id}", student_edit, SCHOOL, 0},
	{"POST", "/studenten/{id}", student_edit_submit, SCHOOL, 0},
	{"GET", "/studenten/{id}/verwijderen", student_delete_confirm, SCHOOL, 0},
	{"POST", "/studenten/{id}/verwijderen", student_delete, SCHOOL, 0},
	{"GET", "/studenten/{id}/gestopt", student_stop_confirm, SCHOOL, 0},
	{"POST", "/studenten/{id}/gestopt", student_stop, SCHOOL, 0},
	{"GET", "/studenten/{id}/hervatten", student_resume_confirm, SCHOOL, 0},
	{"POST", "/studenten/{id}/hervatten", student_resume, SCHOOL, 0},

	/* School: importing pupils from a file (src/school/import_pupils.c) */
	{"GET", "/opleidingen/{code}/importeren", import_upload_show, SCHOOL, 0},
	{"POST", "/opleidingen/{code}/importeren", import_upload, SCHOOL, ROUTE_UPLOAD},
	{"GET", "/importen/{id}", import_preview, SCHOOL, 0},
	{"POST", "/importen/{id}", import_commit, SCHOOL, 0},
	{"POST", "/importen/{id}/annuleren", import_cancel, SCHOOL, 0},
	{"GET", "/importeren/sjabloon.csv", import_template_csv, SCHOOL, 0},
	{"GET", "/importeren/sjabloon.xlsx", import_template_xlsx, SCHOOL, 0},

	/* The coordinator (src/admin_*.c, src/cli/retention.c). */
	{"GET", "/beheer", admin_dashboard, ADMIN, 0},
	{"GET", "/beheer/open.csv", admin_open_export, ADMIN, 0},
	{"GET", "/beheer/campagnes", admin_campaigns_list, ADMIN, 0},
	{"GET", "/beheer/campagnes/nieuw", admin_campaign_new, ADMIN, 0},
	{"POST", "/beheer/campagnes", admin_campaign_create, ADMIN, 0},
	{"GET", "/beheer/campagnes/{id}", admin_campaign_edit, ADMIN, 0},
	{"POST", "/beheer/campagnes/{id}", admin_campaign_save, ADMIN, 0},
	{"GET", "/beheer/campagnes/{id}/kopie", admin_campaign_copy, ADMIN, 0},
	{"GET", "/beheer/campagnes/{id}/tweede-ronde", admin_second_round_show, ADMIN, 0},
	{"POST", "/beheer/campagnes/{id}/tweede-ronde", admin_second_round_open, ADMIN, 0},
	{"GET", "/beheer/campagnes/{id}/persoonsgegevens", admin_retention_show, ADMIN, 0},
	{"POST", "/beheer/campagnes/{id}/persoonsgegevens", admin_retention_apply, ADMIN, 0},
	{"GET", "/beheer/campagnes/{id}/herinneringen", admin_reminders_show, ADMIN, 0},
	{"POST", "/beheer/campagnes/{id}/herinneringen", admin_reminders_save, ADMIN, 0},
	{"GET", "/beheer/campagnes/{id}/gestopt", admin_stopped_list, ADMIN, 0},
	{"POST", "/beheer/studenten/{id}/hervatten", admin_student_resume, ADMIN, 0},
	{"GET", "/beheer/organisaties", admin_orgs_list, ADMIN, 0},
	{"GET", "/beheer/organisaties/nieuw/school", admin_school_new, ADMIN, 0},
	{"POST", "/beheer/organisaties/nieuw/school", admin_school_create, ADMIN, 0},
	{"GET", "/beheer/organisaties/nieuw/dienst", admin_service_new, ADMIN, 0},
	{"POST", "/beheer/organisaties/nieuw/dienst", admin_service_create, ADMIN, 0},
	{"GET", "/beheer/organisaties/{id}", admin_org_edit, ADMIN, 0},
	{"POST", "/beheer/organisaties/{id}", admin_org_save, ADMIN, 0},
	{"POST", "/beheer/organisaties/{id}/deactiveren", admin_org_deactivate, ADMIN, 0},
	{"POST", "/beheer/organisaties/{id}/activeren", admin_org_activate, ADMIN, 0},
	{"GET", "/beheer/organisaties/{id}/stageplaatsen", admin_places_page, ADMIN, 0},
	{"POST", "/beheer/organisaties/{id}/stageplaatsen", admin_places_save, ADMIN, 0},
	{"GET", "/beheer/intrekkingen", admin_withdrawals_list, ADMIN, 0},
	{"POST", "/beheer/intrekkingen/{id}/goedkeuren", admin_withdrawal_approve, ADMIN, 0},
	{"POST", "/beheer/intrekkingen/{id}/weigeren", admin_withdrawal_refuse, ADMIN, 0},
	{"GET", "/beheer/audit", admin_audit_list, ADMIN, 0},
	{"GET", "/beheer/audit.csv", admin_audit_export, ADMIN, 0},
	{NULL, NULL, NULL, 0, 0},
};
