"""The authorization walk: every route of src/routes.c, requested as every
demo role (and as nobody), with its path and body naming objects that
belong to someone else: a villager's applications filed by a CSC operator
the walk does not log in as (pending, approved with a certificate,
rejected and appealed, a draft), her document, the operator's bill and
receipt and wallet, the Health department's service, a place outside the
Medininagar officers' area.  A route answers someone not entitled with
403/404 (401 or the log-in page when logged out), shows none of her data,
and changes nothing of hers.

The table ROUTES says, for every route, what the product must do; a route
in routes.c without an entry fails the walk, so a new route needs one."""
import json
import os
import re
import time
import urllib.parse

from gs import Client, test, eq, run, sql, ctl, today
from lifecycle import definition, answers_for, upload, citizen, act, PDF

RUN = str(int(time.time() * 1000) % 10000000)
ROUTES_C = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "routes.c")
ROLES = ["anonymous", "citizen", "csc1", "csc2", "sewak", "karmachari", "ci", "co", "bdo", "sdo", "dm", "deptadmin",
         "stateadmin", "mixed"]
# The villager lives in Hussainabad (another sub-division of Palamu): the
# district's DM and the state admin see her applications; the Medininagar
# officers and the SDO of Medininagar Sadar do not; the Revenue department
# admin does not see Health (BRT) ones.  "mixed" (made by the setup) is the
# karmachari of Hussainabad, so he sees them too, and the BDO of
# Medininagar: an appellate role of BRT, but held elsewhere, so he may not
# revoke her certificate (role and place from one holding).
AREA = ("dm", "stateadmin", "mixed")
V = {}          # the objects owned by others, made by setup_objects_owned_by_others
CLIENTS = {}    # role -> (web client, API client, page CSRF token)


class Case:
    """What one route must do for the roles not in `allowed`.

    kind   deny:   answer 403/404 (401/log-in page when logged out), show
                   nothing of hers, change nothing of hers
           own:    the route works on the caller's own things: any answer
                   below 500, nothing of hers shown (`forbid` adds strings),
                   nothing of hers changed
           public: as own, for everybody, logged in or not
    params path parameter -> key of V; query, body: dict or function of V
    allowed roles entitled to the object (not requested: the object is theirs)
    last   run after every other route (log-outs end the walk's sessions)"""

    def __init__(self, kind, params=None, query=None, body=None, allowed=(), forbid=(), last=False,
                 multipart=None, echo=()):
        self.kind, self.params, self.query, self.body = kind, params or {}, query, body
        self.allowed, self.forbid, self.last = set(allowed), forbid, last
        self.multipart, self.echo = multipart, set(echo)


def deny(**kw):
    return Case("deny", **kw)


def own(**kw):
    return Case("own", **kw)


def public(**kw):
    return Case("public", **kw)


def val(x):
    return x(V) if callable(x) else x


SA = ("stateadmin",)
REG_WATCH = ("dm", "stateadmin")      # watch her panchayat's registers (the DM of Palamu)
REG_DATA = {"voucher_no": "WALK", "particulars": "walk entry", "receipt_cash": "10"}
REG_FORM = {"f_voucher_no": "WALK", "f_particulars": "walk entry", "f_receipt_cash": "10", "submit": "1"}
MPR_DATA = {"registers_updated": 2, "entries_made": 9, "gram_sabhas_held": 0, "services_integrated": 5, "services_other": 1,
            "trainings_attended": 0, "survey_tasks_completed": 0, "grievances_received": 0, "grievances_resolved": 0,
            "days_functional": 20, "internet": "good"}
NUMBERS = lambda v: [v["app_pending"], v["app_approved"], v["app_rejected"]]   # noqa: E731
BRT_JSON = lambda v: json.dumps(dict(definition("BRT"), department="REV"))     # noqa: E731

