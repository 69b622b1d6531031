package session_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/session"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// memOut is a site folder in memory that, like the preview server's,
// writes a file only when its bytes change and records what changed.
type memOut struct {
	mu      sync.Mutex
	files   map[string][]byte
	writes  int             // files given, changed or not
	changed map[string]bool // files written or removed since the last reset
	// onWrite, when set, is called with the count of writes after each.
	onWrite func(writes int)
}

func newMemOut() *memOut { return &memOut{files: map[string][]byte{}, changed: map[string]bool{}} }

func (m *memOut) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	if m.onWrite != nil {
		m.onWrite(m.writes)
	}
	if old, ok := m.files[name]; ok && bytes.Equal(old, data) {
		return nil
	}
	m.files[name] = bytes.Clone(data)
	m.changed[name] = true
	return nil
}

func (m *memOut) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; !ok {
		return nil
	}
	delete(m.files, name)
	m.changed[name] = true
	return nil
}

// Files lists the files written.
func (m *memOut) Files() ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files)), nil
}

// reset returns the files changed and the writes since the last reset.
func (m *memOut) reset() ([]string, int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ch, n := slices.Sorted(maps.Keys(m.changed)), m.writes
	clear(m.changed)
	m.writes = 0
	return ch, n
}

// cableMD is a cable's annotated markdown, written the way import writes
// the fields the site reads.
type cableMD struct {
	id, date, subject, origin, class string
	tags, refs                       []string
	body                             string
}

func (c cableMD) String() string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", c.subject)
	if c.date != "" {
		fmt.Fprintf(&b, "date: %s\n", c.date)
	}
	fmt.Fprintf(&b, "id: %q\n", c.id)
	if c.origin != "" {
		fmt.Fprintf(&b, "origin: %q\n", c.origin)
	}
	if c.class != "" {
		fmt.Fprintf(&b, "classification: %q\n", c.class)
	}
	if len(c.tags) > 0 {
		fmt.Fprintf(&b, "tags: [%s]\n", quoteAll(c.tags))
	}
	fmt.Fprintf(&b, "subject: %q\n", c.subject)
	if len(c.refs) > 0 {
		b.WriteString("references:\n")
		for _, r := range c.refs {
			fmt.Fprintf(&b, "  - id: %q\n    text: %q\n", r, "REF "+r)
		}
	}
	b.WriteString("source:\n  format: \"text\"\n  file: \"t.txt\"\n  line: 1\n---\n\n")
	body := c.body
	if body == "" {
		body = "¶1. (C) THE TEXT OF " + c.id + "."
	}
	for _, r := range c.refs {
		body += fmt.Sprintf(" SEE [%s](cable:%s).", r, r)
	}
	b.WriteString(body + "\n")
	return b.String()
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// testCables returns a collection of n cables over a few months, origins
// and TAGS, citing each other.
func testCables(n int) map[string]cableMD {
	origins := []string{"Embassy Belgrade", "Embassy Madrid", "Secretary of State", "Embassy Paris"}
	classes := []string{"UNCLASSIFIED", "CONFIDENTIAL", "SECRET"}
	tags := []string{"PGOV", "PREL", "KV", "SR", "SP", "FR", "ECON"}
	out := map[string]cableMD{}
	for i := range n {
		day := time.Date(2007, time.Month(1+i%5), 1+i%27, 8+i%12, 0, 0, 0, time.UTC)
		c := cableMD{
			id:      fmt.Sprintf("07TEST%d", 100+i),
			date:    day.Format(time.RFC3339),
			subject: fmt.Sprintf("SUBJECT NUMBER %d", i),
			origin:  origins[i%len(origins)],
			class:   classes[i%len(classes)],
			tags:    []string{tags[i%len(tags)], tags[(i*3+1)%len(tags)]},
		}
		if c.tags[0] == c.tags[1] {
			c.tags = c.tags[:1]
		}
		if i > 2 {
			c.refs = []string{fmt.Sprintf("07TEST%d", 100+i/2), "07NOTHERE1"}
		}
		if i%17 == 5 {
			c.date = "" // undated
		}
		out[fileOf(c)] = c
	}
	return out
}

