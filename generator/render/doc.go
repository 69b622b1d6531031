// Package render turns a site's pages into HTML with html/template: it
// loads the templates (the defaults embedded in the binary, each
// replaceable by a file of the same name in a user's templates/ folder),
// and defines the data each template gets.
//
// # Files
//
// A templates folder holds, at its top level:
//
//	base.html      the layout: defines "base" (the whole document), which a
//	               page fills by defining "main"; also the partials
//	               "assets", "header", "footer", "cablelist", "pager", "chart"
//	home.html      the home page                      data: *HomePage
//	cable.html     a cable                            data: *CablePage
//	list.html      a page of a list of cables         data: *ListPage
//	terms.html     an index of terms with counts      data: *TermsPage
//	404.html       the page for a missing address     data: *NotFoundPage
//	*.html         any other file: partials, parsed with every page
//	style.css, site.js, favicon.svg and any other web file (.css .js .svg
//	               .png .jpg .gif .webp .ico .woff2 ...): assets, published
//	               under assets/ with a content hash in their name; other
//	               files (embed.go) are ignored
//
// Load(base, override) reads base (templates.FS) and lets each file of
// override replace the file of the same name (LoadFolders also takes the
// names messages give the folders). Every page template is parsed with
// base.html and the partials, and executed as "base". Errors read
// "templates/cable.html:12: ...", naming the folder the file was read from.
//
// # Templates written in Go
//
// Some stock templates have Go code standing for them, which writes what
// they give without html/template's reflection and escaping (and, for
// whole pages, without the minifier's pass), a third of a build when they
// were measured: the routing box ("cable-details"), the lists
// ("cablelist", "crumbs", "tags", "thread"), and whole cable and list
// pages ("base", "head", the "main" of cable.html and list.html, "chart",
// "pager"). Each is tied to the exact text it was checked against: the
// package records a SHA-256 of each template's text beside its Go code
// (goTemplates), and uses the Go code only while the template loaded,
// embedded or from an override, has that hash. An edited template is
// executed by html/template, so an edit always shows: change "Thread" in
// cable.html and cable pages go through html/template with the new
// heading; change "cable-details" and its rows are executed as written
// while the rest of the page keeps its Go code. Templates.Stock reports
// whether a page kind is written whole in Go. TestGoTemplatesVerified
// fails, naming the Go file and the constant to update, when a stock
// template changes without its Go code; MAINTAINING.md, at the root of
// the repository, lists what to run then.
//
// # Data
//
// Every page's data embeds Page: .Site (the site's title, size and asset
// paths), .Kind, .Section, .Path, .Root, .Title, .Description,
// .Canonical, .Feed, .Crumbs, and the method .URL, which turns a path from
// the site's root into a link from the page: {{.URL "tag/index.html"}}.
// Links are relative, and folders are always named with their index.html,
// so that a site opened from disk (file://) works as when served; the
// links in the data are ready to use as .Href, their paths from the root as
// .Path. The lists every page has many items of (.Crumbs, .Cables, a
// cable's .Tags, .References and .CitedBy) have a method HTML that renders
// them in Go as the stock partials "crumbs", "cablelist", "tags" and
// "thread" do (html/template's escaping, per value and by reflection, was
// a fifth of a build); a template may call either.
//
// HomePage (home.html): .Total, .Undated, .First and .Last (the span),
// .OriginCount, .TagCount, .Chart (cables per month, an SVG whose bars
// link to the month pages), .TopTags, .TopOrigins, .Classifications
// ([]TermLink, busiest first), .Cables (the newest, a CableList).
//
// CablePage (cable.html): .Cable (*cable.Cable: every field of the front
// matter: ID, Date, Origin, From, To, Info, Classification, Handling,
// Tags, Subject, References, ClassifiedBy, Classifier, Reasons,
// Declassify, DeclassifyText, Signers, Summary, Sections, Paragraphs),
// .Date and .When (its date, ready to show), .Month (the month's page), .Origin and .Classification (*TermLink, nil
// when absent), .Tags (a TagList, []TermLink with each TAG's meaning),
// .Details (the routing box's entries, rendered in Go from the cable's
// fields: what the stock "cable-details" gives, see
// CablePage.DetailsHTML; .HasRouting tells whether there is any, and
// .Fold splits a To or Info list into the names shown and those behind a
// toggle), .Subject (the subject, when .Title is an editor's title),
// .Notes (the editor's notes as HTML), .Articles (the articles the cable
// appears in, []Link, .Href "" when not an http or https address), .Body (the
// annotated body as HTML: paragraph anchors #par1, marking badges,
// reference links), .Original and .HasOriginal (the text as sent), .Prev
// and .Next (the neighbours by date in the whole collection), .PrevOrigin
// and .NextOrigin (of the same origin), .References and .CitedBy
// (a Thread, []ThreadItem in time order; a reference not in the collection
// has no .Href).
//
// ListPage (list.html): .Heading, .Intro, .Term, .Total, .Order, .Cables
// (the CableList of this page), .Pager, .Chart on a term's first page,
// and on a month's pages .Neighbours (the previous and next months with
// cables; nil elsewhere).
//
// TermsPage (terms.html): .Heading, .Intro, .Total, .Groups (each a
// .Name, an .ID for its fragment and .Terms, []TermLink), .Chart, and on
// a year's page .Neighbours (the previous and next years).
//
// NotFoundPage (404.html): Page only. Its .Root is "/" (or the base URL's
// path), since hosts serve it at any depth.
//
// # Functions
//
// Besides html/template's own: num (1,234), date, datetime, isodate,
// monthname (of a time.Time), join, and partialCached, which renders a
// partial once per distinct keys: {{partialCached "header" . .Root
// .Section}}. Dates in lists come ready as .Date.Day and .Date.ISO.
//
// Everything a cable says is data and html/template escapes it where it
// is used; the only HTML passed through is the rendered body (package
// markdown escapes every text in it) and the SVG charts (package timeline
// escapes every label). The templates use no inline script or style, so
// the pages satisfy a Content-Security-Policy of script-src 'self';
// style-src 'self'.
package render
