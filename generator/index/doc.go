// Package index reads what a site is made of, the cables of a content
// folder, and derives from it the index every page is made from.
//
// Pass 1 of a build (Reader) walks content/cables/ in lexical order and
// reads only the front matter of each file, on all cores, into a Scan:
// id, date, subject, origin, classification, TAGS, the ids of the cables
// it cites, each text as the site shows it (cable.CleanText). Build makes
// the Index of the scans: an Entry per cable with its terms interned
// (each TAG, origin, classification is one string, and entries hold
// indexes into their taxonomy), the collection's order (by date, then
// id; undated cables last), each term's cables (package taxonomy groups
// them), the months, each cable's neighbours, and the reverse of the
// references ("cited by"). Memory grows with the number of cables by
// their entries only, never by their text.
//
// Patch derives the index after a change of some cables from the index
// before it, with the same helpers as Build, without interning every
// term or sorting every cable again; an incremental session (package
// session) uses it, and Build when the change is beyond a patch.
//
// A file whose front matter cannot be read, that has no id, whose id
// another file already has (in lexical order), or whose cable's page
// another file's cable has already (see Index.Clashes) is left out with
// its problem, "file:line: message".
package index
