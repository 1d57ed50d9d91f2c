/*
 * pages.h — every handler named in the route table, grouped by the file
 * that defines it.
 */
#ifndef GS_PAGES_H
#define GS_PAGES_H
#include "router.h"

/* page_core.c */
int page_home(struct req *r);
int page_info(struct req *r);
int page_healthz(struct req *r);
int page_lang(struct req *r);
/* page_auth.c */
int page_login(struct req *r);
int page_login_post(struct req *r);
int page_staff_login(struct req *r);
int page_otp(struct req *r);
int page_otp_post(struct req *r);
int page_otp_verify(struct req *r);
int page_logout(struct req *r);
int page_reset(struct req *r);
int page_reset_post(struct req *r);
int page_reset_verify(struct req *r);
int api_login(struct req *r);
int api_otp_request(struct req *r);
int api_otp_verify(struct req *r);
int api_logout(struct req *r);
/* page_loc.c */
int page_locations(struct req *r);
int page_location(struct req *r);
int page_location_post(struct req *r);
int page_location_add(struct req *r);
int api_locations(struct req *r);
int api_location(struct req *r);
/* page_hr.c */
int page_admin(struct req *r);
int page_users(struct req *r);
int page_user_new(struct req *r);
int page_user_create(struct req *r);
int page_user(struct req *r);
int page_user_post(struct req *r);
/* page_profile.c */
int page_profile(struct req *r);
int page_profile_post(struct req *r);
int api_notifications(struct req *r);
/* page_service.c */
struct svc;
void service_to_hdf(struct req *r, const struct svc *s, const char *prefix);
int page_services(struct req *r);
int page_service(struct req *r);
int api_services(struct req *r);
int api_service(struct req *r);
/* page_designer.c */
int page_designer_list(struct req *r);
int page_designer_create(struct req *r);
int page_designer(struct req *r);
int page_designer_section(struct req *r);
int page_designer_general(struct req *r);
int page_designer_field_add(struct req *r);
int page_designer_field(struct req *r);
int page_designer_field_form(struct req *r);
int page_designer_field_save(struct req *r);
int page_designer_docs(struct req *r);
int page_designer_settings(struct req *r);
int page_designer_stages(struct req *r);
int page_designer_notifs(struct req *r);
int page_designer_json(struct req *r);
int page_designer_publish(struct req *r);
int page_designer_retire(struct req *r);
int page_designer_export(struct req *r);
int page_designer_import(struct req *r);
int page_designer_preview(struct req *r);
/* page_app.c */
int page_apply(struct req *r);
int page_apply_post(struct req *r);
int page_draft(struct req *r);
int page_my(struct req *r);
int page_my_app(struct req *r);
int page_ack_pdf(struct req *r);
int page_resubmit(struct req *r);
int page_appeal(struct req *r);
int page_feedback(struct req *r);
int page_track(struct req *r);
int page_csc(struct req *r);
int api_app_create(struct req *r);
int api_app_get(struct req *r);
int api_app_patch(struct req *r);
int api_app_list(struct req *r);
int api_track(struct req *r);
int api_app_ack(struct req *r);
/* page_locker.c */
int page_locker(struct req *r);
int page_locker_post(struct req *r);
int page_locker_get(struct req *r);
/* The locker page for owner (locker_owner's answer): the documents the user
 * sees, the upload form and the consent part.  Returns tmpl_render's. */
int page_locker_show(struct req *r, long owner);
/* The documents of owner's locker the user sees and may attach (Locker.N). */
void page_locker_docs(struct req *r, long owner);
int api_doc_upload(struct req *r);
int api_doc_list(struct req *r);
/* page_consent.c */
/* Sets the locker page's consent part: a citizen's running grants
 * (Consents.N), or for an operator on owner's locker Consent.until or
 * Consent.ask. */
