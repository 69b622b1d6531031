// Package taxonomy groups cables by term: TAGS (with their meanings),
// origins and classifications.
//
// # Grouping
//
// A Grouping is one taxonomy of a collection: its terms, interned as the
// cables are read (Intern), then finished (Finish) once the collection's
// order is known: sorted for their index (origins by their place, see
// OriginSortKey; classifications by level, see ClassificationSortKey),
// each given a slug unique in the taxonomy (Slug, lower-case ASCII; a
// clash is told apart by a hash of the name, given in name order so that
// the same names always get the same slugs) and a folder, and each given
// its cables in the collection's order. WithCables gives a copy with some
// terms' lists replaced, for an index patched after a change (package
// index). IndexGroup says under which letter a term's index lists it.
// Package site makes pages of it; months and the charts are package
// timeline's.
//
// # TAGS
//
// Every cable carries a TAGS line ("Traffic Analysis by Geography and
// Subject"), a list of short codes chosen by its drafter:
//
//	TAGS: PGOV, PREL, SR, YI, KV
//
// A code is one of four kinds (TagKind):
//
//   - a subject TAG, four letters whose first names its family (PGOV,
//     Political Affairs: internal governmental affairs; ECON, Economic
//     Affairs: economic conditions; KDEM, democratization);
//   - a geographic TAG, the two-letter country code of FIPS 10-4 as the
//     State Department uses it (SR Serbia, KV Kosovo, YI the former
//     Yugoslavia), or a regional code (XF Middle East);
//   - an organisation TAG (UNSC, NATO, EUN, IAEA);
//   - anything else a drafter typed: a person's name (RICE, CONDOLEEZZA),
//     a word, a typing error.
//
// The dictionary shipped with the generator (data/tags.tsv, read with
// LoadTags) gives the meaning of the codes it knows; a code it does not know
// keeps no meaning and is shown as written, and TagDict.Kind guesses its
// kind from its shape.
//
// # The dictionary file
//
// data/tags.tsv is UTF-8 text, one TAG a line, four fields separated by
// tabs:
//
//	code<TAB>meaning<TAB>kind<TAB>source
//
// code is printable ASCII in upper case, unique in the file; meaning is
// the meaning without the subject family (which the code's first letter
// gives, see Tag.Category); kind is subject, geographic, organization or
// other; source says where the meaning comes from: fam (the State
// Department's TAGS handbook, 5 FAH-3 H-011.1), plusd (the labels of
// WikiLeaks' PlusD, which reproduce the State Department's own), or
// knowledge (public-domain knowledge: FIPS 10-4 and the cable record).
// Blank lines, lines beginning with '#', and the header line
// "code<TAB>meaning<TAB>kind<TAB>source" are skipped. The file states its
// sources in its opening comment.
package taxonomy
