package markdown

import (
	"bytes"
	"errors"
	"fmt"
	stdhtml "html"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func render(t testing.TB, body string, res Resolver) string {
	t.Helper()
	var out bytes.Buffer
	if err := New().Render(&out, []byte(body), res); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// allowed lists the elements and attributes the renderer may produce:
// goldmark's for CommonMark and GFM tables, and the extension's.
var allowed = map[string][]string{
	"p": {"id", "class"}, "a": {"href", "class", "data-id", "aria-label", "title"},
	"span": {"class", "title"}, "mark": {"class", "title"},
	"h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
	"em": nil, "strong": nil, "del": nil, "code": {"class"}, "pre": nil, "blockquote": nil,
	"ul": nil, "ol": {"start"}, "li": nil, "hr": nil, "br": nil,
	"table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"align"}, "td": {"align"},
}

// allowedClass lists the classes of each element, but code's "language-*".
var allowedClass = map[string][]string{
	"p": {"par"}, "a": {"pilcrow", "cable-ref"}, "mark": {"redacted"},
	"span": {"cable-ref missing", "marking marking-u", "marking marking-sbu", "marking marking-c",
		"marking marking-s", "marking marking-other"},
}

// checkHTML parses out as the content of a body and reports any element,
// attribute, class or link target that the renderer does not produce
// itself: whatever the input, nothing in it may become markup.
func checkHTML(out string) error {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), body)
	if err != nil {
		return err
	}
	var check func(n *html.Node) error
	check = func(n *html.Node) error {
		switch n.Type {
		case html.CommentNode:
			return fmt.Errorf("comment <!--%s-->", n.Data)
		case html.ElementNode:
			attrs, ok := allowed[n.Data]
			if !ok {
				return fmt.Errorf("element <%s>", n.Data)
			}
			for _, a := range n.Attr {
				if a.Namespace != "" || !contains(attrs, a.Key) {
					return fmt.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				switch {
				case a.Key == "href" && !safeURL(a.Val):
					return fmt.Errorf("href=%q", a.Val)
				case a.Key == "class" && n.Data == "code" && !strings.HasPrefix(a.Val, "language-"):
					return fmt.Errorf("class=%q on <code>", a.Val)
				case a.Key == "class" && n.Data != "code" && !contains(allowedClass[n.Data], a.Val):
					return fmt.Errorf("class=%q on <%s>", a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if err := check(c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, n := range nodes {
		if err := check(n); err != nil {
			return err
		}
	}
	return nil
}

// textOf returns the text a reader sees in out.
func textOf(t testing.TB, out string) string {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), body)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestCheckHTML(t *testing.T) {
	// The checker itself must catch what it is there to catch.
	for _, bad := range []string{
		`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `<p onclick="x">a</p>`,
		`<a href="javascript:alert(1)">x</a>`, `<a href="jav&#x61;script:alert(1)">x</a>`,
		`<p class="evil">a</p>`, `<!-- raw HTML omitted -->`, `<svg><a xlink:href="x">a</a></svg>`,
		`<style>*{}</style>`, `<code class="x">a</code>`,
	} {
		if checkHTML(bad) == nil {
			t.Errorf("checkHTML(%q) = nil, want an error", bad)
		}
	}
	if err := checkHTML(`<p id="par1" class="par"><a class="pilcrow" href="#par1" aria-label="Paragraph 1">¶1.</a></p>`); err != nil {
		t.Error(err)
	}
}

// hostile bodies as they could reach the renderer from a hand-edited or
// hostile content file, without annotate's escaping.
var hostile = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//x.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	"a <img src=x onerror=alert(1)> b\n\n<div onmouseover=\"alert(1)\">x</div>",
	`[x](javascript:alert(1))`,
	`![x](javascript:alert(1))`,
	`[x](JAVASCRIPT:alert(1) "t")`,
	`[x](javascript&#58;alert(1))`,
	`[x](&#106;avascript:alert(1))`,
	`[x](java&#x09;script:alert(1))`,
	"[x]: javascript:alert(1)\n\n[x]",
	`[x](cable:"><script>)`,
	`[x](cable:07X"onmouseover="alert(1))`,
	`[<script>alert(1)</script>](cable:07TBILISI1605)`,
	`[XXXXX<script>](#redacted)`,
	`{{ .Site }} {{< shortcode >}} {{% x %}}`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&amp;lt;script&amp;gt;`,
	`\<script\>alert(1)\</script\>`,
	"```\n</code><script>alert(1)</script>\n```",
	"~~~ \"><script>alert(1)</script>\nx\n~~~",
	"# <script>alert(1)</script>\n\n## x {#id onclick=alert(1)}",
	"<style>body{display:none}</style>\n\n<iframe src=x></iframe>",
	"<!-- comment --><svg onload=alert(1)>",
	"¶1. (C<script>) x",
	"¶1. (C\" onclick=\"x) y",
	"<a href=\"javascript:alert(1)\">x</a>",
	"[a](<javascript:alert(1)>) [b](data:text/html,<script>alert(1)</script>) [c](vbscript:msgbox(1))",
}

func TestHostile(t *testing.T) {
	for i, body := range hostile {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			out := render(t, body, testResolver)
			lower := strings.ToLower(out)
			// Event handler names may show as text ("onclick" in a heading);
			// checkHTML proves they are never attributes.
			for _, bad := range []string{"<script", "<img", "<iframe", "<style", "<svg", "onerror", "javascript:"} {
				if strings.Contains(lower, bad) {
					t.Errorf("body %q\ngives %q\nwhich contains %q", body, out, bad)
				}
			}
			if err := checkHTML(out); err != nil {
				t.Errorf("body %q\ngives %q\nwith %v", body, out, err)
			}
		})
	}
}

// TestShownAsText checks that hostile text escaped the way annotate
// escapes it reads on the page exactly as it was written.
func TestShownAsText(t *testing.T) {
	tests := []struct{ body, text string }{
		{`\<img src=x onerror=alert(1)\>`, `<img src=x onerror=alert(1)>`},
		{`\<script\>alert(1)\</script\>`, `<script>alert(1)</script>`},
		{`\[a\](javascript:alert(1))`, `[a](javascript:alert(1))`},
		{`\{\{\< x \>\}\} \{\{ .Site \}\}`, `{{< x >}} {{ .Site }}`},
		{`\*\*bold\*\* \# not a heading`, `**bold** # not a heading`},
		{`\& &amp;lt; \~\~x\~\~ a\|b`, `& &lt; ~~x~~ a|b`},
		{`¶1. (S//NF) \<b\> [XXXXXXXXXXXX][redacted]`, `¶1. (S//NF) <b> XXXXXXXXXXXX`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			out := render(t, tt.body, nil)
			if err := checkHTML(out); err != nil {
				t.Fatalf("%q: %v", out, err)
			}
			if got := strings.TrimSpace(textOf(t, out)); got != tt.text {
				t.Errorf("body %q shows %q, want %q", tt.body, got, tt.text)
			}
		})
	}
}

func TestResolver(t *testing.T) {
	const body = "[TBILISI 1605](cable:07TBILISI1605)"
	tests := []struct {
		name string
		res  Resolver
		want string
	}{
		{"nil", nil, `<span class="cable-ref missing" title="not in this collection">TBILISI 1605</span>`},
		{"missing", ResolverFunc(func(string) string { return "" }), `<span class="cable-ref missing" title="not in this collection">TBILISI 1605</span>`},
		{"relative", ResolverFunc(func(id string) string { return "../09/" + id + ".html" }),
			`<a class="cable-ref" href="../09/07TBILISI1605.html" data-id="07TBILISI1605">TBILISI 1605</a>`},
		{"escaped", ResolverFunc(func(id string) string { return `x.html?a=1&b="2"` }),
			`<a class="cable-ref" href="x.html?a=1&amp;b=%222%22" data-id="07TBILISI1605">TBILISI 1605</a>`},
		{"unsafe", ResolverFunc(func(id string) string { return "javascript:alert(1)" }),
			`<span class="cable-ref missing" title="not in this collection">TBILISI 1605</span>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, body, tt.res); got != "<p>"+tt.want+"</p>\n" {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResolverGetsValidIDsOnly(t *testing.T) {
	var ids []string
	res := ResolverFunc(func(id string) string { ids = append(ids, id); return "" })
	render(t, "[a](cable:07A1) [b](cable:..) [c](cable:a/b) [d](cable:%41) [e](cable:07B_2.x-y)", res)
	if want := []string{"07A1", "07B_2.x-y"}; !slices.Equal(ids, want) {
		t.Errorf("resolver got %q, want %q", ids, want)
	}
}

func TestClassifyMarking(t *testing.T) {
	tests := []struct{ marking, class, title string }{
		{"U", "marking-u", "Unclassified"},
		{"UNCLASSIFIED", "marking-u", "Unclassified"},
		{"SBU", "marking-sbu", "Sensitive But Unclassified"},
		{"U//FOUO", "marking-sbu", "Unclassified//For Official Use Only"},
		{"FOUO", "marking-sbu", "For Official Use Only"},
		{"C", "marking-c", "Confidential"},
		{"C//NF", "marking-c", "Confidential//NOFORN"},
		{"C/NF", "marking-c", "Confidential//NOFORN"},
		{"c / nf", "marking-c", "Confidential//NOFORN"},
		{"S", "marking-s", "Secret"},
		{"S//NF", "marking-s", "Secret//NOFORN"},
		{"S/NF", "marking-s", "Secret//NOFORN"},
		{"SECRET//NOFORN", "marking-s", "Secret//NOFORN"},
		{"S//REL UK", "marking-s", "Secret//REL UK"},
		{"TS", "marking-s", "Top Secret"},
		{"TOP SECRET", "marking-s", "Top Secret"},
		{"ZZ", "marking-other", "ZZ"},
		{"//", "marking-other", "//"},
		{"NF//S", "marking-other", "NF//S"},
	}
	for _, tt := range tests {
		t.Run(tt.marking, func(t *testing.T) {
			class, title := classifyMarking(tt.marking)
			if class != tt.class || title != tt.title {
				t.Errorf("classifyMarking(%q) = %q, %q; want %q, %q", tt.marking, class, title, tt.class, tt.title)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"", true},
		{"http://example.org", true},
		{"HTTPS://example.org/a:b", true},
		{"mailto:a@example.org", true},
		{"../../2007/09/07STATE126086.html", true},
		{"#par1", true},
		{"?q=a:b", true},
		{"//example.org/x", true},
		{"a/b:c", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{" javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java%09script:alert(1)", false},
		{"data:text/html,x", false},
		{"vbscript:x", false},
		{"file:///etc/passwd", false},
		{"ftp://example.org", false},
		{"cable:07X", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := safeURL(tt.url); got != tt.safe {
				t.Errorf("safeURL(%q) = %v, want %v", tt.url, got, tt.safe)
			}
		})
	}
}

func TestParseParagraphStart(t *testing.T) {
	tests := []struct {
		raw      string
		ok       bool
		n        string
		marking  string
		consumed int
	}{
		{"¶1. (C) TEXT", true, "1", "C", len("¶1. (C)")},
		{"¶1.", true, "1", "", len("¶1.")},
		{"¶1. TEXT", true, "1", "", len("¶1.")},
		{"¶12.\t(S//NF) X", true, "12", "S//NF", len("¶12.\t(S//NF)")},
		{"¶0. X", true, "0", "", len("¶0.")},
		{"¶00. X", true, "0", "", len("¶00.")},
		{"¶2\\. \\(S\\/\\/NF\\) X", true, "2", "S//NF", len("¶2\\. \\(S\\/\\/NF\\)")},
		{"¶3. (C", true, "3", "", len("¶3.")},
		{"¶3. ()", true, "3", "", len("¶3.")},
		{"¶3. (B)", true, "3", "", len("¶3.")},
		{"¶3. (C )", true, "3", "", len("¶3.")},
		{"¶3. (ABCDEFGHIJKLMNOPQRSTUVWXYZ)", true, "3", "", len("¶3.")},
		{"¶ 1. X", false, "", "", 0},
		{"¶1 X", false, "", "", 0},
		{"¶1.5", false, "", "", 0},
		{"¶.", false, "", "", 0},
		{"¶1234567890.", false, "", "", 0},
		{"1. X", false, "", "", 0},
		{"\xc2", false, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := parseParagraphStart([]byte(tt.raw))
			if ok != tt.ok || got.n != tt.n || got.marking != tt.marking || got.consumed != tt.consumed {
				t.Errorf("parseParagraphStart(%q) = %+v, %v; want {n:%s marking:%s consumed:%d}, %v",
					tt.raw, got, ok, tt.n, tt.marking, tt.consumed, tt.ok)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	body, err := os.ReadFile("testdata/cable.md")
	if err != nil {
		t.Fatal(err)
	}
	first := render(t, string(body), testResolver)
	for range 5 {
		if again := render(t, string(body), testResolver); again != first {
			t.Fatal("two renderings of the same body differ")
		}
	}
}

func TestConcurrentRender(t *testing.T) {
	bodies := []string{"¶1. (C) [TBILISI 1605](cable:07TBILISI1605) [XXXXX][redacted]\n\n## Summary\n\n¶1. again"}
	if b, err := os.ReadFile("testdata/cable.md"); err == nil {
		bodies = append(bodies, string(b))
	} else {
		t.Fatal(err)
	}
	bodies = append(bodies, hostile...)
	// Each goroutine has its own resolver, so that a resolver leaking
	// from one call into another shows in the output.
	resolver := func(g int) Resolver {
		return ResolverFunc(func(id string) string { return fmt.Sprintf("g%d/%s.html", g, id) })
	}
	const goroutines = 8
	want := make([][]string, goroutines)
	for g := range goroutines {
		for _, b := range bodies {
			want[g] = append(want[g], render(t, b, resolver(g)))
		}
	}
	r := New()
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := resolver(g)
			for range 20 {
				for i, b := range bodies {
					var out bytes.Buffer
					if err := r.Render(&out, []byte(b), res); err != nil {
						errs <- err
						return
					}
					if out.String() != want[g][i] {
						errs <- fmt.Errorf("goroutine %d, body %d: got %q, want %q", g, i, out.String(), want[g][i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestRenderWriteError(t *testing.T) {
	body, err := os.ReadFile("testdata/cable.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := New().Render(failingWriter{}, body, nil); !errors.Is(err, errDiskFull) {
		t.Errorf("Render to a failing writer: got %v, want %v", err, errDiskFull)
	}
}

func BenchmarkRender(b *testing.B) {
	body, err := os.ReadFile("testdata/cable.md")
	if err != nil {
		b.Fatal(err)
	}
	r := New()
	var out bytes.Buffer
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := r.Render(&out, body, testResolver); err != nil {
			b.Fatal(err)
		}
	}
}

// Emphasis, quotes and lists nested past what HTML parsers build (512 open
// elements) are unwrapped past maxNesting; their text stays.
func TestDeepNesting(t *testing.T) {
	r := New()
	for name, body := range map[string]string{
		"emphasis": strings.Repeat("_", 700) + "WORD" + strings.Repeat("_", 700),
		"strong":   strings.Repeat("**", 400) + "WORD" + strings.Repeat("**", 400),
		"quotes":   strings.Repeat(">", 700) + " WORD",
		"lists":    strings.Repeat("- ", 700) + "WORD",
		"mixed":    strings.Repeat("> - *", 300) + "WORD" + strings.Repeat("*", 300),
	} {
		var out bytes.Buffer
		if err := r.Render(&out, []byte(body), testResolver); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := checkHTML(out.String()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(out.String(), "WORD") {
			t.Errorf("%s: the text is lost: %.200q", name, out.String())
		}
		if n := strings.Count(out.String(), "<strong>") + strings.Count(out.String(), "<em>") + strings.Count(out.String(), "<blockquote>") + strings.Count(out.String(), "<li>"); n > 3*maxNesting {
			t.Errorf("%s: %d nested elements", name, n)
		}
	}
}

// TestAnnotationLen checks that AnnotationLen takes what the renderer
// shows apart from a paragraph's text.
func TestAnnotationLen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // what is left
	}{
		{"¶1. (C) TEXT", " TEXT"},
		{"¶1. (C - ENTIRE TEXT) TEXT (MORE)", " TEXT (MORE)"},
		{"¶12.          (S//NF) TEXT", " TEXT"},
		{"¶13." + strings.Repeat(" ", 100) + "(C) FAR", " FAR"},
		{`¶3\. \(C\) TEXT`, " TEXT"},
		{"¶4. TEXT (C)", " TEXT (C)"},
		{"¶5. (A) LIST LETTER", " (A) LIST LETTER"},
		{"NO ANNOTATION (C)", "NO ANNOTATION (C)"},
		{"¶", "¶"},
	} {
		if got := tc.in[AnnotationLen(tc.in):]; got != tc.want {
			t.Errorf("AnnotationLen(%q): leaves %q, want %q", tc.in, got, tc.want)
		}
		// The renderer agrees: without its paragraph number and marking,
		// the paragraph's text is what is left.
		page := render(t, tc.in, nil)
		page = regexp.MustCompile(`<a class="pilcrow"[^>]*>[^<]*</a>|<span class="marking[^>]*>[^<]*</span>|<[^>]*>`).ReplaceAllString(page, "")
		if got := strings.TrimSpace(stdhtml.UnescapeString(page)); got != strings.TrimSpace(tc.want) {
			t.Errorf("%q: the page shows %q as its text, AnnotationLen leaves %q", tc.in, got, tc.want)
		}
	}
}