void consent_to_hdf(struct req *r, long owner);
int page_consent_request(struct req *r);
int page_consent_verify(struct req *r);
int page_consent_grant(struct req *r);
int page_consent_withdraw(struct req *r);
int api_consent_request(struct req *r);
int api_consent_verify(struct req *r);
int api_consents(struct req *r);
int api_consent_grant(struct req *r);
int api_consent_withdraw(struct req *r);
/* page_desk.c */
int page_desk(struct req *r);
int page_desk_next(struct req *r);
int page_desk_app(struct req *r);
int page_desk_act(struct req *r);
int page_desk_appeal(struct req *r);
int api_desk_queue(struct req *r);
int api_desk_next(struct req *r);
int api_app_act(struct req *r);
int api_app_appeal(struct req *r);
/* page_cert.c */
int page_verify_qr(struct req *r);
/* The QR page's answer for v through templates/verify_result.cs, and the
 * same page written directly (when verify_page_direct_fits: nobody logged
 * in, plain path); tests/unit/test_router.c compares the two. */
struct cert_view;
int verify_page_cs(struct req *r, const struct cert_view *v);
int verify_page_direct(struct req *r, const struct cert_view *v);
bool verify_page_direct_fits(const struct req *r, const struct cert_view *v);
int page_verify(struct req *r);
int api_verify(struct req *r);
int page_keys(struct req *r);
int page_cert_pdf(struct req *r);
int api_certificate(struct req *r);
int page_cert_revoke(struct req *r);
int api_cert_revoke(struct req *r);
/* page_digilocker.c */
int page_dl_pulluri(struct req *r);
int page_dl_pulldoc(struct req *r);
/* page_payment.c */
int page_pay_start(struct req *r);
int page_pay_return(struct req *r);
int page_pay_callback(struct req *r);
int page_sandbox_pay(struct req *r);
int page_sandbox_decide(struct req *r);
int page_sandbox_query(struct req *r);
int page_receipt_verify(struct req *r);
int page_receipt_pdf(struct req *r);
int page_admin_refund(struct req *r);
/* page_wallet.c */
int page_wallet(struct req *r);
int api_wallet(struct req *r);
int page_admin_wallets(struct req *r);
int page_admin_topup(struct req *r);
int api_topup(struct req *r);
int page_admin_money(struct req *r);
/* page_bills.c */
int page_bills(struct req *r);
int page_bill_fetch(struct req *r);
int page_bill(struct req *r);
int page_bill_pay(struct req *r);
/* page_dash.c */
int page_dash(struct req *r);
int page_dash_csv(struct req *r);
int page_transparency(struct req *r);
/* page_attendance.c */
int page_attendance(struct req *r);
int page_attendance_checkin(struct req *r);
int page_attendance_checkin_post(struct req *r);
int page_attendance_leave(struct req *r);
int page_attendance_leave_post(struct req *r);
int page_attendance_leave_decide(struct req *r);
int page_attendance_month(struct req *r);
int page_attendance_map(struct req *r);
int page_attendance_geojson(struct req *r);
int page_attendance_review(struct req *r);
int page_attendance_review_post(struct req *r);
int page_attendance_geofence(struct req *r);
int page_attendance_geofence_post(struct req *r);
int page_attendance_geofence_approve(struct req *r);
int page_attendance_devices(struct req *r);
int page_attendance_enrol(struct req *r);
int page_attendance_unbind(struct req *r);
int api_attendance_checkin(struct req *r);
int api_attendance_me(struct req *r);
int api_attendance_geofence(struct req *r);
int api_attendance_geofence_approve(struct req *r);
int api_attendance_enrol(struct req *r);
int api_attendance_leave(struct req *r);
int api_attendance_leave_decide(struct req *r);
int api_attendance_flags(struct req *r);
int api_attendance_review(struct req *r);
int api_attendance_availability(struct req *r);
/* page_exam.c */
int page_exams(struct req *r);
int page_exam_start(struct req *r);
int page_exam_attempt(struct req *r);
int page_exam_save(struct req *r);
int page_exam_submit(struct req *r);
int page_admin_exams(struct req *r);
int page_admin_exams_import(struct req *r);
int page_admin_exam(struct req *r);
int api_exams(struct req *r);
int api_exam_start(struct req *r);
int api_exam_attempt(struct req *r);
int api_exam_answer(struct req *r);
int api_exam_submit(struct req *r);
int api_exam_import(struct req *r);
int api_exam_report(struct req *r);
int page_exam_overrides(struct req *r);
int page_exam_overrides_post(struct req *r);
int api_exam_overrides(struct req *r);
int api_exam_reset(struct req *r);
int page_exam_reset(struct req *r);
/* page_training.c */
int page_training(struct req *r);
int page_training_new(struct req *r);
int page_training_create(struct req *r);
int page_training_compliance(struct req *r);
int page_training_report(struct req *r);
int page_training_report_csv(struct req *r);
int page_training_one(struct req *r);
int page_training_action(struct req *r);
int page_training_qr(struct req *r);
int page_training_checkin(struct req *r);
int page_training_checkin_post(struct req *r);
int page_training_mark(struct req *r);
int page_training_photo(struct req *r);
int page_training_feedback(struct req *r);
int api_trainings(struct req *r);
int api_training_create(struct req *r);
int api_training_compliance(struct req *r);
int api_training(struct req *r);
int api_training_action(struct req *r);
int api_training_qr(struct req *r);
int api_training_checkin(struct req *r);
int api_training_mark(struct req *r);
int api_training_photo(struct req *r);
int api_training_feedback(struct req *r);
/* The DI/BI × month compliance matrix of the place at path for the
 * dashboard (Matrix.*, templates/inc/trn_matrix.cs); nothing when the
 * viewer does not oversee it.  0 or a status. */
