#!/usr/bin/env bash
# bench/allin.sh: all the bytes a first search loads until its snippets
# are in, in headless Chromium, for the bench's queries: cablesite's
# search page on a built site, and Pagefind's own search page (PagefindUI)
# on the Hugo site bench/run.sh indexes with Pagefind, with the hit
# counts of both. Everything a search loads is counted: the page, its
# stylesheets and scripts, the index files and the cables' texts
# (cablesite), or Pagefind's scripts, WebAssembly, index and fragment
# files; as sent, and gzipped as a web host would send them. See
# TestAllInBytes in generator/search/allin_test.go.
#
#   bench/allin.sh [-viewport WxH] [-pagesize N] [-queries 'q1,q2'] SITE [HUGOSITE]
#
#   SITE       a site written by cablesite build (holding search.html)
#   HUGOSITE   a site indexed by pagefind --site (holding pagefind/), e.g.
#              bench/run.sh's run folder's hugo/ (run it with -keep)
#   -viewport  the window (default 1366x6000: all 20 hits of a page on
#              screen, so that cablesite reads the texts of all 20, as
#              Pagefind loads the fragments of its -pagesize results)
#   -pagesize  results PagefindUI shows with their excerpts (default 20,
#              as cablesite; PagefindUI's own default is 5)
#   -queries   comma-separated (default: bench/run.sh's ten queries)
#
# Example, at 250,000 cables: bench/run.sh keeps its last run's folder
# (run1 with -r 1), holding public/ (cablesite's site) and hugo/ (Hugo's,
# with pagefind/ when Pagefind ran):
#
#   bench/run.sh -n 250000 -r 1 -no-queries
#   bench/allin.sh /tmp/cablesite-bench/n250000-STAMP/run1/public /tmp/cablesite-bench/n250000-STAMP/run1/hugo
#
# Sizes do not depend on the machine's load; the times it prints do.
set -euo pipefail

viewport=1366x6000
pagesize=20
queries=
while [ $# -gt 0 ]; do
	case $1 in
	-viewport) viewport=$2; shift ;;
	-pagesize) pagesize=$2; shift ;;
	-queries) queries=$2; shift ;;
	-h | -help | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	-*) echo "bench/allin.sh: unknown flag $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: bench/allin.sh [flags] SITE [HUGOSITE] (-h for help)" >&2; exit 2; }
site=$(cd "$1" && pwd)
[ -f "$site/search.html" ] || { echo "bench/allin.sh: $site has no search.html" >&2; exit 1; }
args=(-allin.site "$site" -allin.viewport "$viewport" -allin.pagesize "$pagesize")
if [ $# = 2 ]; then
	hugo=$(cd "$2" && pwd)
	[ -d "$hugo/pagefind" ] || { echo "bench/allin.sh: $hugo has no pagefind/" >&2; exit 1; }
	args+=(-allin.pagefind "$hugo")
fi
[ -n "$queries" ] && args+=(-search.queries "$queries")
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/generator/search"
go test -run '^TestAllInBytes$' -count 1 -timeout 60m -v . -args "${args[@]}" | sed -n 's/^ *allin_test.go:[0-9]*: //p'
