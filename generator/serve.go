package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/serve"
	"github.com/cablesite/cablesite/generator/site"
)

// ServeConfig configures Serve. ContentDir and Templates are required;
// every other zero value works.
type ServeConfig struct {
	// ContentDir is the content folder: built, and watched.
	ContentDir string
	// Templates are the default templates (templates.FS, embedded).
	Templates fs.FS
	// TemplateDir is a folder of templates overriding the default ones
	// file by file, watched; "" or a folder that does not exist: none.
	TemplateDir string
	// Out is the folder the site is written to and served from; "" means
	// a temporary folder, removed at the end.
	Out string
	// Addr is the address to listen on; "" means 127.0.0.1:1313.
	// Listener, when set, is used instead.
	Addr     string
	Listener net.Listener
	// Title is the site's name; "" means "Cables".
	Title string
	// Meta is what the site's configuration says of it (see BuildConfig).
	Meta render.Meta
	// NoSearch leaves out the client-side search.
	NoSearch bool
	// Workers is how many pages are rendered at once (see site.Config).
	Workers int
	// Log receives the server's messages: its address, each update, each
	// problem. Nil discards them.
	Log io.Writer
	// Ready, when set, is called with the site's address once it is
	// served; Settled after each update once its background work is done.
	Ready   func(url string)
	Settled func()
}

// Serve builds the content folder, serves the site, and keeps it up to
// date with every change of the content and template folders, with live
// reload in the open pages, until ctx is done (see package serve). After
// each change has settled the served folder holds what Build writes for
// the same files.
func Serve(ctx context.Context, cfg ServeConfig) error {
	if cfg.ContentDir == "" || cfg.Templates == nil {
		return errors.New("serve: no content folder or templates")
	}
	if fi, err := os.Stat(cfg.ContentDir); err != nil || !fi.IsDir() {
		return fmt.Errorf("serve: content folder %s: not found", cfg.ContentDir)
	}
	tmplDir := cfg.TemplateDir
	if fi, err := os.Stat(tmplDir); tmplDir != "" && (err != nil || !fi.IsDir()) {
		tmplDir = ""
	}
	if cfg.Out != "" {
		if err := checkOut(cfg.Out, cfg.ContentDir); err != nil {
			return err
		}
		// Written inside a watched folder, the site would change what
		// it is built from.
		out, _ := filepath.Abs(cfg.Out)
		for _, dir := range []string{cfg.ContentDir, tmplDir} {
			if abs, err := filepath.Abs(dir); dir != "" && err == nil && within(out, abs) {
				return fmt.Errorf("serve: refusing to write the site into %s, inside the watched folder %s", cfg.Out, dir)
			}
		}
	}
	load := func() (*render.Templates, error) {
		override := render.Folder{Name: filepath.ToSlash(filepath.Clean(tmplDir))}
		if tmplDir != "" {
			override.FS = os.DirFS(tmplDir)
		}
		return render.LoadFolders(render.Folder{FS: cfg.Templates}, override)
	}
	return serve.Run(ctx, serve.Config{
		Site: site.Config{
			Content:     os.DirFS(cfg.ContentDir),
			ContentName: filepath.ToSlash(filepath.Clean(cfg.ContentDir)),
			Title:       cfg.Title,
			Meta:        cfg.Meta,
			Workers:     cfg.Workers,
		},
		ContentDir:    cfg.ContentDir,
		TemplateDir:   tmplDir,
		LoadTemplates: load,
		Search:        !cfg.NoSearch,
		Out:           cfg.Out,
		Addr:          cfg.Addr,
		Listener:      cfg.Listener,
		Log:           cfg.Log,
		Ready:         cfg.Ready,
		Settled:       cfg.Settled,
	})
}