ROUTES = {
    # core and log-in: nothing of anyone's; requests that would send OTPs or
    # count failures are sent incomplete so the walk trips no throttle
    ("GET", "/"): public(),
    ("GET", "/healthz"): public(),
    ("GET", "/accessibility"): public(),
    ("GET", "/privacy"): public(),
    ("GET", "/lang"): public(query={"lang": "hi", "next": "/track"}),
    ("GET", "/login"): public(),
    ("POST", "/login"): public(body=lambda v: {"username": v["vcsc_user"], "password": ""}),
    ("GET", "/staff/login"): public(),
    ("POST", "/staff/login"): public(body=lambda v: {"username": v["vcsc_user"], "password": ""}),
    ("GET", "/login/otp"): public(),
    ("POST", "/login/otp"): public(body={"mobile": "12345"}),
    ("POST", "/login/otp/verify"): public(body=lambda v: {"mobile": v["mobile"], "otp": "abc"}, echo=("mobile",)),
    ("GET", "/login/reset"): public(),
    ("POST", "/login/reset"): public(body={"username": ""}),
    ("POST", "/login/reset/verify"): public(body=lambda v: {"username": v["vcsc_user"], "otp": "abc", "password": "x"}),
    ("POST", "/logout"): own(last=True),
    ("POST", "/logout/all"): own(last=True),
    ("GET", "/profile"): own(),
    ("POST", "/profile"): own(body={"first_name": ""}),
    # administration: the state admin's; the villager's place and people
    ("GET", "/admin"): deny(allowed=("deptadmin", "stateadmin")),
    ("GET", "/admin/locations"): deny(allowed=SA),
    ("GET", "/admin/locations/:id"): deny(params={"id": "village"}, allowed=SA),
    ("POST", "/admin/locations/:id"): deny(params={"id": "village"}, body={"name_en": "Renamed", "name_hi": "नया"},
                                           allowed=SA),
    ("POST", "/admin/locations/:id/children"): deny(params={"id": "village"}, allowed=SA,
                                                    body={"type": "ward", "name_en": "New", "name_hi": "नया"}),
    ("GET", "/admin/users"): deny(allowed=SA),
    ("GET", "/admin/users/new"): deny(allowed=SA),
    ("POST", "/admin/users/new"): deny(allowed=SA, body={"username": "walk" + RUN}),
    ("GET", "/admin/users/:id"): deny(params={"id": "vcsc_id"}, allowed=SA),
    ("POST", "/admin/users/:id"): deny(params={"id": "vcsc_id"}, body={"action": "deactivate"}, allowed=SA),
    # services: anyone reads the catalogue; only the owning department designs
    ("GET", "/services"): public(),
    ("GET", "/services/:code"): public(params={"code": "service"}),
    ("GET", "/admin/services"): own(forbid=("/admin/services/BRT",), allowed=SA),
    ("POST", "/admin/services"): deny(allowed=SA, body={"code": "Z" + RUN[-5:], "name_en": "Walk", "name_hi": "वॉक",
                                                       "dept": "HLT"}),
    ("POST", "/admin/services/import"): deny(allowed=SA, multipart=("file", "brt.json", BRT_JSON)),
    ("GET", "/admin/services/:code"): deny(params={"code": "service"}, allowed=SA),
    ("POST", "/admin/services/:code/general"): deny(params={"code": "service"}, allowed=SA,
                                                   body={"name_en": "Taken", "name_hi": "लिया", "channels": "online"}),
    ("POST", "/admin/services/:code/fields"): deny(params={"code": "service"}, allowed=SA,
                                                  body={"name": "walk", "type": "text", "label_en": "W", "label_hi": "व"}),
    ("GET", "/admin/services/:code/fields/:name"): deny(params={"code": "service", "name": "field"}, allowed=SA),
    ("POST", "/admin/services/:code/fields/:name"): deny(params={"code": "service", "name": "field"}, allowed=SA,
                                                        body={"op": "delete"}),
    ("POST", "/admin/services/:code/fields/:name/edit"): deny(params={"code": "service", "name": "field"}, allowed=SA,
                                                             body={"label_en": "Taken", "label_hi": "लिया"}),
    ("POST", "/admin/services/:code/documents"): deny(params={"code": "service"}, allowed=SA, body={"op": "add"}),
    ("POST", "/admin/services/:code/settings"): deny(params={"code": "service"}, allowed=SA, body={"rtps_days": "1"}),
    ("POST", "/admin/services/:code/stages"): deny(params={"code": "service"}, allowed=SA, body={"op": "add"}),
    ("POST", "/admin/services/:code/notifications"): deny(params={"code": "service"}, allowed=SA, body={"op": "add"}),
    ("POST", "/admin/services/:code/json"): deny(params={"code": "service"}, allowed=SA, body=lambda v: {"json": BRT_JSON(v)}),
    ("POST", "/admin/services/:code/publish"): deny(params={"code": "service"}, allowed=SA),
    ("POST", "/admin/services/:code/retire"): deny(params={"code": "service"}, allowed=SA, body={"confirm": "yes"}),
    ("GET", "/admin/services/:code/export"): deny(params={"code": "service"}, allowed=SA),
    ("GET", "/admin/services/:code/preview"): deny(params={"code": "service"}, allowed=SA),
    ("GET", "/admin/services/:code/:section"): deny(params={"code": "service", "section": "section_name"}, allowed=SA),
    # applying and tracking: a draft is its filer's; an application its
    # applicant's, its filer's and the officers' of its place and department
    ("GET", "/apply/:code"): own(params={"code": "service"}, query=lambda v: {"draft": v["draft_id"]}),
    ("POST", "/apply/:code"): deny(params={"code": "service"}, body=lambda v: dict(v["draft_form"], draft=v["draft_id"], save="1")),
    ("GET", "/my"): own(forbid=NUMBERS),
    ("GET", "/my/drafts/:id"): deny(params={"id": "draft_id"}),
    ("GET", "/my/app/@no"): deny(params={"no": "app_pending"}),
    ("GET", "/my/app/@no/ack.pdf"): deny(params={"no": "app_pending"}, allowed=AREA),
    ("GET", "/my/app/@no/edit"): deny(params={"no": "app_pending"}),
    ("POST", "/my/app/@no/edit"): deny(params={"no": "app_pending"}, body={"f_applicant_name": "Taken Over"}),
    ("POST", "/my/app/@no/appeal"): deny(params={"no": "app_rejected"}, body={"grounds": "an appeal by someone else"}),
    ("POST", "/my/app/@no/feedback"): deny(params={"no": "app_approved"}, body={"rating": "1", "comment": "not mine"}),
    ("GET", "/track"): public(query=lambda v: {"number": v["app_pending"]}),
    ("POST", "/track"): public(body=lambda v: {"number": v["app_pending"], "mobile": "9999999999"}),
    ("GET", "/locker"): own(query=lambda v: {"mobile": v["mobile"]}, echo=("mobile",)),
    ("POST", "/locker"): own(body=lambda v: {"mobile": v["mobile"], "doc_type": "other"}, echo=("mobile",)),
    # consent to see her locker: asking sends an OTP, so the walk asks for a
    # malformed mobile; a wrong code grants nothing; a citizen's grants and
    # withdrawals name nobody real
    ("POST", "/locker/consent"): own(body={"mobile": "12345"}),
    ("POST", "/locker/consent/verify"): own(body=lambda v: {"mobile": v["mobile"], "otp": "abc"}, echo=("mobile",)),
    ("POST", "/locker/consent/grant"): own(body={"operator": ""}),
    ("POST", "/locker/consent/withdraw"): own(body={"operator": "0"}),
    ("GET", "/locker/:id"): deny(params={"id": "doc"}, allowed=AREA),
    ("GET", "/csc"): own(forbid=NUMBERS),
    # the desk: her application waits at a panchayat of Hussainabad
    ("GET", "/desk"): own(forbid=NUMBERS),
    ("POST", "/desk/next"): deny(body=lambda v: {"office": v["stage_office"], "role": "panchayat_sewak"}),
    ("GET", "/desk/app/@no"): deny(params={"no": "app_pending"}, allowed=AREA),
    ("POST", "/desk/app/@no"): deny(params={"no": "app_pending"},
                                    body={"action": "reject", "remarks": "rejected by a stranger", "ooo_reason": "walking",
                                          "confirm": "yes"}),
    ("GET", "/desk/appeal/:id"): deny(params={"id": "appeal"}),
    ("POST", "/desk/appeal/:id"): deny(params={"id": "appeal"}, body={"decision": "allow", "order": "allowed by a stranger"}),
    ("POST", "/desk/cert/:no/revoke"): deny(params={"no": "cert"}, allowed=SA,
                                            body={"reason": "revoked by a stranger", "confirm": "yes"}),
    # certificates: a number alone shows the status only
    ("GET", "/v/:no"): public(params={"no": "cert"}),
    ("GET", "/verify"): public(),
    ("POST", "/verify"): public(body=lambda v: {"number": v["cert"]}),
    ("GET", "/.well-known/gramsewa-keys.json"): public(),
    ("GET", "/certificates/:no/pdf"): deny(params={"no": "cert"}, allowed=AREA),
    # dashboards: counts by place; her block is outside Medininagar
    ("GET", "/dash"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA + ("deptadmin",)),
    ("GET", "/dash/csv"): deny(query=lambda v: {"location": v["block"], "table": "cscs"}, allowed=AREA + ("deptadmin",)),
    ("GET", "/transparency"): public(),
    # support tickets: the walk's operator raised one at her Hussainabad
    # panchayat (no BI there: it is new); only the state admin's area holds it
    ("GET", "/tickets"): own(query={"list": "open"}, forbid=lambda v: [v["ticket"]], allowed=SA),
    # ticket dashboards are counts, by place for every role (as /dash): the
    # department admin's holding covers the state
    ("GET", "/tickets/dash"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA + ("deptadmin",)),
    ("GET", "/tickets/new"): own(),
    ("GET", "/grievance/new"): own(),
    ("POST", "/grievance/new"): own(body={"subject": "walk"}),
    ("POST", "/tickets/new"): own(body={"subject": "walk"}),
    ("GET", "/tickets/:no"): deny(params={"no": "ticket"}, allowed=SA),
    ("GET", "/tickets/:no/files/:id"): deny(params={"no": "ticket", "id": "ticket_file"}, allowed=SA),
    ("POST", "/tickets/:no"): deny(params={"no": "ticket"}, body={"action": "reject", "body": "walk"}, allowed=SA),
    # Jan Samvad: her operator (a VLE of her GP) is calling her; counts are for officers
    ("GET", "/campaigns"): own(),
    ("GET", "/campaigns/:id"): own(params={"id": "campaign"}),
    ("POST", "/campaigns/:id/next"): own(params={"id": "campaign"}),
    ("GET", "/campaigns/:id/contacts/:cid"): deny(params={"id": "campaign", "cid": "contact"}),
    ("POST", "/campaigns/:id/contacts/:cid"): deny(params={"id": "campaign", "cid": "contact"}, body={"disposition": "refused"}),
    ("POST", "/campaigns/:id/list"): deny(params={"id": "campaign"}, allowed=SA,
                                          multipart=("file", "list.csv", lambda v: "name,mobile,village_lgd,scheme_ref\n")),
    ("POST", "/campaigns/:id/sample"): deny(params={"id": "campaign"}, allowed=SA),
    # the do-not-call list: the state administrator's; nobody else puts her number on it or takes it off
    ("GET", "/admin/dnc"): deny(allowed=SA),
    ("POST", "/admin/dnc"): deny(allowed=SA, body=lambda v: {"action": "add", "mobile": v["mobile"], "reason": "walk"}),
    ("POST", "/admin/dnc/import"): deny(allowed=SA, body={"reason": "walk"}),
    # campaign definitions: the state administrator's; nobody else renames, re-asks or stops the campaign she is called for
    ("GET", "/admin/ticket-sms"): deny(allowed=SA),
    ("GET", "/admin/ticket-sms/:code"): deny(params={"code": "ticket_type"}, allowed=SA),
    ("POST", "/admin/ticket-sms/:code"): deny(params={"code": "ticket_type"}, body={"action": "save", "raised_en": "walk {number}"},
                                              allowed=SA),
    ("GET", "/api/v1/ticket-sms"): deny(allowed=SA),
    ("POST", "/api/v1/ticket-sms/:code"): deny(params={"code": "ticket_type"}, body={"raised_en": "walk {number}"}, allowed=SA),
    ("GET", "/admin/campaigns"): deny(allowed=SA),
    ("POST", "/admin/campaigns"): deny(allowed=SA, body={"code": "WALK" + RUN, "name_en": "walk"}),
    ("GET", "/admin/campaigns/:id"): deny(params={"id": "campaign"}, allowed=SA),
    ("POST", "/admin/campaigns/:id"): deny(params={"id": "campaign"}, allowed=SA, body={"name_en": "walk"}),
    ("POST", "/admin/campaigns/:id/questions"): deny(params={"id": "campaign"}, allowed=SA,
                                                     body={"action": "remove", "name": "benefit_received"}),
    ("POST", "/admin/campaigns/:id/status"): deny(params={"id": "campaign"}, allowed=SA, body={"to": "closed"}),
    # the call centre: only agents (none among the walkers); the webhook is signed
    ("GET", "/cc"): deny(query=lambda v: {"number": v["mobile"]}),
    ("POST", "/cc/call"): deny(body=lambda v: {"number": v["mobile"]}),
    ("GET", "/cc/call/:id"): deny(params={"id": "call"}),
    ("POST", "/cc/call/:id"): deny(params={"id": "call"}, body={"disposition": "wrong_number"}),
    ("POST", "/cc/cdr"): public(body={"event_id": "walk"}),
    # attendance: the walk's operator is a VLE at a Hussainabad panchayat
    # (her block) with a flagged check-in, a leave request and a device
    ("GET", "/attendance"): own(query=lambda v: {"location": v["block"]}, allowed=AREA),
    ("GET", "/attendance/checkin"): own(),
    ("POST", "/attendance/checkin"): own(body={}),
    ("GET", "/attendance/leave"): own(forbid=lambda v: [v["vcsc_user"]], allowed=SA),
    ("POST", "/attendance/leave"): own(body={"kind": "leave"}),
    ("POST", "/attendance/leave/:id"): deny(params={"id": "leave"}, body={"decision": "approve"}, allowed=SA),
    ("GET", "/attendance/month"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA),
    ("GET", "/attendance/map"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA),
    ("GET", "/attendance/map.json"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA),
    ("GET", "/attendance/review"): own(forbid=lambda v: [v["vcsc_user"]], allowed=SA),
    ("POST", "/attendance/review/:id"): deny(params={"id": "flag"}, body={"decision": "accept"}, allowed=SA),
    ("GET", "/attendance/geofence/:gp"): deny(params={"gp": "gp"}, allowed=AREA),
    ("POST", "/attendance/geofence/:gp"): deny(params={"gp": "gp"}, body={"lat": "24.1", "lon": "84.1", "accuracy_m": "5"}),
    ("POST", "/attendance/geofence/:gp/approve"): deny(params={"gp": "gp"}, allowed=SA),
    ("GET", "/attendance/devices"): own(forbid=lambda v: [v["vcsc_user"]], allowed=SA),
    ("POST", "/attendance/devices"): deny(body=lambda v: {"vle": v["vcsc_user"], "device_id": "WALK2-" + RUN}, allowed=SA),
    ("POST", "/attendance/devices/:id/unbind"): deny(params={"id": "device"}, allowed=SA),
    # online exam: attempts are named by the caller's own number, so every
    # candidate route works on the caller's own attempt; the bank is the state's
    ("GET", "/exams"): own(),
    ("POST", "/exams/:code/start"): own(params={"code": "exam"}),
    ("GET", "/exams/:code/attempt/:n"): own(params={"code": "exam", "n": "one"}),
    ("POST", "/exams/:code/attempt/:n"): own(params={"code": "exam", "n": "one"}, body={"slot": "0", "answer": "0"}),
    ("POST", "/exams/:code/attempt/:n/submit"): own(params={"code": "exam", "n": "one"}),
    ("GET", "/exams/:code/report"): deny(params={"code": "exam"}, allowed=SA),
    ("POST", "/exams/:code/reset"): deny(params={"code": "exam"}, body={"user": "csc1", "reason": "authz walk"}),
    # training calendar: her operator's training in Hussainabad, organised by the state administrator
    ("GET", "/training"): own(forbid=lambda v: [v["trn_title"]], allowed=AREA),
    ("GET", "/training/new"): deny(allowed=SA),
    ("POST", "/training/new"): deny(body=lambda v: {"type": "workshop", "title_en": "x", "title_hi": "x", "location": v["block"],
                                                      "audience": "csc", "venue": "x", "starts_at": "2030-01-01 10:00",
                                                      "ends_at": "2030-01-01 13:00", "trainers": "x"}, allowed=SA),
    ("GET", "/training/compliance"): own(),
    ("GET", "/training/report"): own(forbid=lambda v: [v["trn_title"]]),
    ("GET", "/training/report/csv"): own(query={"by": "topic"}, forbid=lambda v: [v["trn_title"]]),
    ("GET", "/training/:id"): deny(params={"id": "training"}, allowed=AREA),
    ("POST", "/training/:id/action"): deny(params={"id": "training"}, body={"action": "cancel", "reason": "walk cancel"}, allowed=SA),
    ("GET", "/training/:id/qr"): deny(params={"id": "training"}, allowed=SA),
    ("GET", "/training/:id/checkin"): deny(params={"id": "training"}, query={"t": "1.x"}, allowed=AREA),
    ("POST", "/training/:id/checkin"): deny(params={"id": "training"}, body={"t": "1.x"}, allowed=AREA),
    ("POST", "/training/:id/attendance"): deny(params={"id": "training"}, body=lambda v: {"person": v["vcsc_user"]}, allowed=SA),
    ("POST", "/training/:id/photos"): deny(params={"id": "training"}, allowed=SA),
    ("POST", "/training/:id/feedback"): deny(params={"id": "training"}, body={"rating": "5"}, allowed=AREA),
    # e-learning library: items for the reader's roles; the walk's item is for panchayat sewaks only
    ("GET", "/learn"): own(forbid=lambda v: [v["learn_title"]], allowed=SA),
    ("GET", "/learn/report"): own(),
    ("GET", "/learn/:id"): deny(params={"id": "learn"}, allowed=SA),
    ("GET", "/learn/:id/file"): deny(params={"id": "learn"}, allowed=SA),
    ("POST", "/learn/:id/progress"): deny(params={"id": "learn"}, body={"pct": "100"}, allowed=SA),
    ("GET", "/admin/learn"): deny(allowed=SA),
    ("POST", "/admin/learn"): deny(body={"key": "walk", "kind": "pdf"}, allowed=SA),
    ("GET", "/admin/exams"): deny(allowed=SA),
    ("POST", "/admin/exams"): deny(body={"json": "{}"}, allowed=SA),
    ("GET", "/admin/exams/:code"): deny(params={"code": "exam"}, allowed=SA),
    ("GET", "/admin/exams/:code/overrides"): deny(params={"code": "exam"}, allowed=SA),
    ("POST", "/admin/exams/:code/overrides"): deny(params={"code": "exam"}, allowed=SA,
                                                   body={"users": "csc1", "max_attempts": "9", "reason": "authz walk"}),
    # money
    ("POST", "/pay/start"): deny(body=lambda v: {"app": v["app_pending"]}),
    ("POST", "/pay/return"): public(body={"order_no": "GSO0", "status": "SUCCESS", "gateway_txn": "X", "amount": "1",
                                          "checksum": "00"}),
    ("POST", "/pay/callback"): public(body={"order_no": "GSO0", "status": "SUCCESS", "gateway_txn": "X", "amount": "1",
                                            "checksum": "00"}),
    ("GET", "/receipt/:no"): public(params={"no": "receipt"}),
    ("GET", "/receipts/:no/pdf"): deny(params={"no": "receipt"}),
    ("GET", "/csc/wallet"): own(forbid=lambda v: [v["bill_consumer"]] + NUMBERS(v)),
    ("GET", "/csc/bills"): own(forbid=lambda v: [v["bill_consumer"]]),
    ("POST", "/csc/bills"): own(body={"biller": "JBVNL", "consumer": "bad consumer!"}),
    ("GET", "/csc/bills/:id"): deny(params={"id": "bill"}),
    ("POST", "/csc/bills/:id/pay"): deny(params={"id": "bill"}, body={"idem": "walk-pay"}),
    ("GET", "/admin/wallets"): deny(query=lambda v: {"location": v["block"]}, allowed=SA),
    ("POST", "/admin/wallets/:user"): deny(params={"user": "vcsc_id"}, body={"rupees": "1", "reference": "walk top-up"},
                                           allowed=SA),
    ("GET", "/admin/money"): deny(allowed=SA),
    ("POST", "/admin/money/refund/:order"): deny(params={"order": "order"}, body={"reference": "walk refund"}, allowed=SA),
    # the test-only sandbox gateway (404 unless pay_sandbox = true) plays
    # the gateway: it answers for any order it is asked about
    ("GET", "/sandbox/pay"): public(query={"order_no": "GSO0"}),
    ("POST", "/sandbox/pay"): public(body={"order_no": "GSO0"}),
    ("POST", "/sandbox/pay/decide"): public(body={"order_no": "GSO0"}),
    ("GET", "/sandbox/pay/query"): public(query={"order_no": "GSO0"}),
    # DigiLocker pulls are authenticated by their HMAC header
    ("POST", "/digilocker/pulluri"): public(body=lambda v: "<PullURIRequest><DocDetails><certificate_no>%s</certificate_no>"
                                                         "</DocDetails></PullURIRequest>" % v["cert"]),
    ("POST", "/digilocker/pulldoc"): public(body=lambda v: "<PullDocRequest><DocDetails><URI>in.gov.jh-BRT-%s</URI>"
                                                         "</DocDetails></PullDocRequest>" % v["cert"]),
    # the JSON API
    ("POST", "/api/v1/auth/login"): public(body=lambda v: {"username": v["vcsc_user"], "password": ""}),
    ("POST", "/api/v1/auth/otp/request"): public(body={"mobile": "12345"}),
    ("POST", "/api/v1/auth/otp/verify"): public(body=lambda v: {"mobile": v["mobile"], "otp": "abc"}),
    ("POST", "/api/v1/auth/logout"): own(last=True),
    ("GET", "/api/v1/locations"): public(),
    ("GET", "/api/v1/locations/:id"): public(params={"id": "village"}),
    ("GET", "/api/v1/services"): public(),
    ("GET", "/api/v1/services/:code"): public(params={"code": "service"}),
    ("POST", "/api/v1/applications"): own(body={"service": "NOPE"}),
    ("GET", "/api/v1/applications"): own(query={"mine": "0", "limit": "100"}, forbid=NUMBERS, allowed=AREA),
    ("GET", "/api/v1/applications/:no"): deny(params={"no": "draft"}),
    ("PATCH", "/api/v1/applications/:no"): deny(params={"no": "draft"}, body={"tatkal": True}),
    ("POST", "/api/v1/applications/:no/submit"): deny(params={"no": "draft"}, body={}),
    ("GET", "/api/v1/applications/@no"): deny(params={"no": "app_pending"}, allowed=AREA),
    ("PATCH", "/api/v1/applications/@no"): deny(params={"no": "app_pending"}, body={"tatkal": True}),
    ("POST", "/api/v1/applications/@no/submit"): deny(params={"no": "app_pending"}, body={}),
    ("POST", "/api/v1/applications/@no/actions"): deny(params={"no": "app_pending"},
                                                       body={"action": "reject", "remarks": "rejected by a stranger",
                                                             "out_of_order_reason": "walking the routes"}),
    ("POST", "/api/v1/applications/@no/appeal"): deny(params={"no": "app_rejected"},
                                                      body={"grounds": "an appeal by someone else"}),
    ("GET", "/api/v1/applications/@no/acknowledgement"): deny(params={"no": "app_pending"}, allowed=AREA),
    ("GET", "/api/v1/track"): public(query=lambda v: {"number": v["app_pending"], "mobile": "9999999999"}),
    ("POST", "/api/v1/track"): public(body=lambda v: {"number": v["app_pending"], "mobile": "9999999999"}),
    ("GET", "/api/v1/desk/queue"): deny(query=lambda v: {"office": v["stage_office"], "role": "panchayat_sewak"}),
    ("POST", "/api/v1/desk/next"): deny(body=lambda v: {"office": v["stage_office"], "role": "panchayat_sewak"}),
    ("POST", "/api/v1/documents"): own(body={}),
    ("GET", "/api/v1/documents"): own(query=lambda v: {"mobile": v["mobile"]}, forbid=lambda v: ['"id":%s,' % v["doc"]]),
    ("POST", "/api/v1/consent/request"): own(body={"mobile": "12345"}),
    ("POST", "/api/v1/consent/verify"): own(body=lambda v: {"mobile": v["mobile"], "otp": "abc"}, echo=("mobile",)),
    ("GET", "/api/v1/consent"): own(),
    ("POST", "/api/v1/consent/grant"): own(body={"operator": ""}),
    ("POST", "/api/v1/consent/withdraw"): own(body={"operator": 0}),
    ("GET", "/api/v1/verify"): public(query=lambda v: {"no": v["cert"]}),
    ("GET", "/api/v1/certificates/:no"): deny(params={"no": "cert"}, allowed=AREA),
    ("GET", "/api/v1/certificates/:no/pdf"): deny(params={"no": "cert"}, allowed=AREA),
    ("POST", "/api/v1/certificates/:no/revoke"): deny(params={"no": "cert"}, allowed=SA,
                                                      body={"reason": "revoked by a stranger"}),
    ("GET", "/api/v1/dash/summary"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA + ("deptadmin",)),
    ("GET", "/api/v1/dash/registers"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA + ("deptadmin",)),
    ("GET", "/api/v1/wallet"): own(),
    ("GET", "/api/v1/wallet/entries"): own(forbid=NUMBERS),
    ("POST", "/api/v1/admin/wallets/:user/topup"): deny(params={"user": "vcsc_id"}, allowed=SA,
                                                        body={"amount_paise": 100, "reference": "walk top-up"}),
    ("POST", "/api/v1/campaigns/:id/next"): own(params={"id": "campaign"}),
    ("POST", "/api/v1/campaigns/:id/contacts/:cid"): deny(params={"id": "campaign", "cid": "contact"},
                                                         body={"disposition": "refused"}),
    ("GET", "/api/v1/campaigns/:id/report"): own(params={"id": "campaign"}, query={"field": "benefit_received"}),
    ("GET", "/api/v1/cc/lookup"): deny(query=lambda v: {"number": v["mobile"]}),
    ("POST", "/api/v1/cc/calls"): deny(body=lambda v: {"number": v["mobile"]}),
    ("GET", "/api/v1/cc/calls/:id"): deny(params={"id": "call"}),
    ("POST", "/api/v1/cc/calls/:id/disposition"): deny(params={"id": "call"}, body={"disposition": "wrong_number"}),
    ("GET", "/api/v1/ticket-types"): own(),
    ("GET", "/api/v1/tickets"): own(query={"list": "open"}, forbid=lambda v: [v["ticket"]], allowed=SA),
    ("POST", "/api/v1/tickets"): own(body={"subject": "walk"}),
    ("GET", "/api/v1/tickets/tiles"): own(),
    ("GET", "/api/v1/tickets/dash"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA + ("deptadmin",)),
    ("GET", "/api/v1/tickets/:no"): deny(params={"no": "ticket"}, allowed=SA),
    ("GET", "/api/v1/tickets/:no/files/:id"): deny(params={"no": "ticket", "id": "ticket_file"}, allowed=SA),
    ("GET", "/api/v1/tickets/:no/files"): deny(params={"no": "ticket"}, allowed=SA),
    ("POST", "/api/v1/tickets/:no/files"): deny(params={"no": "ticket"}, body={"action": "reply", "body": "walk"},
                                               multipart=("file", "walk.pdf", lambda v: PDF), allowed=SA),
    ("GET", "/api/v1/tickets/similar"): own(query=lambda v: {"type": "TECH_HW_PRINTER", "location": v["gp"],
                                                             "subject": "walk printer"},
                                            forbid=lambda v: [v["ticket"]], allowed=SA),
    ("GET", "/api/v1/notifications"): own(),
    ("POST", "/api/v1/tickets/:no/actions"): deny(params={"no": "ticket"}, body={"action": "reject", "body": "walk"},
                                                 allowed=SA),
    ("POST", "/api/v1/attendance/checkins"): own(body={}),
    ("GET", "/api/v1/attendance/me"): own(),
    ("POST", "/api/v1/attendance/geofences/:gp"): deny(params={"gp": "gp"}, body={"lat": 24.1, "lon": 84.1, "accuracy_m": 5}),
    ("POST", "/api/v1/attendance/geofences/:gp/approve"): deny(params={"gp": "gp"}, allowed=SA),
    ("POST", "/api/v1/attendance/devices"): deny(body=lambda v: {"vle": v["vcsc_user"], "device_id": "WALK2-" + RUN},
                                                 allowed=SA),
    ("POST", "/api/v1/attendance/leave"): own(body={"kind": "leave"}),
    ("POST", "/api/v1/attendance/leave/:id/decide"): deny(params={"id": "leave"}, body={"decision": "approve"}, allowed=SA),
    ("GET", "/api/v1/attendance/flags"): own(forbid=lambda v: [v["vcsc_user"]], allowed=SA),
    ("POST", "/api/v1/attendance/flags/:id/review"): deny(params={"id": "flag"}, body={"decision": "accept"}, allowed=SA),
    ("GET", "/api/v1/attendance/availability"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA),
    ("GET", "/api/v1/attendance/map"): deny(query=lambda v: {"location": v["block"]}, allowed=AREA),
    # registers: her operator keeps her panchayat's cash book; its DM and the state admin watch it
    ("GET", "/registers"): own(forbid=lambda v: ["/registers/CASHBOOK/%s\"" % v["reg_book"]], allowed=REG_WATCH),
    ("GET", "/registers/entry/:id"): deny(params={"id": "reg_entry"}, allowed=REG_WATCH),
    ("GET", "/registers/entry/:id/photo/:doc"): deny(params={"id": "reg_photo_entry", "doc": "reg_photo"}, allowed=REG_WATCH),
    ("POST", "/registers/entry/:id"): deny(params={"id": "reg_entry"}, body={"action": "verify"}),
    ("POST", "/registers/books/:book/close-day"): deny(params={"book": "reg_book"}, body=lambda v: {"day": today()}),
    ("POST", "/registers/books/:book/close-year"): deny(params={"book": "reg_book"}),
    ("GET", "/registers/:code/:book/pdf"): deny(params={"code": "reg_code", "book": "reg_book"}, allowed=REG_WATCH),
    ("GET", "/registers/:code/:book/csv"): deny(params={"code": "reg_code", "book": "reg_book"}, allowed=REG_WATCH),
    ("POST", "/api/v1/registers/books/:book/close-year"): deny(params={"book": "reg_book"}, body={}),
    ("GET", "/registers/:code/:book"): deny(params={"code": "reg_code", "book": "reg_book"}, allowed=REG_WATCH),
    ("POST", "/registers/:code/:book"): deny(params={"code": "reg_code", "book": "reg_book"},
                                             body=lambda v: dict(REG_FORM, f_date=today())),
    # surveys: the state admin allocated a task of her panchayat to her operator, who added an amenity there
    ("GET", "/surveys"): own(),
    ("POST", "/surveys"): deny(allowed=SA, body={"code": ""}),
    ("GET", "/surveys/:id"): deny(params={"id": "survey"}, allowed=SA),
    ("GET", "/surveys/:id/csv"): deny(params={"id": "survey"}, allowed=SA),
    ("GET", "/surveys/:id/map.json"): deny(params={"id": "survey"}, allowed=SA),
    ("POST", "/surveys/:id/close"): deny(params={"id": "survey"}, allowed=SA),
    ("POST", "/surveys/:id/allocate"): deny(params={"id": "survey"}, body=lambda v: {"place": v["gp"]}, allowed=SA),
    ("GET", "/surveys/:id/versions"): deny(params={"id": "survey"}, allowed=SA),
    ("POST", "/surveys/:id/versions"): deny(params={"id": "survey"}, body={"form": "{}"}, allowed=SA),
    ("GET", "/surveys/:id/versions/:v/preview"): deny(params={"id": "survey", "v": "survey_version"}, allowed=SA),
    ("POST", "/surveys/:id/versions/:v/publish"): deny(params={"id": "survey", "v": "survey_version"}, allowed=SA),
    ("GET", "/tasks"): own(forbid=lambda v: ['/tasks/%s"' % v["task"]], allowed=SA),
    ("GET", "/tasks/:id"): deny(params={"id": "task"}, allowed=SA),
    ("POST", "/tasks/:id"): deny(params={"id": "task"}, body={"f_working": "yes"}),
    ("POST", "/tasks/:id/start"): deny(params={"id": "task"}),
    ("POST", "/tasks/:id/decide"): deny(params={"id": "task"}, body={"action": "approve"}, allowed=SA),
    ("POST", "/tasks/:id/reassign"): deny(params={"id": "task"}, body=lambda v: {"assignee": v["vcsc_id"], "reason": "walk"},
                                          allowed=SA),
    ("GET", "/tasks/:id/photo"): deny(params={"id": "task"}, allowed=SA),
    ("GET", "/amenities"): own(forbid=lambda v: [v["amenity_name"]], allowed=REG_WATCH),
    ("POST", "/amenities"): deny(body=lambda v: {"type": "school", "location": v["gp"], "f_name": "walk " + RUN,
                                                 "f_point__lat": "24.1", "f_point__lon": "84.1"}, allowed=REG_WATCH),
    ("GET", "/amenities/map.json"): own(forbid=lambda v: [v["amenity_name"]], allowed=REG_WATCH),
    ("GET", "/amenities/:id"): deny(params={"id": "amenity"}, allowed=REG_WATCH),
    ("GET", "/amenities/:id/photo"): deny(params={"id": "amenity"}, allowed=REG_WATCH),
    ("GET", "/admin/registers"): deny(allowed=SA),
    ("POST", "/admin/registers/import"): deny(allowed=SA, multipart=("file", "reg.json", lambda v: '{"format": "gramsewa.register/1"}')),
    ("GET", "/admin/registers/new"): deny(allowed=SA),
    ("POST", "/admin/registers/new"): deny(allowed=SA, body={"code": "WALKREG", "name_en": "Walk", "name_hi": "Walk"}),
    ("GET", "/admin/registers/:code/design"): deny(params={"code": "reg_code"}, allowed=SA),
    ("GET", "/admin/registers/:code/header"): deny(params={"code": "reg_code"}, allowed=SA),
    ("POST", "/admin/registers/:code/header"): deny(params={"code": "reg_code"}, allowed=SA, body={"name_en": "Walk"}),
    ("GET", "/admin/registers/:code/add-column"): deny(params={"code": "reg_code"}, allowed=SA),
    ("POST", "/admin/registers/:code/columns"): deny(params={"code": "reg_code"}, allowed=SA,
                                                     body={"name": "walk_col", "type": "text", "label_en": "Walk"}),
    ("GET", "/admin/registers/:code/columns/:name"): deny(params={"code": "reg_code", "name": "reg_col"}, allowed=SA),
    ("POST", "/admin/registers/:code/columns/:name"): deny(params={"code": "reg_code", "name": "reg_col"}, allowed=SA,
                                                           body={"label_en": "Walk"}),
    ("GET", "/admin/registers/:code/print"): deny(params={"code": "reg_code"}, allowed=SA),
    ("GET", "/admin/registers/:code/export"): deny(params={"code": "reg_code"}, allowed=SA),
    ("GET", "/admin/registers/:code/preview"): deny(params={"code": "reg_code"}, allowed=SA),
    ("POST", "/admin/registers/:code/publish"): deny(params={"code": "reg_code"}, allowed=SA),
    ("GET", "/api/v1/surveys"): own(),
    ("POST", "/api/v1/surveys"): deny(allowed=SA, body={"code": ""}),
    ("GET", "/api/v1/surveys/:id/report"): deny(params={"id": "survey"}, allowed=SA),
    ("POST", "/api/v1/surveys/:id/close"): deny(params={"id": "survey"}, body={}, allowed=SA),
    ("GET", "/api/v1/surveys/:id/versions"): deny(params={"id": "survey"}, allowed=SA),
    ("POST", "/api/v1/surveys/:id/versions"): deny(params={"id": "survey"}, body={"form": {}}, allowed=SA),
    ("GET", "/api/v1/surveys/:id/versions/:v"): deny(params={"id": "survey", "v": "survey_version"}, allowed=SA),
    ("POST", "/api/v1/surveys/:id/versions/:v/publish"): deny(params={"id": "survey", "v": "survey_version"}, body={},
                                                            allowed=SA),
    ("POST", "/api/v1/surveys/:id/allocate"): deny(params={"id": "survey"}, body=lambda v: {"places": [int(v["gp"])]},
                                                   allowed=SA),
    ("GET", "/api/v1/tasks"): own(forbid=lambda v: ['"id":%s,' % v["task"]], allowed=SA),
    ("GET", "/api/v1/tasks/:id"): deny(params={"id": "task"}, allowed=SA),
    ("POST", "/api/v1/tasks/:id/start"): deny(params={"id": "task"}, body={}),
    ("POST", "/api/v1/tasks/:id/submit"): deny(params={"id": "task"}, body={"answers": {"working": "no"}}),
    ("POST", "/api/v1/tasks/:id/approve"): deny(params={"id": "task"}, body={}, allowed=SA),
    ("POST", "/api/v1/tasks/:id/return"): deny(params={"id": "task"}, body={"reason": "walk"}, allowed=SA),
    ("POST", "/api/v1/tasks/:id/reassign"): deny(params={"id": "task"}, body=lambda v: {"assignee": int(v["vcsc_id"]),
                                                                                         "reason": "walk"}, allowed=SA),
    ("GET", "/api/v1/amenities"): own(forbid=lambda v: [v["amenity_name"]], allowed=REG_WATCH),
    ("POST", "/api/v1/amenities"): deny(body=lambda v: {"type": "school", "location": int(v["gp"]), "name": "walk " + RUN,
                                                        "point": {"lat": "24.1", "lon": "84.1"}}, allowed=REG_WATCH),
    # monthly progress reports: her operator's MPR for last month (submitted); her district's DM and the
    # state admin watch it; only the BI and DI of her block and district (none of the walk's roles) approve
    ("GET", "/mpr"): own(),
    ("GET", "/mpr/:code/:month"): deny(params={"code": "mpr_code", "month": "mpr_month"}, query=lambda v: {"location": v["gp"]},
                                       allowed=REG_WATCH),
    ("GET", "/mpr/:code/:month/csv"): deny(params={"code": "mpr_code", "month": "mpr_month"},
                                           query=lambda v: {"location": v["gp"]}, allowed=REG_WATCH),
    ("GET", "/mpr/:code/:month/pdf"): deny(params={"code": "mpr_code", "month": "mpr_month"},
                                           query=lambda v: {"location": v["gp"]}, allowed=REG_WATCH),
    ("POST", "/mpr/:code/:month"): deny(params={"code": "mpr_code", "month": "mpr_month"},
                                        body=lambda v: {"location": v["gp"], "action": "approve"}),
    ("GET", "/api/v1/mpr"): own(),
    ("GET", "/api/v1/mpr/:code/:month"): deny(params={"code": "mpr_code", "month": "mpr_month"},
                                              query=lambda v: {"location": v["gp"]}, allowed=REG_WATCH),
    ("POST", "/api/v1/mpr/:code/:month"): deny(params={"code": "mpr_code", "month": "mpr_month"},
                                               body=lambda v: {"location": int(v["gp"]), "data": {"entries_made": 1}}),
    ("POST", "/api/v1/mpr/:code/:month/:action"): deny(params={"code": "mpr_code", "month": "mpr_month", "action": "mpr_action"},
                                                       body=lambda v: {"location": int(v["gp"])}),
    ("GET", "/api/v1/registers"): own(forbid=lambda v: ['"id":%s,' % v["reg_book"]], allowed=REG_WATCH),
    ("GET", "/api/v1/registers/definitions/:code"): own(params={"code": "reg_code"}),
    ("POST", "/api/v1/admin/registers"): deny(allowed=SA, body={"format": "gramsewa.register/1"}),
    ("GET", "/api/v1/admin/registers/:code"): deny(params={"code": "reg_code"}, allowed=SA),
    ("POST", "/api/v1/admin/registers/:code/publish"): deny(params={"code": "reg_code"}, allowed=SA),
    ("GET", "/api/v1/registers/entries/:id"): deny(params={"id": "reg_entry"}, allowed=REG_WATCH),
    ("POST", "/api/v1/registers/entries/:id"): deny(params={"id": "reg_entry"}, body={"data": {"particulars": "taken"}}),
    ("POST", "/api/v1/registers/entries/:id/:action"): deny(params={"id": "reg_entry", "action": "reg_action"}, body={}),
    ("POST", "/api/v1/registers/books/:book/close-day"): deny(params={"book": "reg_book"}, body=lambda v: {"day": today()}),
    ("POST", "/api/v1/registers/photos"): own(body={}),
    ("POST", "/api/v1/registers/:code/entries"): deny(params={"code": "reg_code"},
                                                      body=lambda v: {"gp": int(v["gp"]), "submit": True,
                                                                      "data": dict(REG_DATA, date=today())}),
    ("GET", "/api/v1/registers/:code/:book"): deny(params={"code": "reg_code", "book": "reg_book"}, allowed=REG_WATCH),
    ("GET", "/api/v1/trainings"): own(forbid=lambda v: [v["trn_title"]], allowed=AREA),
    ("POST", "/api/v1/trainings"): deny(body=lambda v: {"type": "workshop", "title_en": "x", "title_hi": "x", "location": v["block"],
                                                          "audience": "csc", "venue": "x", "starts_at": "2030-01-01 10:00",
                                                          "ends_at": "2030-01-01 13:00", "trainers": "x"}, allowed=SA),
    ("GET", "/api/v1/trainings/compliance"): own(),
    ("GET", "/api/v1/trainings/:id"): deny(params={"id": "training"}, allowed=AREA),
    ("POST", "/api/v1/trainings/:id/actions"): deny(params={"id": "training"}, body={"action": "cancel", "reason": "walk cancel"},
                                                    allowed=SA),
    ("GET", "/api/v1/trainings/:id/qr"): deny(params={"id": "training"}, allowed=SA),
    ("POST", "/api/v1/trainings/:id/checkin"): deny(params={"id": "training"}, body={"token": "1.x"}, allowed=AREA),
    ("POST", "/api/v1/trainings/:id/attendance"): deny(params={"id": "training"}, body=lambda v: {"person": v["vcsc_user"]},
                                                       allowed=SA),
    ("POST", "/api/v1/trainings/:id/photos"): deny(params={"id": "training"}, body={}, allowed=SA),
    ("POST", "/api/v1/trainings/:id/feedback"): deny(params={"id": "training"}, body={"rating": 5}, allowed=AREA),
    ("GET", "/api/v1/learn"): own(forbid=lambda v: [v["learn_title"]], allowed=SA),
    ("POST", "/api/v1/learn"): deny(body={}, allowed=SA),
    ("GET", "/api/v1/learn/report"): own(),
    ("POST", "/api/v1/learn/:id/progress"): deny(params={"id": "learn"}, body={"pct": 100}, allowed=SA),
    ("GET", "/api/v1/exams"): own(),
    ("POST", "/api/v1/exams/:code/attempts"): own(params={"code": "exam"}),
    ("GET", "/api/v1/exams/:code/attempts/:n"): own(params={"code": "exam", "n": "one"}),
    ("POST", "/api/v1/exams/:code/attempts/:n/answers/:slot"): own(params={"code": "exam", "n": "one", "slot": "zero"},
                                                                    body={"response": 0}),
    ("POST", "/api/v1/exams/:code/attempts/:n/submit"): own(params={"code": "exam", "n": "one"}),
    ("POST", "/api/v1/admin/exams/import"): deny(body={}, allowed=SA),
    ("GET", "/api/v1/admin/exams/:code/report"): deny(params={"code": "exam"}, allowed=SA),
    ("POST", "/api/v1/admin/exams/:code/overrides"): deny(params={"code": "exam"}, allowed=SA,
                                                          body={"users": ["csc1"], "max_attempts": 9, "reason": "authz walk"}),
    # only a DI resets (no DI among the walk's roles: everybody is refused)
    ("POST", "/api/v1/exams/:code/resets"): deny(params={"code": "exam"}, body={"user": "csc1", "reason": "authz walk"}),
    ("GET", "/api/v1/exams/:code/report"): deny(params={"code": "exam"}, allowed=SA),
    # DIs and BIs set exams for their area (none of them among the walk's roles)
    ("POST", "/api/v1/exams/import"): deny(body={}),
}


