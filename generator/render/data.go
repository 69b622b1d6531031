package render

import (
	"html/template"
	"strings"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
)

// Site is what every page knows of the whole site.
type Site struct {
	Title   string // the site's name: "Cablegate"
	BaseURL string // "https://example.org/", or "" when the build was given none
	Meta           // what the site's configuration says of it
	Total   int    // cables in the collection
	Search  bool   // the site has client-side search: search.html and search/

	// CSS, JS and Icon are the paths, from the site's root, of the
	// fingerprinted stylesheet, script and icon: "assets/style.1a2b3c4d.css".
	CSS, JS, Icon string
	// Assets maps the name of every file of the templates folder that is
	// not a template ("style.css", "logo.png") to its path from the root.
	Assets map[string]string
}

// Meta is what a site's configuration (cablesite.toml, package config)
// says of the site beyond its name and address; every field may be empty.
type Meta struct {
	Description string     // what the collection is
	Language    string     // a BCP 47 tag for the pages' lang attribute; "" means "en"
	Publisher   string     // who publishes the site
	Credit      string     // a licence or credit line for every page's footer
	Menu        []MenuLink // links added to the navigation, in order
}

// A MenuLink is a link of the navigation: a path from the site's root
// ("about/") or an absolute http(s) address.
type MenuLink struct {
	Name, URL string
}

// Lang is the pages' language: Meta.Language, or "en".
func (s *Site) Lang() string {
	if s.Language == "" {
		return "en"
	}
	return s.Language
}

// Href is the link's address on a page whose root is root: an absolute
// address as it is, a path from the site's root under root.
func (l MenuLink) Href(root string) string {
	if strings.Contains(l.URL, "://") {
		return l.URL
	}
	return root + l.URL
}

// Page is what every page has: embedded in each page's data, so a
// template reaches it as .Title, .Root, .URL "tag/index.html".
type Page struct {
	Site *Site
	Kind Kind
	// Section names the part of the site the page belongs to, for the
	// navigation: "home", "date", "origin", "tag", "classification", or "".
	Section string
	// Path is the page's own path from the site's root, slash-separated:
	// "cable/2007/09/07STATE126086.html".
	Path string
	// Root leads from the page to the site's root: "" at the root,
	// "../../../" for a cable page, "/" (or the base URL's path) on the
	// 404 page, which a host serves at any depth.
	Root        string
	Title       string // the page's title, for <title>
	Description string // a sentence for <meta name="description">, or ""
	Canonical   string // the page's absolute URL when the base URL is known
	Feed        string // path from the root of the page's Atom feed, or ""
	Crumbs      Crumbs // the way from the home page down to this page's parent
}

// URL returns the address of the page at path (from the site's root) as
// seen from p: a relative URL, so that the site works from a host and from
// a folder opened from disk alike. Folder pages are always named in full
// ("tag/index.html"), since a browser shows a file:// folder as a listing.
func (p Page) URL(path string) string { return p.Root + path }

// Link is a labelled link to a page of the site.
type Link struct {
	Text string
	Path string // from the site's root
	Href string // from the page it is on
}

// TermLink is a term of a taxonomy (a TAG, an origin, a classification, a
// year or a month) with the page that lists its cables.
type TermLink struct {
	Name    string // as shown: "PGOV", "Embassy Belgrade", "SECRET//NOFORN"
	Meaning string // a TAG's meaning, "" when unknown or not a TAG
	Slug    string // the term's file name: "pgov", "embassy-belgrade"
	Path    string // its first page, from the root: "tag/pgov/index.html"
	Href    string // its first page, from the page it is on
	Count   int    // its cables
}

// CableLink is a cable as lists show it.
type CableLink struct {
	ID             string
	Subject        string
	Title          string // the subject, or the id when there is none
	Date           Date   // zero when the cable is undated
	Origin         string
	Classification string
	Path           string // the cable's page, from the root
	Href           string // the cable's page, from the page it is on
}

// Date is a cable's date with the forms pages show, computed once (a
// template calling a function per date costs more than the date is worth).
type Date struct {
	time.Time
	Day string // "2007-09-07", or "" when the time is zero
	ISO string // "2007-09-07T21:47:00Z", for <time datetime>
}

// NewDate returns t as a Date.
func NewDate(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	t = t.UTC()
	return Date{Time: t, Day: t.Format("2006-01-02"), ISO: t.Format(time.RFC3339)}
}

// ThreadItem is a cable of a thread: one the page's cable references, or
// one that cites it.
type ThreadItem struct {
	ID    string // the cited cable's id, "" for a reference that is not a cable
	Date  Date   // zero when not known
	Label string // the cable's subject, or the REF line's own words
	Path  string // its page from the root, "" when it is not in the collection
	Href  string // its page from the page it is on, "" when it is not in the collection
}

// Pager is the pagination of a list.
type Pager struct {
	Number, Count int    // this page's number (from 1) and how many there are
	Prev, Next    string // the neighbouring pages, from this one, or ""
	// Items are the page links to show: the first, the last, and those
	// near this one, with gaps between.
	Items []PagerItem
}

// PagerItem is one link of a Pager.
type PagerItem struct {
	Number  int
	Href    string // from this page
	Current bool
	Gap     bool // an ellipsis standing for the pages left out
}

