// Package serve is the preview server of `cablesite serve`: it builds a
// site into a folder, serves the folder over HTTP, watches the content
// and templates folders, and brings the site up to date after each saved
// change, telling the open pages to reload.
//
// # Updates
//
// File events (fsnotify; a folder created under the content folder is
// watched as it appears) are gathered until none came for 50 ms, then
// given to a session.Session, which renders again only the pages the
// change reaches and writes a file only when its bytes change. The
// pages open in a browser are told which pages changed. What an update
// leaves for later (every page's footer after a cable is added, every
// page after a template change, the search index) runs in the
// background and is cancelled by the next change, which resumes it.
// When it is done, the folder holds exactly what `cablesite build` of
// the same files writes.
//
// An update that fails part-way (a file removed or rewritten while its
// page is rendered) is shown as a problem and finished in the
// background, which also removes what the site no longer has (see
// session.Session). Background work that fails is tried again after 1 s,
// 2 s, 4 s ... 32 s, then at the next change; a panic (a bug, recovered
// by the session as a site.PanicError, its stack written to the log)
// waits for the next change. No update ends the server: only ctx, or the
// listener failing.
//
// A content file whose front matter no longer reads, or a template that
// fails, is reported as "file:line: message" on the log and over every
// open page; the last good version stays served until it is fixed.
//
// # Live reload
//
// Each HTML page is served with a small script (ScriptPath) added before
// its </body>; the files on disk stay as a build writes them. The script
// listens to server-sent events on EventsPath (see events.go for each
// event): a page reloads when its own file changed, or an image, video,
// sound or PDF it shows (a file copied from the content folder); when
// only the stylesheet changed, it swaps its <link> to the new
// fingerprinted name without reloading; problems are shown over the page as text, never as
// markup, and go away with the next good update.
// It stays out of the hidden frames in which the search page reads the
// cables' texts: six such frames with an event stream each would take
// every connection a browser allows to the server.
//
// # Safety
//
// The server listens on 127.0.0.1:1313 unless told otherwise, and, bound
// to loopback, answers only requests naming a loopback host (a web page
// elsewhere cannot reach it through a rebound DNS name). It serves only
// the files of the output folder, through an os.Root: a path with "..",
// a hidden element, an encoded dot, slash, backslash or NUL, or a
// symbolic link leading outside the folder gets the 404 page. A folder is
// served as its index.html, never listed.
package serve
