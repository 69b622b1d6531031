// Package markdown renders the annotated markdown body of a cable (the
// format package annotate writes and specifies) to the HTML of its page.
//
// The body is CommonMark with GFM tables and strikethrough. Linkify is
// off: a URL in the text of a cable is rare, and turning hostile text into
// links is a risk. Headings get ids from their text ("## Summary" gives
// id="summary", the next one "summary-1").
//
// The cable extension adds:
//
// Paragraph anchors and markings. A paragraph that opens with `¶N.`
// (N: up to nine digits), optionally followed by a marking in parentheses,
//
//	¶3. (S//NF) THE MINISTER SAID...
//
// becomes
//
//	<p id="par3" class="par"><a class="pilcrow" href="#par3" aria-label="Paragraph 3">¶3.</a>
//	<span class="marking marking-s" title="Secret//NOFORN">(S//NF)</span> THE MINISTER SAID...</p>
//
// (on one line). The id is parN, with N without leading zeros; a later
// paragraph with the same number gets parN-2, then parN-3, so that ids stay
// unique, and a heading whose id would be taken by a paragraph gets another
// one. A marking is up to 24 letters, spaces, '/' and '-', starting with a
// letter; a lone letter other than U, C or S, as in "(A)", is a list
// letter left in the text. Its level gives the class:
//
//	U, UNCLASSIFIED                     marking-u    Unclassified
//	SBU, FOUO, LOU, U//FOUO, U//SBU     marking-sbu  Sensitive But Unclassified, ...
//	C, CONFIDENTIAL                     marking-c    Confidential
//	S, SECRET, TS, TOP SECRET           marking-s    Secret, Top Secret
//	anything else                       marking-other, titled with its own text
//
// The title spells the marking out: "C/NF" and "C//NF" give
// "Confidential//NOFORN". Backslash escapes before the punctuation of the
// number and marking are allowed, for hand-edited bodies.
//
// References to cables. A link with the cable: scheme names a cable by id:
//
//	[TBILISI 1605](cable:07TBILISI1605)
//
// The Resolver given to Render maps the id to the URL of the cable's page;
// the link becomes
//
//	<a class="cable-ref" href="URL" data-id="07TBILISI1605">TBILISI 1605</a>
//
// or, when the cable is not in the collection (the Resolver returns ""),
//
//	<span class="cable-ref missing" title="not in this collection">TBILISI 1605</span>
//
// Ids are made of letters, digits, '.', '_' and '-' (at most 64); any other
// cable: link is shown as its text, and the Resolver never sees it.
//
// Redactions. A link to #redacted, which annotate writes as a reference
// link with one definition at the end of the body,
//
//	[XXXXXXXXXXXX][redacted]
//
//	[redacted]: #redacted
//
// becomes <mark class="redacted" title="Redacted by the publisher">XXXXXXXXXXXX</mark>.
// The definition is implied, so a body that lost it still shows its redactions.
//
// Safety. Nothing in the body is ever emitted as markup: raw HTML blocks and
// inline tags are dropped (annotate escapes '<', so a cable's own text shows
// them as text); images become links to the image's URL, never <img>;
// links and autolinks keep only http, https and mailto URLs and relative ones
// (paths, queries, fragments), judged after entities and escapes are
// resolved; any other link (javascript:, data:, vbscript:, file:, unknown
// schemes) is shown as its text. Table alignment is an align attribute, not
// a style, so that pages satisfy a Content-Security-Policy without
// 'unsafe-inline'.
//
// Editor's notes. RenderNotes renders the notes section of a cable's file
// with the same goldmark, references and safety, but without paragraph
// anchors (`¶1.` there is text), headings one level down (under the
// page's own heading of the notes), and ids that start with "note-", so
// that they never take an id of the cable's text.
//
// Speed. The bodies annotate writes use little of CommonMark: headings,
// paragraphs, backslash escapes, redactions, references to cables and
// lists of them. For such a body Render writes the HTML itself, the bytes
// goldmark and the extension would give, in a fifth of goldmark's time
// (plain.go says exactly which bodies); any other body goes through
// goldmark. Tests hold the two together on the real corpus, on synthetic
// cables and under fuzzing.
package markdown
