package cable

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// The places table is derived from ../shared/corpus/tags, which a user of
// the generator does not have; the derived table is committed as
// data/places.tsv. Refresh it with
//
//	go test ./generator/cable -run TestPlacesTable -update-places
//
// Without the flag the test checks that the committed table is what the
// inputs and the rules below give.
var updatePlaces = flag.Bool("update-places", false, "rewrite data/places.tsv from ../shared/corpus/tags")

// stationOverrides are the origins whose station codes the naming rule
// (placeStationRule) does not give. Found by checking, over the real pages
// of ../shared/corpus/real, that StationOrigin(station of the id) is the
// page's origin (TestPlacesCorpus), and from the ids in the REF lines of
// the real cables. The first code is the main one; the others are codes the
// same post used at other times (KIEV before KYIV, CALCUTTA before KOLKATA).
var stationOverrides = map[string][]string{
	"Secretary of State":                {"STATE"},
	"UNVIE":                             {"UNVIEVIENNA"},
	"Iran RPO Dubai":                    {"RPODUBAI"},
	"American Institute Taiwan, Taipei": {"AITTAIPEI"},
	"US Delegation, Secretary":          {"PARTO", "SECTO"},
	"USEU Brussels":                     {"USEUBRUSSELS", "BRUSSELS"}, // 09BRUSSELS537 is USEU's (FM USEU BRUSSELS)
	"Mission UNESCO":                    {"UNESCOPARISFR"},
	"DIR FSINFATC":                      {"FSINFATC"},
	"Embassy Kyiv":                      {"KYIV", "KIEV"},
	"Consulate Kolkata":                 {"KOLKATA", "CALCUTTA"},
	"Consulate Chennai":                 {"CHENNAI", "MADRAS"},
	"Consulate Mumbai":                  {"MUMBAI", "BOMBAY"},
	"Consulate St Petersburg":           {"STPETERSBURG", "LENINGRAD"},
}

// routeOverrides fix routing indicators that route2name.csv gets wrong: it
// swaps Nagoya and the Iran RPO in Dubai, whose cables come DE RUEHDIR.
var routeOverrides = map[string]string{
	"RUEHNAG": "Consulate Nagoya",
}

// originPrefixes are the words that say what kind of post an origin is;
// the station code is the rest ("Embassy Port Au Prince" -> PORTAUPRINCE,
// "US Interests Section Havana" -> HAVANA, "REO Basrah" -> BASRAH).
var originPrefixes = []string{
	"American Consulate ", "Consulate ", "Embassy ", "Embasy ", "US Interests Section ",
	"US Mission ", "US Delegation ", "US Office ", "US OFFICE ", "USMISSION ", "Mission ", "REO ",
}

func placeStationRule(origin string) []string {
	if s, ok := stationOverrides[origin]; ok {
		return s
	}
	for _, p := range originPrefixes {
		if rest, ok := strings.CutPrefix(origin, p); ok {
			return []string{compact(rest)}
		}
	}
	return []string{compact(origin)}
}

// readTSV reads a tab-separated file with a header row.
func readTSV(path string) ([][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if i == 0 || line == "" {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, nil
}

// counted keeps strings with how often they were seen, to list them most
// frequent first.
type counted map[string]int

func (c counted) sorted() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(c[b], c[a]), cmp.Compare(a, b))
	})
	return keys
}

