// Package annotate turns a parsed cable into annotated markdown, the files
// of content/cables/, and reads them back.
//
// An annotated markdown file has three parts: YAML front matter holding
// every field the parser derived, a markdown body that reads well, and the
// original text, byte for byte; an editor may add a fourth, notes, between
// the body and the original (see Editorial layer). Write writes one; Read
// reads one, as Write wrote it or as a person edited it. This comment is the specification of
// the format: the site build (package markdown renders the body), Hugo and
// people editing content/ rely on it.
//
// # File name
//
// Path gives where a cable's file lives in the content folder:
// cables/YYYY/MM/<id>.md, from the cable's date in UTC, or
// cables/undated/<id>.md. Ids are made safe for file names by SafeID:
// Cablegate ids ([A-Za-z0-9._-], no leading dot) are kept as they are; any
// other id has the other bytes replaced by '_' and a hash appended.
//
// # Front matter
//
// The file starts with a line "---", then YAML, then a line "---". Write
// writes these keys, in this order, leaving out those whose value is empty
// (no date, an empty string or list, zero sections):
//
//	title            the subject, else the id, for Hugo; an editor may change it (see Editorial layer)
//	date             the date, unquoted RFC 3339 in UTC (2007-09-07T21:47:00Z), so Hugo reads a date
//	id               "07STATE126086"
//	url              "/cable/2007/09/07STATE126086.html": Hugo builds the Cablegate URL scheme too (Read ignores it)
//	origin           "Secretary of State"
//	from             "SECSTATE WASHDC"
//	to, info         block lists of {name, precedence, route}
//	classification   "CONFIDENTIAL"
//	handling         ["SIPDIS"]
//	tags             ["PGOV", "PREL"]: a Hugo taxonomy as it is
//	subject          as written, its lines joined
//	references       block list of {id, text}; id only for cited cables
//	classified_by, classifier, reasons, declassify, declassify_text
//	signers          ["RICE"]
//	summary          (Hugo uses it as the page summary)
//	sections         2
//	paragraphs       block list of {n, marking}: the numbers and markings only, the text is in
//	                 the body and the original (the build reads 250,000 front matters)
//	warnings         what the parser could not read, in words
//	source           where the cable came from: format (text, html, csv), file, line (where the
//	                 record starts), and meta, what the source gave beside the text (the Cablegate
//	                 page's table, the cables.csv columns: id, created, released, classification,
//	                 origin, references, row, articles), and digest, the last line of the front
//	                 matter: "sha256:" and 64 hex digits (see Editorial layer)
//
// Every string is a double-quoted scalar, so that no value (a subject
// starting with '*', holding ": " or "#", or reading "true") is taken for
// anything but a string. Inside the quotes, only escapes valid in both JSON
// and YAML are used: \" \\ \n \t, and \uXXXX for the other control
// characters, DEL, C1 (NEL among them), U+2028, U+2029, U+FEFF, U+FFFE and
// U+FFFF. Invalid UTF-8 cannot be carried by YAML: each run of bad bytes
// becomes U+FFFD, as strings.ToValidUTF8 does (the original keeps the
// bytes). Lists of strings are written in flow style (tags: ["PGOV",
// "PREL"]), lists of objects in block style:
//
//	references:
//	  - id: "07TBILISI1605"
//	    text: "A. TBILISI 1605"
//
// Read takes a fast path for front matter exactly in this form and hands
// anything else (comments, other quoting, CRLF line ends, extra keys such
// as draft, dates such as 2007-09-07) to github.com/goccy/go-yaml, the
// YAML library of Hugo, so that Hugo and Read agree on every file; a test
// and a fuzz target hold the two paths to the same result.
//
// The slow path bounds its work by the front matter's size: front matter
// whose YAML aliases would expand more than MaxAliasExpansions times or
// decode to more than MaxExpansion bytes beyond its own (a "billion
// laughs"), or whose flow lists and maps nest more than MaxFlowDepth
// deep, is refused at the line that crosses the limit, before it is
// decoded.
//
// Dates: a hand-edited date may also be written 2007-09-07T21:47:00,
// "2007-09-07 21:47" or 2007-09-07 (read as UTC), or with any zone
// (1900-01-01T00:00:00+14:00); Read gives it in UTC. Its year in UTC must
// be 1 to 9999, the years of the file's path (cables/YYYY/MM/) and of
// every date the site writes: a zone that moves it outside (year 0 or
// 10000) is an error at the date's line. So is 0001-01-01T00:00:00Z
// (0001-01-01), the zero time, which stands for no date: an undated cable
// has no date line. Every other date builds, the 1860s as well as 2010.
//
// # Body
//
// After the front matter comes the body: the cable's text from
// Cable.BodyStart (after the header fields, which the front matter holds),
// or, when the parser gave none, from the first blank line after the
// SUBJECT line, best effort. It is markdown that goldmark (and Hugo)
// render, written as follows.
//
// References come first: a paragraph "References:" and a list with one
// item per reference; an item citing a cable links to it with the cable:
// scheme, which the site's renderer resolves to the cable's page (or shows
// unlinked when the cable is not in the collection):
//
//	References:
//
//	- [A. TBILISI 1605](cable:07TBILISI1605)
//	- B. EMAIL FROM EUR/SCE
//
// Then the text, re-flowed: each paragraph of the output is one line.
// Lines separated by a blank line are separate paragraphs, unless the
// blank line (or a dropped line, or a page break) breaks a sentence: the
// line before ends no sentence, the next line starts no item, and the line
// before is full (wrapped) or ends with a comma, or the next line starts
// in lower case. Lines with no blank line between them are joined with a
// space, except that a new paragraph starts before a numbered paragraph, a
// "--" item or a lettered item that follows the end of a sentence (before
// a pilcrow, ¶, always); after a line much longer than the wrap width (a
// paragraph written without wrapping) unless the sentence visibly goes on;
// after a line that ends a sentence well short of the wrap width; and
// before the signature. The wrap width is estimated from the lines that
// other lines follow (their 90th percentile, counting lines of at most 100
// characters).
//
// A word broken by a hyphen at the end of a line (a letter, "-", the line
// end, a letter) is joined without a space. The hyphen is dropped when the
// cable elsewhere writes the joined word without it (JURIS- / DICTION
// gives JURISDICTION when the cable has JURISDICTION), and kept otherwise
// (DRAFT- / LAW gives DRAFT-LAW, self- / govern gives self-govern): a
// teletype operator's break cannot be told from a compound otherwise.
//
// Numbered paragraphs start with the annotation ¶N. and, when the
// paragraph has one, its marking in parentheses as written, whatever the
// source wrote (¶1., 1., 1.The, or 16. for ¶6 where the pilcrow was read as
// a 1):
//
//	¶1. (U) THIS IS AN ACTION REQUEST FOR EMBASSY BELGRADE AND USOFFICE PRISTINA.
//	¶3. (S//NF) ...
//
// The numbers are those of Cable.Paragraphs, matched in order; without
// them, only lines starting with a pilcrow are numbered. A paragraph that
// starts inside a line whose break was lost ("presidency ¶13. (C)
// According") is split from it. The renderer turns ¶N. into the anchor
// #parN and the marking into a badge. A number that is not a paragraph's
// is escaped at the start of a line (5\. ...) so that markdown makes no
// list of it.
//
// Headings underlined or framed with rules become level-2 headings with
// the text as written, "## SUMMARY": a line of text between two rules of
// dashes or equals signs, a line of text over one (right under it or after
// a blank line, whatever follows the rule), "------- SUMMARY -------",
// and, where the line breaks were lost, "SUMMARY ----------" and
// "---------- SUMMARY ---------- 2. (C) ...", whose rest starts the next
// paragraph. A heading may take two lines, which are joined: two lines
// between rules when the first visibly goes on ("Concerns with Lack of
// Progress on" / "Possible Military Dimensions") or both are in capitals,
// and one or two lines over the underlined one, in the same case and
// ending no sentence ("NO PROSECUTOR GENERAL FOR MONTHS, MINISTER OF" /
// "INTERIOR & JUSTICE RESIGNATION MAY BE ONLY SOLUTION -----"; "Eid
// Fayez" / "Minister of Interior" / "-----"). A line ending a sentence, a
// paragraph's opening, a link, or a line over a rule of asterisks (the box
// of a post's notes) is no heading, nor two lines of a box of notes
// between rules ("Copy from the National Archives" / "File: POL 33-4
// ARG"). Other rules are dropped.
//
// Items starting with "--" (or "- ") become list items, "- ...",
// consecutive items forming one list. Lettered items ("A. ", "(B) ") start
// a paragraph and keep their letter.
//
// Redactions, whole words of five or more X, become reference links,
// [XXXXXXXXXXXX][redacted], and the body ends with the one definition
//
//	[redacted]: #redacted
//
// which the renderer shows as a redaction.
//
// Mentions of referenced cables are linked like the reference list:
// "REF A", "ref B", "REFTEL (C)" (by the letter of the reference: the one
// its text starts with, "A. TBILISI 1605", else its place in the REF
// line), "REFTEL" (when one cable is referenced), and station-and-number
// mentions that match a reference's id: "TBILISI 1605", "06 TBILISI
// 2601", "STATE 00126086" (not "05 TBILISI 2601" when the reference is of
// 2006).
//
// The comma that teletypes wrote for an apostrophe after a capital is shown
// as one: KOSOVO,S becomes KOSOVO'S (only a capital, a comma and S followed
// by a non-letter: not 1,S nor A,SB).
//
// Lines that repeat the header are dropped: SIPDIS, section continuation
// lines (STATE 00126086 002 OF 002), section lines (C O N F I D E N T I A
// L SECTION 02 OF 03 HARARE 006677), the classification alone on a line
// and page footers (CONFIDENTIAL PTQ1865), the page headers of old cables
// (PAGE 02 VATICA 01261 061419Z, also run into the page's classification,
// SECRET PAGE 02 ...; the text after one on its line stays), the repeated
// routing and header between the first and second page of a later section,
// BT and NNNN. A continuation line that a copy ran into the text or wrote
// in mixed case ("the \"Druzhba MOSCOW 00009482 002 OF 003 discount.\"",
// "harvesting Vladivosto 00000005 002.2 of 003 and exporting") is taken out
// of the line when its station (cut or not) and number are the cable's. The
// original keeps all of these. The signature stays, as the last paragraph,
// also when the copy ran it into the last sentence's line ("...The trade
// goes on. ARMBRUSTER").
//
// Text is escaped so that it shows as written and nothing in it is read as
// markup: \ ` * _ [ ] < > & ~ | { } ! # are backslash-escaped everywhere
// (so raw HTML, entities, links, emphasis, tables, strikethrough and Hugo
// shortcodes such as {{< x >}} stay text), and so are, at the start of a
// line, the characters that would open a block: - + = : and the "." or ")"
// after a number. Tabs become spaces, line breaks are normalised, bytes
// that are not UTF-8 are read as Windows-1252 (as cable.Parse reads them:
// 0x92 is ’), and control characters become U+FFFD.
//
// # Original
//
// Last comes the original text, rec.Text byte for byte (it may hold CR,
// NUL or invalid UTF-8): a line
//
//	<!-- cablesite:original -->
//
// then a fence of tildes longer than any run of tildes in the text (at
// least four) with the info string "text", the text, a newline, and the
// closing fence:
//
//	~~~~ text
//	VZCZCXRO1609
//	...
//	RICE
//	~~~~
//
// Read strips the one newline before the closing fence. Hugo would run a
// shortcode even inside a code block, so a text holding "{{<" or "{{%" is
// written in base64 instead, in lines of 76 characters, with the info
// string "base64". A file without the marker line is read with a nil
// Original.
//
// # Editorial layer
//
// What comes from the source (every key of the front matter but title,
// the body and the original) is import's, and importing the cable again
// rewrites it. Two parts are the editor's, and import keeps them byte for
// byte:
//
//   - The title. Write writes the default, the subject else the id; an
//     editor may write their own display title there, in any YAML form (a
//     folded scalar over several lines included). Read returns it as
//     Document.Title when its value is not the default, and "" otherwise,
//     for the site to show in place of the subject, which stays as the
//     cable wrote it. The title's lines are the line starting "title:" and
//     the blank or indented lines after it (lines that read otherwise on
//     their own, an alias of an anchor elsewhere, say, are kept by value).
//
//   - The notes: the editor's commentary in markdown, after a line
//
//     <!-- cablesite:notes -->
//
//     placed after the body and before the original's marker line (or at
//     the end of a file without an original). Read returns what follows
//     the marker line as Document.Notes (nil when the file has no notes
//     section), and the body stops at the marker. The body is escaped, so
//     no body line can be a marker line; the notes must not hold a line
//     that is the original's marker, which would end them. They are for
//     the site to show as editorial commentary and to index for search.
//
// Everything else is the source's. An edit to it (a corrected subject, a
// sentence of the body, a TAG) is kept too, but the whole file then is:
// import reports it as edited and leaves it as it is, unless told to
// replace it (cablesite import -force), which rewrites the source's parts
// and still keeps the title and the notes.
//
// Import tells an edited file by the digest that Write records last in the
// front matter, source.digest: the SHA-256 of the file's bytes without the
// title's lines, the digest's line and the notes section (from the notes'
// marker line up to the original's marker line). Digest computes it; a
// file whose recorded digest differs from Digest of its bytes was edited
// outside the title and the notes (Unedited). Any byte counts: line ends
// changed to CRLF, a byte order mark added or a comment added are edits.
// Files written before the digest existed have none; import then compares
// the file with what it writes from the file's own original. Merge writes
// a cable again keeping an old file's title and notes.
//
// # Reading back
//
// Read returns the front matter's fields, the source, the body, the
// editor's title and notes, and the original. Parsing Document.Record again gives the same fields as the
// front matter, except for paragraph texts, which the front matter does
// not keep: the round trip holds for every field for which the parser's
// output is valid UTF-8. The same cable and record always give the same
// bytes.
//
// A reader of many files, such as the site build, reads what it needs
// through this package rather than parsing the format itself:
// ReadFrontMatter reads a file only up to the end of its front matter
// (which Read then reads), KeyLine gives the line of a key for a message,
// and ReadWithoutOriginal reads a file whose original section is broken
// (a fence never closed) without it, with its body and notes.
package annotate
