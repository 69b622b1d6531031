package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/kljensen/snowball/english"

	"github.com/cablesite/cablesite/generator/annotate"
)

// TestRecall is a measurement, not a test: it compares the hits of the
// bench's queries (unquoted, fielded ones left out) in cablesite's index
// (-search.out, written by TestScale or a site's build) with Pagefind's
// over the same cables (-search.pagefind, the Hugo site bench/run.sh
// indexes with Pagefind), and, given the content folder
// (-search.content), tells for the cables Pagefind finds and cablesite
// does not which words of theirs Pagefind matched: the words whose
// Porter2 stem starts with the query word's (Pagefind's rule).
//
//	go test ./generator/search -run TestRecall -v -search.out IDX -search.pagefind HUGO -search.content CONTENT
func TestRecall(t *testing.T) {
	if *scalePagefind == "" || *scaleOut == "" {
		t.Skip("measurement: give -search.out DIR (cablesite's index) and -search.pagefind SITE (Hugo + Pagefind)")
	}
	var queries []string
	for _, q := range strings.Split(*scaleQueries, ",") {
		q = strings.ReplaceAll(q, `"`, "")
		if slices.Contains(queries, q) {
			continue
		}
		queries = append(queries, q)
	}
	theirs := pagefindHits(t, *scalePagefind, queries)
	s, err := Open(os.DirFS(*scaleOut))
	if err != nil {
		t.Fatal(err)
	}
	var files map[string]string // cable id -> content file
	if *scaleContent != "" {
		files = contentFiles(t, *scaleContent)
	}
	tok := &Tokenizer{}
	termSets := map[string]map[string]bool{} // cable id -> its terms
	var check formCheck
	for _, q := range queries {
		ours := map[string]bool{}
		for _, id := range queryIDs(t, s, q) {
			ours[id] = true
		}
		var missed []string
		common := 0
		for _, id := range theirs[q] {
			if ours[id] {
				common++
			} else {
				missed = append(missed, id)
			}
		}
		t.Logf("recall %-22q cablesite %6d  pagefind %6d  ratio %5.1f%%  in both %6d  pagefind only %5d  cablesite only %5d",
			q, len(ours), len(theirs[q]), 100*float64(len(ours))/float64(max(1, len(theirs[q]))), common, len(missed), len(ours)-common)
		if files == nil {
			continue
		}
		// Precision: the hits that hold no form of a word of the query
		// (formCheck), cablesite's and Pagefind's.
		var words []string
		for _, f := range strings.Fields(q) {
			if !strings.Contains(f, ":") {
				words = append(words, tok.Terms(f)...)
			}
		}
		formless := func(ids []string) (n int, examples []string) {
			for _, id := range ids {
				set, ok := termSets[id]
				if !ok {
					set = docTermSet(tok, readContentDoc(t, files[id]))
					termSets[id] = set
				}
				if lack := check.lacksForm(set, words); len(lack) > 0 {
					n++
					if len(examples) < 3 {
						examples = append(examples, id+" lacks "+strings.Join(lack, ","))
					}
				}
			}
			return n, examples
		}
		oursIDs := make([]string, 0, len(ours))
		for id := range ours {
			oursIDs = append(oursIDs, id)
		}
		on, oex := formless(oursIDs)
		pn, pex := formless(theirs[q])
		t.Logf("    hits without a form of each word: cablesite %d %v, pagefind %d %v; pagefind's hits with them all: %d, cablesite finds %5.1f%% of them",
			on, oex, pn, pex, len(theirs[q])-pn, 100*float64(len(ours)-on)/float64(max(1, len(theirs[q])-pn)))
		if len(missed) == 0 {
			continue
		}
		// The words that matched, in the cables missed, by query word.
		for _, w := range words {
			stem := english.Stem(w, true)
			forms := map[string]int{}
			none := 0
			for _, id := range missed {
				d := readContentDoc(t, files[id])
				seen := map[string]bool{}
				for _, f := range tok.Terms(strings.Join(append([]string{d.ID, d.Subject, d.Origin, d.Body}, d.Tags...), " ")) {
					if strings.HasPrefix(english.Stem(f, true), stem) {
						seen[f] = true
					}
				}
				if len(seen) == 0 {
					none++
				}
				for f := range seen {
					forms[f]++
				}
			}
			keys := make([]string, 0, len(forms))
			for f := range forms {
				keys = append(keys, f)
			}
			sort.Slice(keys, func(i, j int) bool {
				return forms[keys[i]] > forms[keys[j]] || forms[keys[i]] == forms[keys[j]] && keys[i] < keys[j]
			})
			var b strings.Builder
			for i, f := range keys {
				if i == 25 {
					fmt.Fprintf(&b, " ...(%d more)", len(keys)-i)
					break
				}
				fmt.Fprintf(&b, " %s:%d", f, forms[f])
			}
			t.Logf("    %-12s (stem %s) in the %d missed: no such word in %d;%s", w, stem, len(missed), none, b.String())
		}
		for i, id := range missed {
			if i == 5 {
				break
			}
			t.Logf("    missed: %s", id)
		}
	}
}

// pagefindHits runs each query through Pagefind in headless Chromium,
// over http (Pagefind does not work from file://), and returns the ids of
// the cables it finds, read from its fragment files.
func pagefindHits(t *testing.T, site string, queries []string) map[string][]string {
	t.Helper()
	exe := chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	ctx, _ := browser(t, exe)
	run(t, ctx, chromedp.Navigate(srv.URL+"/404.html"))
	out := map[string][]string{}
	for _, q := range queries {
		// tag:X is Pagefind's filter tag (bench/hugo's data-pagefind-filter).
		var words, tags []string
		for _, f := range strings.Fields(q) {
			if tag, ok := strings.CutPrefix(f, "tag:"); ok {
				tags = append(tags, strings.ToUpper(tag))
			} else {
				words = append(words, f)
			}
		}
		filters := "{}"
		if len(tags) > 0 {
			filters = `{tag: {all: ` + strconvQuote(strings.Join(tags, ",")) + `.split(",")}}`
		}
		expr := `(async () => {
			const pf = await import('/pagefind/pagefind.js');
			await pf.init();
			const r = await pf.search(` + strconvQuote(strings.Join(words, " ")) + `, {filters: ` + filters + `});
			return r.results.map(x => x.id);
		})()`
		ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, id := range ids {
			u := pagefindURL(t, filepath.Join(site, "pagefind", "fragment", id+".pf_fragment"))
			out[q] = append(out[q], strings.TrimSuffix(path.Base(u), ".html"))
		}
	}
	return out
}

// pagefindURL reads the url of a Pagefind fragment file: gzip, then
// "pagefind_dcd" and JSON.
func pagefindURL(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("pagefind_dcd"))
	var frag struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(data, &frag); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return frag.URL
}

// contentFiles maps each cable id of a content folder to its file.
func contentFiles(t *testing.T, content string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(filepath.Join(content, "cables"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files[strings.TrimSuffix(filepath.Base(p), ".md")] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// readContentDoc reads a content file as the index reads it.
func readContentDoc(t *testing.T, name string) Doc {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := annotate.Read(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return FromDocument(doc)
}
