"""answers.py — valid answers for any service definition (standard library
only: used by the HTTP tests and by bench/apps.py)."""


def answers_for(defn, mobile, name, place):
    """Valid answers for every field of a service definition; place is the
    location id for location fields."""
    out = {}
    for f in defn["fields"]:
        t, n = f["type"], f["name"]
        if t == "text":
            v = {"applicant_name": name, "khata_no": "123", "plot_no": "45, 46", "area": "1.25"}.get(n, "Ramesh Kumar")
            if f.get("pattern") and n not in ("khata_no", "plot_no", "area"):
                v = "123"
            out[n] = v
        elif t == "number":
            lo, hi = f.get("min", 0), f.get("max", 100000)
            out[n] = str(min(max(lo, 2005 if lo >= 1900 else 45), hi))
        elif t == "date":
            out[n] = "1990-06-15"
        elif t in ("select", "radio"):
            out[n] = f["options"][0]["value"]
        elif t == "multiselect":
            out[n] = [f["options"][0]["value"]]
        elif t == "checkbox":
            out[n] = "true"
        elif t == "mobile":
            out[n] = mobile
        elif t == "email":
            out[n] = "citizen@example.in"
        elif t == "aadhaar":
            out[n] = "234567890124"
        elif t == "pin":
            out[n] = "822101"
        elif t == "location":
            out[n] = str(place)
        elif t == "group":
            out[n] = []
        elif t == "money":
            out[n] = "%.2f" % (max(f.get("min", 0), 125050) / 100.0) if f.get("max", 10**12) >= 125050 else "%.2f" % (f["min"] / 100.0)
        elif t == "geopoint":
            out[n] = {"lat": 24.0355, "lon": 84.0663, "accuracy_m": 8, "source": "gps",
                      "fix_at": "2026-11-23T10:15:00+05:30"}
        # computed fields are worked out by the server
    return out