// HomePage is the data of home.html.
type HomePage struct {
	Page
	Total, Undated int
	First, Last    time.Time // the oldest and newest dates, zero when none
	OriginCount    int
	TagCount       int
	// Chart is the collection's cables per month, as inline SVG whose bars
	// link to the month pages.
	Chart           template.HTML
	TopTags         []TermLink // the busiest TAGS, busiest first
	TopOrigins      []TermLink // the busiest origins, busiest first
	Classifications []TermLink // every classification, busiest first
	Cables          CableList
	// CablesHTML is Cables rendered in Go (CableList.MinifiedHTML), set
	// by a build: what the stock partial "cablelist" writes, in Go.
	CablesHTML template.HTML
	// Intro is the site's introduction (content/_index.md) rendered, or "".
	Intro template.HTML
}

// EditorialPage is the data of page.html: an editorial page of the site
// (package editorial), a collection when its front matter lists cables.
type EditorialPage struct {
	Page
	// Body is the page's markdown rendered, cable: links resolved.
	Body template.HTML
	// Collection is the cables the page lists, or nil.
	Collection *Collection
}

// Collection is the cables an editorial page gathers, in its order.
type Collection struct {
	Cables CableList
	// CablesHTML is Cables rendered in Go (see HomePage.CablesHTML).
	CablesHTML template.HTML
	// Chart is the collection's cables per month, as inline SVG.
	Chart template.HTML
	// Missing are the ids the page names that are not in the site.
	Missing []string
}

// CablePage is the data of cable.html.
type CablePage struct {
	Page
	// Cable holds every field of the cable's front matter (see package
	// cable for their meaning).
	Cable *cable.Cable
	// Date is the cable's date (zero when undated), When the same as
	// "2007-09-07 21:47 UTC", or "".
	Date           Date
	When           string
	Month          Link      // the page of the cable's month ("September 2007")
	Origin         *TermLink // nil when the cable names none
	Classification *TermLink // nil when the cable has none
	Tags           TagList
	// Details is the metadata table's rows (see DetailsHTML): the fields
	// above and the cable's, rendered in Go.
	Details template.HTML
	// Body is the annotated body rendered to HTML (package markdown):
	// paragraphs with anchors #par1..., marking badges, reference links.
	Body template.HTML
	// Subject is the cable's subject when the page's title is an editor's
	// own (front matter title:), shown under it; "" otherwise.
	Subject string
	// Notes is the editor's notes (the file's notes section, see package
	// annotate) rendered to HTML, or "" when there are none.
	Notes template.HTML
	// Articles are the articles the cable appears in, as Cablegate listed
	// them (source.meta.articles): Text is the address, Href the same
	// when it is an http or https URL, "" otherwise (shown unlinked).
	Articles []Link
	// Collections are the site's collections (editorial pages listing
	// cables) that hold the cable, in the order of their pages' files.
	Collections []Link
	// Pages are the site's other editorial pages whose text links to the
	// cable, in the order of their files.
	Pages []Link
	// Original is the cable's text as it was sent, escaped as HTML text
	// (its bytes that are not UTF-8 read as Windows-1252), to be shown in
	// a <pre>; HasOriginal is false when the file keeps none.
	Original    template.HTML
	HasOriginal bool
	// Prev and Next are the neighbours in the whole collection by date;
	// PrevOrigin and NextOrigin those of the same origin. Nil at the ends.
	Prev, Next             *CableLink
	PrevOrigin, NextOrigin *CableLink
	// References are the REF items, cables or not, in time order;
	// CitedBy the cables of the collection that reference this one.
	References Thread
	CitedBy    Thread
}

// Neighbours are the links from a month's or a year's page to the
// previous and next ones that have cables.
type Neighbours struct {
	Label      string // what they are, for the navigation's label: "Months", "Years"
	Prev, Next *Link  // nil at the ends
}

// ListPage is the data of list.html: one page of the cables of a term.
type ListPage struct {
	Page
	Heading string    // "Cables tagged PGOV"
	Intro   string    // a sentence under the heading (a TAG's meaning), or ""
	Term    *TermLink // the term listed
	Total   int       // cables of the term, on all pages
	Order   string    // how the cables are ordered: "newest first"
	Cables  CableList
	// CablesHTML is Cables rendered in Go (CableList.MinifiedHTML), set
	// by a build: what the stock partial "cablelist" writes, in Go.
	CablesHTML template.HTML
	Pager      Pager
	// Chart is the term's cables per month (on its first page only).
	Chart template.HTML
	// Neighbours are a month's previous and next months; nil on other
	// lists.
	Neighbours *Neighbours
}

// TermsPage is the data of terms.html: an index of terms with counts.
type TermsPage struct {
	Page
	Heading string
	Intro   string
	Total   int // cables counted
	Groups  []TermGroup
	Chart   template.HTML
	// Neighbours are a year's previous and next years; nil on other
	// indexes.
	Neighbours *Neighbours
}

// TermGroup is a group of an index: the terms beginning with one letter,
// say.
type TermGroup struct {
	Name  string // "A", "Subject TAGS"
	ID    string // the group's fragment id: "g-a"
	Terms []TermLink
}

// NotFoundPage is the data of 404.html.
type NotFoundPage struct {
	Page
}