func fileOf(c cableMD) string {
	if c.date == "" {
		return "cables/undated/" + c.id + ".md"
	}
	return "cables/" + c.date[:4] + "/" + c.date[5:7] + "/" + c.id + ".md"
}

func contentFS(cables map[string]cableMD) fstest.MapFS {
	fsys := fstest.MapFS{}
	for f, c := range cables {
		fsys[f] = &fstest.MapFile{Data: []byte(c.String()), Mode: 0o644}
	}
	return fsys
}

// sessionConfig is the configuration both the session and the reference
// builds use: small pages, so that lists have several.
func sessionConfig(content fs.FS, tmpl *render.Templates) site.Config {
	return site.Config{Content: content, Templates: tmpl, PageSize: 4, Workers: 3}
}

// fullBuild builds content from scratch, with its search index, with
// fresh templates (loaded with override): a Templates caches the pages'
// chrome, which must not leak from the session into the reference.
func fullBuild(t *testing.T, content fs.FS, override fs.FS) map[string][]byte {
	t.Helper()
	tmpl, err := render.Load(templates.FS, override)
	if err != nil {
		t.Fatal(err)
	}
	cfg := sessionConfig(content, tmpl)
	cfg.Search = search.NewBuilder(search.Config{Workers: 2})
	out := newMemOut()
	if _, err := site.Build(context.Background(), cfg, out); err != nil {
		t.Fatalf("full build: %v", err)
	}
	return out.files
}

// sameSite reports the differences between two sites.
func sameSite(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	if diffs := siteDiffs(got, want); len(diffs) > 0 {
		t.Errorf("%s: the served site is not the full build's (%d differences):\n%s", step, len(diffs), strings.Join(diffs[:min(len(diffs), 15)], "\n"))
	}
}

// siteDiffs lists the files missing from got, differing, and extra.
func siteDiffs(got, want map[string][]byte) []string {
	var diffs []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+name)
		case !bytes.Equal(g, want[name]):
			diffs = append(diffs, "differs "+name+": "+firstDiff(g, want[name]))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	return diffs
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-60)
	return fmt.Sprintf("at byte %d: got %q, want %q", i, a[lo:min(len(a), i+60)], b[lo:min(len(b), i+60)])
}

// session starts a session on content, writing into a memOut.
func newSession(t *testing.T, content fs.FS, tmpl *render.Templates) (*session.Session, *memOut) {
	t.Helper()
	cfg := sessionConfig(content, tmpl)
	cfg.Search = search.NewBuilder(search.Config{Workers: 2})
	out := newMemOut()
	s, _, err := session.NewSession(context.Background(), cfg, out, out)
	if err != nil {
		t.Fatal(err)
	}
	return s, out
}

// settle does what the preview server does after an update: the pending
// pages, then the search index.
func settle(t *testing.T, s *session.Session, out *memOut) {
	t.Helper()
	if err := s.Settle(context.Background()); err != nil {
		t.Fatalf("settle: %v", err)
	}
	if s.SearchStale() {
		if _, err := s.WriteSearch(context.Background(), search.Config{Workers: 2}, out, out); err != nil {
			t.Fatalf("search: %v", err)
		}
	}
}

