// Package session keeps a built site alive for a preview server (package
// serve): told which content files or templates changed, a Session
// renders again only the pages the change reaches, so that the folder
// stays what a full build (site.Build) of the same files would write.
//
// The work is shared with the build, not repeated. Package index reads
// the changed files' front matter again and derives the new index:
// Patch when the cables and their terms stay, Build from the scans the
// session keeps otherwise, with the same helpers. The session plans,
// from the index before and after the change and package layout's paths,
// which files change (plan.go): the cable pages, their neighbours and
// threads, the pages of the lists whose cables or links moved, the
// indexes, feeds and sitemap, and those to remove. It then asks the
// site's Builder to render those paths (site.Builder.Render), which
// renders them exactly as a build does. What only every page's chrome
// shows (the collection's size, a template used by every page) is left
// to Settle; the search index is written again as a whole (WriteSearch).
//
// TestSessionMatchesBuild, TestSessionRandomEdits and
// TestSessionRapidBatches check, after each step of their edits, that
// the session's folder equals a fresh build of the same content, byte
// for byte.
package session