// derivePlaces builds the rows of data/places.tsv from the tags folder.
func derivePlaces(tagsDir string, aliases map[string]string) ([]placeRow, error) {
	origins, err := readTSV(filepath.Join(tagsDir, "cablegate-origins.tsv"))
	if err != nil {
		return nil, err
	}
	observed, err := readTSV(filepath.Join(tagsDir, "origin-routing-observed.tsv"))
	if err != nil {
		return nil, err
	}
	seen := make(map[string]int)
	fms := make(map[string]counted)
	routes := make(map[string]counted)
	routeOwner := make(map[string]string)
	for i, r := range observed {
		if len(r) != 5 {
			return nil, fmt.Errorf("origin-routing-observed.tsv:%d: %d fields", i+2, len(r))
		}
		origin, route, fm := r[1], r[2], normalizeFM(r[3])
		n, err := strconv.Atoi(r[4])
		if err != nil {
			return nil, fmt.Errorf("origin-routing-observed.tsv:%d: %w", i+2, err)
		}
		seen[origin] += n
		if fm != "" {
			if fms[origin] == nil {
				fms[origin] = counted{}
			}
			fms[origin][fm] += n
		}
		if route != "" {
			if routes[origin] == nil {
				routes[origin] = counted{}
			}
			routes[origin][route] += n
			routeOwner[route] = origin
		}
	}
	var rows []placeRow
	index := make(map[string]int)
	for _, r := range origins {
		if len(r) != 2 {
			return nil, fmt.Errorf("cablegate-origins.tsv: row %q", r)
		}
		o := r[1]
		if _, dup := index[o]; dup {
			continue
		}
		if _, ok := seen[o]; !ok && len(fms[o]) > 0 {
			return nil, fmt.Errorf("origin %q observed but not in cablegate-origins.tsv", o)
		}
		index[o] = len(rows)
		rows = append(rows, placeRow{
			Origin:   o,
			Stations: placeStationRule(o),
			Seen:     seen[o],
			FM:       fms[o].sorted(),
			Routes:   routes[o].sorted(),
		})
	}
	for o := range seen {
		if _, ok := index[o]; !ok {
			return nil, fmt.Errorf("observed origin %q is not one of cablegate-origins.tsv", o)
		}
	}

	// Routing indicators of posts the observed data never saw: those of the
	// State network (RUEH...) in route2name.csv whose name is the post's
	// station, written with the right kind of office.
	t := newPlaceTable(rows, aliases)
	f, err := os.Open(filepath.Join(tagsDir, "route2name.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("route2name.csv: %w", err)
	}
	slices.SortFunc(recs, func(a, b []string) int { return cmp.Compare(a[0], b[0]) })
	for _, rec := range recs {
		route, name := rec[0], rec[1]
		if !strings.HasPrefix(route, "RUEH") || routeOwner[route] != "" {
			continue
		}
		origin := routeOverrides[route]
		if origin == "" {
			origin = t.byStation[t.station(name)]
			if origin == "" || !sameKind(name, origin) {
				continue
			}
		}
		i := index[origin]
		rows[i].Routes = append(rows[i].Routes, route)
		routeOwner[route] = origin
	}
	slices.SortFunc(rows, func(a, b placeRow) int { return cmp.Compare(a.Origin, b.Origin) })
	return rows, nil
}

// sameKind reports whether a routing table's name ("AMEMBASSY ASTANA",
// "AMCONSUL ASTANA") is the kind of post the origin is.
func sameKind(name, origin string) bool {
	embassy := strings.HasPrefix(origin, "Embassy ") || strings.HasPrefix(origin, "Embasy ")
	consulate := strings.Contains(origin, "Consulate ")
	switch first, _, _ := strings.Cut(name, " "); first {
	case "AMEMBASSY":
		return embassy
	case "AMCONSUL":
		return consulate
	default:
		return !embassy && !consulate
	}
}

func formatPlaces(rows []placeRow) []byte {
	var b bytes.Buffer
	b.WriteString("# Cablegate origins with their station codes, FM lines and DE-line routing indicators.\n")
	b.WriteString("# Derived from ../shared/corpus/tags by places_table_test.go; do not edit, run\n")
	b.WriteString("#   go test ./generator/cable -run TestPlacesTable -update-places\n")
	b.WriteString("# Inputs: cablegate-origins.tsv and origin-routing-observed.tsv (from Cablegate pages), route2name.csv\n")
	b.WriteString("# (heuer/cablemap, BSD-3-Clause, routing indicators of posts not observed); see SOURCES.md there.\n")
	b.WriteString("# seen: cables of this origin in the observed sample (it decides which origin a shared code names).\n")
	b.WriteString(placesHeader + "\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\t%s\n", r.Origin, strings.Join(r.Stations, "|"), r.Seen,
			strings.Join(r.FM, "|"), strings.Join(r.Routes, "|"))
	}
	return b.Bytes()
}

func TestPlacesTable(t *testing.T) {
	tags := corpus.Dir(t, "tags")
	aliases, err := parseAliases(aliasesTSV)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := derivePlaces(tags, aliases)
	if err != nil {
		t.Fatal(err)
	}
	want := formatPlaces(rows)
	if *updatePlaces {
		if err := os.WriteFile(filepath.Join("data", "places.tsv"), want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote data/places.tsv: %d origins", len(rows))
		return
	}
	if !bytes.Equal(placesTSV, want) {
		t.Errorf("data/places.tsv is not what ../shared/corpus/tags gives; run go test -run TestPlacesTable -update-places")
	}
}