// TestSessionMatchesBuild edits a content folder step by step, updating a
// session after each step, and compares the session's site with a full
// build of the same files after each: byte for byte, every file.
func TestSessionMatchesBuild(t *testing.T) {
	cables := testCables(60)
	content := contentFS(cables)
	tmpl := loadTemplates(t)
	s, out := newSession(t, content, tmpl)
	sameSite(t, "first build", out.files, fullBuild(t, content, nil))
	out.reset()

	a := "cables/2007/02/07TEST101.md"
	b := "cables/2007/03/07TEST102.md"
	put := func(f string, c cableMD) {
		content[f] = &fstest.MapFile{Data: []byte(c.String()), Mode: 0o644}
	}
	steps := []struct {
		name  string
		edit  func() []string
		check func(t *testing.T, rep session.Report, changed []string, writes int)
	}{
		{"subject", func() []string {
			c := cables[a]
			c.subject = "A NEW SUBJECT"
			cables[a] = c
			put(a, c)
			return []string{a}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if rep.Pending {
				t.Error("a subject edit left pages pending")
			}
			if !slices.Contains(changed, "cable/2007/02/07TEST101.html") || !slices.Contains(changed, "date/2007/02/index.html") && !slices.ContainsFunc(changed, func(p string) bool { return strings.HasPrefix(p, "date/2007/02/") }) {
				t.Errorf("changed %q: want the cable's page and its month's", changed)
			}
			if writes > 40 {
				t.Errorf("a subject edit rendered %d files (changed %q)", writes, changed)
			}
		}},
		{"body", func() []string {
			c := cables[a]
			c.body = "¶1. (S) A NEW TEXT."
			cables[a] = c
			put(a, c)
			return []string{a}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !slices.Contains(changed, "cable/2007/02/07TEST101.html") {
				t.Errorf("changed %q: want the cable's page", changed)
			}
			if n := len(slices.DeleteFunc(slices.Clone(changed), func(p string) bool { return strings.HasPrefix(p, "search/") || strings.HasSuffix(p, ".txt.js") })); n != 1 {
				t.Errorf("a body edit changed %d pages: %q", n, changed)
			}
		}},
		{"date to another month", func() []string {
			c := cables[a]
			c.date = "2007-05-30T23:00:00Z"
			cables[a] = c
			put(a, c)
			return []string{a}
		}, nil},
		{"date of an old cable to the next month: its lists' charts", func() []string {
			f := "cables/2007/01/07TEST100.md"
			c := cables[f]
			c.date = "2007-02-01T00:00:00Z"
			cables[f] = c
			put(f, c)
			return []string{f}
		}, nil},
		{"two cables at once: dates, TAGS, origin, classification, references", func() []string {
			var changed []string
			for _, f := range []string{"cables/2007/03/07TEST107.md", "cables/2007/04/07TEST108.md"} {
				c := cables[f]
				c.date = "2007-0" + c.date[6:7] + "-28T12:00:00Z"
				c.tags = []string{"KV", "ECON", "PGOV"}
				c.origin = "Embassy Paris"
				c.class = "SECRET"
				c.refs = []string{"07TEST110", "07TEST100", "07TEST110"}
				cables[f] = c
				put(f, c)
				changed = append(changed, f)
			}
			return changed
		}, nil},
		{"tags, a new TAG", func() []string {
			c := cables[b]
			c.tags = []string{"ZZNEW", "PGOV"}
			cables[b] = c
			put(b, c)
			return []string{b}
		}, nil},
		{"origin, a new origin", func() []string {
			c := cables[b]
			c.origin = "Embassy Lisbon"
			c.class = "SECRET//NOFORN"
			cables[b] = c
			put(b, c)
			return []string{b}
		}, nil},
		{"add", func() []string {
			c := cableMD{id: "07NEW1", date: "2007-03-15T10:00:00Z", subject: "A NEW CABLE", origin: "Embassy Madrid", class: "SECRET",
				tags: []string{"PGOV", "SP"}, refs: []string{"07TEST101", "07TEST102"}}
			f := fileOf(c)
			cables[f] = c
			put(f, c)
			return []string{f}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !rep.Pending {
				t.Error("an addition left no page pending (every footer counts the cables)")
			}
			for _, want := range []string{"cable/2007/03/07NEW1.html", "cable/2007/05/07TEST101.html", "index.html"} {
				if !slices.Contains(changed, want) {
					t.Errorf("changed %q: want %s", changed, want)
				}
			}
		}},
		{"add a cable cited before it existed", func() []string {
			c := cableMD{id: "07NOTHERE1", date: "2007-01-02T10:00:00Z", subject: "NOW HERE", origin: "Embassy Rome", tags: []string{"IT"}}
			f := fileOf(c)
			cables[f] = c
			put(f, c)
			return []string{f}
		}, nil},
		{"delete", func() []string {
			delete(cables, b)
			delete(content, b)
			return []string{b}
		}, nil},
		{"delete the last cable of a TAG and an origin", func() []string {
			f := "cables/2007/01/07NOTHERE1.md"
			delete(cables, f)
			delete(content, f)
			return []string{f}
		}, nil},
		{"duplicate id, earlier in the walk", func() []string {
			c := cables[a]
			c.subject = "THE SAME ID AGAIN"
			f := "cables/2007/01/07TEST101.md"
			put(f, c)
			return []string{f}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], `cables/2007/02/07TEST101.md:4: duplicate id "07TEST101" (also in content/cables/2007/01/07TEST101.md)`) {
				t.Errorf("problems %q: want the later file's duplicate id", rep.Problems)
			}
		}},
		{"duplicate removed", func() []string {
			f := "cables/2007/01/07TEST101.md"
			delete(content, f)
			return []string{f}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if len(rep.Problems) != 0 {
				t.Errorf("problems %q after the duplicate went", rep.Problems)
			}
		}},
		{"a folder removed", func() []string {
			for f := range content {
				if strings.HasPrefix(f, "cables/2007/04/") {
					delete(content, f)
					delete(cables, f)
				}
			}
			return []string{"cables/2007/04"}
		}, nil},
		{"undated to dated", func() []string {
			for f, c := range cables {
				if c.date == "" {
					c.date = "2006-12-31T23:59:00Z"
					cables[f] = c
					put(f, c)
					return []string{f}
				}
			}
			t.Fatal("no undated cable")
			return nil
		}, nil},
		{"an editorial page, files not markdown and hidden", func() []string {
			content["about.md"] = &fstest.MapFile{Data: []byte("x")}
			content["cables/2007/01/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
			content["cables/2007/01/.hidden.md"] = &fstest.MapFile{Data: []byte("x")}
			return []string{"about.md", "cables/2007/01/notes.txt", "cables/2007/01/.hidden.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !slices.Equal(changed, []string{"about/index.html"}) {
				t.Errorf("changed %q, want the new page only", changed)
			}
		}},
		{"a collection", func() []string {
			content["story.md"] = &fstest.MapFile{Data: []byte("---\ncables: [07TEST101, 07NOTHERE]\n---\nA story.\n")}
			return []string{"story.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			for _, p := range []string{"story/index.html", "story/feed.xml", "/07TEST101.html"} {
				if !slices.ContainsFunc(changed, func(c string) bool { return strings.HasSuffix(c, p) }) {
					t.Errorf("changed %q: want %s", changed, p)
				}
			}
		}},
		{"a collection's cable edited", func() []string {
			c := cables[a]
			c.subject = "THE STORY'S CABLE"
			cables[a] = c
			put(a, c)
			return []string{a}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !slices.Contains(changed, "story/index.html") {
				t.Errorf("changed %q: want the collection's page", changed)
			}
		}},
		{"the collection's title changed", func() []string {
			content["story.md"] = &fstest.MapFile{Data: []byte("---\ntitle: The story, retold\ncables: [07TEST101, 07NOTHERE]\n---\nA story.\n")}
			return []string{"story.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !slices.ContainsFunc(changed, func(c string) bool { return strings.HasSuffix(c, "/07TEST101.html") }) {
				t.Errorf("changed %q: want the page of the collection's cable, which shows its title", changed)
			}
		}},
		{"a page in the menu", func() []string {
			content["about.md"] = &fstest.MapFile{Data: []byte("---\nmenu: true\n---\nx")}
			return []string{"about.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !rep.Pending {
				t.Error("the menu changed: every page must be pending")
			}
		}},
		{"a collection removed, a page broken", func() []string {
			delete(content, "story.md")
			content["about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\nx")}
			return []string{"story.md", "about.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !slices.ContainsFunc(rep.Problems, func(p string) bool { return strings.HasPrefix(p, "content/about.md:2: front matter") }) {
				t.Errorf("problems %q: want about.md's", rep.Problems)
			}
		}},
		{"images and a download added, one at the site's own address", func() []string {
			content["img/map.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n\x00one")}
			content["img/data.csv"] = &fstest.MapFile{Data: []byte("id,date\n")}
			content["tag/x.png"] = &fstest.MapFile{Data: []byte("x")}
			return []string{"img", "tag/x.png"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			for _, f := range []string{"img/map.png", "img/data.csv"} {
				if !slices.Contains(changed, f) {
					t.Errorf("changed %q: want %s", changed, f)
				}
			}
			if !slices.ContainsFunc(rep.Problems, func(p string) bool { return strings.HasPrefix(p, "content/tag/x.png:1: clashes with") }) {
				t.Errorf("problems %q: want tag/x.png's clash", rep.Problems)
			}
		}},
		{"an image edited", func() []string {
			content["img/map.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n\x00two")}
			return []string{"img/map.png"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if !slices.Contains(changed, "img/map.png") || slices.Contains(changed, "img/data.csv") {
				t.Errorf("changed %q: want img/map.png, not img/data.csv", changed)
			}
			if got := string(out.files["img/map.png"]); !strings.HasSuffix(got, "two") {
				t.Errorf("img/map.png is %q, want the new bytes", got)
			}
		}},
		{"a file at a page's address, then the page", func() []string {
			content["guide/index.html"] = &fstest.MapFile{Data: []byte("<p>by hand</p>")}
			return []string{"guide/index.html"}
		}, nil},
		{"the page takes the file's place", func() []string {
			content["guide.md"] = &fstest.MapFile{Data: []byte("A guide. ![The map](img/map.png)")}
			return []string{"guide.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if page := string(out.files["guide/index.html"]); !strings.Contains(page, `<img src="../img/map.png" alt="The map">`) {
				t.Errorf("guide/index.html is not the page showing the map:\n%s", page)
			}
		}},
		{"the page deleted, the file back", func() []string {
			delete(content, "guide.md")
			return []string{"guide.md"}
		}, nil},
		{"a page", func() []string {
			content["notes.md"] = &fstest.MapFile{Data: []byte("Notes.")}
			return []string{"notes.md"}
		}, nil},
		{"a page linking to the other and to a cable", func() []string {
			content["links.md"] = &fstest.MapFile{Data: []byte("[Notes](notes.md), [a cable](" + a + "#par1).")}
			return []string{"links.md"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if page := string(out.files["links/index.html"]); !strings.Contains(page, `<a href="../notes/index.html">Notes</a>`) || !strings.Contains(page, `07TEST101.html#par1">a cable</a>`) {
				t.Errorf("links/index.html does not link the pages:\n%s", page)
			}
		}},
		{"the linking page's title changed", func() []string {
			content["links.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Links, renamed\n---\n[Notes](notes.md), [a cable](" + a + "#par1).")}
			return []string{"links.md"}
		}, nil},
		{"the linked cable moves to another month", func() []string {
			c := cables[a]
			c.date = "2007-06-15T09:00:00Z"
			cables[a] = c
			put(a, c)
			return []string{a}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if page := string(out.files["links/index.html"]); !strings.Contains(page, `cable/2007/06/07TEST101.html#par1">a cable</a>`) {
				t.Errorf("links/index.html does not follow the cable:\n%s", page)
			}
		}},
		{"the page deleted, a file where its folder was", func() []string {
			delete(content, "notes.md")
			content["notes"] = &fstest.MapFile{Data: []byte("plain notes")}
			return []string{"notes.md", "notes"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if page := string(out.files["links/index.html"]); !strings.Contains(page, `<a href="../notes.md">Notes</a>`) {
				t.Errorf("links/index.html still links the deleted page:\n%s", page)
			}
			if !slices.ContainsFunc(rep.Problems, func(p string) bool {
				return strings.HasPrefix(p, "content/links.md:4: the link to notes.md finds no page")
			}) {
				t.Errorf("problems %q: want links.md's link to notes.md", rep.Problems)
			}
		}},
		{"an image deleted", func() []string {
			delete(content, "img/map.png")
			delete(content, "guide/index.html")
			return []string{"img/map.png", "guide"}
		}, func(t *testing.T, rep session.Report, changed []string, writes int) {
			if _, ok := out.files["img/map.png"]; ok || !slices.Contains(changed, "img/map.png") {
				t.Errorf("changed %q: img/map.png not removed", changed)
			}
		}},
	}
	for _, st := range steps {
		paths := st.edit()
		rep, err := s.Update(context.Background(), session.Change{Paths: paths})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		changed, writes := out.reset()
		if st.check != nil {
			t.Run(st.name, func(t *testing.T) { st.check(t, rep, changed, writes) })
		}
		settle(t, s, out)
		out.reset()
		sameSite(t, st.name, out.files, fullBuild(t, content, nil))
	}
}

