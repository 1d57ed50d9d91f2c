-- 013_dash_cache: figures that are costly to add up over a large place
-- (the state dashboard, the public performance page) are kept for a few
-- minutes (dash_cache_seconds) and shared by every worker and node.
CREATE TABLE dash_cache (
  k VARCHAR(191) NOT NULL PRIMARY KEY,
  computed_at DATETIME NOT NULL,
  body MEDIUMTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
