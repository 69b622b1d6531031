// Package cable reads diplomatic cables: the raw telegram text, the
// Cablegate HTML pages and the 2011 cables.csv dump become Records
// (Records, Detect), and a Record becomes a Cable, every field the text
// and its source's metadata give (Parse). Station names and origins are
// the places' business (Station, OriginName, CanonicalID).
//
// This comment is the specification of the cable format as Parse reads it.
// It describes what the 251,287 cables of Cablegate look like, the forms
// seen in the real corpus, and which rule Parse follows where they vary.
// Parse never fails: what it cannot read it leaves empty and explains in
// Cable.Warnings, in words.
//
// # A cable
//
// A cable is a routing header, a blank line, then the body: the
// classification line, handling markings, the header fields (E.O., TAGS,
// SUBJECT, REF, Classified By), numbered paragraphs, the signature.
//
//	VZCZCXRO1609
//	OO RUEHDBU RUEHFL RUEHKW RUEHLA RUEHROV RUEHSR
//	DE RUEHC #6086/01 2502200
//	ZNY CCCCC ZZH
//	O R 072147Z SEP 07
//	FM SECSTATE WASHDC
//	TO RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 1049
//	RUEHPS/USOFFICE PRISTINA IMMEDIATE 3086
//	INFO EUROPEAN POLITICAL COLLECTIVE
//	RUEHNO/USMISSION USNATO 5239
//
//	C O N F I D E N T I A L SECTION 01 OF 02 STATE 126086
//
//	SIPDIS
//
//	E.O. 12958: DECL: 09/07/2017
//	TAGS: PGOV, PREL, SR, YI, KV
//	SUBJECT: REQUEST: ENCOURAGING SERBS TO VOTE IN KOSOVAR
//	ELECTIONS AND TONING DOWN BELGRADE,S RHETORIC
//
//	REF: A. STATE 106206 B. 06 BELGRADE 1681
//
//	Classified By: EUR ACTING A/S K. VOLKER. REASONS 1.4 (B), (C) AND (D)
//
//	1. (U) THIS IS AN ACTION REQUEST FOR EMBASSY BELGRADE AND
//	USOFFICE PRISTINA. SEE PARAGRAPHS 5 AND 6 FOR DETAILS.
//	...
//	STATE 00126086 002 OF 002
//	...
//	7. (U) POINT OF CONTACT: DAVID SCHROEDER (202-647-0310).
//	RICE
//
// Cable.BodyStart is the offset where the body proper begins: after the
// routing header and the header fields, at "1. (U)" above.
//
// # The routing header
//
// Its lines may come in any order, each known by its first word. The
// header may be missing (Cablegate's "partial extract" pages), may start
// after some lines of another kind (an e-mail client's banner), and some
// pages repeat it after a dump of the database row; Parse looks for it in
// the first 60 lines and reads past a second copy. Some dumps follow a copy
// of the text's first lines cut short ("...CONSULTATIO..."), then the row
// and the header, a line "----- header ends -----" and the whole text:
// the header fields are read from the whole text.
//
//	VZCZC...           the start of transmission; ignored
//	OO RUEHDBU ...     precedence letters and routing indicators; ignored
//	DE RUEHC #6086/01 2502200
//	                   the sending station's routing indicator (RUEHC),
//	                   the message serial (the last four digits of the
//	                   cable's number) and the day of year and time
//	ZNY CCCCC ZZH      the security line: CCCCC confidential, SSSSS
//	                   secret, UUUUU or EEEEE unclassified
//	O R 072147Z SEP 07 precedence letters and the date-time group: day,
//	                   hour, minute, Z (UTC), month, two-digit year;
//	                   years below 60 are 20xx (cables start in 1966)
//	FM SECSTATE WASHDC the sender, kept as written in Cable.From
//	TO ..., INFO ...   addressees, one a line; the lines after TO or INFO
//	                   continue its list until a blank line or the next
//	                   keyword
//	BT                 the end of the header, in some cables
//
// An addressee is "RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 1049": a routing
// indicator and a slash (optional), the name, a precedence (IMMEDIATE,
// PRIORITY, ROUTINE, FLASH, NIACT IMMEDIATE; optional) and a serial number,
// which is dropped. "INFO EUROPEAN POLITICAL COLLECTIVE" has a name only.
//
// Cable.Origin is the post as Cablegate names it, from the FM line and the
// DE line's routing indicator (OriginName); without an FM line, from the
// station of the id (StationOrigin).
//
// # The classification line
//
// The first line of the body names the classification, the section, the
// station and the cable's number:
//
//	C O N F I D E N T I A L SECTION 01 OF 02 STATE 126086
//	S E C R E T SECTION 01 OF 04 OTTAWA 003115
//	UNCLAS SECTION 01 OF 03 GUADALAJARA 000379
//	UNCLASSIFIED BUENOS AIRES 2481
//	SECRET//NOFORN
//	S e c r e t section 01 of 02 kinshasa 000189
//	SS E C R E T PARIS 001699               (a doubled first letter)
//	C O N F I D E N T I A L SECTION 01 OF 02 ATHENS 000057 NOFORN SIPDIS ...
//
// The classification word comes spaced or not, in any case; handling
// markings may follow it ("UNCLAS SENSITIVE", "SECRET//NOFORN") or the
// number (when the header's lines were run together into one). Then
// "SECTION nn OF nn" (Cable.Sections is the second number), the station in
// one to four words ("RIO DE JANEIRO", "AIT TAIPEI"), and the number, its
// leading zeros dropped.
//
// Each section after the first opens with a continuation line, which is
// not text and is left out of paragraphs and fields:
//
//	STATE 00126086 002 OF 002
//	GUADALAJAR 00000379  001.2 OF 004      (the station cut to ten letters)
//
// Older cables have page headers instead, often after the classification
// repeated alone on a line (or run into it: "SECRET PAGE 02 LIMA 02475 01
// OF 02 121234Z"); both are left out, the header's day serves as a clue to
// the date when nothing better is there, and its station (cut to six
// letters) and number to the id when no classification line gives them:
//
//	CONFIDENTIAL
//	PAGE 02 VATICA 01261 061419Z
//
// # The id
//
// Cable.ID is the two-digit year, the station as Cablegate spells it
// (Station: "SECSTATE" -> "STATE", "RIO DE JAN" -> "RIODEJANEIRO") and the
// number without leading zeros: 07STATE126086. The station and number come
// from the classification line, else from a continuation line, else from
// a page header, else, for a cable of 1990 or later from a post, from the
// FM line (or the DE line's post) and the DE line's serial (the last four
// digits of the number, which a post seldom passes in a year; the
// Department's numbers run to six digits, so a STATE cable gets no id this
// way); the year from the cable's date. The station is made canonical
// whatever its form: with an office word (USMISSION GENEVA,
// USOFFICE PRISTINA, AMCONSUL BARCELONA, USINT HAVANA), cut short by the
// system (GUADALAJAR, KUALA LUMP, CAPE T) or in an older or routing form
// (SECSTATE, USUN, UNVIE, NATO, USDEL SECRETARY: STATE, USUNNEWYORK,
// UNVIEVIENNA, USNATO, SECTO). Two corrections:
//
//   - A redacted station ("XXXXXXXXXXXX 000004") is taken from the FM line,
//     or, without one, from the post of the DE line's routing indicator
//     (RUEHRI: RIODEJANEIRO); with neither the cable gets no id.
//   - When the DE line's serial is not the end of the number and the FM
//     line names another station, the body under this header is another
//     cable's (some pages pair them wrongly): the id is the header's (FM
//     station, DE serial), and so is the classification (its security
//     line).
//
// A source's own id (Meta.ID) wins, canonicalised by CanonicalID; an id
// that is not a cable id ("../x") is refused with a warning, and one that
// differs from the text's is kept with a warning.
//
// # The classification
//
// Cable.Classification is one of the six Cablegate used:
//
//	UNCLASSIFIED
//	UNCLASSIFIED//FOR OFFICIAL USE ONLY
//	CONFIDENTIAL
//	CONFIDENTIAL//NOFORN
//	SECRET
//	SECRET//NOFORN
//
// The classification line's word gives the level (UNCLAS is UNCLASSIFIED;
// LIMITED OFFICIAL USE is UNCLASSIFIED//FOR OFFICIAL USE ONLY); without
// one, the header's security line does. The handling markings written
// before the SUBJECT (on lines of their own or on the classification
// line) add the caveat: NOFORN makes SECRET//NOFORN and
// CONFIDENTIAL//NOFORN; SENSITIVE (also "SENSITIVE BUT UNCLASSIFIED") makes
// UNCLASSIFIED//FOR OFFICIAL USE ONLY, as Cablegate did. Measured against
// the Cablegate pages, CONFIDENTIAL cables marked SENSITIVE are shown as
// CONFIDENTIAL//NOFORN (three in four), SECRET ones as SECRET; Parse
// follows. SENSITIVE BUT UNCLASSIFIED after the subject is a paragraph's
// note and does not count. Paragraph markings do not count either: on the
// pages, cables with an (S/NF) paragraph but no NOFORN line are shown
// without NOFORN.
//
// Cable.Handling lists the handling markings written before the subject,
// upper-cased, in order, each once: SIPDIS, NOFORN, NODIS, EXDIS, LIMDIS,
// STADIS, ROGER, NOCONTRACT, ORCON, PROPIN, SENSITIVE, EFTO.
//
// # Header fields
//
// Between the classification line and the first paragraph come lines
// addressed to offices ("STATE FOR S/WCI", "DEPT PLEASE PASS TO ...") and
// the fields, each opened by its keyword. A keyword counts at the start of
// a word anywhere in a line, with its colon, since many copies run the
// header's lines together ("E.O. 12958: N/A TAGS: ETTC MNUC KZ"), or at the
// start of a line without it ("TAGS PREL, PGOV"). A field ends at the next
// keyword, or as described below. The header ends at the first numbered
// paragraph, or at a line of prose after a blank line once a field has
// been seen.
//
// Keyed by hand, labels come typed wrong: a letter lost, added or swapped
// ("TAS:", "TAGES:", "TGS:", "AGS:", "UBJECT:", "SUBJET:", "CLASSIFED BY").
// Such a label counts at the start of a line and with its colon only (and,
// for the long SUBJECT and CLASSIFIED, also with one letter replaced), so
// that words of the text are not read as labels. Where a copy lost a line
// break, TAGS:, SUBJECT: and REF: in capitals (or capitalised: "Tags:")
// count even glued to the value before them ("E.O. 12958: N/ATAGS: PGOV", "PGOV PRELSUBJECT: ...",
// "...RHETORICREF: A. STATE 106206"). A
// label may stand alone on its line, its value on the next. "E.O. 12958"
// followed by a comma and a reason ("For reasons E.O. 12958, 1.4(b)(d)")
// cites the order in a Classified By line and is no field.
//
// Page breaks of older cables fall anywhere, inside a wrapped TAGS or
// SUBJECT line too: the page's classification, blank lines and the next
// page's header ("PAGE 02 LIMA 02475 01 OF 02 121234Z", sometimes run into
// one line with the classification, "SECRET PAGE 02 ...") are skipped and
// the field goes on after them, unless its last line ended a sentence. A
// page header inside a field's line is taken out of the value.
//
// E.O. (also EO, E.0., E.O.12958) is the executive order and the
// declassification instruction, after DECL:
//
//	E.O. 12958: DECL: 09/07/2017      declassify_text 09/07/2017, declassify 2017-09-07
//	E.O. 12958: DECL: 2019/01/15      2019-01-15
//	EO 12958 DECL: 6/30/08            2008-06-30
//	E.O. 12356:DECL:OADR              OADR
//	E.O. 12958: N/A                   N/A
//	EO 12958 DECL: CLOSURE OF ICTY    CLOSURE OF ICTY
//	E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P    as written, 1985-08-12
//
// Cable.DeclassifyText keeps what was written; Cable.Declassify is the
// first date in it as YYYY-MM-DD, when there is a valid one.
//
// TAGS (also TAG, Tags) is the subject and country TAGS, one line, or more
// when the line ends with a comma or the next holds only TAG-like words:
//
//	TAGS: PGOV, PREL, SR
//	TAGS PREL PGOV
//	tags: prel, pter
//	TAGS: [PGOV](#) [PREL](#)         (links, as some copies write them)
//	TAGS: OVIP (RICE, CONDOLEEZZA) PREL
//
// They are split on commas, spaces and parentheses, upper-cased, each kept
// once, in order. Words that are not TAGS stay TAGS, as on Cablegate
// ("ITALY NATIONAL ELECTIONS" gives three), and so do the words of a name
// in parentheses, as Cablegate made them: "OVIP (RICE, CONDOLEEZZA)" gives
// OVIP, RICE and CONDOLEEZZA (its page links the three, and its index of
// TAGS has STEINBERG and JAMES from "OVIP (STEINBERG, JAMES B.)" but no
// initial, which is dropped).
//
// SUBJECT (also SUBJ) is the subject as written, its lines joined with one
// space, up to a blank line, a paragraph, or a keyword, even on the same
// line ("SUBJECT: CONGOLESE URANIUM REF: 07 KINSHASA 798"). The comma that
// capitals write for an apostrophe ("BELGRADE,S") is kept; the annotate
// package shows it as an apostrophe.
//
// REF (also REFS, REFTEL, "REF A:") lists what the cable answers or cites,
// one item after another, lettered or not, on one line or over several,
// blank lines between letters allowed:
//
//	REF: A. TBILISI 1605 B. 06 TBILISI 2601
//	REF: (A) WELLINGTON 1498; (B) WELLINGTON 1492
//	REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966
//	REF: A. SECSTATE 15113 B. DOHA 152 (08)
//	REF A: VATICAN 05286; REF B: VATICAN 05546
//	REF: TEHRAN 1091: TEHRAN 263: MOSCOW 1603
//	REF: A. STATE 12345 B. SMITH-JONES E-MAIL 3/11
//	REF: A. STATE 12345 B. USUN 678 C. STATE 41252 AND 44603
//	REFS: A) 08 RIO DE JAN 138 B) 06 THE HAGUE 1234
//	Ref: (a) Lima 123 (b) Lima 456
//	REF(S): LIMA 123
//
// Items are split at letters in sequence (A., (B), C), D:, in either case,
// so that "U.S." is no item), at semicolons, and at commas or colons when
// every part cites a cable. Each Reference keeps its Text as written,
// without its letter; its ID is set only when the item cites a cable: a
// year (06, 2006, or "(08)" after), a station of the collections, and a
// number ending there (not "3/11"). Without a year, the citing cable's
// year: in a 2007 cable, "TBILISI 1605" is 07TBILISI1605, unless it cites
// the cable's own station by a higher number than its own: numbers start
// again each year and a cable cites what came before it, so "MELBOURNE
// 114" in 10MELBOURNE14 is 09MELBOURNE114. The station's
// words must spell one as a whole, as cables write them ("THE HAGUE", "RIO
// DE JAN", "USUN NEW YORK", "SECSTATE", "AMEMBASSY LIMA"): "PARIS POINTS
// 13" cites no cable, though "PARIS" alone would. One station with several
// numbers ("STATE 41252 AND 44603", "STATE 41252, 44603 AND 44610") cites
// each; the references after the first take the station (and year) in
// their Text: "STATE 44603". E-mails, memos, telephone calls, reports and
// airgrams ("STATE CA-3400") keep their text only. An item cut short with
// "..." by a page's truncated copy of the text gives way to the whole one.
//
// Classified By is the classification authority, its lines joined up to a
// blank line or the first paragraph run on ("...1.4(B), (D) 1. (C)").
// Cable.ClassifiedBy keeps it whole; Cable.Classifier is the person alone,
// the titles and offices before the name and what follows a comma dropped;
// Cable.Reasons is the citation of E.O. 12958 section 1.4 (or 1.5):
//
//	Political Counselor F. Daniel Sainz for Reasons 1.4 (b) and (d)
//	    F. Daniel Sainz                   1.4 (b) and (d)
//	EUR ACTING A/S K. VOLKER. REASONS 1.4 (B), (C) AND (D)
//	    K. VOLKER                         1.4 (B), (C) AND (D)
//	Daniel V. Speckhard, Ambassador, State, EXEC; REASON: 1.4(B), (C), (D)
//	    Daniel V. Speckhard               1.4(B), (C), (D)
//
//	CDA, a.i., Michael Matera, Reasons 1.4(b) and (d)
//	    Michael Matera                    1.4(b) and (d)
//	Charge d'Affaires, a.i. Michael J. Fitzpatrick for reaso
//	ns 1.4 (b) and (d).
//	    Michael J. Fitzpatrick            1.4 (b) and (d)
//	Ambassador John Doe and DCM Jane Roe, reasons 1.4 (b) and (d)
//	    John Doe and Jane Roe             1.4 (b) and (d)
//	Ambassador for reasons 1.4 (b) and (d)
//	    Ambassador                        1.4 (b) and (d)
//
// The line is cut at commas and semicolons, and the first piece that is
// not titles alone names the person; titles are recognised misspelt too
// ("Ambasador", "Counsleor": one letter off a long title). Two people,
// each named, are both kept, joined by " and " ("Political and Economic
// Counselor" is one title, not two people). A title without a name is
// kept as the classifier. The word "reasons" may be broken by the line
// end ("reaso ns", "REAS ONS", "re ason"), and so may the "and" of the
// citation ("(B) a nd (D)"), a name or a title ("Do nald A. Blome",
// "Ambassa dor", "Joh n", "fo r"): a piece in lower case that is no word of
// its own in such a line (not "van", "de", "and", nor a title such as
// "officer") is joined to the capitalised piece before it. An "E.O.
// 12958," inside the line cites the order among the reasons and is no
// field.
//
// Some cables write it as their first paragraph ("1. (U) CLASSIFIED BY:
// ...", "1. (C) (CLASSIFIED BY ...)"); Parse reads it there too.
//
// # Paragraphs
//
// A paragraph opens a line with its number, a period and, in most cables
// since the 1990s, its classification marking in parentheses:
//
//	¶1. (C) ...         (Cablegate's pages add the pilcrow)
//	1. (C) ...          1.(C/NF) ...     2. (S//NF) ...   3. (SBU) ...     4. (c) ...
//	1. (C - ENTIRE TEXT). ...            2. INTRODUCTION: ... (no marking)
//
// Cable.Paragraphs holds each one's number, its marking as written (C,
// S//NF, SBU, U, "C - ENTIRE TEXT") and its text: the lines joined with one
// space, a word broken by a hyphen at a line end joined without it, blank
// lines kept as "\n\n", up to the next paragraph. Continuation lines, page
// headers, an underlined heading before the next paragraph and the
// signature are not part of it. A number counts as a paragraph when it
// follows the last one (or is among the first few), or, with a marking,
// skips up to three; so "1.4 (B)" and the items of a numbered list inside a
// paragraph are text. One rule mends a known slip: when paragraph 6 is
// expected and "16. (SBU)" comes, the pilcrow of "¶6." was read as a 1, and
// it is paragraph 6 (the seed cable writes ¶6 and ¶7 as 16 and 17). Some
// copies run paragraphs together on one line ("...arguments.\" 14. (C) On
// Colombia"); a marked paragraph with the next number after the end of a
// sentence opens there.
//
// # Summary and signature
//
// Cable.Summary is the text between SUMMARY and END SUMMARY:
//
//	¶1. (C) SUMMARY: ... END SUMMARY.
//	1. (S) Summary and comment: ... End summary and comment.
//	-------
//	Summary
//	-------
//	1. (C) ... End Summary.
//
// over paragraphs if need be (their numbers and markings left out), or,
// without an END SUMMARY, the rest of the paragraph it opens (after a
// heading, the paragraph that follows it, without the next heading). The
// openings vary:
//
//	SUMMARY: ...                 (C) Summary: ...       BEGIN SUMMARY
//	1. (C) Summary: ...          1. C) Summary: ...     1. 1. Summary and comment: ...
//	1) (SBU) SUMMARY. ...        Summary =====          Summary and Key Themes
//	1.(C/NF) Summary from the NAC Meeting: ...
//	1. Action request in paragraph 5. 2. Summary: ...
//
// A heading followed by a paragraph that opens with SUMMARY again
// ("SUMMARY\n-------\n\n1. (C) Summary: ...") gives the paragraph's text,
// without its opening. The end may be written END EXECUTIVE SUMMARY, or misspelt ("End
// Sumary", one letter off): such an end counts when no END SUMMARY is
// there. An END SUMMARY without an opening closes a summary that starts with its
// paragraph (or, in a text without numbered paragraphs, its block of
// lines), when it comes within the first 16 KB of the body: a summary
// opens a cable, and an END SUMMARY further on closes a section's summary
// (or is quoted), not the cable's. An opening is looked for in the first
// 400 lines, and a summary is at most 64 KB. A "SUMMARY:" line right after
// a header field ends the field.
//
// Cable.Signers are the surnames signing the cable: one to three
// capitalised words on the last lines (RICE, CONEWAY, VAN VOORST, Barclay,
// J. SMITH), after what sources append (NNNN, rules, "CABLE ENDS", "End
// Cable Text", a repeated classification with its handling or spaced out,
// the State Department's "Declassified/Released ... Systematic Review"
// stamp, "MINIMIZE CONSIDERED", the telegram office's "NOTE BY OC/T",
// "END OF MESSAGE", and a section's continuation line or a page header,
// which may fall after the last line of text). A continuation line or page
// header between the last sentence and the name is passed over ("Minimize
// considered.\n\nBERN 00000351 002 OF 002\n\nBEYER"), and a redacted line
// alone before a blank line ends the text as a sentence does
// ("XXXXXXXXXXXX\n\nMCMULLEN"). Copies that reflowed the text run the
// signature into the last sentence's line ("...with him. DELL", "...END
// COMMENT THORNE", "MINIMIZE CONSIDERED MURRAY ."): the words after the
// sentence's end are the signature when they would be one on their own
// line. "UNQUOTE", "END QUOTE", "END TEXT", "End of Part One" and a
// closing "REGARDS," end the text as a sentence does ("UNQUOTE VANCE"). So is a name in capitals after a redaction that ends a line of
// mixed-case text ("...email at xxxxxxxxxxxx CHRITTON"); in a text written
// in capitals the words after a redaction go on with its sentence. A group marking of older cables (GP-3) may stand before it. A line
// that ends a sentence of the text ("Russia."), a paragraph's last word
// ("...ON THE\nFUTURE"), a list's item ("1. FIRST 2. SECOND"), a redaction
// or a marking (LIMITED OFFICIAL USE, SBU, NOFORN) is no signature.
//
// # The date
//
// Cable.Date is in UTC, from the first of these that the text gives:
//
//   - the date-time group of the routing header (072147Z SEP 07); in a
//     fragment whose header was cut away, a date-time group on a line of its
//     own among the first lines, in any case, glued to its precedence letter
//     or after a short label ("R 251624Z FEB 09", "r 251624z feb 09",
//     "R251624Z FEB 09", "DTG: 251624Z FEB 09"), or glued into a header
//     run together on one line ("...ZZH051636Z FEB 09AMEMBASSY KUWAIT"):
//     whenever the text carries the cable's date-time group, its year
//     makes the id, never an estimate;
//   - a dateline some releases put first in the body ("Tuesday, 17 October
//     2006, 06:20");
//   - for the partial extracts, which have neither: the year from the
//     declassification date less ten years (the usual term), unless the
//     text keeps coming back to a later year, else the year the text
//     mentions most, else the latest year in which the weekdays it gives
//     with dates fit ("Saturday, July 9"); the month and day of the
//     declassification date, or the day of a page header. Such a date is
//     an estimate, and says so in the warnings.
//
// The estimate must fit what the header cites: the executive order
// (E.O. 11652 was in force from 1972, 12065 from 1978, 12356 from 1982,
// 12958 from 1995, 13526 from 2010), the section of E.O. 12958 the reasons
// cite (1.5 until the order was amended in 2003, 1.4 after) and the years
// of the cables the REF line cites, by number or by date-time group
// ("REF: STATE 251624Z FEB 08"), which the cable cannot precede. When
// the ten-year term does not fit, the other usual terms are tried (5, 25,
// 20, 15 years: "DECL: 11/17/2009" with reasons 1.4 is of 2004, "E.O.
// 13526: DECL: 02/01/2035" of 2010), then the year the text mentions most
// within the span. When the text gives weekdays with its dates ("On
// Tuesday, February 26") and they do not fall on those days in the year
// chosen, the year is the declassification date less another usual term
// in which they do, else the nearest such year (one or two off) within
// the span: a weekday is written by someone who had the calendar before
// him.
//
// The source's metadata (Meta.Created, "2006-10-17 06:06" or "12/28/1966
// 18:48") wins over the text unless the date-time group falls on the same
// day, in which case the date-time group, the more precise, is kept.
//
// A source date that does not read, or that is 0001-01-01 (the zero date
// of databases), is warned about and the text's date stays.
//
// A date-time group that names no day of the calendar ("321299Z FOO 07")
// is warned about and ignored; when nothing else dates the cable, its
// two-digit year still makes the id (07STATE1), and the cable is undated.
//
// # Encoding
//
// Cables are read as UTF-8. A byte that is not part of a UTF-8 sequence
// is read as Windows-1252, the encoding such bytes come in (0x92 is the
// apostrophe ’, 0x93 and 0x94 are quotes, 0xE9 is é): every string of a
// Cable is valid UTF-8 and no character is dropped (ToUTF8). The Record
// keeps the bytes as they were, with two exceptions: a source starting
// with a UTF-16 byte order mark is decoded to UTF-8 as it is read, and its
// records hold the UTF-8 text; and a raw text that is the content of a
// Cablegate page's <pre> copied from the page's source (line breaks
// written "&#x000A;", the page's TAGS links and paragraph anchors, which
// no cable holds) is read as the page reader reads it, entities decoded
// and markup stripped.
//
// Control characters, NUL among them, are bytes like any other in every
// format: the Record keeps them. Only a raw text is judged as a whole: one
// a tenth of whose first 64 KiB are control characters is binary data, not
// a cable (ErrBinary); pages and cables.csv records are told by their
// structure.
//
// # Sources that are no cable
//
// Detecting the format (Records with FormatAuto), Records refuses with
// ErrNotCable what is no cable format at all, so that a folder of cables
// may hold a README, a manifest or pictures: known binary formats by
// their first bytes, markdown, tables of tab-separated values, and text
// with no line of a cable's routing header or header fields in its first
// 64 KiB (notCable lists the rules); and an HTML page with no cable table
// and no <pre> text. A format given is read as such.
//
// # Metadata
//
// The metadata a source gives beside the text (a Cablegate page's table,
// the cables.csv columns) wins for the id, origin, classification and date
// as above. A classification that is none of the six is kept as the source
// gives it, with a warning. Warnings about what the text lacked but the metadata gave are
// dropped.
//
// # Annotated markdown
//
// Package annotate writes a parsed cable as an annotated markdown file
// (YAML front matter with every field above, a readable body, and the
// original text byte for byte) and reads it back; its package comment
// specifies that format.
package cable
