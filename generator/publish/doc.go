// Package publish writes a built site: into a staging folder beside the
// output folder, swapped in only when the build is complete, so that an
// interrupted or failed build leaves the previous site intact; through a
// minifier; with fingerprinted asset names.
//
// A site is written as a stream of files, each named by its
// slash-separated path from the site's root, through a Writer:
//
//	stage, err := publish.Stage("public")     // public/ is untouched until Commit
//	w := publish.Minify(publish.NewMinifier(), stage)
//	err = w.WriteFile("index.html", page)       // minified, written to the staging folder
//	...
//	err = stage.Commit()                       // or stage.Abort() on any error
//
// Names are checked (CheckName): a name can never lead outside the output
// folder, whatever a cable's id says, and the staging folder is created
// afresh by Stage, so no symbolic link can lie in the way either. No folder
// of the site may hold more than MaxFilesPerDir files (Netlify refuses
// folders of more than about 54,000).
//
// A page whose largest parts are already in their final form (a cable's
// escaped original text, its rendered body) is written with WriteSpliced:
// the page holds a Hole for each part, the minifier minifies the rest, and
// the parts are put in the holes afterwards, which saves two thirds of the
// minifier's work on such a page. Commit removes the previous site with
// several goroutines, a fraction of the time of one walk.
//
// Folders an earlier build left beside the output folder (a killed
// build's ".<out>.staging", a previous site in ".<out>.old") are removed
// by the next Stage and Commit. One that cannot be removed (a folder in
// it made read-only, a mount point) is moved aside to ".<out>.old-2" (or
// the next free number) and named in Warnings for a person to remove, so
// that builds go on; a previous site that cannot be removed after the
// swap is left with a warning, not an error, for the new site is in
// place. Errors say what failed: a read-only folder fails "creating the
// staging folder".
package publish