// TestSessionRandomEdits edits random cables' dates, TAGS, origins,
// classifications, subjects and references, a few at a time, and compares
// the session's site with a full build after each batch.
func TestSessionRandomEdits(t *testing.T) {
	cables := testCables(50)
	content := contentFS(cables)
	s, out := newSession(t, content, loadTemplates(t))
	files := slices.Sorted(maps.Keys(cables))
	rnd := rand.New(rand.NewPCG(1, 2))
	pick := func(list ...string) string { return list[rnd.IntN(len(list))] }
	for step := range 25 {
		var changed []string
		for range 1 + rnd.IntN(3) {
			f := files[rnd.IntN(len(files))]
			c := cables[f]
			switch rnd.IntN(6) {
			case 0:
				c.date = time.Date(2007, time.Month(1+rnd.IntN(5)), 1+rnd.IntN(28), rnd.IntN(24), 0, 0, 0, time.UTC).Format(time.RFC3339)
			case 1:
				c.tags = []string{pick("PGOV", "PREL", "KV", "SR"), pick("SP", "FR", "ECON", "PGOV")}
			case 2:
				c.origin = pick("Embassy Belgrade", "Embassy Madrid", "Secretary of State", "Embassy Paris")
			case 3:
				c.class = pick("UNCLASSIFIED", "CONFIDENTIAL", "SECRET")
			case 4:
				c.refs = []string{cables[files[rnd.IntN(len(files))]].id, "07NOTHERE2"}
			case 5:
				c.subject = fmt.Sprintf("RANDOM SUBJECT %d", rnd.IntN(1000))
			}
			cables[f] = c
			content[f] = &fstest.MapFile{Data: []byte(c.String()), Mode: 0o644}
			changed = append(changed, f)
		}
		if _, err := s.Update(context.Background(), session.Change{Paths: changed}); err != nil {
			t.Fatal(err)
		}
		settle(t, s, out)
		sameSite(t, fmt.Sprintf("step %d (%q)", step, changed), out.files, fullBuild(t, content, nil))
		if t.Failed() {
			return
		}
	}
}

