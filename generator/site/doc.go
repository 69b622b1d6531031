// Package site builds a static site from a content folder of annotated
// markdown cables (package annotate): cable pages, browsing by date,
// origin, TAG and classification, timelines, reference threads, feeds and
// sitemaps. It orchestrates the other packages: index reads the front
// matter of every cable and derives the index, annotate reads each
// content file again for its page (a file with a broken original without
// it), markdown renders bodies, taxonomy gives TAG meanings and groups
// the cables by term (slugs, folders, each term's cables), timeline draws
// charts and orders threads, render executes the templates, layout names
// the files, atom and sitemap write the feeds and sitemaps, publish
// receives the files.
//
// A Builder is one site being built. Build uses one for a whole build;
// an incremental session (package session) keeps one alive and asks it,
// through its exported methods, to take a new index or templates and to
// render the files of some paths again (Builder.Render), each exactly as
// Build renders it.
//
// # Two passes
//
// Pass 1 (package index) walks content/cables/ in lexical order and reads
// only the front matter of each file, on all cores, into a small entry:
// id, date, subject, origin, classification, TAGS, the ids of the cables
// it cites, its file. Terms are interned (each TAG, origin,
// classification is one string, and entries hold indexes). Then the
// index: the collection's order (by date, then id; undated cables last),
// each term's cables, the months, each cable's neighbours, and the
// reverse of the references ("cited by"). Memory grows with the number of
// cables by their entries only, never by their text. A session derives
// the index after a change with the same steps, patching only what the
// change reaches (index.Patch).
//
// Pass 2 renders every page on runtime.GOMAXPROCS workers: each cable page
// reads its file again for the body and the original, renders the body,
// executes the template into a reused buffer and writes it. List pages,
// indexes, feeds and the sitemap come from the index alone.
//
// # Output
//
//	index.html                           home: size, span, chart, busiest TAGS and origins
//	cable/YYYY/MM/<id>.html              a cable, as on Cablegate (cable/undated/<id>.html)
//	date/index.html                      years; date/YYYY/index.html its months
//	date/YYYY/MM/index.html, page-N.html a month's cables, oldest first; date/undated/
//	tag/index.html                       every TAG A–Z with meaning and count
//	tag/<slug>/index.html, page-N.html   a TAG's cables, newest first, 100 a page, its chart
//	tag/<slug>/feed.xml                  Atom: the TAG's 50 newest cables
//	origin/..., classification/...       as tag/, without feeds
//	feed.xml                             Atom: the collection's 50 newest cables
//	sitemap.xml                          every page; past 50,000: sitemap-N.xml and an index
//	robots.txt, 404.html, assets/        fingerprinted stylesheet, script, icon
//
// Dates are UTC, in years 1 to 9999 (package annotate refuses others),
// and paths write their years in four digits: a cable of 1864 is
// cable/1864/02/..., one of the year 50 cable/0050/06/....
//
// A term's slug is its name in lower-case ASCII letters and digits with
// '-' between words ("Embassy Belgrade" is embassy-belgrade); two names
// with one slug are kept apart by a hash (in name order, the first keeps
// the slug), and, should that slug be taken too, by a number. Links are relative and name
// index.html, so the site works from file://; no folder holds more than
// 50,000 files (a taxonomy of more than 40,000 terms spreads its folders
// over subfolders named by their first two letters).
//
// # Problems
//
// A file whose front matter cannot be read, that has no id, whose id
// another file already has (in lexical order), or whose cable's page
// another file's cable has already (two ids with one safe file name, such
// as "a/b" and "a_b-3a8e75c1", or pages whose names differ only in case,
// one file where the site is copied to macOS or Windows), is reported as
// "file:line: message" through Config.Warn, counted in Summary.Skipped,
// and left out; the rest builds, and the build succeeds. Every other path
// made of a person's text is unique by construction: term slugs (above),
// and feed entries' ids, which without a base URL are
// urn:cablesite:cable: and the id with every byte but [A-Za-z0-9._-]
// percent-encoded. A file whose
// original is broken (its fence never closed) is built without it, with a
// warning. The build reads only what lies in the content folder: a
// symbolic link, to a file or a folder (cables/ itself included), is
// reported and not followed. Cancellation, template errors and write
// errors stop the build with an error. A panic of the build's own code (a
// bug) is recovered as a PanicError: reading a front matter, the file's
// problem; rendering a page, an error that stops the build.
//
// # Text
//
// What a content file holds is shown as text (escaped, never markup),
// and as characters every page, feed and script can carry: control
// characters but tab, line feed and carriage return, DEL, C1 controls,
// U+FFFE and U+FFFF become U+FFFD, and bytes that are not UTF-8 are read
// as Windows-1252, in every field, the body and the original alike
// (cable.CleanText). A cable's id is shown so, but names its page and is cited
// as written.
//
// The same content always gives the same files, byte for byte: every list
// is sorted, nothing depends on the order workers finish, and no time but
// the cables' own dates is written.
package site
