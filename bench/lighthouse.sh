#!/usr/bin/env bash
# bench/lighthouse.sh: Lighthouse scores of a built site's pages, served over
# http, as a reader's phone sees them (Lighthouse's default mobile emulation
# and throttling). A measurement, not a test: CI does not run it.
# BENCHMARKS.md gives the figures.
#
#   bench/lighthouse.sh [-r RUNS] [-port PORT] [-o DIR] [-build CONTENT] SITE [PATH...]
#   bench/lighthouse.sh -report DIR
#
#   SITE          a built site folder (public/); with -build, where to build it
#   -build DIR    first build the content folder DIR into SITE, with the base
#                 URL http://127.0.0.1:PORT/ (the canonical links and sitemap
#                 then name the address served)
#   -r RUNS       Lighthouse runs per page (default 3); the medians are printed
#   -port PORT    where the site is served (default 18740)
#   -o DIR        where the reports go (default $TMPDIR/cablesite-lighthouse/<stamp>)
#   -report DIR   print the medians of an earlier invocation's DIR, and exit
#   PATH...       pages to measure, relative to the site's root (default: the
#                 home page, the first cable page, the TAG page with the most
#                 cables, search.html?q=nuclear weapons and
#                 search.html?q="prime minister")
#
# The site is served by python3's http.server (no compression, no cache
# headers: Netlify compresses, so the transfer figures are an upper bound).
# Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium), headless, off
# the network. Each run writes DIR/<page>-<run>.json; DIR/scores.tsv holds
# one line per run; the table printed holds the medians.
set -uo pipefail

runs=3
port=18740
out=
build=
# summary prints the medians of DIR/scores.tsv, a line per page.
summary() {
	echo "## medians of the runs (TBT, LCP, FCP in ms; CLS; KB transferred; requests)"
	printf '%-44s %5s %5s %5s %5s %7s %6s %7s %7s %7s %5s\n' page perf a11y BP SEO TBT CLS LCP FCP KB req
	awk -F'\t' 'NR > 1 && !seen[$1]++ {print $1}' "$1/scores.tsv" | while IFS= read -r p; do
		awk -F'\t' -v p="$p" '
			function median(col,   n, i, j, a, t) {
				n = 0
				for (i = 1; i <= rows; i++) a[++n] = v[i, col]
				for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
				return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
			}
			$1 == p { rows++; for (c = 3; c <= 12; c++) v[rows, c] = $c }
			END {
				printf "%-44s %5d %5d %5d %5d %7d %6.3f %7d %7d %7d %5d\n", p, median(3), median(4), median(5), median(6),
					median(7), median(8), median(9), median(10), median(11) / 1024, median(12)
			}' "$1/scores.tsv"
	done
	echo
	echo "# runs: $1/scores.tsv; audits under full marks: $1/shortfalls.txt"
}

usage() {
	sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	-r) runs=$2; shift ;;
	-port) port=$2; shift ;;
	-o) out=$2; shift ;;
	-build) build=$2; shift ;;
	-report) summary "$2"; exit ;;
	-h | -help | --help) usage ;;
	-*) echo "bench/lighthouse.sh: unknown flag $1" >&2; usage ;;
	*) break ;;
	esac
	shift
done
[ $# -ge 1 ] || usage
site=$1
shift
die() { echo "bench/lighthouse.sh: $*" >&2; exit 1; }
repo=$(cd "$(dirname "$0")/.." && pwd)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
command -v lighthouse >/dev/null || die "needs lighthouse on PATH (npm install -g lighthouse)"
command -v jq >/dev/null || die "needs jq"
[ -x "$CHROME_PATH" ] || die "no Chromium at $CHROME_PATH (set CHROME_PATH)"

if [ -n "$build" ]; then
	bin=$(mktemp "${TMPDIR:-/tmp}/cablesite-lighthouse-bin.XXXXXX") || die "mktemp failed"
	(cd "$repo" && go build -o "$bin" ./cmd/cablesite) || die "go build failed"
	# Built from an empty folder: no cablesite.toml or templates/ override.
	(cd "$(mktemp -d)" && "$bin" build -q -content "$(realpath "$build")" -o "$(realpath -m "$site")" \
		-base-url "http://127.0.0.1:$port/") || { rm -f "$bin"; die "build failed"; }
	rm -f "$bin"
fi
[ -f "$site/index.html" ] || die "$site: no index.html (a built site?)"
site=$(realpath "$site")

if [ $# -eq 0 ]; then
	cable=$(find "$site/cable" -name '*.html' -print -quit)
	cable=${cable#"$site"/}
	# The TAG with the most cables: the most pages in its folder.
	tag=$(cd "$site/tag" && for d in */; do echo "$(ls "$d" | wc -l) $d"; done | sort -rn | head -1 | cut -d' ' -f2)
	set -- "" "$cable" "tag/${tag}" 'search.html?q=nuclear+weapons' 'search.html?q=%22prime+minister%22'
fi

stamp=$(date +%Y%m%d-%H%M%S)
out=${out:-${TMPDIR:-/tmp}/cablesite-lighthouse/$stamp}
mkdir -p "$out" || die "cannot create $out"

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$port/" && break
	sleep 0.1
done

flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
echo "# lighthouse $(lighthouse --version), $("$CHROME_PATH" --version 2>/dev/null), $runs runs per page, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# machine: $(nproc) cores (shared), load $(cut -d' ' -f1-3 /proc/loadavg); site $site"
echo "# lighthouse URL --chrome-flags=\"$flags\" --only-categories=performance,accessibility,best-practices,seo --output=json"
printf 'page\trun\tperf\ta11y\tbp\tseo\ttbt_ms\tcls\tlcp_ms\tfcp_ms\tbytes\trequests\n' >"$out/scores.tsv"
for p in "$@"; do
	name=$(printf '%s' "${p:-home}" | tr -c 'A-Za-z0-9._-' '_')
	for r in $(seq "$runs"); do
		json=$out/$name-$r.json
		lighthouse "http://127.0.0.1:$port/$p" --quiet --chrome-flags="$flags" \
			--only-categories=performance,accessibility,best-practices,seo \
			--output=json --output-path="$json" >"$out/$name-$r.log" 2>&1
		if [ ! -s "$json" ]; then
			echo "  $p run $r: lighthouse failed (see $out/$name-$r.log)"
			continue
		fi
		jq -r --arg p "${p:-/}" --arg r "$r" '[$p, $r,
			(.categories.performance.score * 100 | round), (.categories.accessibility.score * 100 | round),
			(.categories["best-practices"].score * 100 | round), (.categories.seo.score * 100 | round),
			(.audits["total-blocking-time"].numericValue | round),
			(.audits["cumulative-layout-shift"].numericValue * 1000 | round / 1000),
			(.audits["largest-contentful-paint"].numericValue | round),
			(.audits["first-contentful-paint"].numericValue | round),
			(.audits["total-byte-weight"].numericValue | round),
			(.audits["network-requests"].details.items | length)] | @tsv' "$json" >>"$out/scores.tsv"
		# What fell short, for the record (scored audits under 1).
		jq -r --arg p "${p:-/}" '. as $root | [.categories[] | .auditRefs[] | select(.weight > 0) | .id] | unique[]
			| . as $id | $root.audits[$id] | select(.score != null and .score < 1)
			| "  \($p): \($id) \(.score) \(.displayValue // "")"' "$json" >>"$out/shortfalls.txt"
	done
done

echo
summary "$out"
