package search

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/taxonomy"
	chromebin "github.com/cablesite/cablesite/internal/browser"
	"github.com/cablesite/cablesite/internal/corpus"
)

// realQuery is a query of TestBrowserRealCorpus: what the page must show.
type realQuery struct {
	q string
	// notice, when set, is the code of the notice the page must show
	// (a fatal one: no results).
	notice string
	// suggest, when set, is the text of a suggestion the page must offer.
	suggest string
	// min is the fewest results the query must find (the test's own
	// check that it means something).
	min int
}

// realCorpusSite builds the site of the real corpus's cables, and one
// cable of hostile names in every new field, and the queries of each form
// of the language over it.
func realCorpusSite(t *testing.T) (dir string, s *Searcher, queries []realQuery) {
	t.Helper()
	var docs []Doc
	for _, name := range corpus.Files(t, "real/cablegate-html", ".html") {
		docs = append(docs, docsOf(t, name, cable.FormatAuto)...)
	}
	const hostile = `<img src=x onerror=alert(1)>`
	docs = append(docs, Doc{
		ID: "10HOSTILE1", Date: time.Date(2010, 2, 1, 0, 0, 0, 0, time.UTC), Subject: "SUBJECT " + hostile,
		Origin: "Embassy " + hostile, Classification: "SECRET", Tags: []string{"PREL", hostile},
		Body: "A body about nuclear exports.", To: []string{"AMEMBASSY " + hostile, "RUEHXX"}, From: hostile,
		Signers: []string{hostile}, References: []string{hostile},
	})
	// Values of the fields, from the corpus itself.
	var to, route, from, signer, ref string
	for _, d := range docs {
		for i, n := range d.To {
			if to == "" && strings.HasPrefix(n, "AMEMBASSY ") {
				to = n
			}
			if route == "" && strings.HasPrefix(n, "RUEH") && i > 0 {
				route = n
			}
		}
		if from == "" && d.From != "" && d.From != hostile {
			from = d.From
		}
		if signer == "" && len(d.Signers) > 0 && d.Signers[0] != hostile {
			signer = d.Signers[0]
		}
		if ref == "" && len(d.References) > 0 && d.References[0] != hostile {
			ref = d.References[0]
		}
	}
	if to == "" || route == "" || from == "" || signer == "" || ref == "" {
		t.Fatalf("the corpus lacks a field: to %q, route %q, from %q, signer %q, ref %q", to, route, from, signer, ref)
	}
	tags := taxonomy.LoadTags()
	dir = testSiteConfig(t, docs, false, Config{TagMeaning: tags.Meaning})
	var err error
	if s, err = Open(os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	queries = []realQuery{
		{q: "nuclear iran", min: 2},
		{q: "nuclear OR uranium", min: 5},
		{q: "nuclear -iran", min: 2},
		{q: "nuclear NOT iran", min: 2},
		{q: `nuclear -"north korea"`, min: 2},
		{q: "nuclear -tag:IR", min: 2},
		{q: "tag:PREL", min: 10},
		{q: "tag:PREL OR tag:PGOV -tag:IR", min: 10},
		{q: `origin:"Embassy Bogota" OR origin:caracas`, min: 2},
		{q: "class:secret", min: 10},
		{q: "year:2006..2008", min: 10},
		{q: "date:2006-03..2006-06", min: 1},
		{q: "date:2009-01-01..2009-03-31", min: 1},
		{q: `to:"` + to + `"`, min: 1},
		{q: "to:" + strings.Fields(to)[1], min: 1},
		{q: "to:" + route[:5] + "*", min: 1},
		{q: `from:"` + from + `"`, min: 1},
		{q: "from:" + strings.Fields(from)[0], min: 1},
		{q: "signer:" + strings.Fields(signer)[0], min: 1},
		{q: "subject:election", min: 1},
		{q: "ref:" + ref, min: 1},
		{q: "export", min: 5},
		{q: `"exports"`, min: 1},
		{q: "elections", min: 5},
		{q: `signer:"` + hostile + `"`, min: 1},
		{q: `to:"AMEMBASSY ` + hostile + `"`, min: 1},
		{q: "from:img", min: 1},
		{q: `ref:"` + hostile + `"`, min: 1},
		{q: "venezula", suggest: "venezuela"},
		{q: "note:x nuclear", notice: "field"},
		{q: "-iran", notice: "onlynot"},
	}
	return dir, s, queries
}

// readExtra is what TestBrowserRealCorpus reads of a page besides
// readState: the notices, the suggestions, the TAG meanings, and any
// element a hostile name could have made.
const readExtra = `({
  notices: Array.from(document.querySelectorAll('#search-notices li')).map(li => li.dataset.code),
  suggest: Array.from(document.querySelectorAll('#search-suggest a')).map(a => a.textContent),
  meanings: Array.from(document.querySelectorAll('#search-facets .facet-meaning')).length,
  more: Array.from(document.querySelectorAll('#search-facets .facet-more')).map(b => b.textContent),
  bars: document.querySelectorAll('#search-chart svg a').length,
  imgs: document.querySelectorAll('#search-app img').length,
})`

type realExtra struct {
	Notices  []string `json:"notices"`
	Suggest  []string `json:"suggest"`
	Meanings int      `json:"meanings"`
	More     []string `json:"more"`
	Bars     int      `json:"bars"`
	Imgs     int      `json:"imgs"`
}

// checkReal checks what a browser showed for a query against the Go
// mirror.
func checkReal(t *testing.T, s *Searcher, rq realQuery, st pageState, ex realExtra) {
	t.Helper()
	want, err := s.Search(rq.q, SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Imgs != 0 {
		t.Errorf("%s: %d img elements on the page", rq.q, ex.Imgs)
	}
	if rq.notice != "" {
		if !slices.Contains(ex.Notices, rq.notice) || st.Total != 0 || len(st.Hits) != 0 {
			t.Errorf("%s: notices %q, want %s; %d results", rq.q, ex.Notices, rq.notice, st.Total)
		}
		return
	}
	if rq.suggest != "" {
		if !slices.Contains(ex.Suggest, rq.suggest) {
			t.Errorf("%s: suggestions %q, want %s", rq.q, ex.Suggest, rq.suggest)
		}
		return
	}
	if want.Total < rq.min {
		t.Errorf("%s: %d results, the test wants %d at least", rq.q, want.Total, rq.min)
	}
	var got, wantIDs []string
	for _, h := range st.Hits {
		got = append(got, h.ID)
	}
	for _, h := range want.Hits {
		wantIDs = append(wantIDs, h.ID)
	}
	// A phrase is checked in the texts by the page, not by the mirror:
	// the page's hits are those of the mirror's that hold it.
	if strings.Contains(rq.q, `"`) && !strings.Contains(rq.q, `:"`) {
		for _, id := range got {
			if !slices.Contains(wantIDs, id) && want.Total <= 20 {
				t.Errorf("%s: hit %s not among the index's %v", rq.q, id, wantIDs)
			}
		}
		return
	}
	if st.Total != want.Total || !slices.Equal(got, wantIDs) {
		t.Errorf("%s: %d results %v, want %d %v (status %q)", rq.q, st.Total, got, want.Total, wantIDs, st.Status)
	}
	if st.Total > 0 && ex.Meanings == 0 && strings.Contains(rq.q, "tag:") {
		t.Errorf("%s: no TAG meaning shown", rq.q)
	}
}

// TestBrowserRealCorpus runs a query of each form of the language (words,
// OR, exclusions, each filter, facet combinations, word forms,
// suggestions, notices, hostile text in every new field) on the real
// corpus's site from file://, in Chromium and in Firefox, against the Go
// mirror.
func TestBrowserRealCorpus(t *testing.T) {
	chromebin.SkipShort(t)
	dir, s, queries := realCorpusSite(t)
	base := (&url.URL{Scheme: "file", Path: dir + "/"}).String()

	t.Run("chromium", func(t *testing.T) {
		ctx, dialogs := browser(t, chromium(t))
		for _, rq := range queries {
			st := open(t, ctx, base, "?q="+url.QueryEscape(rq.q))
			checkReal(t, s, rq, st, evalTo[realExtra](t, ctx, readExtra))
		}
		// Facets: every origin reachable, with a filter box; two origins OR.
		st := open(t, ctx, base, "?q=year:2000..2010")
		ex := evalTo[realExtra](t, ctx, readExtra)
		if len(ex.More) == 0 || ex.Bars < 4 {
			t.Fatalf("facets: more %q, %d bars", ex.More, ex.Bars)
		}
		tctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		click := func(sel string, wait bool) {
			t.Helper()
			acts := []action{resetState, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)}
			if wait {
				acts = append(acts, waitDone(tctx))
			}
			run(t, tctx, acts...)
		}
		click(`#search-facets section[data-facet=origin] .facet-more`, false)
		n := evalTo[int](t, ctx, `document.querySelectorAll('#search-facets section[data-facet=origin] button.facet-value').length`)
		if n <= 10 {
			t.Errorf("all origins: %d shown", n)
		}
		run(t, tctx, chromedp.SendKeys(chromedp.CSS(`#search-facets section[data-facet=origin] .facet-filter`), "brasilia"))
		if v := evalTo[int](t, ctx, `Array.from(document.querySelectorAll('#search-facets section[data-facet=origin] li')).filter(li => !li.hidden).length`); v != 1 {
			t.Errorf("the filter box leaves %d origins for brasilia", v)
		}
		click(`#search-facets section[data-facet=origin] button[data-value="Embassy Brasilia"]`, true)
		// The list stays whole after a search: every origin, the chosen first.
		click(`#search-facets section[data-facet=origin] button[data-value="Embassy Rabat"]`, true)
		st = state(t, ctx)
		if want := `year:2000..2010 origin:"Embassy Brasilia" OR origin:"Embassy Rabat"`; st.Query != want {
			t.Fatalf("query %q, want %q", st.Query, want)
		}
		checkReal(t, s, realQuery{q: st.Query, min: 2}, st, evalTo[realExtra](t, ctx, readExtra))
		if n := dialogs.Load(); n != 0 {
			t.Errorf("%d dialogs opened", n)
		}
	})

	t.Run("firefox", func(t *testing.T) {
		var pages []ffPage
		for _, rq := range queries {
			pages = append(pages, ffPage{
				URL:   base + "search.html?q=" + url.QueryEscape(rq.q),
				Ready: `["done", "error"].includes(document.getElementById("search-app").dataset.state)`,
				Value: `Object.assign(` + readState + `, {extra: ` + readExtra + `})`,
			})
		}
		for i, v := range runFirefox(t, pages) {
			var st struct {
				pageState
				Extra realExtra `json:"extra"`
			}
			if err := json.Unmarshal(v, &st); err != nil {
				t.Fatalf("%s: %v", v, err)
			}
			checkReal(t, s, queries[i], st.pageState, st.Extra)
		}
	})
}