// TestSessionBrokenFile breaks a file's front matter: the update reports
// it and the site stays as it was; fixing it brings the site to the full
// build's.
func TestSessionBrokenFile(t *testing.T) {
	cables := testCables(30)
	content := contentFS(cables)
	tmpl := loadTemplates(t)
	s, out := newSession(t, content, tmpl)
	f := "cables/2007/02/07TEST101.md"
	before := maps.Clone(out.files)

	content[f] = &fstest.MapFile{Data: []byte("---\ntitle: \"BROKEN\nid: [unclosed\n---\n")}
	rep, err := s.Update(context.Background(), session.Change{Paths: []string{f}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || !strings.HasPrefix(rep.Problems[0], "content/"+f+":2: ") {
		t.Errorf("problems %q: want %s:2: ...", rep.Problems, f)
	}
	// Another change while it is broken: its neighbour moves, and its own
	// page cannot be rendered again.
	g := "cables/2007/02/07TEST106.md"
	c := cables[g]
	c.subject = "A NEIGHBOUR'S NEW SUBJECT"
	content[g] = &fstest.MapFile{Data: []byte(c.String())}
	if _, err := s.Update(context.Background(), session.Change{Paths: []string{g}}); err != nil {
		t.Fatal(err)
	}
	// And a change of the index's shape in the same batch as the broken
	// file saved again: a cable added beside it.
	added := cableMD{id: "07TEST1000", date: "2007-02-02T09:00:00Z", subject: "ADDED WHILE BROKEN", origin: "Embassy Belgrade", tags: []string{"PGOV"}, refs: []string{"07TEST101"}}
	content[fileOf(added)] = &fstest.MapFile{Data: []byte(added.String())}
	if _, err := s.Update(context.Background(), session.Change{Paths: []string{fileOf(added), f}}); err != nil {
		t.Fatal(err)
	}
	settle(t, s, out)
	if got, want := string(out.files["cable/2007/02/07TEST101.html"]), string(before["cable/2007/02/07TEST101.html"]); got != want {
		t.Error("the broken cable's page changed")
	}
	// The search index waits for the fix: it would lack the cable.
	if !s.SearchStale() {
		t.Error("the search index was written while a file is broken")
	}

	fixed := cables[f]
	fixed.subject = "FIXED"
	content[f] = &fstest.MapFile{Data: []byte(fixed.String())}
	rep, err = s.Update(context.Background(), session.Change{Paths: []string{f}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("problems after the fix: %q", rep.Problems)
	}
	settle(t, s, out)
	sameSite(t, "fixed", out.files, fullBuild(t, content, nil))
}

// TestSessionTemplates changes a page template, then the stylesheet.
func TestSessionTemplates(t *testing.T) {
	content := contentFS(testCables(30))
	tmpl := loadTemplates(t)
	s, out := newSession(t, content, tmpl)
	out.reset()

	load := func(override fstest.MapFS) *render.Templates {
		t.Helper()
		tm, err := render.Load(templates.FS, override)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	list, err := fs.ReadFile(templates.FS, "list.html")
	if err != nil {
		t.Fatal(err)
	}
	override := fstest.MapFS{"list.html": {Data: bytes.Replace(list, []byte("<h1>"), []byte(`<h1 class="changed">`), 1)}}
	tm := load(override)
	rep, err := s.Update(context.Background(), session.Change{Templates: tm, Kinds: []render.Kind{render.KindList}, Open: []string{"tag/pgov/index.html", "cable/2007/02/07TEST101.html"}})
	if err != nil {
		t.Fatal(err)
	}
	changed, _ := out.reset()
	if !slices.Equal(changed, []string{"tag/pgov/index.html"}) {
		t.Errorf("changed %q: want the open list page only, first", changed)
	}
	if !rep.Pending || len(rep.Renamed) != 0 {
		t.Errorf("report %+v: want pages pending, nothing renamed", rep)
	}
	settle(t, s, out)
	changed, _ = out.reset()
	if slices.ContainsFunc(changed, func(p string) bool { return strings.HasPrefix(p, "cable/") }) {
		t.Errorf("a list template changed cable pages: %q", changed)
	}
	sameSite(t, "list.html", out.files, fullBuild(t, content, override))

	css, err := fs.ReadFile(templates.FS, "style.css")
	if err != nil {
		t.Fatal(err)
	}
	override["style.css"] = &fstest.MapFile{Data: append(css, "\nbody{color:red}\n"...)}
	tm = load(override)
	rep, err = s.Update(context.Background(), session.Change{Templates: tm})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Renamed) != 1 {
		t.Errorf("renamed %q: want the stylesheet", rep.Renamed)
	}
	for from, to := range rep.Renamed {
		if !strings.HasPrefix(from, "assets/style.") || !strings.HasPrefix(to, "assets/style.") || out.files[to] == nil || out.files[from] == nil {
			t.Errorf("renamed %s to %s: want both written until every page names the new one", from, to)
		}
	}
	settle(t, s, out)
	sameSite(t, "style.css", out.files, fullBuild(t, content, maps.Clone(override)))

	// A template that fails to render is a problem; the old ones stay.
	override["cable.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`)}
	bad := load(override)
	rep, err = s.Update(context.Background(), session.Change{Templates: bad, Kinds: []render.Kind{render.KindCable}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "cable.html") {
		t.Errorf("problems %q: want cable.html's", rep.Problems)
	}
	settle(t, s, out)
	delete(override, "cable.html")
	sameSite(t, "bad cable.html", out.files, fullBuild(t, content, override))
}
