package search

import (
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"escapes", `THE \<B\> TAG \& 5\. ITEMS \[TEXT REMOVED\]`, "THE <B> TAG & 5. ITEMS [TEXT REMOVED]"},
		{"paragraph annotation", "¶1. (C) THIS IS A TEST.\n¶12. (S//NF) MORE.", "THIS IS A TEST.\nMORE."},
		{"annotation without marking", "¶3. PLAIN", "PLAIN"},
		// Markings the page shows apart, as the renderer reads them.
		{"marking with spaces", "¶1. (C - ENTIRE TEXT) THE TEXT.\n¶2. (C/ REL ISAF) MORE.", "THE TEXT.\nMORE."},
		{"escaped marking", `¶4\. \(S//NF\) HIDDEN`, "HIDDEN"},
		{"a phrase, not a marking", "¶5. (IN THE VIEW OF THE EMBASSY AND ITS STAFF) TEXT", "(IN THE VIEW OF THE EMBASSY AND ITS STAFF) TEXT"},
		{"a list letter, not a marking", "¶6. (A) FIRST", "(A) FIRST"},
		// Raw HTML and entities, written by hand: as the page shows them.
		{"raw HTML", "¶7. (C) A <b>BOLD</b> WORD <script>alert(1)</script>", "A BOLD WORD alert(1)"},
		{"entities", "FISH &amp; CHIPS &copy; &#65;", "FISH & CHIPS © A"},
		{"escaped, not rendered", `\<b\> \&amp;`, "<b> &amp;"},
		{"links", "SEE [REF A](cable:07TBILISI1605) AND [XXXXXXXXXXXX][redacted] SAID", "SEE REF A AND XXXXXXXXXXXX SAID"},
		{"link definition", "TEXT\n\n[redacted]: #redacted", "TEXT\n"},
		{"heading and list", "## SUMMARY\n\n- FIRST ITEM\n- SECOND", "SUMMARY\n\nFIRST ITEM\nSECOND"},
		{"hostile", `\<img src=x onerror=alert(1)\>`, "<img src=x onerror=alert(1)>"},
		{"pilcrow in text", "A ¶ SIGN", "A ¶ SIGN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := PlainText(tc.in); got != tc.want {
				t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestFromDocument goes through annotate: a cable written as annotated
// markdown and read back becomes a Doc whose text has no markdown left.
func TestFromDocument(t *testing.T) {
	text := "UNCLAS SECTION 01 OF 01 STATE 126086\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL, KV\nSUBJECT: KOSOVO,S FUTURE\n\nREF: A. TBILISI 1605\n\n1. (U) THE U.S. POSITION ON KOSOVO,S *STATUS* IS <CLEAR>.\n\n2. (U) SECOND PARAGRAPH.\n\nRICE\n"
	c := &cable.Cable{ID: "07STATE126086", Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC), Origin: "Secretary of State",
		Classification: "UNCLASSIFIED", Tags: []string{"PREL", "KV"}, Subject: "KOSOVO,S FUTURE",
		References: []cable.Reference{{ID: "07TBILISI1605", Text: "A. TBILISI 1605"}},
		Paragraphs: []cable.Paragraph{{N: 1, Marking: "U"}, {N: 2, Marking: "U"}}}
	c.BodyStart = strings.Index(text, "1. (U)")
	md, err := annotate.Append(nil, c, cable.Record{Text: []byte(text), Format: cable.FormatText})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := annotate.Read("x.md", md)
	if err != nil {
		t.Fatal(err)
	}
	d := FromDocument(doc)
	if d.ID != "07STATE126086" || d.URL != "cable/2007/09/07STATE126086.html" || d.Origin != "Secretary of State" {
		t.Errorf("fields: %+v", d)
	}
	for _, bad := range []string{`\`, "](", "¶", "[redacted]"} {
		if strings.Contains(d.Body, bad) {
			t.Errorf("body keeps markdown %q: %q", bad, d.Body)
		}
	}
	if !strings.Contains(d.Body, "<CLEAR>") || !strings.Contains(d.Body, "TBILISI 1605") {
		t.Errorf("body lost text: %q", d.Body)
	}
	if strings.HasPrefix(d.Excerpt, "References") || !strings.HasPrefix(d.Excerpt, "THE U.S. POSITION") {
		t.Errorf("excerpt %q", d.Excerpt)
	}
	var tok Tokenizer
	if terms := tok.Terms(d.Body); !strings.Contains(strings.Join(terms, " "), "us position on kosovo status") {
		t.Errorf("terms %q", terms)
	}

	// The editor's notes are searched with the text, after it.
	doc.Notes = []byte("An **editor's** note on [the cable](cable:07TBILISI1605): Mitrovica.\n")
	d = FromDocument(doc)
	if !strings.HasSuffix(d.Body, "\n\nAn editor's note on the cable: Mitrovica.") {
		t.Errorf("body with notes: %q", d.Body)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{`\<b\> [x](cable:1) [y][redacted]`, "¶1. (C) A\n## B\n- C", "[", `\`, "¶", "¶9.", "](", "[a]: b",
		"¶1. (C - ENTIRE TEXT) A", `¶2\. \(S//NF\) B`, "¶123456789. (ABCDEFGHIJKLMNOPQRSTUVWXYZ) C",
		"A <b>B</b> &amp; C", "- &\n- <i>x</i>\n\n| a | b |\n|---|---|\n| &lt; | > |"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		out := PlainText(md)
		// Read as annotate writes, the text only loses markup; rendered,
		// a NUL may become U+FFFD, as on the page.
		if max := len(md); len(out) > max && (!needsRendering(md) || len(out) > 3*max) {
			t.Fatalf("PlainText grew %q to %q", md, out)
		}
	})
}
