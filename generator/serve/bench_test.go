package serve_test

import (
	"bufio"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeSave measures, in a running server, the time from saving
// one cable to the reload event its open page receives (debounce
// included), with the site settled (search index written) between saves.
// It needs a content folder it may edit, named by $CABLESITE_SERVE_CONTENT
// (a copy: the benchmark changes subjects, bodies and dates there), and
// reports the server's peak memory (the process's VmHWM, the first build
// included):
//
//	cp -r /tmp/site250k/content /tmp/serve/content250k
//	CABLESITE_SERVE_CONTENT=/tmp/serve/content250k go test ./generator/serve \
//	    -run '^$' -bench ServeSave -benchtime 5x -timeout 60m
func BenchmarkServeSave(b *testing.B) {
	content := os.Getenv("CABLESITE_SERVE_CONTENT")
	if content == "" {
		b.Skip("set CABLESITE_SERVE_CONTENT to a content folder the benchmark may edit")
	}
	files := benchFiles(b, content, 200)
	t0 := time.Now()
	ts := start(b, content, "", "", "index.html")
	b.Logf("first build and start: %v", time.Since(t0).Round(time.Millisecond))

	edits := []struct {
		name string
		edit func(md string, i int) string
	}{
		{"body", func(md string, i int) string {
			add := "AN ADDED PARAGRAPH " + strconv.Itoa(i) + ".\n\n"
			if j := strings.Index(md, "<!-- cablesite:original -->"); j >= 0 {
				return md[:j] + add + md[j:]
			}
			return md + "\n" + add
		}},
		{"subject", func(md string, i int) string {
			return replaceLine(md, "subject: ", `subject: "AN EDITED SUBJECT `+strconv.Itoa(i)+`"`)
		}},
		{"date", func(md string, i int) string {
			// A day later: the cable moves among its neighbours and in
			// its lists, and the index is built again.
			for _, l := range strings.Split(md, "\n") {
				if d, ok := strings.CutPrefix(l, "date: "); ok {
					if tm, err := time.Parse(time.RFC3339, d); err == nil {
						return replaceLine(md, "date: ", "date: "+tm.Add(24*time.Hour).Format(time.RFC3339))
					}
				}
			}
			return md
		}},
	}
	// n numbers the saves; with the time, it makes each edit new even on
	// a folder an earlier run edited.
	n := int(time.Now().Unix() % 1e6 * 1000)
	// busy: a subject saved while the previous save's search index is
	// being written, which the save cancels.
	b.Run("busy", func(b *testing.B) {
		var took []time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			for j := range 2 {
				f := files[n%len(files)]
				n++
				data, err := os.ReadFile(f.path)
				if err != nil {
					b.Fatal(err)
				}
				md := edits[1].edit(string(data), n)
				if j == 1 {
					time.Sleep(2 * time.Second) // the index is being written
					b.StartTimer()
				}
				start := time.Now()
				writeFile(b, f.path, md)
				for {
					ev := ts.next(b, "reload")
					if slices.Contains(paths(ev), f.page) {
						break
					}
				}
				if j == 1 {
					took = append(took, time.Since(start))
					b.Logf("%s: reload after %v, the search index cancelled", f.page, took[len(took)-1].Round(time.Millisecond))
				}
			}
		}
		b.StopTimer()
		ts.next(b, "settled")
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	})
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			var took []time.Duration
			for i := 0; i < b.N; i++ {
				f := files[n%len(files)]
				n++
				data, err := os.ReadFile(f.path)
				if err != nil {
					b.Fatal(err)
				}
				md := e.edit(string(data), n)
				start := time.Now()
				writeFile(b, f.path, md)
				var gen float64
				for {
					ev := ts.next(b, "reload")
					if slices.ContainsFunc(paths(ev), func(p string) bool { return path.Base(p) == path.Base(f.page) }) || ev.data["all"] == true {
						gen, _ = ev.data["gen"].(float64)
						break
					}
				}
				took = append(took, time.Since(start))
				b.StopTimer()
				// The next save comes to a settled site: pages and search.
				s := time.Now()
				for {
					ev := ts.next(b, "settled")
					if g, _ := ev.data["gen"].(float64); g >= gen {
						break
					}
				}
				b.Logf("%s: reload after %v; settled %v later", f.page, took[len(took)-1].Round(time.Millisecond), time.Since(s).Round(time.Millisecond))
				b.StartTimer()
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
		})
	}
	b.ReportMetric(float64(peakRSS(b))/(1<<20), "MB-peak")
	for _, l := range strings.Split(ts.log.String(), "\n") {
		if !strings.HasPrefix(l, "content/") {
			b.Log(l)
		}
	}
}

type benchFile struct{ path, page string }

// benchFiles returns up to n dated cables of content, spread over it.
func benchFiles(b *testing.B, content string, n int) []benchFile {
	var all []string
	err := filepath.WalkDir(filepath.Join(content, "cables"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.Contains(p, "undated") {
			all = append(all, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	var out []benchFile
	for i := 0; i < len(all) && len(out) < n; i += max(1, len(all)/n) {
		f, err := os.Open(all[i])
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "url: "); ok {
				if u, err := strconv.Unquote(u); err == nil {
					out = append(out, benchFile{all[i], strings.TrimPrefix(u, "/")})
				}
				break
			}
		}
		f.Close()
	}
	if len(out) == 0 {
		b.Fatal("no dated cable with a url in", content)
	}
	return out
}

func replaceLine(md, prefix, line string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			break
		}
	}
	return strings.Join(lines, "\n")
}

// peakRSS returns the process's peak resident memory, in bytes.
func peakRSS(b *testing.B) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
