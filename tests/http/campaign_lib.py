"""campaign_lib.py — what the campaign tests share: the settings a
campaign is defined with on its page; one beneficiary listed and sampled;
an agent taking the next contact."""
import os
import tempfile

from gs import Client, eq, sql, ctl

SETTINGS = {"name_en": "Jan Samvad: pensions", "name_hi": "जन संवाद: पेंशन", "scheme": "NSAP",
            "consent_en": "Namaste, this call is about your pension. May I ask two questions?",
            "consent_hi": "नमस्ते, यह कॉल आपकी पेंशन के बारे में है। क्या मैं दो प्रश्न पूछ सकता हूँ?",
            "max_attempts": "2", "retry_gap_min": "60", "sample_per_gp": "5", "call_days": [str(d) for d in range(7)]}


def list_one(code, mobile, ref):
    """One beneficiary of Jamune's first village on campaign code's list, sampled."""
    village = sql("SELECT v.id FROM locations v JOIN locations g ON g.id=v.parent_id WHERE g.name_en='Jamune' "
                  "AND g.type='panchayat' ORDER BY v.id LIMIT 1")[0][0]
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("name,mobile,village_id,scheme_ref\nBeneficiary,%s,%s,%s\n" % (mobile, village, ref))
    try:
        ctl("campaign", "list", code, f.name)
    finally:
        os.unlink(f.name)
    ctl("campaign", "sample", code)


def take_next(cid):
    """The call-centre agent's API client and the contact URL it took."""
    a = Client()
    a.api_login("ccagent")
    r = a.api("POST", "/campaigns/%d/next" % cid)
    eq(r.status, 200, "next: %r" % r)
    return a, "/campaigns/%d/contacts/%d" % (cid, r.json()["contact"])
