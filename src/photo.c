/*
 * photo.c — EXIF read, metadata stripped (photo.h).
 */
#include "photo.h"
#include "util.h"

#include <libexif/exif-data.h>
#include <setjmp.h>
#include <stdio.h>	/* before jpeglib.h, which uses FILE */
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

/* Degrees from three EXIF rationals (degrees, minutes, seconds) and the
 * hemisphere letter; false when malformed. */
static bool gps_degrees(ExifData *ed, ExifIfd ifd, ExifTag val, ExifTag ref, double *out)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[ifd], val);
	ExifEntry *r = exif_content_get_entry(ed->ifd[ifd], ref);
	if (!e || !r || e->format != EXIF_FORMAT_RATIONAL || e->components != 3 || e->size < 24 ||
	    r->format != EXIF_FORMAT_ASCII || r->size < 1 || !r->data)
		return false;
	ExifByteOrder bo = exif_data_get_byte_order(ed);
	double parts[3];
	for (int i = 0; i < 3; i++) {
		ExifRational q = exif_get_rational(e->data + 8 * i, bo);
		if (q.denominator == 0)
			return false;
		parts[i] = (double)q.numerator / (double)q.denominator;
	}
	double d = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
	char h = (char)r->data[0];
	if (h == 'S' || h == 'W')
		d = -d;
	else if (h != 'N' && h != 'E')
		return false;
	*out = d;
	return true;
}

void photo_exif(const unsigned char *p, size_t n, struct photo_meta *m)
{
	memset(m, 0, sizeof *m);
	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8 || n > 0x7fffffff)
		return;
	ExifData *ed = exif_data_new_from_data(p, (unsigned int)n);
	if (!ed)
		return;
	ExifEntry *t = exif_content_get_entry(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_DATE_TIME_ORIGINAL);
	if (t && t->format == EXIF_FORMAT_ASCII && t->size >= 19 && t->data) {
		/* "2026:11:20 10:00:00" -> "2026-11-20 10:00:00", calendar-checked */
		char s[20];
		memcpy(s, t->data, 19);
		s[19] = '\0';
		s[4] = s[7] = '-';
		int y, mo, d, hh, mm, ss;
		char day[11];
		memcpy(day, s, 10);
		day[10] = '\0';
		if (parse_date(day, &y, &mo, &d) && sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) == 3 && s[10] == ' ' &&
		    hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && ss >= 0 && ss < 61)
			memcpy(m->taken_at, s, 20);
	}
	double lat, lon;
	if (gps_degrees(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, &lat) &&
	    gps_degrees(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LONGITUDE, (ExifTag)EXIF_TAG_GPS_LONGITUDE_REF, &lon) &&
	    lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
		m->has_gps = true;
		m->lat = lat;
		m->lon = lon;
	}
	exif_data_unref(ed);
}

/* libjpeg's errors jump back here instead of exiting. */
struct jerr {
	struct jpeg_error_mgr pub;	/* libjpeg's part */
	jmp_buf back;			/* where to return */
};

static void jerr_exit(j_common_ptr c)
{
	longjmp(((struct jerr *)c->err)->back, 1);
}

static void jerr_quiet(j_common_ptr c, int level)
{
	(void)c;
	(void)level;
}

/* Rewrites a JPEG from its DCT coefficients: what jpegtran -copy none
 * does.  No markers are saved from the source, so none are written. */
static bool jpeg_strip(const unsigned char *p, size_t n, unsigned char **out, size_t *outlen)
{
	struct jpeg_decompress_struct src;
	struct jpeg_compress_struct dst;
	struct jerr je;
	unsigned char *buf = NULL;
	unsigned long len = 0;
	volatile bool made_dst = false;
	memset(&src, 0, sizeof src);
	memset(&dst, 0, sizeof dst);
	src.err = jpeg_std_error(&je.pub);
	je.pub.error_exit = jerr_exit;
	je.pub.emit_message = jerr_quiet;
	if (setjmp(je.back))
		goto fail;
	jpeg_create_decompress(&src);
	jpeg_mem_src(&src, p, (unsigned long)n);
	jpeg_read_header(&src, TRUE);
	jvirt_barray_ptr *coef = jpeg_read_coefficients(&src);
	dst.err = &je.pub;
	jpeg_create_compress(&dst);
	made_dst = true;
	jpeg_mem_dest(&dst, &buf, &len);
	jpeg_copy_critical_parameters(&src, &dst);
	dst.optimize_coding = TRUE;
	jpeg_write_coefficients(&dst, coef);
	jpeg_finish_compress(&dst);
	jpeg_destroy_compress(&dst);
	jpeg_finish_decompress(&src);
	jpeg_destroy_decompress(&src);
	*out = buf;
	*outlen = len;
	return true;
fail:
	if (made_dst)
		jpeg_destroy_compress(&dst);
	jpeg_destroy_decompress(&src);
	free(buf);
	return false;
}

static unsigned long be32(const unsigned char *q)
{
	return (unsigned long)q[0] << 24 | (unsigned long)q[1] << 16 | (unsigned long)q[2] << 8 | q[3];
}

/* Copies the PNG signature and its image chunks; every other chunk
 * (tEXt, iTXt, zTXt, eXIf, tIME, iCCP ...) is left out. */
static bool png_strip(const unsigned char *p, size_t n, unsigned char **out, size_t *outlen)
{
	static const char *const keep[] = { "IHDR", "PLTE", "tRNS", "IDAT", "IEND" };
	if (n < 8)
		return false;
	unsigned char *o = xmalloc(n);
	memcpy(o, p, 8);
	size_t at = 8, w = 8;
	while (at + 12 <= n) {
		unsigned long clen = be32(p + at);
		if (clen > n - at - 12) {
			free(o);
			return false;
		}
		bool kept = false;
		for (size_t k = 0; k < ARRAY_LEN(keep); k++)
			kept |= memcmp(p + at + 4, keep[k], 4) == 0;
		if (kept) {
			memcpy(o + w, p + at, clen + 12);
			w += clen + 12;
		}
		bool end = memcmp(p + at + 4, "IEND", 4) == 0;
		at += clen + 12;
		if (end)
			break;
	}
	*out = o;
	*outlen = w;
	return true;
}

bool photo_clean(const unsigned char *p, size_t n, const char *mime, unsigned char **out, size_t *outlen,
		 struct photo_meta *m)
{
	*out = NULL;
	*outlen = 0;
	memset(m, 0, sizeof *m);
	if (str_eq(mime, "image/jpeg")) {
		photo_exif(p, n, m);
		return jpeg_strip(p, n, out, outlen);
	}
	if (str_eq(mime, "image/png"))
		return png_strip(p, n, out, outlen);
	return false;
}
