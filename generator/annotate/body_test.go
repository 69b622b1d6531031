package annotate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestBody(t *testing.T) {
	paras := func(ps ...cable.Paragraph) *cable.Cable { return &cable.Cable{Paragraphs: ps} }
	tests := []struct {
		name string
		c    *cable.Cable // nil: an empty cable
		text string
		want string
	}{
		{"reflow", nil,
			"THE FIRST LINE OF A\nPARAGRAPH ENDS HERE.\n\nSECOND PARAGRAPH.",
			"THE FIRST LINE OF A PARAGRAPH ENDS HERE.\n\nSECOND PARAGRAPH.\n"},
		{"hyphen dropped when the cable writes the word", nil,
			"THE ZONE OF PREFERENTIAL JURIS-\nDICTION IS WIDE, AND THE JURISDICTION GROWS.",
			"THE ZONE OF PREFERENTIAL JURISDICTION IS WIDE, AND THE JURISDICTION GROWS.\n"},
		{"hyphen kept otherwise", nil,
			"THE DRAFT-\nLAW UNDER CONSIDERATION.",
			"THE DRAFT-LAW UNDER CONSIDERATION.\n"},
		{"hyphen kept in lower case", nil,
			"Kosovo is ready to self-\ngovern.",
			"Kosovo is ready to self-govern.\n"},
		{"trailing space after the hyphen", nil,
			"JURIS- \nDICTION AND JURISDICTION",
			"JURISDICTION AND JURISDICTION\n"},
		{"a dash is not a hyphen", nil,
			"ONE --\nTWO",
			"ONE -- TWO\n"},
		{"numbered paragraphs from the parser", paras(cable.Paragraph{N: 1, Marking: "C"}, cable.Paragraph{N: 6, Marking: "S//NF"}, cable.Paragraph{N: 7}),
			"1. (C) THE FIRST\nPARAGRAPH.\n\n16. (S//NF) THE SIXTH, ITS PILCROW READ AS A 1.\n\n¶7. THE SEVENTH.",
			"¶1. (C) THE FIRST PARAGRAPH.\n\n¶6. (S//NF) THE SIXTH, ITS PILCROW READ AS A 1.\n\n¶7. THE SEVENTH.\n"},
		{"marking as written", paras(cable.Paragraph{N: 2, Marking: "sbu"}),
			"2.(sbu) Lower case.",
			"¶2. (sbu) Lower case.\n"},
		{"a parenthesis that is not the marking", paras(cable.Paragraph{N: 1}),
			"1. (NOTE: SEE BELOW) TEXT.",
			"¶1. (NOTE: SEE BELOW) TEXT.\n"},
		{"numbers that are not the next paragraph", paras(cable.Paragraph{N: 1, Marking: "U"}, cable.Paragraph{N: 2, Marking: "U"}),
			"¶1. (U) DEADLINE IS SEPTEMBER\n12. THE TALKS GO ON.\n\n5. NOT A PARAGRAPH.\n\n¶2. (U) END.",
			"¶1. (U) DEADLINE IS SEPTEMBER 12. THE TALKS GO ON.\n\n5\\. NOT A PARAGRAPH.\n\n¶2. (U) END.\n"},
		{"pilcrows without parsed paragraphs", nil,
			"¶1. (U) ONE.\n\n¶2. TWO.\n\n3. THREE.",
			"¶1. (U) ONE.\n\n¶2. TWO.\n\n3\\. THREE.\n"},
		{"underlined heading", nil,
			"-------\nSummary\n-------\n\nTEXT.",
			"## Summary\n\nTEXT.\n"},
		{"ruled heading", nil,
			"------- SUMMARY -------\nTEXT.",
			"## SUMMARY\n\nTEXT.\n"},
		{"underline on the heading's line", nil,
			"TEXT.\n\nGOVERNING COALITION SHOWS FRAYED EDGES --------------------\n\nMORE TEXT -- AND A DASH --",
			"TEXT.\n\n## GOVERNING COALITION SHOWS FRAYED EDGES\n\nMORE TEXT -- AND A DASH --\n"},
		{"a pilcrow inside a line", paras(cable.Paragraph{N: 12}, cable.Paragraph{N: 13, Marking: "C"}),
			"¶12. TEXT.\n\nLooking forward to the presidency ¶13. (C) According to him, ¶14. is next.",
			"¶12. TEXT.\n\nLooking forward to the presidency\n\n¶13. (C) According to him, ¶14. is next.\n"},
		{"rules with spaces and periods", nil,
			"CONGRESS CALLED INTO SPECIAL SESSION: PLENARY REMAINS EMPTY --------------------------------------------- --------------\n\nFIRST THE REVENGE ----------------- .\n\nA SENTENCE ENDING IN A DASH -- .",
			"## CONGRESS CALLED INTO SPECIAL SESSION: PLENARY REMAINS EMPTY\n\n## FIRST THE REVENGE\n\nA SENTENCE ENDING IN A DASH -- .\n"},
		{"headings that lost their line breaks", paras(cable.Paragraph{N: 2, Marking: "C"}),
			"---------- Schwarzenberg Advocating a Strong Message ---------- 2. (C) Czech Foreign Minister.\n\n" +
				"--------------------------------------------- --------- Bilateral Side Meetings: EU Advice --------------------------------------------- ---------\n\n" +
				"Missing U.S. Voice Needed --------------------------------------------- --------\n\n--- ---\n\n-- - not a rule",
			"## Schwarzenberg Advocating a Strong Message\n\n¶2. (C) Czech Foreign Minister.\n\n## Bilateral Side Meetings: EU Advice\n\n## Missing U.S. Voice Needed\n\n- \\- not a rule\n"},
		{"no space after the number", paras(cable.Paragraph{N: 1}, cable.Paragraph{N: 2}),
			"1.The first.\n\n2.The second, then 1.4 (b).",
			"¶1. The first.\n\n¶2. The second, then 1.4 (b).\n"},
		{"the repeated header of a later section", nil,
			"THE ECONOMIC DECLINE IS SO STEEP THAT IF IT WAITS THAT LONG,\n CONFIDENTIAL\n CONFIDENTIAL PTQ1865\nPAGE 01 HARARE 06677 02 OF 03 291401Z ACTION AF-00\nINFO LOG-00 NP-00\n------------------A54E56 291401Z /38\nC O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677\nE.O. 12958: DECL: 11/29/10 TAGS: PGOV\nPAGE 02 HARARE 06677 02 OF 03 291401Z OPPOSITION LEADER\nTHERE WILL BE NOTHING TO VOTE FOR.",
			"THE ECONOMIC DECLINE IS SO STEEP THAT IF IT WAITS THAT LONG, OPPOSITION LEADER THERE WILL BE NOTHING TO VOTE FOR.\n"},
		{"a title over a pilcrow", paras(cable.Paragraph{N: 1, Marking: "C"}),
			"Summary\n¶1. (C) Finnish President.",
			"Summary\n\n¶1. (C) Finnish President.\n"},
		{"a long line continued in lower case", nil,
			"Short line.\nReported Finnish Embassy [TEXT REMOVED BY AFTENPOSTEN]. Ambassador Tom Gronberg of Finland, which\ncurrently holds the Presidency.",
			"Short line.\n\nReported Finnish Embassy \\[TEXT REMOVED BY AFTENPOSTEN\\]. Ambassador Tom Gronberg of Finland, which currently holds the Presidency.\n"},
		{"setext heading", nil,
			"Comment\n-------\n\nTEXT.",
			"## Comment\n\nTEXT.\n"},
		{"a box is not a heading", nil,
			"--------- ----\nCopy from the National Archives\nFile: POL 33-4 ARG\n--------- ----\n\nTEXT.",
			"Copy from the National Archives File: POL 33-4 ARG\n\nTEXT.\n"},
		{"dash items", nil,
			"POINTS:\n\n-- ONE POINT\nCONTINUED.\n\n-- TWO.\n--THREE.\n\nAFTER.",
			"POINTS:\n\n- ONE POINT CONTINUED.\n- TWO.\n- THREE.\n\nAFTER.\n"},
		{"items without blank lines", nil,
			"A LIST:\n- first item\n- second item\nThe end.",
			"A LIST:\n\n- first item\n- second item The end.\n"},
		{"an item starting with a number", nil,
			"-- 1. FIRST",
			"- 1\\. FIRST\n"},
		{"lettered items", nil,
			"WE ASK:\nA. FIRST THING.\nB. SECOND THING.\n(C) THIRD.",
			"WE ASK:\n\nA. FIRST THING.\n\nB. SECOND THING.\n\n(C) THIRD.\n"},
		{"redactions", nil,
			"MET XXXXXXXXXXXX AND xxxxx BUT NOT XXXX, XXXXXXS OR AXXXXXX.",
			"MET [XXXXXXXXXXXX][redacted] AND [xxxxx][redacted] BUT NOT XXXX, XXXXXXS OR AXXXXXX.\n\n[redacted]: #redacted\n"},
		{"comma apostrophe", nil,
			"KOSOVO,S AND BUSH,S, PRISTINA,S. NOT 1,S NOR A,SB NOR Bush,s",
			"KOSOVO'S AND BUSH'S, PRISTINA'S. NOT 1,S NOR A,SB NOR Bush,s\n"},
		{"section lines and SIPDIS dropped", nil,
			"TEXT ONE.\n\nSIPDIS\n\nSTATE 00126086 002 OF 002\n\nTEXT TWO.\nC O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677\n\nTEXT THREE.\nVLADIVOSTO 00000005 001.2 OF 003",
			"TEXT ONE.\n\nTEXT TWO.\n\nTEXT THREE.\n"},
		{"a sentence broken by a page", nil,
			"WE HAVE THE STRONG IMPRESSION THAT MANY KOSOVO SERB\nLEADERS WANT TO CONTEST THESE ELECTIONS, BUT ARE HELD\n\nSTATE 00126086 002 OF 002\n\nBACK BY ADMONITIONS FROM BELGRADE.",
			"WE HAVE THE STRONG IMPRESSION THAT MANY KOSOVO SERB LEADERS WANT TO CONTEST THESE ELECTIONS, BUT ARE HELD BACK BY ADMONITIONS FROM BELGRADE.\n"},
		{"page breaks of an old cable", nil,
			"DEPUTY FOREIGN MINISTER MIGLIORE CALLED IN CHARGE\nCONFIDENTIAL\n\nPAGE 02 VATICA 01261 061419Z\nTO PRESENT A PRO MEMORIA.\n\nPAGE 03 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADERS\nMET.",
			"DEPUTY FOREIGN MINISTER MIGLIORE CALLED IN CHARGE TO PRESENT A PRO MEMORIA.\n\nOPPOSITION LEADERS MET.\n"},
		{"a page header run into its classification", nil,
			"THE DEPUTY FOREIGN MINISTER CALLED IN THE AMBASSADOR AND THE\nSECRET\n\nSECRET PAGE 02 LIMA 02475 01 OF 02 121234Z\nCHARGE TO PROTEST.",
			"THE DEPUTY FOREIGN MINISTER CALLED IN THE AMBASSADOR AND THE CHARGE TO PROTEST.\n"},
		{"continuation lines inside a line", &cable.Cable{ID: "06MOSCOW9482"},
			"THEY HAVE VIRTUALLY ELIMINATED THE \"DRUZHBA MOSCOW 00009482 002 OF 003 DISCOUNT.\" MOSCOW 00009482 003 OF 003",
			"THEY HAVE VIRTUALLY ELIMINATED THE \"DRUZHBA DISCOUNT.\"\n"},
		{"continuation lines in lower case", &cable.Cable{ID: "09VLADIVOSTOK5"},
			"Russian logging companies are illegally harvesting\nVladivosto 00000005 002.2 of 003\nand exporting timber. Prices fell Vladivosto 00000005 003.2 of 003 over the border.",
			"Russian logging companies are illegally harvesting and exporting timber. Prices fell over the border.\n"},
		{"not another cable's number", &cable.Cable{ID: "06MOSCOW9482"},
			"THE FIGURES ARE MOSCOW 00001234 002 OF 003 AS REPORTED.",
			"THE FIGURES ARE MOSCOW 00001234 002 OF 003 AS REPORTED.\n"},
		{"a heading of two lines", nil,
			"TEXT.\n\nNO PROSECUTOR GENERAL FOR MONTHS, MINISTER OF\nINTERIOR & JUSTICE RESIGNATION MAY BE ONLY SOLUTION --------------------------------------------- -----\nMORE TEXT.",
			"TEXT.\n\n## NO PROSECUTOR GENERAL FOR MONTHS, MINISTER OF INTERIOR \\& JUSTICE RESIGNATION MAY BE ONLY SOLUTION\n\nMORE TEXT.\n"},
		{"a name over a title, underlined", paras(cable.Paragraph{N: 17, Marking: "SBU/NF"}),
			"HE WAS SHORTLISTED.\n\nEid Fayez\nMinister of Interior\n--------------------\n\n¶17. (SBU/NF) An East Banker.",
			"HE WAS SHORTLISTED.\n\n## Eid Fayez Minister of Interior\n\n¶17. (SBU/NF) An East Banker.\n"},
		{"underlined, the paragraph right after", paras(cable.Paragraph{N: 3, Marking: "U"}, cable.Paragraph{N: 4, Marking: "U"}),
			"¶3. (U) The President spoke.\nElections Were Democratic\n--------------------------\n¶4. (U) The President asserted.",
			"¶3. (U) The President spoke.\n\n## Elections Were Democratic\n\n¶4. (U) The President asserted.\n"},
		{"a blank line between the heading and its rule", paras(cable.Paragraph{N: 1, Marking: "S/NF"}),
			"SUMMARY\n\n-------\n\n¶1. (S/NF) The gist.",
			"## SUMMARY\n\n¶1. (S/NF) The gist.\n"},
		{"two lines between rules", nil,
			"---------------------------------\nConcerns with Lack of Progress on\nPossible Military Dimensions\n---------------------------------\n\nTEXT.",
			"## Concerns with Lack of Progress on Possible Military Dimensions\n\nTEXT.\n"},
		{"a continuation line inside the frame", &cable.Cable{ID: "09ABUJA1907"},
			"TEXT.\n-------\nCOMMENT\nABUJA 00001907 004 OF 004\n-------\nMORE TEXT.",
			"TEXT.\n\n## COMMENT\n\nMORE TEXT.\n"},
		{"a link in a box is not a heading", nil,
			"Visit our site:\nhttp://www.example.sgov.gov/wiki/Portal\n*****************************************\n\nTEXT.",
			"Visit our site: http://www.example.sgov.gov/wiki/Portal\n\nTEXT.\n"},
		{"a sentence over a rule is not a heading", nil,
			"THE TALKS WILL GO ON.\nEnd Comment.\n----------\n\nTEXT.",
			"THE TALKS WILL GO ON. End Comment.\n\nTEXT.\n"},
		{"sentences broken by blank lines in unwrapped text", nil,
			"Ambassador Tom Gronberg of Finland, which holds the Presidency this term, and whose delegation led the talks, which\n\ncurrently holds the Presidency. According to the Finnish ambassador,\n\nDG Wu said so.\n\nA heading\n\nThe text.",
			"Ambassador Tom Gronberg of Finland, which holds the Presidency this term, and whose delegation led the talks, which currently holds the Presidency. According to the Finnish ambassador, DG Wu said so.\n\nA heading\n\nThe text.\n"},
		{"a short line ending a sentence", nil,
			"THE FIRST LINE OF A PARAGRAPH, WRAPPED AT SIXTY CHARACTERS\nAS TELETYPES WERE, AND THEN THE PARAGRAPH GOES ON FOR A\nWHILE, ENDS HERE.\nSTATUS: DONE.",
			"THE FIRST LINE OF A PARAGRAPH, WRAPPED AT SIXTY CHARACTERS AS TELETYPES WERE, AND THEN THE PARAGRAPH GOES ON FOR A WHILE, ENDS HERE.\n\nSTATUS: DONE.\n"},
		{"unwrapped lines", nil,
			"Proposal 2. Kostunica, along with Interior Minister Jocic, issues PUBLIC instructions to all security units throughout Serbia.\nStatus: This has not been done and is not currently planned.",
			"Proposal 2. Kostunica, along with Interior Minister Jocic, issues PUBLIC instructions to all security units throughout Serbia.\n\nStatus: This has not been done and is not currently planned.\n"},
		{"signature", &cable.Cable{Signers: []string{"RICE"}},
			"POINT OF CONTACT: DAVID SCHROEDER (202-647-0310).\nRICE",
			"POINT OF CONTACT: DAVID SCHROEDER (202-647-0310).\n\nRICE\n"},
		{"signature run into the last line", &cable.Cable{Signers: []string{"DELL"}},
			"THE TALKS WENT ON. DELL",
			"THE TALKS WENT ON.\n\nDELL\n"},
		{"references listed and linked", &cable.Cable{References: []cable.Reference{
			{ID: "07TBILISI1605", Text: "A. TBILISI 1605"}, {ID: "06TBILISI2601", Text: "B. 06 TBILISI 2601"}, {Text: "C. EMAIL [X]"}, {ID: "07STATE126086", Text: "D. STATE 126086"}}},
			"AS REF A SAID, AND 06 TBILISI 2601 AND TBILISI 1605 AND REFTEL B, NOT 05 TBILISI 2601 NOR TBILISI 16050. STATE 00126086 (REF D).",
			"References:\n\n- [A. TBILISI 1605](cable:07TBILISI1605)\n- [B. 06 TBILISI 2601](cable:06TBILISI2601)\n- C. EMAIL \\[X\\]\n- [D. STATE 126086](cable:07STATE126086)\n\n" +
				"AS [REF A](cable:07TBILISI1605) SAID, AND [06 TBILISI 2601](cable:06TBILISI2601) AND [TBILISI 1605](cable:07TBILISI1605) AND [REFTEL B](cable:06TBILISI2601), NOT 05 TBILISI 2601 NOR TBILISI 16050. [STATE 00126086](cable:07STATE126086) ([REF D](cable:07STATE126086)).\n"},
		{"references lettered by place, in any case", &cable.Cable{References: []cable.Reference{
			{Text: "EMAIL FROM WHA/AND"}, {ID: "06LAPAZ3311", Text: "LA PAZ 3311"}, {ID: "06LAPAZ3312", Text: "LA PAZ 3312"}}},
			"Per ref B and reftel (c), not ref A.",
			"References:\n\n- EMAIL FROM WHA/AND\n- [LA PAZ 3311](cable:06LAPAZ3311)\n- [LA PAZ 3312](cable:06LAPAZ3312)\n\n" +
				"Per [ref B](cable:06LAPAZ3311) and [reftel (c)](cable:06LAPAZ3312), not ref A.\n"},
		{"reftel alone", &cable.Cable{References: []cable.Reference{{ID: "07TBILISI1605", Text: "TBILISI 1605"}}},
			"AS REFTEL SAID.",
			"References:\n\n- [TBILISI 1605](cable:07TBILISI1605)\n\nAS [REFTEL](cable:07TBILISI1605) SAID.\n"},
		{"hostile text", nil,
			"<img src=x onerror=alert(1)> [a](javascript:alert(1)) {{< x >}} **bold** _it_ `code` \\ &amp; ~~s~~ | t | !x\n\n# not a heading\n\n+ plus\n\n> quote\n\n= eq\n\n: def\n\n1) one\n\n~~~\n\n- [ ] task",
			"\\<img src=x onerror=alert(1)\\> \\[a\\](javascript:alert(1)) \\{\\{\\< x \\>\\}\\} \\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\\\ \\&amp; \\~\\~s\\~\\~ \\| t \\| \\!x\n\n" +
				"\\# not a heading\n\n\\+ plus\n\n\\> quote\n\n\\= eq\n\n\\: def\n\n1\\) one\n\n\\~\\~\\~\n\n- \\[ \\] task\n"},
		{"control characters", nil,
			"A\tB\x00C\r\nD\rE\x1b\xffF",
			"A B\uFFFDC D E\uFFFDÿF\n"},
		{"body start from the subject", nil,
			"VZCZC\nFM X\n\nSECRET\n\nSUBJECT: A SUBJECT\nON TWO LINES\n\nREF: A. B\n\nClassified By: ME\n\n1. BODY.",
			"1\\. BODY.\n"},
		{"body start from the routing header", nil,
			"VZCZCXRO1609\nFM SECSTATE WASHDC\n\nTAGS: PGOV\n\nBODY.",
			"BODY.\n"},
		{"empty", nil, "", ""},
		{"blank", nil, "\n \n\t\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			if c == nil {
				c = &cable.Cable{}
			}
			got := string(appendBody(nil, c, []byte(tt.text)))
			if got != tt.want {
				t.Errorf("body of %q:\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestBodyStart(t *testing.T) {
	text := []byte("HEADER\nSUBJECT: X\n\nBODY ONE.\n")
	c := &cable.Cable{BodyStart: len("HEADER\nSUBJECT: X\n\nBODY ")}
	if got := string(appendBody(nil, c, text)); got != "ONE.\n" {
		t.Errorf("with BodyStart: %q", got)
	}
	c.BodyStart = 1000
	if got := string(appendBody(nil, c, text)); got != "" {
		t.Errorf("with BodyStart past the end: %q", got)
	}
}

// TestRendersAsText renders hostile bodies with goldmark, as the site
// build and Hugo do, and checks that the text shows as text.
func TestRendersAsText(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Table, extension.Strikethrough, extension.Linkify))
	tests := []struct {
		text    string
		want    string // in the HTML
		notWant []string
	}{
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", []string{"<img"}},
		{"[a](javascript:alert(1))", "[a](javascript:alert(1))", []string{"<a"}},
		{"{{< x >}} {{% y %}}", "{{&lt; x &gt;}} {{% y %}}", nil},
		{"**bold** __b__ *i* _i_", "**bold** __b__ *i* _i_", []string{"<strong>", "<em>"}},
		{"# not a heading", "# not a heading", []string{"<h1"}},
		{"--- ", "", []string{"<hr"}},
		{"1. one", "1. one", []string{"<ol"}},
		{"- [ ] task", "[ ] task", []string{"<input"}},
		{"| a | b |\n|---|---|\n| c | d |", "| a | b |", []string{"<table"}},
		{"~~gone~~", "~~gone~~", []string{"<del"}},
		{"`code`", "`code`", []string{"<code"}},
		{"&amp; &#60; &lt;", "&amp;amp; &amp;#60; &amp;lt;", nil},
		{"<!-- comment -->", "&lt;!-- comment --&gt;", []string{"<!--"}},
		{"<https://example.com>", "&lt;", nil},
		{"a\\\nb", "a\\ b", []string{"<br"}},
		{"ends with a backslash \\", "backslash \\", nil},
		{"text\n===", "text", []string{"<h1"}},
		{"[x]: https://evil.example\n\n[x]", "<p>[x]</p>", []string{">[x]</a>"}},
		{"![img](x.png)", "![img](x.png)", []string{"<img"}},
		{"    indented code", "indented code", []string{"<pre"}},
		{"```\nfence\n```", "```", []string{"<pre"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			body := appendBody(nil, &cable.Cable{}, []byte(tt.text))
			var out bytes.Buffer
			if err := md.Convert(body, &out); err != nil {
				t.Fatal(err)
			}
			html := out.String()
			if !strings.Contains(html, tt.want) {
				t.Errorf("body %q renders as %q, want it to contain %q", body, html, tt.want)
			}
			for _, n := range tt.notWant {
				if strings.Contains(html, n) {
					t.Errorf("body %q renders as %q, which contains %q", body, html, n)
				}
			}
		})
	}
}

// TestRendersStructure checks that what the body marks up renders as
// such: headings, lists, numbered paragraphs, links, redactions.
func TestRendersStructure(t *testing.T) {
	c := &cable.Cable{Paragraphs: []cable.Paragraph{{N: 1, Marking: "C"}}, References: []cable.Reference{{ID: "07TBILISI1605", Text: "A. TBILISI 1605"}}}
	text := "------- SUMMARY -------\n\n1. (C) PER REF A, XXXXXXXXXXXX SAID:\n\n-- ONE.\n\n-- TWO."
	body := appendBody(nil, c, []byte(text))
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(body, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<h2>SUMMARY</h2>",
		"<p>¶1. (C) PER <a href=\"cable:07TBILISI1605\">REF A</a>, <a href=\"#redacted\">XXXXXXXXXXXX</a> SAID:</p>",
		"<ul>\n<li>ONE.</li>\n<li>TWO.</li>\n</ul>",
		"<li><a href=\"cable:07TBILISI1605\">A. TBILISI 1605</a></li>",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("body\n%s\nrenders as\n%s\nwithout %s", body, out.String(), want)
		}
	}
}
