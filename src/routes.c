/*
 * routes.c — the one route table.  The first matching pattern wins.  Roles
 * are RB() masks from user.h (0 = any logged-in user); F_PUBLIC needs no
 * log-in; every page POST is CSRF-checked unless F_NOCSRF says otherwise.
 */
#include "pages.h"
#include "user.h"

#define SA RB(ROLE_STATE_ADMIN)

const struct route routes[] = {
	/* core */
	{ "GET", "/", page_home, 0, F_PUBLIC },
	{ "GET", "/healthz", page_healthz, 0, F_PUBLIC },
	{ "GET", "/lang", page_lang, 0, F_PUBLIC },
	/* log-in */
	{ "GET", "/login", page_login, 0, F_PUBLIC },
	{ "POST", "/login", page_login_post, 0, F_PUBLIC },
	{ "GET", "/login/otp", page_otp, 0, F_PUBLIC },
	{ "POST", "/login/otp", page_otp_post, 0, F_PUBLIC },
	{ "POST", "/login/otp/verify", page_otp_verify, 0, F_PUBLIC },
	{ "GET", "/login/reset", page_reset, 0, F_PUBLIC },
	{ "POST", "/login/reset", page_reset_post, 0, F_PUBLIC },
	{ "POST", "/login/reset/verify", page_reset_verify, 0, F_PUBLIC },
	{ "POST", "/logout", page_logout, 0, 0 },
	{ "POST", "/logout/all", page_logout, 0, 0 },
	{ "GET", "/profile", page_profile, 0, 0 },
	{ "POST", "/profile", page_profile_post, 0, 0 },
	/* administration */
	{ "GET", "/admin", page_admin, RB_ADMINS, 0 },
	{ "GET", "/admin/locations", page_locations, SA, 0 },
	{ "GET", "/admin/locations/:id", page_location, SA, 0 },
	{ "POST", "/admin/locations/:id", page_location_post, SA, 0 },
	{ "POST", "/admin/locations/:id/children", page_location_add, SA, 0 },
	{ "GET", "/admin/users", page_users, SA, 0 },
	{ "GET", "/admin/users/new", page_user_new, SA, 0 },
	{ "POST", "/admin/users/new", page_user_create, SA, 0 },
	{ "GET", "/admin/users/:id", page_user, SA, 0 },
	{ "POST", "/admin/users/:id", page_user_post, SA, 0 },
	/* services: catalogue and designer */
	{ "GET", "/services", page_services, 0, F_PUBLIC },
	{ "GET", "/services/:code", page_service, 0, F_PUBLIC },
	{ "GET", "/admin/services", page_designer_list, RB_ADMINS, 0 },
	{ "POST", "/admin/services", page_designer_create, RB_ADMINS, 0 },
	{ "POST", "/admin/services/import", page_designer_import, RB_ADMINS, 0 },
	{ "GET", "/admin/services/:code", page_designer, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/general", page_designer_general, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/fields", page_designer_field_add, RB_ADMINS, 0 },
	{ "GET", "/admin/services/:code/fields/:name", page_designer_field_form, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/fields/:name", page_designer_field, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/fields/:name/edit", page_designer_field_save, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/documents", page_designer_docs, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/settings", page_designer_settings, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/stages", page_designer_stages, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/notifications", page_designer_notifs, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/json", page_designer_json, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/publish", page_designer_publish, RB_ADMINS, 0 },
	{ "POST", "/admin/services/:code/retire", page_designer_retire, RB_ADMINS, 0 },
	{ "GET", "/admin/services/:code/export", page_designer_export, RB_ADMINS, 0 },
	{ "GET", "/admin/services/:code/preview", page_designer_preview, RB_ADMINS, 0 },
	/* JSON API v1 */
	{ "POST", "/api/v1/auth/login", api_login, 0, F_PUBLIC },
	{ "POST", "/api/v1/auth/otp/request", api_otp_request, 0, F_PUBLIC },
	{ "POST", "/api/v1/auth/otp/verify", api_otp_verify, 0, F_PUBLIC },
	{ "POST", "/api/v1/auth/logout", api_logout, 0, 0 },
	{ "GET", "/api/v1/locations", api_locations, 0, F_PUBLIC },
	{ "GET", "/api/v1/locations/:id", api_location, 0, F_PUBLIC },
	{ "GET", "/api/v1/services", api_services, 0, F_PUBLIC },
	{ "GET", "/api/v1/services/:code", api_service, 0, F_PUBLIC },
};

const size_t nroutes = sizeof routes / sizeof routes[0];
