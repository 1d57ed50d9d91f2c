<?cs # A campaign's settings (admin_campaigns.cs, admin_campaign.cs); values from Form.val, problems from Form.err. ?>
 <?cs call:field_input("name_en", L.campaign.def.name_en, "text", "", "") ?>
 <?cs call:field_input("name_hi", L.campaign.def.name_hi, "text", "", "") ?>
 <?cs call:field_input("scheme", L.campaign.def.scheme, "text", L.campaign.def.scheme_hint, "") ?>
 <?cs call:field_textarea("consent_en", L.campaign.def.consent_en, L.campaign.def.consent_hint) ?>
 <?cs call:field_textarea("consent_hi", L.campaign.def.consent_hi, "") ?>
 <?cs call:field_input("max_attempts", L.campaign.def.max_attempts, "text", L.campaign.def.max_attempts_hint, "") ?>
 <?cs call:field_input("retry_gap_min", L.campaign.def.retry_gap, "text", L.campaign.def.retry_gap_hint, "") ?>
 <?cs call:field_input("sample_per_gp", L.campaign.def.per_gp, "text", L.campaign.def.per_gp_hint, "") ?>
 <fieldset class="field"><legend><?cs var:L.campaign.def.rule ?></legend><p class="hint"><?cs var:L.campaign.def.rule_hint ?></p>
 <?cs call:field_input("g_type", L.campaign.def.g_type, "text", "", "") ?>
 <?cs call:field_input("g_field", L.campaign.def.g_field, "text", "", "") ?>
 <?cs call:field_input("g_value", L.campaign.def.g_value, "text", "", "") ?>
 </fieldset>
 <fieldset class="field"><legend><?cs var:L.campaign.def.window ?></legend><p class="hint"><?cs var:L.campaign.def.window_hint ?></p>
 <?cs call:field_input("call_from", L.campaign.def.call_from, "text", L.campaign.def.time_hint, "") ?>
 <?cs call:field_input("call_to", L.campaign.def.call_to, "text", L.campaign.def.time_hint, "") ?>
 <div class="field<?cs if:Form.err.call_days ?> has-error<?cs /if ?>" id="f-call_days"><p class="label"><?cs var:L.campaign.def.call_days ?></p>
 <?cs if:Form.err.call_days ?><p class="error-message" id="e-call_days"><?cs var:Form.err.call_days ?></p><?cs /if ?>
 <?cs loop:d = 0, 6, 1 ?><label class="checkbox"><input type="checkbox" name="call_days" value="<?cs var:d ?>"<?cs if:Form.val.day[d] ?> checked<?cs /if ?>> <?cs var:L.campaign.def.day[d] ?></label> <?cs /loop ?></div>
 </fieldset>