def parse_routes():
    """(method, pattern) of every entry of the route table, in order."""
    text = open(ROUTES_C, encoding="utf-8").read()
    table = text[text.index("const struct route routes[]"):]
    return re.findall(r'\{\s*"([A-Z]+)",\s*"([^"]+)",\s*\w+,', table)


def fingerprint():
    """Everything of hers and of her operator that a request could change."""
    q = ("SELECT MD5(CONCAT_WS('|', "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, IFNULL(number, '-'), status, stage_idx, IFNULL(stage_office_id, 0), "
         " IFNULL(claimed_by, 0), tatkal, version_id, MD5(form)) ORDER BY id) FROM applications WHERE applicant_id = {v}), "
         "(SELECT COUNT(*) FROM app_events e JOIN applications a ON a.id = e.app_id WHERE a.applicant_id = {v}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', c.id, c.status) ORDER BY c.id) FROM certificates c WHERE c.holder_id = {v}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', p.id, p.status) ORDER BY p.id) FROM appeals p JOIN applications a ON a.id = p.app_id "
         " WHERE a.applicant_id = {v}), "
         "(SELECT COUNT(*) FROM feedback f JOIN applications a ON a.id = f.app_id WHERE a.applicant_id = {v}), "
         "(SELECT COUNT(*) FROM documents WHERE owner_id = {v}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, IFNULL(withdrawn_at, '-')) ORDER BY id) FROM locker_consents "
         " WHERE citizen_id = {v}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, status) ORDER BY id) FROM bills WHERE operator_id = {c}), "
         "(SELECT IFNULL(SUM(balance_paise), 0) FROM accounts WHERE kind = 'wallet' AND user_id = {c}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, active, IFNULL(first_name, ''), IFNULL(pw_hash, '')) ORDER BY id) "
         " FROM users WHERE id IN ({v}, {c}, {p})), "
         "(SELECT COUNT(*) FROM role_holdings WHERE user_id IN ({v}, {c}, {p})), "
         "(SELECT COUNT(*) FROM sessions WHERE user_id IN ({c}, {p}) AND revoked_at IS NULL), "
         "(SELECT CONCAT_WS(',', department_id, published_version_id, status) FROM services WHERE code = 'BRT'), "
         "(SELECT COUNT(*) FROM service_versions v JOIN services s ON s.id = v.service_id WHERE s.code = 'BRT'), "
         "(SELECT CONCAT_WS(',', name_en, name_hi, active) FROM locations WHERE id = {l}), "
         "(SELECT COUNT(*) FROM locations WHERE parent_id = {l}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, IFNULL(review, '-')) ORDER BY id) FROM checkins WHERE user_id = {c}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, status) ORDER BY id) FROM leave_requests WHERE user_id = {c}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, IFNULL(unbound_at, '-')) ORDER BY id) FROM attendance_devices "
         " WHERE user_id = {c}), "
         "(SELECT CONCAT_WS(',', IFNULL(lat, '-'), IFNULL(p_lat, '-'), IFNULL(radius_m, '-')) FROM geofences "
         " WHERE location_id = {g}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, assignee_id, flags, submissions) ORDER BY id) FROM tasks "
         " WHERE gp_id = {g}), "
         "(SELECT COUNT(*) FROM amenities WHERE gp_id = {g}), "
         "(SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, data) ORDER BY id) FROM mpr_reports WHERE location_id = {g})))")
    return sql(q.format(v=V["citizen_id"], c=V["vcsc_id"], p=V["vps_id"], l=V["village"], g=V["gp"]))[0][0]