int page_training_dash(struct req *r, const char *path);
/* page_learning.c */
int page_learn(struct req *r);
int page_learn_report(struct req *r);
int page_learn_item(struct req *r);
int page_learn_file(struct req *r);
int page_learn_progress(struct req *r);
int page_admin_learn(struct req *r);
int page_admin_learn_add(struct req *r);
int api_learn(struct req *r);
int api_learn_add(struct req *r);
int api_learn_report(struct req *r);
int api_learn_progress(struct req *r);
int api_dash_summary(struct req *r);
int api_dash_registers(struct req *r);
/* page_reghealth.c: register health on the dashboards (after page_dash's scope check) */
struct loc;
struct app;
void page_register_extract_hdf(struct req *r, const struct app *ap);
int page_register_photo(struct req *r);
int api_register_photo(struct req *r);	/* page_register.c: a certified extract on the desk */
int page_reghealth_dash(struct req *r, const struct loc *l, int depth);
int api_reghealth(struct req *r, const struct loc *l, int depth);
/* page_survey.c */
int page_surveys(struct req *r);
int page_survey_create(struct req *r);
int page_survey(struct req *r);
int page_survey_csv(struct req *r);
int page_survey_geojson(struct req *r);
int page_survey_allocate(struct req *r);
int page_survey_close(struct req *r);
int page_survey_versions(struct req *r);
int page_survey_draft(struct req *r);
int page_survey_preview(struct req *r);
int page_survey_publish(struct req *r);
int page_tasks(struct req *r);
int page_task(struct req *r);
int page_task_submit(struct req *r);
int page_task_start(struct req *r);
int page_task_decide(struct req *r);
int page_task_reassign(struct req *r);
int page_task_photo(struct req *r);
int page_amenities(struct req *r);
int page_amenity_add(struct req *r);
int page_amenities_geojson(struct req *r);
int page_amenity(struct req *r);
int page_amenity_photo(struct req *r);
int api_surveys(struct req *r);
int api_survey_create(struct req *r);
int api_survey_report(struct req *r);
int api_survey_allocate(struct req *r);
int api_survey_close(struct req *r);
int api_survey_versions(struct req *r);
int api_survey_version(struct req *r);
int api_survey_draft(struct req *r);
int api_survey_publish(struct req *r);
int api_tasks(struct req *r);
int api_task(struct req *r);
int api_task_start(struct req *r);
int api_task_submit(struct req *r);
int api_task_decide(struct req *r);
int api_task_reassign(struct req *r);
int api_amenities(struct req *r);
int api_amenity_add(struct req *r);
/* page_mpr.c */
int page_mpr_list(struct req *r);
int page_mpr(struct req *r);
int page_mpr_post(struct req *r);
int page_mpr_csv(struct req *r);
int page_mpr_pdf(struct req *r);
int api_mpr_list(struct req *r);
int api_mpr(struct req *r);
int api_mpr_save(struct req *r);
int api_mpr_act(struct req *r);
/* page_register.c */
int page_registers(struct req *r);
int page_register_book(struct req *r);
int page_register_entry_post(struct req *r);
int page_register_entry(struct req *r);
int page_register_entry_act(struct req *r);
int page_register_close_day(struct req *r);
int api_registers(struct req *r);
int api_register_book(struct req *r);
int api_register_entry_create(struct req *r);
int api_register_entry_edit(struct req *r);
int api_register_entry_act(struct req *r);
int api_register_entry(struct req *r);
int api_register_close_day(struct req *r);
int api_register_definition(struct req *r);
int api_register_import(struct req *r);
int page_admin_registers(struct req *r);
int page_register_pdf(struct req *r);
int page_register_csv(struct req *r);
int page_register_close_year(struct req *r);
int api_register_close_year(struct req *r);
int page_admin_register_import(struct req *r);
int page_admin_register_export(struct req *r);
int page_admin_register_preview(struct req *r);
int page_admin_register_publish(struct req *r);
int page_admin_register_print(struct req *r);
int api_admin_register(struct req *r);
int api_admin_register_publish(struct req *r);
/* page_regdesign.c: the register designer without JSON */
int page_regdesign_new(struct req *r);
int page_regdesign_create(struct req *r);
int page_regdesign(struct req *r);
int page_regdesign_header_form(struct req *r);
int page_regdesign_header(struct req *r);
int page_regdesign_col_new(struct req *r);
int page_regdesign_col_add(struct req *r);
int page_regdesign_col_form(struct req *r);
int page_regdesign_col(struct req *r);

