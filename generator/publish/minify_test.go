package publish_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/cablesite/cablesite/generator/publish"
)

type memWriter struct {
	mu    sync.Mutex
	files map[string]string
}

func (m *memWriter) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = string(data)
	return nil
}

func TestMinify(t *testing.T) {
	mem := &memWriter{files: map[string]string{}}
	w := publish.Minify(publish.NewMinifier(), mem)
	for _, tc := range []struct{ name, in, want string }{
		{"index.html", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>A  page</title>\n</head>\n<body>\n<p class=\"x\">  Hello,\n   world  </p>\n<pre>  kept\n   as is</pre>\n</body>\n</html>\n",
			`<!doctype html><html lang="en"><head><title>A page</title></head><body><p class="x">Hello,
world</p><pre>  kept
   as is</pre></body></html>`},
		{"assets/style.css", "body {\n  color: #ff0000;\n}\n", "body{color:red}"},
		{"assets/site.js", "function f ( a ) {\n  return a + 1 ;\n}\n", "function f(e){return e+1}"},
		{"feed.xml", "<?xml version=\"1.0\"?>\n<feed>\n  <title> A </title>\n</feed>\n", `<?xml version="1.0"?><feed><title>A</title></feed>`},
		{"chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect x=\"1.50\" y=\"0\" width=\"2\" height=\"3\"/>\n</svg>\n", `<svg xmlns="http://www.w3.org/2000/svg"><rect x="1.5" y="0" width="2" height="3"/></svg>`},
		{"data.json", "{ \"a\" : [ 1, 2 ] }\n", `{"a":[1,2]}`},
		{"robots.txt", "User-agent: *\n", "User-agent: *\n"},
	} {
		if err := w.WriteFile(tc.name, []byte(tc.in)); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := mem.files[tc.name]; got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestMinifyNil(t *testing.T) {
	mem := &memWriter{files: map[string]string{}}
	if w := publish.Minify(nil, mem); w != publish.Writer(mem) {
		t.Error("Minify(nil, w) is not w")
	}
}

var errDiskFull = errors.New("disk full")

func TestMinifyWriteError(t *testing.T) {
	w := publish.Minify(publish.NewMinifier(), publish.WriterFunc(func(string, []byte) error { return errDiskFull }))
	if err := w.WriteFile("index.html", []byte("<p>x</p>")); !errors.Is(err, errDiskFull) {
		t.Errorf("error %v, want disk full", err)
	}
}

func TestMinifyInlineSVG(t *testing.T) {
	mem := &memWriter{files: map[string]string{}}
	w := publish.Minify(publish.NewMinifier(), mem)
	in := `<p>chart</p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><a href="x.html"><title>A &lt;b&gt;</title><rect class="bar" x="1.00" y="2" width="3" height="4"/></a></svg>`
	if err := w.WriteFile("index.html", []byte(in)); err != nil {
		t.Fatal(err)
	}
	got := mem.files["index.html"]
	if !strings.Contains(got, `x="1"`) || !strings.Contains(got, `<title>A &lt;b></title>`) && !strings.Contains(got, `<title>A &lt;b&gt;</title>`) {
		t.Errorf("inline SVG: %s", got)
	}
}
