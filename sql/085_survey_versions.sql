-- 085_survey_versions: a survey project's form is versioned like a
-- service's (draft -> published -> superseded).  A published version is
-- never changed: editing makes a new draft (at most one per project),
-- publishing it supersedes the version before.  A task records the
-- version it was allocated against, and its stored answers the version
-- they were checked against, so a submission made before a new version
-- keeps its own form for good.
--
-- survey_projects.form stays: it is the published version's form (kept in
-- the same transaction as publishing), what older readers and reports use.

CREATE TABLE survey_versions (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id INT UNSIGNED NOT NULL,
  version SMALLINT UNSIGNED NOT NULL COMMENT '1, 2, ... within the project',
  form MEDIUMTEXT NOT NULL COMMENT 'canonical gramsewa.form/1 JSON',
  status ENUM('draft','published','superseded') NOT NULL DEFAULT 'draft',
  draft_of INT UNSIGNED AS (IF(status = 'draft', project_id, NULL)) PERSISTENT COMMENT 'one draft per project',
  live_of INT UNSIGNED AS (IF(status = 'published', project_id, NULL)) PERSISTENT COMMENT 'one published version per project',
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  published_by INT UNSIGNED NULL,
  published_at DATETIME NULL,
  UNIQUE KEY uq_sv_version (project_id, version),
  UNIQUE KEY uq_sv_draft (draft_of),
  UNIQUE KEY uq_sv_live (live_of),
  CONSTRAINT fk_sv_project FOREIGN KEY (project_id) REFERENCES survey_projects(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE survey_projects
  ADD COLUMN version_id INT UNSIGNED NULL COMMENT 'the published version (survey_versions.id): what tasks are filled in now' AFTER form;

ALTER TABLE tasks
  ADD COLUMN version_id INT UNSIGNED NULL COMMENT 'the version published when the task was allocated' AFTER project_id,
  ADD COLUMN answers_version_id INT UNSIGNED NULL COMMENT 'the version the stored answers (the last submission) were checked against' AFTER answers;

-- what is there already: each project's form is its version 1, published
INSERT INTO survey_versions (project_id, version, form, status, created_by, created_at, published_by, published_at)
  SELECT id, 1, form, 'published', created_by, created_at, created_by, created_at FROM survey_projects;
UPDATE survey_projects p JOIN survey_versions v ON v.project_id = p.id SET p.version_id = v.id;
UPDATE tasks t JOIN survey_projects p ON p.id = t.project_id
  SET t.version_id = p.version_id, t.answers_version_id = IF(t.answers IS NULL, NULL, p.version_id);
