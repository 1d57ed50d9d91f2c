-- 010_location_search: name search reads one tree level at a time in name
-- order straight from an index and stops at the page size (a code is
-- found through k_loc_code).
ALTER TABLE locations
  ADD KEY k_loc_depth_en (depth, name_en),
  ADD KEY k_loc_depth_hi (depth, name_hi);
