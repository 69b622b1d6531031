package cable

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// page builds a Cablegate page: sidebar, table (if table is not ""), and
// one <code><pre> per pre, the way the 2010 and 2011 generations write
// them (newlines as &#x000A;).
func page(table string, pres ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n<html>\n<head><title>Cable</title></head>\n<body>\n")
	b.WriteString("<div id='sidebar'>\n<a href='/origin/128_0.html'>Embassy Bern</a>\n<table><tr><td>not this</td></tr></table>\n</div>\n")
	b.WriteString(table)
	for _, p := range pres {
		b.WriteString("<code><pre>" + strings.ReplaceAll(p, "\n", "&#x000A;") + "</pre></code>\n")
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.String()
}

// cableTable is the metadata table of a 2011 page, with an articles row
// when articles are given.
func cableTable(id, created, class, origin string, articles ...string) string {
	t := fmt.Sprintf(`<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/2007/03/%[1]s.html'>%[1]s</a>
</td>
<td>
<a href='/date/2007-03_0.html'>%[2]s</a>
</td>
<td>
<a href='/reldate/2011-03-14_0.html'>2011-03-14 06:06</a>
</td>
<td>
<a href='/classification/1_0.html' title='unclassified'>%[3]s</a>
</td>
<td>
<a href='/origin/128_0.html'>%[4]s</a>
</td>
</tr>
`, id, created, class, origin)
	if len(articles) > 0 {
		t += "<tr>\n<td colspan='5'>\nAppears in these articles:<br />\n"
		for _, a := range articles {
			t += "<a href='" + a + "'>" + strings.TrimPrefix(a, "http://") + "</a><br />\n"
		}
		t += "</td>\n</tr>\n"
	}
	return t + "</table>\n"
}

const (
	htmlHeader = "VZCZCXRO7217\nPP RUEHBC\nDE RUEHSW #0258/01 0750749\nZNY CCCCC ZZH\nP 160749Z MAR 07\nFM AMEMBASSY BERN\nTO RUEHC/SECSTATE WASHDC PRIORITY 3815"
	htmlBody   = "C O N F I D E N T I A L BERN 000258 \n \nSIPDIS \n \nE.O. 12958: DECL: 03/15/2017 \n" +
		"TAGS: <a href='/tag/PREL_0.html'>PREL</a> <a href='/tag/SZ_0.html'>SZ</a>\n" +
		"SUBJECT: IRAN: SWISS POLDIR \n \n<a id='par1' href='#par1'>¶</a>1. (C) TEXT. \nCONEWAY"
	textBody = "C O N F I D E N T I A L BERN 000258 \n \nSIPDIS \n \nE.O. 12958: DECL: 03/15/2017 \n" +
		"TAGS: PREL SZ\nSUBJECT: IRAN: SWISS POLDIR \n \n¶1. (C) TEXT. \nCONEWAY"
)

func TestReadHTML(t *testing.T) {
	table := cableTable("07BERN258", "2007-03-16 07:07", "CONFIDENTIAL", "Embassy Bern")
	tableLine := 9 // after the head and the sidebar
	dumpBody := "2007-03-16 07:49:00\t07BERN258\tEmbassy Bern\tCONFIDENTIAL\t07STATE1 07BERN200\t" +
		strings.ReplaceAll(htmlHeader, "\n", "\\\n") + "\t" + strings.ReplaceAll(htmlBody, "\n", " \\\n") + " \\"
	tests := []struct {
		name     string
		in       string
		text     string
		meta     Meta
		line     int // Pos.Line
		textLine int
	}{
		{
			name: "2011 page", in: page(table, htmlHeader, htmlBody),
			text: htmlHeader + "\n\n" + textBody,
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:07", Released: "2011-03-14 06:06", Classification: "CONFIDENTIAL", Origin: "Embassy Bern"},
			line: tableLine, textLine: tableLine + 27,
		},
		{
			name: "articles",
			in:   page(cableTable("07BERN258", "2007-03-16 07:07", "CONFIDENTIAL", "Embassy Bern", "http://http://www.letemps.ch/swiss_papers", "http://www.spiegel.de"), htmlBody),
			text: textBody,
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:07", Released: "2011-03-14 06:06", Classification: "CONFIDENTIAL", Origin: "Embassy Bern",
				Articles: []string{"http://www.letemps.ch/swiss_papers", "http://www.spiegel.de"}},
			line: tableLine, textLine: tableLine + 33,
		},
		{
			name: "body only", in: page(table, htmlBody), text: textBody,
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:07", Released: "2011-03-14 06:06", Classification: "CONFIDENTIAL", Origin: "Embassy Bern"},
			line: tableLine, textLine: tableLine + 26,
		},
		{
			name: "partial extract notice", in: page(table, "This record is a partial extract of the original cable.", htmlBody),
			text: "This record is a partial extract of the original cable.\n\n" + textBody,
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:07", Released: "2011-03-14 06:06", Classification: "CONFIDENTIAL", Origin: "Embassy Bern"},
			line: tableLine, textLine: tableLine + 27,
		},
		{
			name: "tab-separated dump", in: page(table, htmlHeader, dumpBody),
			text: htmlHeader + "\n\n" + strings.ReplaceAll(textBody, "\n", " \n") + " ",
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:07", Released: "2011-03-14 06:06", Classification: "CONFIDENTIAL", Origin: "Embassy Bern",
				References: []string{"07STATE1", "07BERN200"}},
			line: tableLine, textLine: tableLine + 27,
		},
		{
			name: "dump without a table", in: page("", dumpBody),
			text: htmlHeader + "\n\n" + strings.ReplaceAll(textBody, "\n", " \n") + " ",
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:49:00", Classification: "CONFIDENTIAL", Origin: "Embassy Bern",
				References: []string{"07STATE1", "07BERN200"}},
			line: 1, textLine: tableLine,
		},
		{
			name: "pre without a table", in: page("", "BODY &amp; MORE"), text: "BODY & MORE",
			line: 1, textLine: tableLine,
		},
		{
			name: "upper case, double quotes, no end tags",
			in: "<HTML><BODY>\n<TABLE CLASS=\"data cable\"><TR><TH>Origin<TH>Reference ID\n<TR><TD>Embassy Bern<TD>07BERN258\n</TABLE>\n" +
				"<PRE>\nFIRST LINE\nSECOND</PRE><pre>BODY</PRE>",
			text: "FIRST LINE\nSECOND\n\nBODY",
			meta: Meta{ID: "07BERN258", Origin: "Embassy Bern"},
			line: 2, textLine: 7,
		},
		{
			name: "table left open, body quoting a table",
			in:   "<html>\n<table class='cable'><tr><td>07BERN258</td></tr>\n<pre>A</pre><pre>B</td></tr></table></pre>",
			text: "A\n\nB",
			meta: Meta{ID: "07BERN258"},
			line: 2, textLine: 3,
		},
		{
			name: "truncated page", in: page(table, htmlHeader) + "<code><pre>BODY CUT&#x000A;OFF",
			text: htmlHeader + "\n\nBODY CUT\nOFF",
			meta: Meta{ID: "07BERN258", Created: "2007-03-16 07:07", Released: "2011-03-14 06:06", Classification: "CONFIDENTIAL", Origin: "Embassy Bern"},
			line: tableLine, textLine: tableLine + 30,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, "p.html", []byte(tt.in), FormatAuto)
			if len(got) != 1 || got[0].err != nil {
				t.Fatalf("got %d results, %v; want one record", len(got), firstErr(got))
			}
			rec := got[0].rec
			if string(rec.Text) != tt.text {
				t.Errorf("Text =\n%q\nwant\n%q", rec.Text, tt.text)
			}
			if !metaEqual(rec.Meta, tt.meta) {
				t.Errorf("Meta = %+v\nwant   %+v", rec.Meta, tt.meta)
			}
			if rec.Format != FormatHTML || rec.Pos != (Pos{"p.html", tt.line}) || rec.TextLine != tt.textLine {
				t.Errorf("Format, Pos, TextLine = %q %v %d; want html, line %d, %d", rec.Format, rec.Pos, rec.TextLine, tt.line, tt.textLine)
			}
		})
	}
}

