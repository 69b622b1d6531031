package templates

import (
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestEmbedded(t *testing.T) {
	for _, name := range []string{"base.html", "home.html", "cable.html", "list.html", "terms.html", "404.html", "style.css", "site.js", "favicon.svg"} {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

var customProperty = regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})`)

// colours returns the custom properties of the stylesheet's light scheme
// (the first :root) and of its dark scheme (the :root inside
// prefers-color-scheme: dark), the dark one falling back on the light.
func colours(t *testing.T) (light, dark map[string]string) {
	t.Helper()
	css, err := fs.ReadFile(FS, "style.css")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	i := strings.Index(s, "@media (prefers-color-scheme: dark)")
	j := strings.Index(s[i:], "\n}\n")
	if i < 0 || j < 0 {
		t.Fatal("no dark scheme in style.css")
	}
	light, dark = map[string]string{}, map[string]string{}
	for _, m := range customProperty.FindAllStringSubmatch(s[:i], -1) {
		light[m[1]] = m[2]
	}
	for k, v := range light {
		dark[k] = v
	}
	for _, m := range customProperty.FindAllStringSubmatch(s[i:i+j], -1) {
		dark[m[1]] = m[2]
	}
	return light, dark
}

func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		x := float64(v) / 255
		if x <= 0.04045 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

// The text colours of the stylesheet reach WCAG AA (4.5:1) on the
// backgrounds they are used on, in both schemes.
func TestContrast(t *testing.T) {
	light, dark := colours(t)
	pairs := [][2]string{
		{"fg", "bg"}, {"muted", "bg"}, {"link", "bg"}, {"visited", "bg"},
		{"fg", "soft"}, {"muted", "soft"}, {"link", "soft"}, {"visited", "soft"},
		{"u-fg", "u-bg"}, {"c-fg", "c-bg"}, {"s-fg", "s-bg"}, {"o-fg", "o-bg"},
		{"bg", "fg"}, // the redaction mark and the current page of a pager
		{"fg", "mark"},
	}
	for scheme, vars := range map[string]map[string]string{"light": light, "dark": dark} {
		for _, p := range pairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s: --%s or --%s not defined", scheme, p[0], p[1])
				continue
			}
			l1, l2 := luminance(t, fg), luminance(t, bg)
			ratio := (math.Max(l1, l2) + 0.05) / (math.Min(l1, l2) + 0.05)
			if ratio < 4.5 {
				t.Errorf("%s: --%s %s on --%s %s: contrast %.2f, want at least 4.5", scheme, p[0], fg, p[1], bg, ratio)
			}
		}
		// Focus rings and bars are not text: 3:1 against the background.
		for _, name := range []string{"focus", "bar", "bar-hover"} {
			l1, l2 := luminance(t, vars[name]), luminance(t, vars["bg"])
			if ratio := (math.Max(l1, l2) + 0.05) / (math.Min(l1, l2) + 0.05); ratio < 3 {
				t.Errorf("%s: --%s on the background: contrast %.2f, want at least 3", scheme, name, ratio)
			}
		}
	}
}

// The stylesheet has a print style and styles the timelines by class.
func TestStylesheet(t *testing.T) {
	css, _ := fs.ReadFile(FS, "style.css")
	for _, want := range []string{"@media print", "prefers-color-scheme: dark", ":focus-visible", ".timeline .bar", ".skip:focus"} {
		if !strings.Contains(string(css), want) {
			t.Errorf("style.css lacks %s", want)
		}
	}
}
