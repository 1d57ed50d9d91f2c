-- 066_learning_renditions: smaller copies of library videos for phones
-- (issue 14): gramsewactl learn-renditions makes a 360-line MP4 of each
-- video with ffmpeg and records it here; the original is kept.

ALTER TABLE learning_items
  ADD COLUMN renditions VARCHAR(1000) NULL
    COMMENT 'JSON {"360p": {"sha256", "size"}}; {} when ffmpeg could not make one; NULL not tried yet';