func metaEqual(a, b Meta) bool {
	return a.ID == b.ID && a.Created == b.Created && a.Released == b.Released && a.Classification == b.Classification &&
		a.Origin == b.Origin && a.Row == b.Row && slices.Equal(a.References, b.References) && slices.Equal(a.Articles, b.Articles)
}

func TestReadHTMLRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  error
		msg  string
		line int
	}{
		{"empty", "", ErrEmpty, "empty input", 1},
		{"white space", " \n\t\n", ErrEmpty, "empty input", 1},
		{"no cable", "<html><body><p>Hello</p></body></html>", ErrNotCable, "not a cable (an HTML page with no cable table and no <pre> text)", 1},
		{"table but no pre", page(cableTable("07BERN258", "2007-03-16 07:07", "CONFIDENTIAL", "Embassy Bern")), ErrNoCable, "a cable table but no <pre> text", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, "p.html", []byte(tt.in), FormatHTML)
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1", len(got))
			}
			var re *RecordError
			if err := got[0].err; !errors.As(err, &re) || !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %v, want a RecordError %v with %q", err, tt.err, tt.msg)
			}
			want := fmt.Sprintf("p.html:%d: ", tt.line)
			if !strings.HasPrefix(got[0].err.Error(), want) || got[0].rec.Pos != re.Pos {
				t.Errorf("error %q at %v, want it to start %q", got[0].err, got[0].rec.Pos, want)
			}
		})
	}
}

