// Package search builds the client-side search index of a site: files
// under search/ that the browser client (templates/search-core.js) loads
// on demand as classic scripts, so that the search works from a web host
// and from a folder opened from disk (file://), with no server, no fetch
// and no WebAssembly.
//
//	b := search.NewBuilder(search.Config{})
//	for each cable: b.Add(search.FromDocument(doc))   // any order, any goroutine
//	stats, err := b.Write(ctx, w)                       // w receives "search/..." files
//
// This comment specifies the index: what it holds, how its files are
// written, and why. The client and its mirror in Go (Searcher, test code
// in mirror_test.go, for tests and measures) read it as described here.
//
// # Design
//
// A query must load little: at 250,000 cables, a two-word query loads a
// few hundred kilobytes of an index of some 450 MB. So everything is
// sharded, and each shard holds one kind of data:
//
//   - The root (search/index.js, ~10 KB) says how to read the rest: the
//     alphabet of numbers, the stop words, the first term of each
//     dictionary shard, the origins and classifications, the first
//     document of each year.
//   - The dictionary is sorted and cut into shards of ~12 KB: a term's
//     shard is found by binary search in the root, and a prefix's terms
//     are contiguous, so typing "gov" reads one or two shards to expand
//     it. An entry gives the term's document frequency and where its
//     lists are.
//   - Postings are grouped, in dictionary order, into packs of ~32 KB (a
//     long list has a pack of its own): a term costs its own list and
//     its neighbours', never the whole index. Positions are packed the
//     same way in separate files, loaded only for phrases.
//   - A posting list is bits (p/N below, postings.go): the gaps between
//     its documents in Rice's code, with the parameter that codes the
//     list in the fewest bits, and each document's level in a prefix code
//     built for the index (Huffman's, from the levels of the postings of
//     every eighth term; facet values and fields carry no level).
//   - Hits are in blocks of 4 documents (the 20 hits of a page load ~20
//     small files, ~1.6 KB each at 250,000 cables: blocks of 8, in
//     version 5, made a first page cost ~30 KB more for 31,250 fewer
//     files), facets in blocks of 1,024 documents, cable ids in shards by
//     hash.
//
// Documents are numbered by date (undated last, ties by id), so that
// sorting by date, the year facet and year and date filters come from
// the numbers alone, and the same cables always give the same files,
// whatever the order of Add.
//
// Dates are UTC days counted from 0001-01-01, so that every date from
// year 1 to 9999 (the years time.Parse and JavaScript's Date both read)
// is a number from 0; a Doc dated outside those years is indexed as
// undated. (Package annotate refuses such dates: a site has none.)
//
// Ranking is BM25F (rank.go): per field a term's count is weighted
// (subject 3, TAGS and id 3, origin 1, body 1) and normalised by the
// field's length, then saturated. The saturated value depends only on the
// term and the document, so the builder quantises it to one of 8 levels
// and stores the level in the posting; a query's score is the sum over its
// terms of (k1+1) * idf * the level's middle value. The client needs no
// document lengths.
//
// Phrases: positions for every occurrence would more than double the
// postings (about 27% of the raw text on the synthetic corpus, past the
// budget of 35% for the whole index). A posting keeps instead, for each
// occurrence of its term, a residue of the word that follows it: the
// word's FNV-1a hash, mixed by MurmurHash3's finalizer, modulo 45, one
// character per distinct residue. A
// phrase matches a document holding all its indexed terms, where each
// indexed term is followed, as far as the residues tell, by the phrase's
// next word (which may be a stop word or a single letter: every word is
// hashed, indexed or not). A document holding the words apart passes only
// when some word after the first term has the residue of the second by
// chance: with k distinct words following it, about k in 45.
// TestPhrasePrecision measures it on two-word phrases taken from the
// bodies: every document holding a phrase matches it, and of the matches,
// 0.81 hold the phrase on the real corpus (400 phrases) and 0.78 on 2,000
// synthcables cables (600 phrases), against 0.19 and 0.14 for the words
// alone. Residues of positions, which version 1 of the index kept, gave
// 0.64 and 0.73: two words that each occur several times fit by chance
// far more often. A phrase's last term is not checked, so its residues
// are not loaded. This costs about 10% of the raw text.
//
// The client makes phrases exact where the reader sees them: it checks
// the candidates, in the order shown, against their texts (see Texts
// below), a few at a time, until it has the page's hits (showing each as
// soon as those before it are known), and all of them when there are at
// most 40, so that small results are counted exactly. Until every
// candidate is checked, the count is estimated from those checked
// ("About N"); the reader may ask for all to be checked (up to 2,000).
// The Go mirror, which has no texts, gives the candidates.
//
// Facets: the year of every result is known from its number. TAGS,
// origins and classifications are read from the facet blocks of the
// results (1,024 documents each, ~9 KB at 250,000 cables): exactly when
// the results lie in at most 6 blocks, else from 6 blocks spread evenly
// over the results' blocks, scaled up, and shown as estimates (≈), until
// the reader asks to count them all (every block of the results: at
// 250,000 cables, up to 245 blocks, 2.2 MB in all). Blocks of 2,048
// documents, in version 5, cost a query twice as much (110 KB).
// Filters (tag:, origin:, class:) are exact: each facet value is a term
// of the dictionary ("tag:pgov") with a posting list.
//
// Texts: the index holds no text but the first Config.Excerpt bytes (320)
// of each cable's summary, or of its text after the references: the
// whole text would not fit in the budget. The site's build writes each
// cable's text instead, as the index read it (Doc.Body), beside its page
// (TextPath, TextScript: see Files), and the client loads it as a script
// (no fetch from file://) for the hits on screen and those about to
// scroll in. Whole pages opened in hidden frames, as before, cost the
// page's thread their parsing, styles and layout: on a phone, most of a
// search's time (BENCHMARKS.md, issue 16). The snippet of a hit is the
// passage of its text, about 260 characters, that holds the most
// distinct words and phrases of the query, with them marked; until the
// text comes, and for a text that does not load, the excerpt stands in.
// A hit's link carries the query's words and phrases to its page
// (?highlight=, as the client's markQuery writes them); there site.js
// reads the page's text, as the index read it (readText; TestBrowserSearchTexts
// checks this on every page of the real corpus), loads the client's core (the page names
// search-core.js in <meta name="cablesite-search">) and marks what its
// highlights function finds, scrolling to the passage the snippet showed.
//
// # The client
//
// Two classic scripts of templates/, in modern JavaScript with no build
// step (module scripts do not load from file:// in Chromium):
//
//   - search-core.js, what any page needs to search or to mark a search:
//     the tokenizer (the same rules as Tokenizer), the query parser, the
//     shard loader, the Index (dictionary, postings, residues, filters,
//     hits, facets), ranking (impact, intersect, order), cable ids, and
//     highlighting (marker, snippet, highlights). It defines
//     window.cablesiteSearch, whose shard function the index files call.
//     Cable pages load only this.
//   - search.js, the search page, on the core: Texts (the cables' text
//     files), Snippets, PhraseCheck, ResultsView, FacetsView and
//     SearchPage (the form, the address, the search).
//
// One search runs at a time: each has an AbortController, aborted when the
// next starts; its steps await through the core's current(signal, p),
// which throws Stale (ignored by the page) once the signal is aborted, and
// Texts drops the texts an abandoned search asked for and has not loaded.
// The page shows the hits, five per frame, then (after a frame) the
// facets, a field per frame, then (in a later task) the chart, so that
// the main thread is not held for a whole search (TestBrowserSearchTasks).
// Within a step, the core works in slices of about 8 ms (breathe: a long
// loop yields its task to the browser, with scheduler.yield or a
// message, and stops there when its search was abandoned); what waits
// for a loaded file runs in a task after the one that ran the file's
// script; and the script elements of the index (but its root, which
// loads with the page) and of the texts go into the page a few per task,
// from a task of their own. Under Lighthouse's
// CPU throttling, a script element put in the page from deep in a chain
// of promises held the main thread 8 to 22 ms (BENCHMARKS.md, issue 16).
// When a search is done, #search-app dispatches "cablesite:search" with
// its figures (README). Nothing in the published scripts exists for
// tests: the tests run the core in Node through what it defines
// (testdata/harness.js) and inject testdata/probe.js into the pages they
// open, which watches the files a search loads.
//
// # Terms
//
// Text becomes terms as Tokenizer says: diacritics folded, lower case,
// letters and digits, KOSOVO,S and Kosovo's are both kosovo, U.S. is us.
// Stop words (stop.go) and single letters are not indexed; a query drops
// them too, except inside a phrase. A word the tokenizer splits
// ("U.S.-led", "20,000") is searched as a phrase. The client's tokenizer
// is the same code in JavaScript; TestTokenizerAgreesWithClient holds the
// two together, on the client's core as published (minified) too.
//
// # Query syntax
//
//	nuclear weapons         documents with both words, ranked
//	"nuclear weapons"       the phrase
//	gov*                    a prefix: the 16 most frequent terms it starts
//	                        (while typing, the last word is a prefix)
//	nuclear OR uranium      either; OR (upper case) joins the word, phrase
//	                        or filter on each side: a b OR c d is a AND (b
//	                        OR c) AND d, and a OR b OR c one group
//	-iran, NOT iran         excludes; so do -"a phrase", -tag:PGOV, NOT tag:PGOV
//	tag:PGOV                a TAG
//	origin:madrid           origins whose name has all these words
//	origin:"Embassy Madrid" quoted: that origin exactly
//	class:secret            SECRET and SECRET//NOFORN; class:"SECRET" only the first
//	year:2007 year:2006..2008 year:..2005
//	date:2007-01-01..2007-06-30 (also date:2007-03, date:2007,
//	                        date:2006-03..2006-06, date:..2005-12-31)
//	to:bogota               an addressee (TO or INFO) with that word in its name
//	                        or that routing indicator (to:RUEHBO); to:RUEHB* a prefix
//	to:"AMEMBASSY BOGOTA"   quoted: that addressee, whole (to:"AMEMBASSY BOG*")
//	from:secstate           the sender, as to: (from:"SECSTATE WASHDC")
//	signer:rice             the names that sign the cable, as to:
//	subject:visa            a word of the subject (its words all, quoted)
//	ref:06BOGOTA1234        the cables that cite that cable
//	in:iran-nuclear         the cables of a curated collection (its slug)
//	07STATE126086, 07 STATE 126086, STATE 126086 2007
//	                        a cable id: the page goes to the cable
//
// Words, phrases, filters and OR groups combine with AND; exclusions take
// away. Parentheses do not group (the page says so): with OR binding the
// two sides next to it, the forms a research library's readers write, a
// OR b c, "x y" OR z -w, need none, and a query parses the same in every
// reader's head. The parser (search-core.js, parseQuery; its mirror in
// Go, ParseQuery) gives notices that the page shows: an unknown field
// (note:x, a fatal one: the query is not run rather than searched as
// words), a quotation mark not closed (the phrase runs to the end), a
// query of exclusions alone, an exclusion as a side of OR, a bad year:
// or date: value (fatal), a dangling OR or NOT, an exclusion of what the
// query asks for.
//
// # Fields
//
// The fields of to:, from:, signer:, subject:, ref: and in: are terms of the
// dictionary with postings and no residues, as facet values are:
// "to:bogota" for each word of an addressee's name or its routing
// indicator, "to:=amembassy bogota" for the whole (FacetKey), the same
// for from: and signer:; "subject:visa" for each indexed word of the
// subject; "ref:06bogota1234" for each cable cited; "in:iran nuclear"
// (in: and the FacetKey of the slug iran-nuclear) for each curated
// collection that lists the cable (Doc.Collections). A filter's words are
// looked up (a word ending in * as a prefix, every term it starts) and
// all must match. Any other field that a document holds as a set of
// names fits the same scheme; an editor's notes, as text to search,
// would join the body's terms if the page gave them to the search as
// part of the cable's text (data-search-text), so that snippets and
// phrase checks read the same words.
//
// # Word forms
//
// A word finds its other forms: export finds exports, exported,
// exporting, exporter. The builder stems each dictionary term of three
// ASCII letters or more with Snowball's English (Porter2) stemmer
// (github.com/kljensen/snowball); terms sharing a stem make a stem class.
// A word also finds the terms derived from those of its class by an
// ending that Porter2 leaves on, when the stemmer agrees that the derived
// term starts with the word's stem (forms.go, derivational): -ly (with
// y to i), -ulent, -ulently, -ulence, and on words of six letters or
// more -al, -ally, -ial, -ially, -ship, -ships: fraud finds fraudulent
// and fraudulently (Porter2's fraudul), military militarily, president
// presidential, leader leadership; the converse does not hold. A class
// and its derived terms make the class's row of forms, numbered in
// dictionary order of its first term; a dictionary entry names its row,
// and s/N lists the rows' terms. The client does not stem (no second
// stemmer to drift from this one): it looks the word up, reads its row
// and matches any of its terms, each with its own idf, the best impact
// counting (as for a prefix).
//
// Terms that merely start with the word are not its forms: human does
// not find humanitarian, visa does not find visavis (Pagefind joins
// vis-a-vis into one word, which starts with visa). Until index version 5
// a word of four letters or more also matched the 16 most frequent terms
// it starts; on the bench's 20,000 cables that put 274 cables without a
// form of human among the hits of human rights (humanitarian) and 5
// without a form of minister among those of prime minister. The rows of
// forms find 97.9% to 100% of Pagefind's hits for the bench's queries but
// visa fraud (92.8%), and every cable that Pagefind finds and they do not
// holds no form of some word of the query (ministry for minister,
// vis-a-vis, which Pagefind indexes as visavis, for visa): BENCHMARKS.md.
// TestWordFormsInHits checks on the real corpus and on 2,000 synthcables
// cables that every hit holds each word in some form.
//
// A word in quotes, a phrase and a prefix match as written. A word the
// index does not hold at all has no row: the 16 most frequent terms it
// starts stand for it (as a prefix would). Measured with TestScale on
// 20,000 synthcables cables: rows of forms add 0.3% of the raw text (the
// dictionary's row numbers and 81 KB of row files), and a query 1 to 62
// KB against version 3, which had no forms (one row file per word and the
// other forms' lists: military assistance 353 KB against 291).
//
// # Files
//
// Every file is a script of one statement,
//
//	cablesiteSearch.shard("KEY",PAYLOAD);
//
// and sits at search/KEY.js for a key without a slash ("index"), else at
// search/KIND/M/N.js with M = N/1024 ("p/1234" is search/p/1/1234.js), so that no
// folder holds more than 1,024 files. Payloads are JSON values; most are
// strings of numbers in the index's alphabet, written as they are between
// double quotes.
//
// Numbers are varints over a 92-character alphabet: the printable ASCII
// characters but '"' and '\' ("!#$%&'()*+,-./0123456789:;<=>?@A-Z[]^_`a-z{|}~",
// digit values 0..91 in that order). A number is zero or more
// continuation digits (values 64..91) and one terminal digit (0..63): n <
// 64 is one terminal digit; otherwise n-64 = c + 28*m, written as the
// digit 64+c followed by m. Numbers below 64 take one character, below
// 1,856 two, below 52,032 three.
//
//	index     JSON object: v (format version, 6), n (documents), dated (documents
//	          0..dated-1 have a date), alphabet, terminal (64), levels (8), levelCode
//	          (the length in bits of each level's code, 1..7, see p/N), k1, posMod
//	          (45), stop (stop words), dict (first term of each dictionary shard),
//	          packs, docBlock (4), facetBlock (1024), idShards, years ([[year, first
//	          document], ...]), origins and classes (names, most frequent first), tags
//	          (number of TAG names), filesPerDir (1024), stems
//	          (number of stem classes), stemShard (128)
//	t/N       dictionary shard: varints pack and index in pack of its first term;
//	          then per term, in order (JavaScript string order): varint shared (UTF-16
//	          units shared with the previous term of the shard), varint length
//	          (UTF-16 units), the rest of the term, varint 4*df+2*s+c where s is 1 when
//	          the term starts a new pack (then its index is 0) and 0 when it is the
//	          next of the same pack, and c is 1 when a varint follows: the term's row
//	          of forms (see "Word forms"). Facet values are terms "tag:KEY", "origin:KEY",
//	          "class:KEY" where KEY is FacetKey of the value; fields are terms "to:WORD",
//	          "to:=KEY", "from:...", "signer:...", "subject:WORD", "ref:KEY" ("Fields").
//	p/N       postings pack: varint k, k varints (lengths of the lists), the lists.
//	          A list of df postings (df from its dictionary entry) is: varint first
//	          document, times 8 plus its level when the list has levels (terms
//	          without ':'; facet values and fields have none); when df > 1, varint
//	          r (the list's Rice parameter, 0..24) and bits, 6 per digit 0..63, most
//	          significant first, the last digit padded with zero bits: per later
//	          document, its gap from the previous one minus one, g, as g>>r zero
//	          bits, a one bit and the low r bits of g; then, with levels, the
//	          level's code: the canonical prefix code of lengths levelCode (codes
//	          in order of length then level, each the previous one plus one,
//	          shifted left to its length).
//	q/N       residues pack, aligned with p/N: varint k, k lengths, the lists. Per
//	          posting, the residues of the words that follow its term: each residue r
//	          but the last is the digit r+45, the last the digit r; the digit 90 is an
//	          empty set (a term only in the TAGS, origin or id, or only last in its
//	          field). Facet terms have empty lists.
//	d/N       hits N*4..N*4+3: JSON array of [id, day (days since 0001-01-01, -1
//	          undated), url ("" for DefaultURL), subject, origin (index in the root's
//	          origins, -1), classification (index, -1), excerpt]
//	f/N       facets of documents N*1024..: per document, varints origin+1,
//	          classification+1 (0: none), the number of TAGS and each TAG's number
//	          minus the previous one's minus one (the first from -1)
//	tags      JSON array: TAG names, most frequent first (their numbers)
//	tagm      JSON array: the meanings of the TAGS of tags, in the same order ("": unknown)
//	s/N       rows of forms N*128..: JSON array of strings, each the terms of a row in
//	          dictionary order, joined by spaces (a dictionary entry names its row)
//	i/N       cable ids: JSON array [id, document, id, document, ...], sorted, holding
//	          the ids whose IDKey has FNV-1a (32-bit, of its UTF-8) modulo idShards N
//	days      per day that has cables, in order: varint gap from the previous day
//	          (the first from day 0) and varint count of its cables
//
// Beside each cable's page, outside search/ and written by the site's
// build with the page (TextPath, TextScript), the cable's text as the
// index read it (Doc.Body), for snippets and phrase checks:
//
//	cable/2006/03/06PARIS23.txt.js   cablesiteSearch.text("cable/2006/03/06PARIS23.html","TEXT");
//
// # Memory and time
//
// Add analyses a document on one of Config.Workers goroutines; each worker
// inverts its last 512 documents on its own, then merges them into a
// dictionary split in 64 shards, each under its own lock, looking each
// term up once per batch. A posting takes about 3 bytes until Write.
// Memory grows with the number of postings, not with the text. Write
// numbers the documents, encodes the terms in parallel (sorting long lists
// with a bitmap, in linear time) and writes the packs in order.
//
// Measured with TestScale (flags -search.content, -search.out) on the
// 250,000 synthcables cables of a 2-core machine that other jobs shared:
// 121.7 million postings, 362 MB of them while building; 80 s of CPU for
// reading the content and indexing it, 1.3 GB peak RSS (1.1 GB under
// GOMEMLIMIT=1100MiB); an index of 449 MB in 43,665 files, 30.5% of the
// raw text. TestScaleBrowser measures queries in Chromium from file://:
// two-word queries load 316 to 478 KB and show their first results in
// 150 to 270 ms. (Figures of index version 5.)
//
// Postings in bits (version 6), on 250,000 synthcables cables of a later
// corpus (128.0 million postings): 157.7 MB of postings against 205.0 MB
// as varints of gap*8+level (13.9% of the raw text to 10.7%; the index
// 31.2% to 28.0%, with hits in blocks of 4); the list of military,
// 141,845 postings, 97,302 characters against 142,244 (4.1 bits a posting
// against a character: 1.76 for the gap, 2.35 for the level), that of
// assistance 67,244 against 89,258. The bench's two-word queries load 256
// to 440 KB against 284 to 518 (military assistance 440 against 518,
// election fraud 418 against 502, prime minister 414 against 505). The
// code of levels was 7,5,3,1,2,4,6,7 bits for levels 0..7; a code per
// list would save 0.24 bits a posting on military's list, 0.56 on
// minister's and nothing measurable on the other words of the bench: not
// worth a header. The client decodes bit by bit, straight into typed
// arrays: military's list in about 2.2 ms in Chromium 156 against 1.1 to
// 1.2 for version 5's varints (medians of 41 runs of 5 decodes, a shared
// machine; in Node 20, 2.1 ms against 1.7). A table of the 12 bits
// at the top of the buffer, one look-up giving a posting or two, decoded
// it in 1.4 ms in Chromium, but building the table took 2 to 20 ms for each Rice
// parameter on a fresh page: at 250,000 cables the first results came 40
// to 80 ms later (TestScaleBrowser) and, at 4x CPU throttling, tasks of 51
// to 83 ms appeared (BenchmarkSearchTasks), so it was dropped. The refills
// of the bit buffer are branches a processor predicts less well
// than the digits of varints. A third fewer characters load.
package search
