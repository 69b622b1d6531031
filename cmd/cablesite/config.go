package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cablesite/cablesite/generator/config"
	"github.com/cablesite/cablesite/generator/render"
)

// siteFlags are the flags build and serve share with cablesite.toml: a
// flag given on the command line wins over the file, the file over the
// flag's default.
type siteFlags struct {
	fs                         *flag.FlagSet
	config                     *string
	content, tmplDir, title    *string
	noSearch                   *bool
	conf                       config.Config
	contentDir, templates, out string
	set                        map[string]bool // the flags given on the command line
}

func addSiteFlags(fs *flag.FlagSet, serving bool) *siteFlags {
	f := &siteFlags{fs: fs}
	f.config = fs.String("config", config.File, "site configuration file (TOML), used if it exists")
	if serving {
		f.content = fs.String("content", "content", "content folder to build and watch")
		f.tmplDir = fs.String("templates", "templates", "folder of templates overriding the built-in ones file by file, used and watched if it exists")
	} else {
		f.content = fs.String("content", "content", "content folder to build")
		f.tmplDir = fs.String("templates", "templates", "folder of templates overriding the built-in ones file by file, used if it exists")
	}
	f.title = fs.String("title", "", "the site's name (default \"Cables\")")
	f.noSearch = fs.Bool("no-search", false, "leave out the client-side search (search.html and search/)")
	return f
}

// load reads the configuration file, once the flags are parsed, and
// settles the content and templates folders and the output folder out
// (the flag's value, outName its name).
func (f *siteFlags) load(out *string, outName string) error {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	f.set = set
	conf, err := readConfig(*f.config, set["config"])
	if err != nil {
		return err
	}
	f.conf = conf
	pick := func(name, flagValue, fileValue string) string {
		if set[name] || fileValue == "" {
			return flagValue
		}
		return fileValue
	}
	f.contentDir = pick("content", *f.content, conf.Build.Content)
	f.templates = pick("templates", *f.tmplDir, conf.Build.Templates)
	f.out = pick(outName, *out, conf.Build.Output)
	if !set["title"] && conf.Title != "" {
		*f.title = conf.Title
	}
	if !set["no-search"] && conf.Build.Search != nil {
		*f.noSearch = !*conf.Build.Search
	}
	return nil
}

// readConfig reads the configuration file name; when it was not named
// on the command line, its absence is no error.
func readConfig(name string, named bool) (config.Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		if !named && errors.Is(err, fs.ErrNotExist) {
			return config.Config{}, nil
		}
		return config.Config{}, fmt.Errorf("configuration: %w", err)
	}
	return config.Parse(filepath.ToSlash(name), data)
}

// meta is what the configuration says of the site, for the pages.
func (f *siteFlags) meta() render.Meta {
	m := render.Meta{
		Description: f.conf.Description,
		Language:    f.conf.Language,
		Publisher:   f.conf.Publisher,
		Credit:      f.conf.Credit,
	}
	for _, e := range f.conf.Menu {
		m.Menu = append(m.Menu, render.MenuLink{Name: e.Name, URL: e.URL})
	}
	return m
}

// baseURL settles the site's address: the -base-url flag, the file's
// baseURL, or the deploy's address where the host gives it (Netlify);
// with none, one warning line says what the site lacks.
func (f *siteFlags) baseURL(flagValue string, getenv func(string) string, stdout, stderr io.Writer) string {
	if flagValue != "" {
		return flagValue
	}
	if !f.set["base-url"] { // -base-url "" asks for none
		if f.conf.BaseURL != "" {
			return f.conf.BaseURL
		}
		if base, from := config.BaseURLFromEnv(getenv); base != "" {
			fmt.Fprintf(stdout, "base URL %s, from %s\n", base, from)
			return base
		}
	}
	fmt.Fprintf(stderr, "warning: no base URL (set baseURL in %s or -base-url): the site has no sitemap.xml and no canonical links\n", config.File)
	return ""
}
