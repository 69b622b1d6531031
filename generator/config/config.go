// Package config reads a site's configuration, the file cablesite.toml at
// the root of a project: the site's name, address, description, language,
// publisher and credit line, its menu, and the build's options.
//
// The file is TOML (toml.io), read by github.com/pelletier/go-toml/v2.
// Every key is optional; a key the file does not know, a value of the
// wrong type or a value that does not make sense is an error naming the
// file and line ("cablesite.toml:3: ..."), so that a typo never passes
// silently. Flags given to a command override the file (package main
// applies them); the file overrides the defaults.
//
//	title       = "The Embassy Files"
//	baseURL     = "https://cables.example.org/"
//	description = "US diplomatic cables on the Balkans, 2006-2010, annotated."
//	language    = "en"
//	publisher   = "Example News"
//	credit      = "Cables: WikiLeaks, 2011. Annotations: CC BY 4.0, Example News."
//
//	[[menu]]
//	name = "About"
//	url  = "about/index.html"
//
//	[build]
//	content   = "content"
//	output    = "public"
//	templates = "templates"
//	search    = true
//
// When no base URL is set, BaseURLFromEnv gives the address of the deploy
// where a host announces it (Netlify does, in production and in deploy
// previews).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// File is the name of the configuration file at a project's root.
const File = "cablesite.toml"

// Config is a site's configuration. The zero value is the default site:
// every field zero means "not set".
type Config struct {
	// Title is the site's name, in every page's title and header.
	Title string `toml:"title"`
	// BaseURL is the site's absolute http(s) address, for the sitemap,
	// canonical links, feeds and robots.txt.
	BaseURL string `toml:"baseURL"`
	// Description says what the collection is, for the home page and
	// the meta description of pages that have none of their own.
	Description string `toml:"description"`
	// Language is the site's language as a BCP 47 tag ("en", "fr-CA"),
	// for each page's lang attribute; "" means "en".
	Language string `toml:"language"`
	// Publisher names who publishes the site, in every page's footer and
	// the feeds' author.
	Publisher string `toml:"publisher"`
	// Credit is the licence or credit line in every page's footer.
	Credit string `toml:"credit"`
	// Menu lists links added to every page's navigation, in order.
	Menu []MenuEntry `toml:"menu"`
	// Build holds the build's options.
	Build Build `toml:"build"`
}

// A MenuEntry is a link of the navigation: a name and an address, either
// a path from the site's root ("about/index.html"; a bare folder, "about/", shows
// as a listing when the site is opened from disk) or an absolute http(s) URL.
type MenuEntry struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// Build holds the options of `cablesite build` (and serve) a flag may
// also set.
type Build struct {
	Content   string `toml:"content"`   // the content folder; "" means "content"
	Output    string `toml:"output"`    // the output folder; "" means "public"
	Templates string `toml:"templates"` // the templates folder; "" means "templates"
	// Search, when set to false, leaves out the client-side search.
	Search *bool `toml:"search"`
}

// Load reads the configuration file name of fsys. A file that does not
// exist is no error: the zero Config.
func Load(fsys fs.FS, name string) (Config, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, err
	}
	return Parse(name, data)
}

// Parse reads a configuration from data, the contents of the file name
// (which errors name).
func Parse(name string, data []byte) (Config, error) {
	var c Config
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, decodeError(name, err)
	}
	if err := c.check(name, data); err != nil {
		return Config{}, err
	}
	return c, nil
}

// decodeError names the file and line of the library's error.
func decodeError(name string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var errs []error
		for _, e := range strict.Errors {
			row, _ := e.Position()
			errs = append(errs, fmt.Errorf("%s:%d: unknown key %q", name, row, strings.Join(e.Key(), ".")))
		}
		return errors.Join(errs...)
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return fmt.Errorf("%s:%d: %s", name, row, de.Error())
	}
	return fmt.Errorf("%s: %w", name, err)
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// check refuses values that decode but make no sense, at their line.
func (c *Config) check(name string, data []byte) error {
	var errs []error
	fail := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s: %s", name, lineOf(data, key), key, fmt.Sprintf(format, args...)))
	}
	if c.BaseURL != "" {
		if _, err := CheckBaseURL(c.BaseURL); err != nil {
			fail("baseURL", "%v", err)
		}
	}
	if c.Language != "" && !langTag.MatchString(c.Language) {
		fail("language", "%q is not a language tag such as \"en\" or \"fr-CA\"", c.Language)
	}
	for i, m := range c.Menu {
		switch {
		case strings.TrimSpace(m.Name) == "":
			fail("name", "menu entry %d has no name", i+1)
		case m.URL == "":
			fail("url", "menu entry %q has no url", m.Name)
		default:
			if err := checkMenuURL(m.URL); err != nil {
				fail("url", "menu entry %q: %v", m.Name, err)
			}
		}
	}
	return errors.Join(errs...)
}

// checkMenuURL accepts a path from the site's root (relative, no "..")
// or an absolute http(s) URL.
func checkMenuURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "" {
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("%q: want a path from the site's root (\"about/index.html\") or an http(s) address", s)
		}
		return nil
	}
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || u.Host != "" {
		return fmt.Errorf("%q: a path from the site's root has no leading slash (\"about/index.html\"), so that the site works from disk", s)
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == ".." {
			return fmt.Errorf("%q: a path from the site's root cannot leave it", s)
		}
	}
	return nil
}

// lineOf returns the line of the first assignment to key in data, or 1.
func lineOf(data []byte, key string) int {
	re := regexp.MustCompile(`(?m)^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*=`)
	if loc := re.FindIndex(data); loc != nil {
		return 1 + bytes.Count(data[:loc[0]], []byte("\n"))
	}
	return 1
}

// CheckBaseURL returns s with a trailing slash, or an error when it is
// not an absolute http or https URL without query or fragment.
func CheckBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("base URL %q: want an absolute http or https URL such as https://example.org/", s)
	}
	s = u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// BaseURLFromEnv returns the address of the deploy being built where the
// host announces it, and where it comes from, or "" when no host does.
// On Netlify (NETLIFY=true) a production build takes the site's main
// address (URL), a deploy preview or branch deploy its own
// (DEPLOY_PRIME_URL), so that its sitemap and canonical links point at
// the preview, not at production.
func BaseURLFromEnv(getenv func(string) string) (base, from string) {
	if getenv("NETLIFY") != "true" {
		return "", ""
	}
	try := []string{"URL"}
	if ctx := getenv("CONTEXT"); ctx != "" && ctx != "production" {
		try = []string{"DEPLOY_PRIME_URL", "DEPLOY_URL", "URL"}
	}
	for _, k := range try {
		if v := getenv(k); v != "" {
			if s, err := CheckBaseURL(v); err == nil {
				return s, "Netlify's " + k
			}
		}
	}
	return "", ""
}
