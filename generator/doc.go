// Package generator is cablesite's library: the pipeline from raw cables to
// a static site, and the entry points the command calls.
//
// The data flows one way, one package boundary per step:
//
//	raw cable (text, Cablegate HTML page, cables.csv row)
//	  -> cable.Records, cable.Parse      (package cable: the cable format)
//	  -> annotate.Write                  (package annotate: annotated markdown)
//	  -> content/cables/YYYY/MM/<id>.md
//	  -> index.Reader, index.Build       (pass 1: front matter of every file, the index)
//	  -> annotate.Read                   (pass 2: each file again, for its page)
//	  -> markdown, taxonomy, timeline,   (bodies, TAG meanings, charts,
//	     search                           the client-side index)
//	  -> render, atom, sitemap           (html/template pages, feeds, sitemaps;
//	                                      at the paths of package layout)
//	  -> publish                         (minified, staged, swapped in) -> public/
//
// Import and Inspect are the entry points of `cablesite import` and
// `cablesite inspect`. They take their inputs as Sources (FileSources
// expands command-line paths) and write through a Dest (NewDirDest is a
// folder), stream their input, and report every problem with the input as
// "file:line: message" without stopping; cancelled, they return at once,
// whatever their sources block on. Import never overwrites what a person
// wrote: it writes a cable again only over a file it finds unedited, and
// keeps an editor's title and notes (package annotate, Editorial layer). Build is `cablesite build`: it
// reads a content folder as an fs.FS and writes the site beside the output
// folder, swapping it in only when complete (package site does the work).
// Serve is `cablesite serve`: it builds the site once, serves it, and
// after each saved change renders again only what the change reaches
// (session.Session), with live reload in the open pages (package serve).
package generator
