"""campaign_lib.py — what the campaign tests share: the settings a
campaign is defined with on its page."""

SETTINGS = {"name_en": "Jan Samvad: pensions", "name_hi": "जन संवाद: पेंशन", "scheme": "NSAP",
            "consent_en": "Namaste, this call is about your pension. May I ask two questions?",
            "consent_hi": "नमस्ते, यह कॉल आपकी पेंशन के बारे में है। क्या मैं दो प्रश्न पूछ सकता हूँ?",
            "max_attempts": "2", "retry_gap_min": "60", "sample_per_gp": "5", "call_days": [str(d) for d in range(7)]}