def markers(case):
    """Her data that no refused or foreign answer may contain."""
    out = [V["name"], V["doc_label"], V["bill_consumer"]]
    if "mobile" not in case.echo:
        out.append(V["mobile"])
    return out + list(val(case.forbid) or [])


def fill(pattern, case):
    path = pattern
    for name, key in case.params.items():
        path = re.sub(r"[:@]%s\b" % name, str(V[key]), path)
    assert not re.search(r"/[:@]", path), "unfilled parameter in %s" % pattern
    q = val(case.query)
    return path + ("?" + urllib.parse.urlencode(q) if q else "")


def multipart(fields, file_field, filename, data):
    b = "WALKBOUNDARY"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
             for k, v in fields.items()]
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (b, file_field, filename)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % b).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + b


def send(role, method, pattern, case):
    web, api, token = CLIENTS[role]
    path = fill(pattern, case)
    body = val(case.body)
    if pattern.startswith("/api/"):
        if method == "GET":
            return api.request(method, path)
        if case.multipart:
            field, name, data = case.multipart
            raw, ctype = multipart(dict(body or {}), field, name, val(data))
            return api.request(method, path, body=raw, ctype=ctype)
        return api.request(method, path, body=body if body is not None else {}, ctype="json")
    if method == "GET":
        return web.get(path)
    if pattern.startswith("/digilocker/"):
        return web.request(method, path, body=body.encode(), ctype="application/xml", headers={"x-digilocker-hmac": "AAAA"})
    form = dict(body or {})
    form["csrf"] = token
    if case.multipart:
        field, name, data = case.multipart
        data = val(data)
        raw, ctype = multipart(form, field, name, data.encode() if isinstance(data, str) else data)
        return web.request(method, path, body=raw, ctype=ctype)
    return web.post(path, form)


