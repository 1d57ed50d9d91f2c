/*
 * photo.h — photos as evidence (register entries, survey points, training
 * sessions): what the camera recorded is read, then the picture is kept
 * without it.  A JPEG's EXIF DateTimeOriginal and GPS position are read
 * with libexif, and the image is re-encoded by libjpeg from its decoded
 * coefficients with no APPn/COM markers (no EXIF, XMP, ICC, maker notes or
 * comments; lossless, and anything hidden in the scan data is dropped
 * with the old entropy coding).  A PNG is rewritten with its image chunks
 * only (IHDR, PLTE, tRNS, IDAT, IEND).  Input has passed upcheck_file.
 */
#ifndef GS_PHOTO_H
#define GS_PHOTO_H
#include <stdbool.h>
#include <stddef.h>

/* What the camera recorded (all optional). */
struct photo_meta {
	char taken_at[20];	/* "YYYY-MM-DD HH:MM:SS" (camera clock), "" when absent or malformed */
	bool has_gps;		/* a position in range was recorded */
	double lat, lon;	/* degrees, south and west negative */
};

/* Reads the EXIF of the JPEG p[0..n) into *m (zeroed first; a PNG or a
 * JPEG without EXIF leaves it empty). */
void photo_exif(const unsigned char *p, size_t n, struct photo_meta *m);

/* The image p[0..n) of MIME type mime ("image/jpeg" or "image/png") without
 * metadata, in *out (malloc'd: free it) of *outlen bytes, with the EXIF
 * facts in *m.  Returns false when the image cannot be rewritten (*out is
 * then NULL). */
bool photo_clean(const unsigned char *p, size_t n, const char *mime, unsigned char **out, size_t *outlen,
		 struct photo_meta *m);
#endif
