package config

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	no := false
	for _, tc := range []struct {
		name, in string
		want     Config
		err      string // a part of the error; "" for none
	}{
		{name: "empty", in: "", want: Config{}},
		{name: "all", in: `title = "The Embassy Files"
baseURL = "https://cables.example.org/balkans"
description = "Cables on the Balkans."
language = "fr-CA"
publisher = "Example News"
credit = "CC BY 4.0"

[[menu]]
name = "About"
url = "about/"

[[menu]]
name = "Source"
url = "https://example.org/source"

[build]
content = "cables-content"
output = "site"
templates = "theme"
search = false
`, want: Config{Title: "The Embassy Files", BaseURL: "https://cables.example.org/balkans", Description: "Cables on the Balkans.",
			Language: "fr-CA", Publisher: "Example News", Credit: "CC BY 4.0",
			Menu:  []MenuEntry{{"About", "about/"}, {"Source", "https://example.org/source"}},
			Build: Build{Content: "cables-content", Output: "site", Templates: "theme", Search: &no}}},
		{name: "unknown key", in: "title = \"x\"\nbase_url = \"https://example.org/\"\n", err: `cablesite.toml:2: unknown key "base_url"`},
		{name: "keys in any case", in: "BaseUrl = \"https://example.org/\"\n", want: Config{BaseURL: "https://example.org/"}},
		{name: "unknown key in a table", in: "[build]\n\nsearh = false\n", err: `cablesite.toml:3: unknown key "build.searh"`},
		{name: "wrong type", in: "\ntitle = 3\n", err: "cablesite.toml:2: "},
		{name: "syntax", in: "title = \"x\"\ntitle \"y\"\n", err: "cablesite.toml:2: "},
		{name: "base URL", in: "title = \"x\"\nbaseURL = \"example.org\"\n", err: "cablesite.toml:2: baseURL: base URL \"example.org\""},
		{name: "language", in: "language = \"English\"\n", err: "cablesite.toml:1: language: "},
		{name: "menu without url", in: "[[menu]]\nname = \"About\"\n", err: "menu entry \"About\" has no url"},
		{name: "menu absolute path", in: "[[menu]]\nname = \"About\"\nurl = \"/about/\"\n", err: "cablesite.toml:3: url: menu entry \"About\": \"/about/\": a path from the site's root has no leading slash"},
		{name: "menu leaves the site", in: "[[menu]]\nname = \"Up\"\nurl = \"a/../../x\"\n", err: "cannot leave it"},
		{name: "menu javascript", in: "[[menu]]\nname = \"X\"\nurl = \"javascript:alert(1)\"\n", err: "want a path from the site's root"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(File, []byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestLoadAbsent(t *testing.T) {
	c, err := Load(fstest.MapFS{}, File)
	if err != nil || !reflect.DeepEqual(c, Config{}) {
		t.Errorf("Load of no file: %+v, %v; want the zero Config", c, err)
	}
	c, err = Load(fstest.MapFS{File: {Data: []byte(`title = "T"`)}}, File)
	if err != nil || c.Title != "T" {
		t.Errorf("Load: %+v, %v", c, err)
	}
}

func TestBaseURLFromEnv(t *testing.T) {
	netlify := map[string]string{
		"NETLIFY": "true", "URL": "https://cables.example.org",
		"DEPLOY_PRIME_URL": "https://deploy-preview-42--cables.netlify.app", "DEPLOY_URL": "https://5f1a--cables.netlify.app",
	}
	for _, tc := range []struct {
		name       string
		env        map[string]string
		base, from string
	}{
		{"not on Netlify", map[string]string{"URL": "https://x.example/"}, "", ""},
		{"production", with(netlify, "CONTEXT", "production"), "https://cables.example.org/", "Netlify's URL"},
		{"no context", netlify, "https://cables.example.org/", "Netlify's URL"},
		{"deploy preview", with(netlify, "CONTEXT", "deploy-preview"), "https://deploy-preview-42--cables.netlify.app/", "Netlify's DEPLOY_PRIME_URL"},
		{"branch deploy", with(netlify, "CONTEXT", "branch-deploy"), "https://deploy-preview-42--cables.netlify.app/", "Netlify's DEPLOY_PRIME_URL"},
		{"preview without its address", with(with(netlify, "CONTEXT", "deploy-preview"), "DEPLOY_PRIME_URL", ""), "https://5f1a--cables.netlify.app/", "Netlify's DEPLOY_URL"},
		{"a broken address", with(with(netlify, "CONTEXT", "production"), "URL", "not a url"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, from := BaseURLFromEnv(func(k string) string { return tc.env[k] })
			if base != tc.base || from != tc.from {
				t.Errorf("got %q from %q, want %q from %q", base, from, tc.base, tc.from)
			}
		})
	}
}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for key, val := range m {
		if key != k {
			out[key] = val
		}
	}
	return out
}

// FuzzParse: any bytes give a Config or an error naming the file, never a
// panic; a Config parsed has a base URL CheckBaseURL accepts.
func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"x\"\nbaseURL = \"https://example.org/\"\n[[menu]]\nname = \"A\"\nurl = \"a/\"\n"))
	f.Add([]byte("[build]\nsearch = false\n"))
	f.Add([]byte("title = [1, {a = 2}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(File, data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), File+":") {
				t.Fatalf("error without the file's name: %v", err)
			}
			return
		}
		if c.BaseURL != "" {
			if _, err := CheckBaseURL(c.BaseURL); err != nil {
				t.Fatalf("accepted base URL %q: %v", c.BaseURL, err)
			}
		}
	})
}
