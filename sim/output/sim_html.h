/*
 * sim_html.h — writing HTML: escaped text and gnuplot's SVG files inlined into a
 * page (internal to sim/; used by sim_report.c).
 */
#ifndef SIM_HTML_H
#define SIM_HTML_H

#include <stdio.h>

#include "sim_err.h"
#include "sim_strbuf.h"

/* s as HTML text or attribute value: & < > " ' as character references; control
 * characters other than tab and newline become spaces, invalid UTF-8 bytes
 * U+FFFD. Safe inside any element or quoted attribute. */
void sim_html_text(sim_strbuf *b, const char *s);

/* Append the SVG file at path (as gnuplot's svg terminal writes it) to b as an
 * inline <svg> element of an HTML page:
 *  - everything before <svg> (XML declaration) and comments are dropped; so are
 *    the root's width, height and xmlns attributes (the HTML parser knows the
 *    namespaces; CSS sizes the figure through its viewBox) and gnuplot's
 *    generic <title>;
 *  - the root gets role="img", an aria-label and a <title> with `title`;
 *  - every id and every reference to one (href="#x", url(#x)) gets `prefix`, so
 *    several figures in one page do not share gnuplot's ids;
 *  - only drawing elements are accepted (no script, foreignObject, image, style
 *    sheet, event-handler attribute, or reference that leaves the document):
 *    anything else refuses the file, so the page never loads or runs anything.
 * SIM_OK; SIM_ERR_RUNTIME with a line in err when the file cannot be read or is
 * refused (b is then unchanged). */
int sim_html_svg(sim_strbuf *b, const char *path, const char *prefix, const char *title,
                 sim_err *err);

#endif