/* page_ticket.c */
int page_tickets(struct req *r);
int page_ticket_new(struct req *r);
int page_ticket_create(struct req *r);
int page_ticket(struct req *r);
int page_ticket_act(struct req *r);
int page_ticket_file(struct req *r);
int page_dnc(struct req *r);
int page_dnc_post(struct req *r);
int page_dnc_import(struct req *r);
int page_campaign_defs(struct req *r);
int page_campaign_def_create(struct req *r);
int page_campaign_def(struct req *r);
int page_campaign_def_save(struct req *r);
int page_campaign_def_question(struct req *r);
int page_campaign_def_status(struct req *r);
int page_ticket_dash(struct req *r);
int page_grievance_new(struct req *r);
int page_grievance_create(struct req *r);

/* page_campaign.c */
int page_campaigns(struct req *r);
int page_campaign(struct req *r);
int page_campaign_next(struct req *r);
int page_campaign_contact(struct req *r);
int page_campaign_record(struct req *r);
int page_campaign_list(struct req *r);
int page_campaign_sample(struct req *r);
int api_campaign_next(struct req *r);
int api_campaign_record(struct req *r);
int api_campaign_report(struct req *r);
int api_ticket_dash(struct req *r);
int api_tickets(struct req *r);
int api_ticket_tiles(struct req *r);
int api_ticket_types(struct req *r);
int api_ticket_create(struct req *r);
int api_ticket(struct req *r);
int api_ticket_act(struct req *r);
int api_ticket_files(struct req *r);
/* page_ticket_sms.c */
int page_ticket_sms_list(struct req *r);
int page_ticket_sms(struct req *r);
int page_ticket_sms_post(struct req *r);
int api_ticket_sms_list(struct req *r);
int api_ticket_sms_save(struct req *r);
int api_ticket_similar(struct req *r);
int api_ticket_file_add(struct req *r);

/* page_cc.c */
int page_cc(struct req *r);
int page_cc_call(struct req *r);
int page_cc_call_get(struct req *r);
int page_cc_dispose(struct req *r);
int page_cc_cdr(struct req *r);
int api_cc_lookup(struct req *r);
int api_cc_call(struct req *r);
int api_cc_call_get(struct req *r);
int api_cc_dispose(struct req *r);
#endif
