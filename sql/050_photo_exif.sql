-- 050_photo_exif: what a photo's camera recorded, kept beside the document
-- when the picture itself is stored without metadata (photo.c).  The form
-- engine's photo answers take these from here, never from the request.
ALTER TABLE documents
  ADD COLUMN exif_at DATETIME NULL COMMENT 'EXIF DateTimeOriginal (camera clock), NULL when absent',
  ADD COLUMN exif_lat DECIMAL(9,6) NULL COMMENT 'EXIF GPS position, NULL when absent',
  ADD COLUMN exif_lon DECIMAL(9,6) NULL;
