/*
 * chart.c — SVG bars and lines, and an HTML tile list.
 */
#include "chart.h"
#include "req.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Width of a chart in CSS pixels, drawn at that size: it fits the 330 px a
 * 360 px phone leaves for the page, so its text (13 px, axis 12 px) is
 * never shrunk below what can be read; gs.css lets it grow on wider
 * screens. */
#define CHART_W 330

static void esc(struct sbuf *b, const char *s)
{
	html_escape(b, s ? s : "");
}

/* A label of at most max code points, escaped; a longer one ends in "…". */
static void label(struct sbuf *b, const char *s, size_t max)
{
	s = s ? s : "";
	size_t i = 0, cp = 0;
	while (s[i] && cp < max) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		cp++;
	}
	char *cut = strndup(s, i);
	if (!cut)
		return;
	esc(b, cut);
	free(cut);
	if (s[i])
		sbuf_adds(b, "…");
}

static long max_of(const struct series *s, size_t ns, size_t n, bool stacked)
{
	long m = 1;
	for (size_t i = 0; i < n; i++) {
		long sum = 0;
		for (size_t k = 0; k < ns; k++) {
			if (stacked)
				sum += s[k].v[i];
			else if (s[k].v[i] > m)
				m = s[k].v[i];
		}
		if (stacked && sum > m)
			m = sum;
	}
	return m;
}

static void legend(struct sbuf *b, const struct series *s, size_t ns, int y)
{
	int x = 4;
	for (size_t k = 0; k < ns; k++) {
		sbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y, s[k].color);
		sbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"13\">", x + 16, y + 11);
		esc(b, s[k].name);
		sbuf_adds(b, "</text>");
		x += 20 + 8 * (int)utf8_chars(s[k].name ? s[k].name : "") + 16;
	}
}

void chart_bars(struct sbuf *b, const char *title, const char *const *labels, size_t n, const struct series *s,
		size_t ns)
{
	const int W = CHART_W, lw = 130, row = 26, top = 30;
	int h = top + (int)n * row + 30;
	long m = max_of(s, ns, n, true);
	sbuf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		    W, h, W, h);
	esc(b, title);
	sbuf_adds(b, "\"><title>");
	esc(b, title);
	sbuf_adds(b, "</title>");
	legend(b, s, ns, 6);
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * row;
		sbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\">", lw - 6, y + 16);
		/* long names are cut for the picture; the table beside it has them whole */
		label(b, labels[i], 16);
		sbuf_adds(b, "</text>");
		double x = lw;
		long total = 0;
		for (size_t k = 0; k < ns; k++) {
			double w = (double)(W - lw - 60) * (double)s[k].v[i] / (double)m;
			if (w > 0)
				sbuf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y + 3, w, row - 8,
					    s[k].color);
			x += w;
			total += s[k].v[i];
		}
		sbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\">%ld</text>", x + 4, y + 16, total);
	}
	sbuf_adds(b, "</svg>");
}

void chart_lines(struct sbuf *b, const char *title, const char *const *labels, size_t n, const struct series *s,
		 size_t ns)
{
	const int W = CHART_W, H = 200, l = 40, r = 20, t = 30, bt = 40;
	long m = max_of(s, ns, n, false);
	sbuf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		    W, H, W, H);
	esc(b, title);
	sbuf_adds(b, "\"><title>");
	esc(b, title);
	sbuf_adds(b, "</title>");
	legend(b, s, ns, 6);
	sbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#0b0c0c\"/>", l, H - bt, W - r, H - bt);
	sbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%ld</text>", l - 4, t + 4, m);
	sbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">0</text>", l - 4, H - bt);
	double step = n > 1 ? (double)(W - l - r) / (double)(n - 1) : 0;
	for (size_t k = 0; k < ns; k++) {
		sbuf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"", s[k].color);
		for (size_t i = 0; i < n; i++)
			sbuf_printf(b, "%.1f,%.1f ", l + step * (double)i,
				    (double)(H - bt) - (double)(H - bt - t) * (double)s[k].v[i] / (double)m);
		sbuf_adds(b, "\"/>");
	}
	size_t every = n > 5 ? (n + 4) / 5 : 1;	/* at most 5 dates: 40 px each at 13 px */
	for (size_t i = 0; i < n; i += every) {
		sbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">", l + step * (double)i, H - bt + 18);
		esc(b, labels[i] && strlen(labels[i]) == 10 ? labels[i] + 5 : labels[i]);	/* MM-DD */
		sbuf_adds(b, "</text>");
	}
	sbuf_adds(b, "</svg>");
}

/* The band of a percentage, a class of gs.css: the same three colours as
 * the status tags (dark text on a light ground: readable, and not by
 * colour alone, since the figure is printed too). */
static const char *tile_band(long pct)
{
	return pct < 0 ? "none" : pct >= 80 ? "good" : pct >= 50 ? "fair" : "poor";
}

void chart_tiles(struct sbuf *b, const char *title, const char *const *labels, const long *pct, size_t n)
{
	sbuf_adds(b, "<ul class=\"tilemap\" aria-label=\"");
	esc(b, title);
	sbuf_adds(b, "\">");
	for (size_t i = 0; i < n; i++) {
		sbuf_printf(b, "<li class=\"tm-%s\"><span class=\"tm-name\">", tile_band(pct[i]));
		esc(b, labels[i]);
		if (pct[i] >= 0)
			sbuf_printf(b, "</span> <strong class=\"tm-pct\">%ld%%</strong></li>", pct[i]);
		else
			sbuf_adds(b, "</span> <strong class=\"tm-pct\">—</strong></li>");
	}
	sbuf_adds(b, "</ul>");
}
