package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cablesite/cablesite/generator/config"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/tdewolff/minify/v2"
)

// BuildConfig configures Build. Content, Templates and Out are required;
// every other zero value works.
type BuildConfig struct {
	// Content is the content folder (os.DirFS("content")).
	Content fs.FS
	// ContentName is how messages name the content folder: "content".
	ContentName string
	// Templates are the default templates (templates.FS, embedded).
	Templates fs.FS
	// TemplateOverride, when not nil, holds a user's templates, each
	// replacing the default of the same name.
	TemplateOverride fs.FS
	// TemplateOverrideName is how messages name the override's folder
	// ("mytheme" gives "mytheme/cable.html:12: ..."); "" means
	// "templates".
	TemplateOverrideName string
	// Out is the output folder. It is replaced as a whole, and only when
	// the build is complete.
	Out string
	// BaseURL is the site's absolute http(s) address, for the sitemap,
	// feeds, canonical links and robots.txt; "" leaves them relative.
	BaseURL string
	// Title is the site's name; "" means "Cables".
	Title string
	// Meta is what the site's configuration says of it (see
	// config.Config): description, language, publisher, credit, menu.
	Meta render.Meta
	// Workers is how many pages are rendered at once; 0 means four times
	// GOMAXPROCS (see site.Config).
	Workers int
	// Warnings receives each content file skipped, as "file:line:
	// message", one a line, and each folder of an earlier build that
	// could not be removed (moved aside, for a person to remove); nil
	// drops them (the summary counts the files).
	Warnings io.Writer
	// NoSearch leaves out the client-side search: the index under search/
	// and search.html.
	NoSearch bool
	// Minify is the minifier registry; nil means publish.NewMinifier().
	Minify *minify.M
	// Progress, when set, is called as each cable's page is written, with
	// how many are and how many there are, from several goroutines at
	// once (see site.Config.Progress).
	Progress func(done, total int)
}

// BuildSummary accounts for a build: pages and files written, content
// files skipped and why.
type BuildSummary = site.Summary

// Build renders the content folder into a static site in cfg.Out. The site
// is written into a staging folder beside cfg.Out, minified, and swapped
// in only when complete: a cancelled or failed build leaves the previous
// site as it was and removes what it wrote.
//
// A content file that cannot be read is reported and skipped, and the
// build succeeds without it; the summary counts such files.
func Build(ctx context.Context, cfg BuildConfig) (BuildSummary, error) {
	return build(ctx, cfg, nil)
}

// build is Build with a hook wrapping the site's writer, for tests that
// make writes fail.
func build(ctx context.Context, cfg BuildConfig, wrap func(publish.Writer) publish.Writer) (BuildSummary, error) {
	if cfg.Content == nil {
		return BuildSummary{}, errors.New("build: no content folder")
	}
	if cfg.Templates == nil {
		return BuildSummary{}, errors.New("build: no templates")
	}
	base, err := checkBaseURL(cfg.BaseURL)
	if err != nil {
		return BuildSummary{}, err
	}
	if err := checkOut(cfg.Out, cfg.ContentName); err != nil {
		return BuildSummary{}, err
	}
	tmpl, err := render.LoadFolders(render.Folder{FS: cfg.Templates}, render.Folder{FS: cfg.TemplateOverride, Name: cfg.TemplateOverrideName})
	if err != nil {
		return BuildSummary{}, err
	}
	stage, err := publish.Stage(cfg.Out)
	if err != nil {
		return BuildSummary{}, err
	}
	m := cfg.Minify
	if m == nil {
		m = publish.NewMinifier()
	}
	var w publish.Writer = stage
	if wrap != nil {
		w = wrap(w)
	}
	raw := w
	w = publish.Minify(m, w)
	scfg := site.Config{
		Content:     cfg.Content,
		ContentName: cfg.ContentName,
		Templates:   tmpl,
		Title:       cfg.Title,
		Meta:        cfg.Meta,
		BaseURL:     base,
		Workers:     cfg.Workers,
		Minify:      m,
		Progress:    cfg.Progress,
	}
	if !cfg.NoSearch {
		// The index files are compact already: minifying 450 MB of them
		// (250,000 cables) again would only cost time.
		scfg.Search = search.NewBuilder(search.Config{Workers: cfg.Workers})
		scfg.SearchWriter = raw
	}
	if cfg.Warnings != nil {
		scfg.Warn = func(msg string) { fmt.Fprintln(cfg.Warnings, msg) }
	}
	sum, err := site.Build(ctx, scfg, w)
	if err == nil {
		err = ctx.Err()
	}
	// Folders of earlier builds that could not be removed were moved
	// aside: a person must hear of them, whatever the outcome.
	defer func() {
		if cfg.Warnings != nil {
			for _, msg := range stage.Warnings() {
				fmt.Fprintln(cfg.Warnings, msg)
			}
		}
	}()
	if err != nil {
		if aerr := stage.Abort(); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return sum, fmt.Errorf("build: %w (%s left as it was)", err, cfg.Out)
	}
	if err := stage.Commit(); err != nil {
		_ = stage.Abort()
		return sum, fmt.Errorf("build: %w", err)
	}
	return sum, nil
}

// checkBaseURL returns the base URL with a trailing slash, or an error
// when it is not an absolute http or https URL.
func checkBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	s, err := config.CheckBaseURL(s)
	if err != nil {
		return "", fmt.Errorf("build: %w", err)
	}
	return s, nil
}

// checkOut refuses output folders whose replacement would destroy more
// than a site: the file system's root, the working folder or one of its
// parents, the content folder (when contentDir names it) or one of its
// parents.
func checkOut(out, contentDir string) error {
	if out == "" {
		return errors.New("build: no output folder")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("build: refusing to replace %s, the file system's root, with a site", out)
	}
	if within(wd, abs) {
		return fmt.Errorf("build: refusing to replace %s, which holds the working folder, with a site", out)
	}
	if contentDir != "" {
		if c, err := filepath.Abs(contentDir); err == nil && within(c, abs) {
			return fmt.Errorf("build: refusing to replace %s, which holds the content folder %s, with a site", out, contentDir)
		}
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}