def refused(pattern, role, r):
    if r.status in (403, 404):
        return True
    if role == "anonymous":
        if pattern.startswith("/api/"):
            return r.status == 401
        # citizens' pages send to /login (the mobile number), staff-only ones to /staff/login
        return r.status == 303 and (r.header("Location") or "").startswith(("/login?", "/staff/login?"))
    return False


def check(method, pattern, case, role):
    """None, or what went wrong for this role."""
    before = fingerprint() if method != "GET" else None
    r = send(role, method, pattern, case)
    text = r.body.decode("utf-8", "replace")
    if r.status >= 500:
        return "%s: %d" % (role, r.status)
    if case.kind == "deny" and not refused(pattern, role, r):
        return "%s: %d, not refused (%s)" % (role, r.status, text[:120].replace("\n", " "))
    for m in markers(case):
        if m and str(m) in text:
            return "%s: %d shows %r" % (role, r.status, m)
    if before is not None and fingerprint() != before:
        return "%s: %d changed her records" % (role, r.status)
    return None


def walk(method, pattern):
    case = ROUTES[(method, pattern)]
    if not CLIENTS:
        raise AssertionError("the setup did not run")
    bad = []
    for role in ROLES:
        if role in case.allowed:
            continue
        try:
            why = check(method, pattern, case, role)
        except Exception as e:  # noqa: BLE001 - a crash of one request is a finding
            why = "%s: %s" % (role, e)
        if why:
            bad.append(why)
    assert not bad, "; ".join(bad[:4]) + (" (+%d more)" % (len(bad) - 4) if len(bad) > 4 else "")


