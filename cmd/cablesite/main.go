// Command cablesite turns collections of diplomatic cables into a static,
// searchable site.
//
//	cablesite import [-o content] [-format text|html|csv] [-force] [-q] SOURCE...
//	cablesite inspect [-json] [-format text|html|csv] FILE|-
//	cablesite build [-q] [-config cablesite.toml] [-content content] [-o public] [-base-url URL] [-templates templates]
//	cablesite serve [-addr 127.0.0.1:1313] [-config cablesite.toml] [-content content] [-templates templates] [-o folder]
//
// build and serve read the site's configuration from cablesite.toml when
// there is one (package config); flags override it.
//
// The command only turns flags into a configuration and calls package
// generator; see the README for what each subcommand does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/cablesite/cablesite/generator"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/templates"
)

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// A build allocates a page's worth of garbage per page and keeps
		// its index: collecting less often saves a fifth of the time at
		// 250,000 cables (114 s with GOGC=400, 181 s with 150, same
		// build), for more memory at 20,000 (530 MB against 310); the
		// soft limit brings the collector back before the heap passes a
		// gigabyte.
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(1 << 30)
	}
	// Ctrl-C, a stop from a process manager, or the terminal closed: a
	// build leaves the previous site, serve removes its temporary folder,
	// import stops between two files. A hang-up ignored on purpose
	// (nohup) stays ignored.
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	ctx, stop := signalContext(sigs...)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalled is the cause of a context cancelled by a signal.
type signalled struct{ sig os.Signal }

func (s signalled) Error() string { return s.sig.String() }

// signalContext returns a context cancelled, with the signal as its
// cause, by the first of sigs; a second signal has its default effect
// (Ctrl-C twice ends the process at once).
func signalContext(sigs ...os.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(signalled{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(nil) }
}

// exitInterrupted is the exit status of a command stopped by ctx: 128 and
// the signal's number, as a shell reports a process a signal ended (130
// for Ctrl-C), and 130 when no signal did it.
func exitInterrupted(ctx context.Context) int {
	var s signalled
	if errors.As(context.Cause(ctx), &s) {
		if n, ok := s.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return 130
}

const usage = `usage: cablesite <command> [flags] [arguments]

commands:
  import   read cables (raw text, Cablegate HTML pages, cables.csv) into annotated markdown
  inspect  print the fields parsed from cables, as text or JSON lines
  build    render content/ into a static site in public/
  serve    build, serve and rebuild on change, with live reload

Run 'cablesite <command> -h' for a command's flags.
`

// run is the whole command, testable without a process: it returns the
// exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	var err error
	switch cmd {
	case "import":
		err = runImport(ctx, args, stdin, stdout, stderr)
	case "inspect":
		err = runInspect(ctx, args, stdin, stdout, stderr)
	case "build":
		err = runBuild(ctx, args, stdout, stderr)
	case "serve":
		err = runServe(ctx, args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "cablesite: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errRejected):
		return 1
	case errors.Is(err, errInterrupted):
		return exitInterrupted(ctx)
	default:
		fmt.Fprintf(stderr, "cablesite %s: %v\n", cmd, err)
		return 1
	}
}

var (
	errUsage       = errors.New("usage")
	errRejected    = errors.New("records rejected")
	errInterrupted = errors.New("interrupted")
)

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cablesite %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "", "source format: text, html or csv (default: detected from the content)")
}

func checkFormat(fs *flag.FlagSet, s string) (cable.Format, error) {
	switch f := cable.Format(s); f {
	case cable.FormatAuto, cable.FormatText, cable.FormatHTML, cable.FormatCSV:
		return f, nil
	}
	fmt.Fprintf(fs.Output(), "cablesite %s: -format must be text, html or csv, not %q\n", fs.Name(), s)
	return "", errUsage
}

// parseSources parses the flags of a command that reads cables, checks
// -format, and expands the arguments into sources.
func parseSources(fs *flag.FlagSet, args []string, format *string, stdin io.Reader) (cable.Format, []generator.Source, error) {
	if err := parseFlags(fs, args); err != nil {
		return "", nil, err
	}
	f, err := checkFormat(fs, *format)
	if err != nil {
		return "", nil, err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return "", nil, errUsage
	}
	return f, generator.FileSources(fs.Args(), stdin), nil
}

func runImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("import", "import [-o content] [-format text|html|csv] [-force] [-q] SOURCE...", stderr)
	out := fs.String("o", "content", "content folder to write the annotated markdown into")
	format := formatFlag(fs)
	force := fs.Bool("force", false, "replace files edited since import (their editor's title and notes are kept)")
	quiet := fs.Bool("q", false, "no progress line (there is none either when stderr is not a terminal)")
	f, sources, err := parseSources(fs, args, format, stdin)
	if err != nil {
		return err
	}
	line := newProgress(stderr, *quiet, "import")
	cfg := generator.ImportConfig{Format: f, Force: *force, Progress: line.importProgress()}
	sum, err := generator.Import(ctx, cfg, sources, generator.NewDirDest(*out), line.messages(stderr))
	line.done()
	if err != nil && ctx.Err() != nil {
		// Every file is whole: each was written aside and renamed.
		fmt.Fprintf(stdout, "%s; interrupted\n", sum)
		fmt.Fprintf(stderr, "cablesite import: interrupted (%v): the files written so far are whole; importing again completes them\n", context.Cause(ctx))
		return errInterrupted
	}
	fmt.Fprintln(stdout, sum)
	if err != nil {
		return err
	}
	if sum.Rejected > 0 {
		return errRejected
	}
	return nil
}

func runInspect(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("inspect", "inspect [-json] [-format text|html|csv] FILE|-", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per cable, one per line")
	format := formatFlag(fs)
	f, sources, err := parseSources(fs, args, format, stdin)
	if err != nil {
		return err
	}
	sum, err := generator.Inspect(ctx, generator.InspectConfig{Format: f, JSON: *asJSON}, sources, stdout, stderr)
	if err != nil {
		return err
	}
	if sum.Rejected > 0 {
		fmt.Fprintln(stderr, sum)
		return errRejected
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "build [-q] [-config cablesite.toml] [-content content] [-o public] [-base-url URL] [-templates templates]", stderr)
	site := addSiteFlags(fs, false)
	out := fs.String("o", "public", "output folder: replaced by the new site when the build is complete")
	baseURL := fs.String("base-url", "", "the site's absolute address (https://example.org/), for the sitemap, canonical links, feeds and robots.txt")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile, taken at the end of the build, to this file")
	quiet := fs.Bool("q", false, "no progress line (there is none either when stderr is not a terminal)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if err := site.load(out, "o"); err != nil {
		return err
	}
	if fi, err := os.Stat(site.contentDir); err != nil || !fi.IsDir() {
		return fmt.Errorf("content folder %s: not found", site.contentDir)
	}
	cfg := generator.BuildConfig{
		Content:     os.DirFS(site.contentDir),
		ContentName: filepath.ToSlash(filepath.Clean(site.contentDir)),
		Templates:   templates.FS,
		Out:         site.out,
		BaseURL:     site.baseURL(*baseURL, os.Getenv, stdout, stderr),
		Title:       *site.title,
		Meta:        site.meta(),
		NoSearch:    *site.noSearch,
	}
	line := newProgress(stderr, *quiet, "build")
	cfg.Warnings, cfg.Progress = line.messages(stderr), line.buildProgress()
	if fi, err := os.Stat(site.templates); err == nil && fi.IsDir() {
		cfg.TemplateOverride = os.DirFS(site.templates)
		cfg.TemplateOverrideName = filepath.ToSlash(filepath.Clean(site.templates))
	}
	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return err
	}
	sum, err := generator.Build(ctx, cfg)
	line.done()
	stopProfile()
	if err == nil && *memProfile != "" {
		err = writeHeapProfile(*memProfile)
	}
	if err != nil {
		return err
	}
	// Skipped files are warnings: the rest of the site is built and
	// published, so the exit status stays 0.
	fmt.Fprintf(stdout, "built %s: %s\n", site.out, sum)
	return nil
}

// startProfile starts a CPU profile into file, if named, and returns the
// function that ends it.
func startProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes a heap profile into file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	return f.Close()
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [-addr 127.0.0.1:1313] [-config cablesite.toml] [-content content] [-templates templates] [-o folder]", stderr)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on (another host than 127.0.0.1 serves the site to the network)")
	site := addSiteFlags(fs, true)
	out := fs.String("o", "", "folder to write the site into and serve (default: a temporary folder, removed at the end)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	// The file's output folder is the build's: serve keeps its own.
	if err := site.load(out, "o"); err != nil {
		return err
	}
	return generator.Serve(ctx, generator.ServeConfig{
		ContentDir:  site.contentDir,
		Templates:   templates.FS,
		TemplateDir: site.templates,
		Out:         *out,
		Addr:        *addr,
		Title:       *site.title,
		Meta:        site.meta(),
		NoSearch:    *site.noSearch,
		Log:         stderr,
	})
}
