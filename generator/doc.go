// Package generator is cablesite's library: the pipeline from raw cables to
// a static site, and the entry points the command calls.
//
// The data flows one way, one package boundary per step:
//
//	raw cable (text, Cablegate HTML page, cables.csv row)
//	  -> cable.Records, cable.Parse      (package cable: the cable format)
//	  -> annotate.Write                  (package annotate: annotated markdown)
//	  -> content/cables/YYYY/MM/<id>.md
//	  -> build: pages, taxonomies, timelines, search index -> public/
//
// Import and Inspect are the entry points of `cablesite import` and
// `cablesite inspect`. They take their inputs as Sources (FileSources
// expands command-line paths) and write through a Dest (DirDest is a
// folder), stream their input, and report every problem with the input as
// "file:line: message" without stopping.
package generator