# ---- the objects owned by others, made through the product ----

def hr_create(admin, username, role, place, user_type="staff", csc_id=None):
    """A user made on the HR page; returns (id, first password)."""
    form = {"username": username, "first_name": "Walk", "last_name": username, "mobile": "9123456781", "dob": "1985-03-04",
            "user_type": user_type, "designation": "Walk", "role": role, "work_from": "2025-01-01"}
    form.update(place)
    if csc_id:
        form["csc_id"] = csc_id
    r = admin.form_post("/admin/users/new", "/admin/users/new", form)
    eq(r.status, 200, "create %s: %s" % (username, r.text[:300]))
    pw = re.search(r"<code>([^<]+)</code>", r.text).group(1)
    return sql("SELECT id FROM users WHERE username='%s'" % username)[0][0], pw


def file_for_her(c, fields, docs=None, submit=True):
    body = {"service": "BRT", "applicant": {"mobile": V["mobile"]}, "submit": submit, "fields": fields,
            "documents": docs or {}}
    r = c.api("POST", "/applications", body)
    assert r.status in (200, 201), "file: %r" % r
    return r.json()["number"]


@test
def setup_objects_owned_by_others():
    admin = Client()
    admin.login("stateadmin")
    api_admin = Client()
    api_admin.api_login("stateadmin")
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    block, bpath = sql("SELECT id, path FROM locations WHERE type='block' AND name_en='Hussainabad'")[0]
    pan, ppath = sql("SELECT id, path FROM locations WHERE type='panchayat' AND path LIKE '%s%%' ORDER BY id LIMIT 1" % bpath)[0]
    village = sql("SELECT id FROM locations WHERE type='village' AND path LIKE '%s%%' ORDER BY id LIMIT 1" % ppath)[0][0]
    place = {"place_district": palamu, "place_block": block, "place_panchayat": pan}
    V.update(block=block, village=village, service="BRT", section_name="settings", name="Zorawar Vikramaditya", mobile="97%08d" % int(RUN),
             doc_label="walk-secret-%s.pdf" % RUN, bill_consumer="ZV%s1" % RUN, field="child_name", order="GSO0")
    V.update(exam="DP-BASICS", one="1", zero="0")
    V["vcsc_user"] = "walkcsc" + RUN
    V["vcsc_id"], csc_pw = hr_create(admin, V["vcsc_user"], "csc", place, "csc", "CSCW%s" % RUN)
    V["vps_id"], ps_pw = hr_create(admin, "walkps" + RUN, "panchayat_sewak", place)
    ctl("ca", "issue", "--user", "walkps" + RUN)
    r = api_admin.api("POST", "/admin/wallets/%s/topup" % V["vcsc_id"], {"amount_paise": 500000, "reference": "walk " + RUN})
    eq(r.status, 200, "top-up: %r" % r)
    op = Client()
    op.api_login(V["vcsc_user"], csc_pw)
    # her operator is a VLE at her panchayat: a device the DI enrolled, a
    # check-in flagged for weak GPS, a leave request
    V["gp"] = pan
    r = op.api("POST", "/registers/CASHBOOK/entries", {"submit": True, "data": dict(REG_DATA, date=today(), particulars=V["name"])})
    eq(r.status, 201, "register entry: %r" % r)
    V.update(reg_entry=r.json()["id"], reg_book=r.json()["book"], reg_code="CASHBOOK", reg_action="verify", reg_col="particulars")
    # and a works entry with a photo of hers
    pic = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "exif_gps.jpg"), "rb").read()
    raw, ctype = multipart({}, "file", "site.jpg", pic)
    r = op.request("POST", "/api/v1/registers/photos", body=raw, ctype=ctype)
    eq(r.status, 201, "register photo: %r" % r)
    V["reg_photo"] = r.json()["doc_id"]
    r = op.api("POST", "/registers/WORKS/entries", {"submit": True, "data": {"work_id": "WALK", "name": V["name"], "status": "ongoing",
                                                                          "photo_before": {"doc_id": V["reg_photo"]}}})
    eq(r.status, 201, "works entry: %r" % r)
    V["reg_photo_entry"] = r.json()["id"]
    y, m = int(today()[:4]), int(today()[5:7]) - 1
    V.update(mpr_code="DP_MPR", mpr_month="%04d-%02d" % (y - (m < 1), m or 12), mpr_action="approve")
    r = op.api("POST", "/mpr/DP_MPR/%s" % V["mpr_month"], {"submit": True, "data": MPR_DATA})
    # (409: submitted by an earlier walk against the same stack)
    assert (r.status, r.json().get("status")) == (200, "submitted") or r.status == 409, "MPR: %r" % r
    di = Client()
    di.api_login("di")
    r = di.api("POST", "/attendance/devices", {"vle": V["vcsc_user"], "device_id": "WALK-" + RUN})
    eq(r.status, 201, "enrol: %r" % r)
    V["device"] = r.json()["enrolment"]
    glat, glon = sql("SELECT lat, lon FROM geofences WHERE location_id=%s" % pan)[0]
    r = op.api("POST", "/attendance/checkins", {"lat": float(glat), "lon": float(glon), "accuracy_m": 80,
                                                "fix_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                                "device_id": "WALK-" + RUN})
    eq((r.status, r.json().get("status")), (201, "flagged"), "check-in: %r" % r)
    V["flag"] = r.json()["id"]
    r = op.api("POST", "/attendance/leave", {"kind": "leave", "from": time.strftime("%Y-%m-%d", time.gmtime(time.time() + 3 * 86400)),
                                             "to": time.strftime("%Y-%m-%d", time.gmtime(time.time() + 3 * 86400)),
                                             "reason": "walk leave"})
    eq(r.status, 201, "leave: %r" % r)
    V["leave"] = r.json()["id"]
    # her operator is invited to a training the state administrator organises in Hussainabad
    V["trn_title"] = "Walk training " + RUN
    t0 = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 5.5 * 3600 + 86400))
    t1 = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 5.5 * 3600 + 86400 + 3 * 3600))
    r = api_admin.api("POST", "/trainings", {"type": "workshop", "title_en": V["trn_title"], "title_hi": "प्रशिक्षण " + RUN,
                                             "location": block, "audience": "csc", "venue": "Hussainabad block office",
                                             "starts_at": t0, "ends_at": t1, "trainers": "Walk trainer"})
    eq(r.status, 201, "training: %r" % r)
    V["training"] = r.json()["id"]
    eq(api_admin.api("POST", "/trainings/%d/actions" % V["training"], {"action": "publish"}).status, 200, "publish")
    # an e-learning item for panchayat sewaks only (none of the walk's roles)
    V["learn_title"] = "Walk item " + RUN
    f = os.path.join("/tmp", "walk-%s.pdf" % RUN)
    open(f, "wb").write(PDF)
    out = ctl("learn-add", "walk" + RUN, "pdf", "en", "panchayat_sewak", V["learn_title"], f).stdout
    os.unlink(f)
    V["learn"] = re.search(r"item (\d+)", out).group(1)
    r = op.api("POST", "/tickets", {"type": "TECH_HW_PRINTER", "location": int(pan), "subject": "walk printer", "answers": {"printer_model": "walk", "under_warranty": "no"},
                                    "body": "the walk's ticket " + RUN})
    eq(r.status, 201, "ticket: %r" % r)
    V["ticket"] = r.json()["number"]
    V["ticket_type"] = "TECH_HW_PRINTER"
    # the state admin allocates her operator a survey task of her panchayat; he adds an amenity there
    form = {"format": "gramsewa.form/1", "fields": [
        {"name": "working", "type": "radio", "label": {"en": "Working?", "hi": "चालू?"}, "required": True,
         "options": [{"value": "yes", "label": {"en": "Yes", "hi": "हाँ"}}, {"value": "no", "label": {"en": "No", "hi": "नहीं"}}]},
        {"name": "site", "type": "geopoint", "label": {"en": "Site", "hi": "स्थान"}, "required": True, "accuracy_max_m": 20},
        {"name": "photo", "type": "photo", "label": {"en": "Photo", "hi": "फ़ोटो"}, "required": True}]}
    r = api_admin.api("POST", "/surveys", {"code": "WALK" + RUN, "title": {"en": "Walk survey", "hi": "वॉक सर्वेक्षण"}, "form": form,
                                           "window_from": today(), "window_to": today(7)})
    eq(r.status, 201, "survey: %r" % r)
    V["survey"] = r.json()["id"]
    V["survey_version"] = sql("SELECT version_id FROM survey_projects WHERE id = %d" % V["survey"])[0][0]
    r = api_admin.api("POST", "/surveys/%d/allocate" % V["survey"], {"places": [int(pan)], "assignee": int(V["vcsc_id"])})
    eq((r.status, r.json().get("allocated")), (200, 1), "allocate: %r" % r)
    V["task"] = sql("SELECT id FROM tasks WHERE project_id = %d" % V["survey"])[0][0]
    V["amenity_name"] = "Walk handpump " + RUN
    r = op.api("POST", "/amenities", {"type": "handpump", "location": int(pan), "name": V["amenity_name"],
                                      "point": {"lat": "24.2", "lon": "84.0", "accuracy_m": 5, "source": "gps"}})
    eq(r.status, 201, "amenity: %r" % r)
    V["amenity"] = r.json()["id"]
    # with a file on a reply from her operator's web page
    opweb = Client()
    opweb.login(V["vcsc_user"], csc_pw)
    tok = opweb.csrf_from(opweb.get("/tickets/" + V["ticket"]).text)
    body = b"".join(("--GSUP\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % kv).encode()
                    for kv in [("csrf", tok), ("action", "reply"), ("body", "the walk's file")])
    body += (b"--GSUP\r\nContent-Disposition: form-data; name=\"file\"; filename=\"walk.pdf\"\r\n"
             b"Content-Type: application/pdf\r\n\r\n" + PDF + b"\r\n--GSUP--\r\n")
    r = opweb.request("POST", "/tickets/" + V["ticket"], body=body, ctype="multipart/form-data; boundary=GSUP")
    eq(r.status, 303, "reply with a file: %r" % r)
    V["ticket_file"] = sql("SELECT f.id FROM ticket_attachments f JOIN tickets t ON t.id=f.ticket_id WHERE t.number='%s'"
                           % V["ticket"])[0][0]
    cc = Client()
    cc.api_login("ccagent")
    r = cc.api("POST", "/cc/calls", {"number": V["mobile"]})
    eq(r.status, 201, "call: %r" % r)
    V["call"] = r.json()["id"]
    # her operator calls her for the Jan Samvad campaign
    V["campaign"] = sql("SELECT id FROM campaigns WHERE code='JSPMAY'")[0][0]
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("name,mobile,village_id,scheme_ref\n%s,%s,%s,WALK-%s\n" % (V["name"], V["mobile"], village, RUN))
    ctl("campaign", "list", "JSPMAY", f.name)
    os.unlink(f.name)
    ctl("campaign", "sample", "JSPMAY")
    r = op.api("POST", "/campaigns/%s/next" % V["campaign"])
    eq(r.status, 200, "her operator takes her: %r" % r)
    V["contact"] = r.json()["contact"]
    d = definition("BRT")
    fields = answers_for(d, V["mobile"], V["name"], village)
    fields[V["field"]] = V["name"]          # the certificate's holder is her name too
    doc = upload(op, "hospital_slip", V["mobile"], name=V["doc_label"])
    eq(doc.status, 201, "upload: %r" % doc)
    V["doc"] = doc.json()["id"]
    V["app_pending"] = file_for_her(op, fields, {"hospital_slip": V["doc"]})
    V["app_approved"] = file_for_her(op, fields)
    V["app_rejected"] = file_for_her(op, fields)
    V["draft"] = file_for_her(op, fields, submit=False)
    V["draft_id"] = V["draft"][1:]
    V["draft_form"] = {"applicant_mobile": V["mobile"], "f_child_name": "Taken Over"}
    V["citizen_id"] = sql("SELECT id FROM users WHERE citizen_mobile='%s'" % V["mobile"])[0][0]
    ps = Client()
    ps.api_login("walkps" + RUN, ps_pw)
    out = act(ps, V["app_approved"], "approve", out_of_order_reason="walk: approving out of turn")
    eq(out.status, 200, "approve: %r" % out)
    V["cert"] = out.json()["certificate"]["number"]
    out = act(ps, V["app_rejected"], "reject", remarks="walk: rejected", out_of_order_reason="walk: out of turn")
    eq(out.status, 200, "reject: %r" % out)
    eq(op.api("POST", "/applications/%s/appeal" % V["app_rejected"], {"grounds": "the walk's appeal, level one"}).status,
       201, "appeal")
    V["appeal"] = sql("SELECT p.id FROM appeals p JOIN applications a ON a.id=p.app_id WHERE a.number='%s'"
                      % V["app_rejected"])[0][0]
    V["stage_office"] = int(sql("SELECT stage_office_id FROM applications WHERE number='%s'" % V["app_pending"])[0][0])
    w = Client()
    w.login(V["vcsc_user"], csc_pw)
    r = w.form_post("/csc/bills", "/csc/bills", {"biller": "JBVNL", "consumer": V["bill_consumer"]})
    eq(r.status, 303, "bill fetch: %r" % r)
    V["bill"] = r.header("Location").rsplit("/", 1)[1]
    page = w.get("/csc/bills/" + V["bill"])
    w.post("/csc/bills/%s/pay" % V["bill"], {"csrf": w.csrf_from(page.text), "idem": "walk-" + V["bill"]})
    paid = sql("SELECT receipt_no FROM receipts WHERE kind='bill' AND ref='%s'" % V["bill"])
    assert paid, "the bill was not paid (the sandbox biller refuses consumers ending in 9)"
    V["receipt"] = paid[0][0]
    # the walkers; "mixed" holds two roles in two places
    mixed, mixed_pw = hr_create(admin, "walkmix" + RUN, "karmachari", place)
    medininagar = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    r = admin.form_post("/admin/users/" + mixed, "/admin/users/" + mixed, {
        "action": "add_role", "role": "bdo", "place_district": palamu, "place_block": medininagar, "work_from": "2025-01-01"})
    eq(r.status, 303, "second holding")
    for role in ROLES:
        if role == "mixed":
            web, api = Client(), Client()
            web.login("walkmix" + RUN, mixed_pw)
            api.api_login("walkmix" + RUN, mixed_pw)
            token = web.csrf_from(web.get("/profile").text)
        elif role == "anonymous":
            web, api = Client(), Client()
            token = web.csrf_from(web.get("/login").text)
        elif role == "citizen":
            web, api = citizen("96%08d" % int(RUN))
            token = web.csrf_from(web.get("/profile").text)
        else:
            web, api = Client(), Client()
            web.login(role)
            api.api_login(role)
            token = web.csrf_from(web.get("/profile").text)
        assert token, role + ": no CSRF token"
        CLIENTS[role] = (web, api, token)


@test
def every_route_has_an_entry():
    routes = parse_routes()
    assert len(routes) > 100, "parsed %d routes" % len(routes)
    missing = [m + " " + p for m, p in routes if (m, p) not in ROUTES]
    stale = [m + " " + p for (m, p) in ROUTES if (m, p) not in routes]
    assert not missing, "routes without an entry in test_authz.ROUTES: %s" % missing
    assert not stale, "entries for routes that are gone: %s" % stale


def _register():
    routes = parse_routes()
    order = [rt for rt in routes if rt in ROUTES and not ROUTES[rt].last] + \
            [rt for rt in routes if rt in ROUTES and ROUTES[rt].last]
    for method, pattern in order:
        def t(method=method, pattern=pattern):
            walk(method, pattern)
        t.__name__ = "%s %s" % (method, pattern)
        test(t)


_register()

if __name__ == "__main__":
    run()