// TestPreText covers what a <pre> may hold: the generator's markup, which
// goes, and the cable's own bytes, which stay even when they look like
// markup.
func TestPreText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"LINE&#x000A;NEXT&#xA;&#10;", "LINE\nNEXT\n\n"},
		{"TAGS: <a href='/tag/PREL_0.html'>PREL</a>, <a href=\"/tag/X_0.html\">X</a>", "TAGS: PREL, X"},
		{"<a id='par1' href='#par1'>¶</a>1. TEXT", "¶1. TEXT"},
		{"&amp; &lt;&gt; &quot;&#39; &eacute; &#233; &#xE9;", `& <> "' é é é`},
		{"R&D, AT&T, H & L, &make, &Nicho8", "R&D, AT&T, H & L, &make, &Nicho8"},
		{"&amp without semicolon, &notit; &semi;", "&amp without semicolon, &notit; ;"},
		{"&#150; is a dash in 1252; &#0; &#xD800; &#x110000;", "\u2013 is a dash in 1252; \ufffd \ufffd \ufffd"},
		{"<<142612>> and 5 < 6 > 4 and <SIC> and a <", "<<142612>> and 5 < 6 > 4 and <SIC> and a <"},
		{"SIPDIS <br>&#x000A;SMITH <br>&#x000A;</td></tr>&#x000A;</table>", "SIPDIS \nSMITH \n\n"},
		{"<b>BOLD</B> <!-- comment --> <FONT face='a>b'>x</font>", "BOLD  x"},
		{"invalid \xff\xfe bytes \x96 kept", "invalid \xff\xfe bytes \x96 kept"},
		{"<a href='unterminated", "<a href='unterminated"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(preText(nil, []byte(tt.in))); got != tt.want {
				t.Errorf("preText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitDump(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
		want     dump
	}{
		{"dump", "2009-08-24 05:53:00\t09BERN351\tEmbassy Bern\tSECRET//NOFORN\t\tVZCZC\\\nFM X\tS E C R E T\\\n\\\nBEYER \\", true,
			dump{"2009-08-24 05:53:00", "09BERN351", "Embassy Bern", "SECRET//NOFORN", nil, []byte("VZCZC\nFM X"), []byte("S E C R E T\n\nBEYER ")}},
		{"tab in the body", "2009-08-24 05:53\tID\tO\tC\tR1,R2\tH\tB1\tB2", true,
			dump{"2009-08-24 05:53", "ID", "O", "C", []string{"R1", "R2"}, []byte("H"), []byte("B1\tB2")}},
		{"a cable", "UNCLAS SAO PAULO 000487\n\nSTATE\tINR", false, dump{}},
		{"too few fields", "2009-08-24 05:53:00\tID\tO\tC", false, dump{}},
		{"date only", "2009-08-24 05:53 MEETING\ta\tb\tc\td\te\tf", false, dump{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := splitDump([]byte(tt.in))
			if ok != tt.ok || fmt.Sprintf("%q", d) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("splitDump = %q, %v\nwant %q, %v", d, ok, tt.want, tt.ok)
			}
		})
	}
}
