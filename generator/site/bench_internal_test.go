package site

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/templates"
)

// benchBuilder indexes a one-cable site: the file named by
// $CABLESITE_BENCH_CABLE (an imported cable), or a small built-in one.
// override, when not nil, replaces stock templates.
func benchBuilder(b *testing.B, minify bool, override fs.FS) (*Builder, *worker) {
	data := []byte(benchCable)
	if name := os.Getenv("CABLESITE_BENCH_CABLE"); name != "" {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
	}
	tmpl, err := render.Load(templates.FS, override)
	if err != nil {
		b.Fatal(err)
	}
	var w publish.Writer = publish.WriterFunc(func(string, []byte) error { return nil })
	if minify {
		w = publish.Minify(publish.NewMinifier(), w)
	}
	cfg := Config{Content: fstest.MapFS{"cables/x.md": {Data: data}}, Templates: tmpl}
	bl := &Builder{cfg: cfg, w: w, workers: 1, pageSize: 100, maxTermFolders: index.MaxTermFolders, site: &render.Site{Title: "Cables"}}
	bl.md, bl.tags = defaultMarkdown(), defaultTags()
	bl.rd = &index.Reader{FS: cfg.Content, Folder: "content", Workers: 4}
	files, scans, err := bl.readCables(context.Background())
	if err != nil || scans[0].Err != nil {
		b.Fatal(err, scans[0].Err)
	}
	bl.idx = bl.buildIndex(files, scans)
	return bl, &worker{b: bl}
}

// BenchmarkCablePage renders a cable page: written whole in Go, as with
// the stock templates, and through html/template and the minifier, as
// when cable.html's "main" is edited (its metadata table and lists still
// in Go). "plain" leaves the minifier out.
func BenchmarkCablePage(b *testing.B) {
	stock, err := fs.ReadFile(templates.FS, "cable.html")
	if err != nil {
		b.Fatal(err)
	}
	edited := strings.Replace(string(stock), `{{define "main" -}}`, `{{define "main" -}}{{- "" -}}`, 1)
	viaTemplate := fstest.MapFS{"cable.html": {Data: []byte(edited)}}
	for _, bc := range []struct {
		name     string
		minify   bool
		override fs.FS
	}{
		{"plain", false, nil},
		{"minified", true, nil},
		{"minified/html-template", true, viaTemplate},
	} {
		b.Run(bc.name, func(b *testing.B) {
			bl, w := benchBuilder(b, bc.minify, bc.override)
			if bl.cfg.Templates.Stock(render.KindCable) == (bc.override != nil) {
				b.Fatal("the page is not written the way the benchmark says")
			}
			for b.Loop() {
				if err := w.cable(0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

const benchCable = `---
title: "A SUBJECT"
date: 2007-09-07T21:47:00Z
id: "07STATE126086"
origin: "Secretary of State"
classification: "CONFIDENTIAL"
tags: ["PGOV", "PREL", "KV", "SR"]
subject: "A SUBJECT"
source:
  format: "text"
  file: "x.txt"
  line: 1
---

¶1. (C) TEXT.
`
