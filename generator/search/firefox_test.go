package search

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	chromebin "github.com/cablesite/cablesite/internal/browser"
)

// ffPage is a page for testdata/firefox.js to open: when ready is true,
// it answers the value of value.
type ffPage struct {
	URL   string `json:"url"`
	Ready string `json:"ready"`
	Value string `json:"value"`
}

// runFirefox opens pages in headless Firefox and returns their values. It
// skips without Firefox or Node, but fails under CI=true.
func runFirefox(t *testing.T, pages []ffPage) []json.RawMessage {
	t.Helper()
	ff := ""
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(name); err == nil {
			ff = p
			break
		}
	}
	nodeBin, err := exec.LookPath("node")
	if ff == "" || err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Firefox or Node is not installed; CI must have them (apt-get install firefox-esr nodejs)")
		}
		t.Skip("Firefox or Node is not installed: skipping the Firefox test")
	}
	in, err := json.Marshal(map[string]any{"firefox": ff, "profile": t.TempDir(), "probe": probeScript(t), "pages": pages})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nodeBin, "--experimental-websocket", filepath.Join("testdata", "firefox.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("firefox.js: %v\n%s", err, stderr.String())
	}
	var raw struct{ Values []json.RawMessage }
	if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil || len(raw.Values) != len(pages) {
		t.Fatalf("firefox.js answered %q (%v)", stdout.String(), err)
	}
	return raw.Values
}

// TestFirefox opens the test site from disk in headless Firefox (Debian's
// firefox-esr, driven over WebDriver BiDi by testdata/firefox.js in Node),
// as TestBrowser does in Chromium: the index loads as scripts from
// file://, a phrase is checked in the cables' texts read through frames,
// snippets come from those texts, and hostile text stays text. It skips
// without Firefox or Node, but fails under CI=true.
func TestFirefox(t *testing.T) {
	chromebin.SkipShort(t)
	docs := testDocs(300)
	dir := testSite(t, docs, true)
	s, err := Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	base := (&url.URL{Scheme: "file", Path: dir + "/"}).String()
	queries := []string{"kosovo", `"nuclear weapons"`, "zeppelin", "onerror"}
	var pages []ffPage
	for _, q := range queries {
		pages = append(pages, ffPage{
			URL:   base + "search.html?q=" + url.QueryEscape(q),
			Ready: `["done", "error"].includes(document.getElementById("search-app").dataset.state)`,
			Value: readState,
		})
	}
	// And a cable's page, as a hit's link opens it: with the words marked.
	var zeppelin string
	for _, d := range docs {
		if d.ID == "10ANKARA5" {
			zeppelin = DefaultURL(d.ID, d.Date)
		}
	}
	pages = append(pages, ffPage{
		URL:   base + zeppelin + "?highlight=" + url.QueryEscape(`zeppelin "harbour of izmir"`),
		Ready: `!!document.querySelector("[data-search-text][data-marked]")`,
		Value: `[...document.querySelectorAll("mark.hit")].map(m => m.textContent)`,
	})
	var raw struct{ Values []json.RawMessage }
	raw.Values = runFirefox(t, pages)
	var out struct{ Values []pageState }
	for _, v := range raw.Values[:len(queries)] {
		var st pageState
		if err := json.Unmarshal(v, &st); err != nil {
			t.Fatalf("firefox.js answered %s: %v", v, err)
		}
		out.Values = append(out.Values, st)
	}
	ids := func(st pageState) []string {
		var got []string
		for _, h := range st.Hits {
			got = append(got, h.ID)
		}
		return got
	}

	// Words: the hits of the Go mirror.
	want, err := s.Search("kosovo", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var wantIDs []string
	for _, h := range want.Hits {
		wantIDs = append(wantIDs, h.ID)
	}
	if got := ids(out.Values[0]); !slices.Equal(got, wantIDs) {
		t.Errorf("kosovo: hits %v, want %v (status %q)", got, wantIDs, out.Values[0].Status)
	}

	// The phrase: only the candidates whose text holds it.
	all, err := s.Search(`"nuclear weapons"`, SearchOptions{PerPage: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var holding []string
	for _, h := range all.Hits {
		for _, d := range docs {
			if d.ID == h.ID && holdsPhrase(d, "nuclear weapons") {
				holding = append(holding, h.ID)
			}
		}
	}
	if st := out.Values[1]; !slices.Equal(ids(st), holding) || st.Total != len(holding) || len(holding) == len(all.Hits) {
		t.Errorf(`"nuclear weapons": %d hits %v (status %q); want %d of the %d candidates: %v`,
			st.Total, ids(st), st.Status, len(holding), len(all.Hits), holding)
	}

	// A snippet from the cable's text, far past the excerpt.
	if st := out.Values[2]; len(st.Hits) != 1 || !strings.Contains(st.Hits[0].Snippet, "a zeppelin flew over the harbour of Izmir.") ||
		!slices.Equal(st.Hits[0].Marks, []string{"zeppelin"}) {
		t.Errorf("zeppelin: %+v", st.Hits)
	}

	// The cable's page marks the word and the phrase.
	var marks []string
	if err := json.Unmarshal(raw.Values[len(queries)], &marks); err != nil ||
		!slices.Equal(marks, []string{"zeppelin", "harbour of Izmir"}) {
		t.Errorf("the cable's page marks %s, want zeppelin and the phrase (%v)", raw.Values[len(queries)], err)
	}

	// Hostile text is shown as text.
	st := out.Values[3]
	if len(st.Hits) == 0 || !strings.Contains(st.Hits[0].Title, "<img src=x onerror=alert(1)>") {
		t.Errorf("onerror: %+v", st.Hits)
	}
	for _, h := range st.Hits {
		for _, tag := range h.Tags {
			if tag != "h3" && tag != "a" && tag != "p" && tag != "time" && tag != "span" && tag != "mark" {
				t.Errorf("%s: element %s in the hit", h.ID, tag)
			}
		}
	}
}
