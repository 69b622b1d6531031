package cable

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Places: which post sent a cable, under which names.
//
// A post has three names. Its station code is what cable ids use
// ("07STATE126086", "09AITTAIPEI975"); cables write it in their
// classification lines and REF lines more loosely ("SECSTATE", "RIO DE JAN",
// "USUN NEW YORK"). Its FM line is what the routing header writes
// ("SECSTATE WASHDC", "AMEMBASSY BELGRADE"), next to the routing indicator
// of its DE line ("RUEHC"). Its origin is what Cablegate shows ("Secretary of
// State", "Embassy Belgrade"). The tables that join them are shipped in
// data/: places.tsv is derived from ../shared/corpus/tags by
// `go test -run TestPlacesTable -update-places` (see places_table_test.go), and
// station-aliases.tsv is kept by hand.

//go:embed data/places.tsv
var placesTSV []byte

//go:embed data/station-aliases.tsv
var aliasesTSV []byte

// placeTable joins station codes, FM lines, routing indicators and origin
// names. It is built once from the embedded data and never changed.
type placeTable struct {
	origins       []string          // the Cablegate origin names, sorted
	originStation map[string]string // compacted origin name -> its main station code
	byStation     map[string]string // station code -> origin
	byFM          map[string]string // normalised FM line -> origin
	byRoute       map[string]string // routing indicator -> origin
	aliases       map[string]string // compact spelling -> station code
	codes         []string          // every station code, sorted, for completing truncated ones
}

// places is the table built from the embedded data. The data is part of the
// binary and checked by tests, so a malformed table is a programming error.
var places = sync.OnceValue(func() *placeTable {
	t, err := parsePlaces(placesTSV, aliasesTSV)
	if err != nil {
		panic(err)
	}
	return t
})

// placeRow is one line of data/places.tsv.
type placeRow struct {
	Origin   string
	Stations []string // the codes its ids use, main one first
	Seen     int      // cables seen with this origin in the observed data
	FM       []string // FM lines, most frequent first
	Routes   []string // DE-line routing indicators, most frequent first
}

// The columns of data/places.tsv, in order.
const placesHeader = "origin\tstations\tseen\tfm\troutes"

func parsePlaceRows(data []byte) ([]placeRow, error) {
	var rows []placeRow
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' || s == placesHeader {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("data/places.tsv:%d: %d fields, want 5", line, len(f))
		}
		seen, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("data/places.tsv:%d: seen: %w", line, err)
		}
		rows = append(rows, placeRow{Origin: f[0], Stations: splitBar(f[1]), Seen: seen, FM: splitBar(f[3]), Routes: splitBar(f[4])})
	}
	return rows, sc.Err()
}

func splitBar(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func parseAliases(data []byte) (map[string]string, error) {
	aliases := make(map[string]string)
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		from, to, ok := strings.Cut(s, "\t")
		if !ok || from != compact(from) || to != compact(to) || from == "" || to == "" {
			return nil, fmt.Errorf("data/station-aliases.tsv:%d: want SPELLING<TAB>STATION in upper case", line)
		}
		aliases[from] = to
	}
	return aliases, sc.Err()
}

func parsePlaces(placesData, aliasesData []byte) (*placeTable, error) {
	rows, err := parsePlaceRows(placesData)
	if err != nil {
		return nil, err
	}
	aliases, err := parseAliases(aliasesData)
	if err != nil {
		return nil, err
	}
	return newPlaceTable(rows, aliases), nil
}

// newPlaceTable indexes rows. A station code, FM line or routing indicator
// claimed by several origins (BRUSSELS: Embassy Brussels and, since 2008,
// USEU Brussels; GENEVA: US Mission and Mission Geneva) goes to the one
// seen most often, then to the first in row order.
func newPlaceTable(rows []placeRow, aliases map[string]string) *placeTable {
	t := &placeTable{
		originStation: make(map[string]string),
		byStation:     make(map[string]string),
		byFM:          make(map[string]string),
		byRoute:       make(map[string]string),
		aliases:       aliases,
	}
	seen := make(map[string]int)
	claim := func(m map[string]string, key string, r placeRow) {
		if key == "" {
			return
		}
		if o, ok := m[key]; ok && seen[o] >= r.Seen {
			return
		}
		m[key] = r.Origin
	}
	for _, r := range rows {
		t.origins = append(t.origins, r.Origin)
		seen[r.Origin] = r.Seen
		if len(r.Stations) > 0 {
			t.originStation[compact(r.Origin)] = r.Stations[0]
		}
		for _, s := range r.Stations {
			claim(t.byStation, s, r)
			t.codes = append(t.codes, s)
		}
		for _, fm := range r.FM {
			claim(t.byFM, normalizeFM(fm), r)
		}
		for _, rt := range r.Routes {
			claim(t.byRoute, rt, r)
		}
	}
	// An FM line may also write the origin's own name ("MISSION GENEVA"),
	// as generated corpora do; it ranks below every line seen in cables.
	for _, r := range rows {
		if fm := normalizeFM(r.Origin); t.byFM[fm] == "" {
			t.byFM[fm] = r.Origin
		}
	}
	slices.Sort(t.origins)
	slices.Sort(t.codes)
	t.codes = slices.Compact(t.codes)
	return t
}

// compact upper-cases s and keeps only its ASCII letters and digits:
// "Port-au-Prince" -> "PORTAUPRINCE", "ST. PETERSBURG" -> "STPETERSBURG".
func compact(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case 'a' <= c && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		}
	}
	return b.String()
}

// nameTokens splits a name into upper-case words of ASCII letters and
// digits ("ST. PETERSBURG" -> ST, PETERSBURG); an apostrophe is dropped
// without splitting the word it is in.
func nameTokens(s string) []string {
	toks := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool {
		return !('A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '\'')
	})
	for i := range toks {
		toks[i] = strings.ReplaceAll(toks[i], "'", "")
	}
	return slices.DeleteFunc(toks, func(s string) bool { return s == "" })
}

// isOfficeWord reports whether w is one of the words before a station name
// in FM lines and origin names that say what kind of post it is
// ("AMEMBASSY BELGRADE", "USMISSION USUN NEW YORK", "US Interests Section
// Havana", "REO Basrah"). AIT is not one: Taipei's station code is
// AITTAIPEI.
func isOfficeWord(w string) bool {
	switch w {
	case "AMEMBASSY", "AMEMB", "AMCONSUL", "AMCONGEN", "AMCONSULATE",
		"USMISSION", "USMISSIN", "USINT", "USOFFICE", "USDEL", "USLO",
		"EMBASSY", "EMBASY", "CONSULATE", "AMERICAN", "US", "MISSION",
		"OFFICE", "INTERESTS", "SECTION", "DELEGATION", "REO", "DIR", "FM":
		return true
	}
	return false
}

// cutOffice removes an office word glued to the station, as some ids have
// it ("05EMBASSYVIENNA1", "09AMEMBASSYHANOI1292", "06USOFFICEPRISTINA12").
func cutOffice(c string) (string, bool) {
	for _, p := range [...]string{"AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION", "USOFFICE", "USINT", "USLO", "EMBASSY", "CONSULATE"} {
		if rest, ok := strings.CutPrefix(c, p); ok && rest != "" {
			return rest, true
		}
	}
	return "", false
}

// known returns the station code that the compact spelling c stands for.
func (t *placeTable) known(c string) (string, bool) {
	if _, ok := t.byStation[c]; ok {
		return c, true
	}
	if s, ok := t.aliases[c]; ok {
		return s, true
	}
	// Sources that make ids from the origin name ("08AMERICANINSTITUTETAIWAN,
	// TAIPEI37") and cables that write it out in the classification line.
	if s, ok := t.originStation[c]; ok {
		return s, true
	}
	if rest, ok := cutOffice(c); ok {
		if _, ok := t.byStation[rest]; ok {
			return rest, true
		}
		if s, ok := t.aliases[rest]; ok {
			return s, true
		}
	}
	return "", false
}

// complete returns the one station code that begins with c, for ids and REF
// lines that cut the station short ("07RIODEJANEIR0123", "KUALALUMP").
// Shorter stubs are too ambiguous to guess.
func (t *placeTable) complete(c string) (string, bool) {
	if len(c) < 5 {
		return "", false
	}
	i, _ := slices.BinarySearch(t.codes, c)
	if i < len(t.codes) && strings.HasPrefix(t.codes[i], c) &&
		(i+1 == len(t.codes) || !strings.HasPrefix(t.codes[i+1], c)) {
		return t.codes[i], true
	}
	return "", false
}

func (t *placeTable) station(name string) string {
	if _, ok := t.byStation[name]; ok {
		return name // already a code: the common case, kept free of allocation
	}
	toks := nameTokens(name)
	if len(toks) == 0 {
		return ""
	}
	if s, ok := t.known(strings.Join(toks, "")); ok {
		return s
	}
	rest := toks
	// A list letter left before the station ("B. NEW DELHI 267" in a REF
	// line) is no part of it.
	if len(rest) > 1 && len(rest[0]) == 1 && rest[0][0] >= 'A' {
		if s, ok := t.known(strings.Join(rest[1:], "")); ok {
			return s
		}
	}
	for len(rest) > 1 && isOfficeWord(rest[0]) {
		rest = rest[1:]
	}
	// Drop trailing words until a station is recognised: country codes and
	// cities' second names follow the station in FM lines and routing
	// tables ("AMEMBASSY TRIPOLI LY", "AMEMBASSY MEXICO CITY", "SECSTATE
	// WASHINGTON DC", "US MISSION USNATO BRUSSELS BE").
	// Only a station code itself counts there, not a spelling: "AIT
	// KAOHSIUNG" is not AIT Taipei, nor "RIO GRANDE" Rio de Janeiro.
	if s, ok := t.known(strings.Join(rest, "")); ok {
		return s
	}
	for n := len(rest) - 1; n >= 1; n-- {
		if c := strings.Join(rest[:n], ""); t.byStation[c] != "" {
			return c
		}
	}
	c := strings.Join(rest, "")
	if s, ok := t.complete(c); ok {
		return s
	}
	return c
}

// Station returns the canonical Cablegate station code for a station as
// cables, REF lines and sources write it: "SECSTATE" -> "STATE",
// "RIO DE JAN" -> "RIODEJANEIRO", "USUN" -> "USUNNEWYORK",
// "PORT-AU-PRINCE" -> "PORTAUPRINCE", "AMEMBASSY BERN" -> "BERN",
// "Embassy The Hague" -> "THEHAGUE". A name it does not recognise comes
// back upper-cased with office words ("AMEMBASSY") and everything but
// letters and digits removed, so that Station(Station(x)) == Station(x).
func Station(name string) string {
	return places().station(name)
}

// KnownStation reports whether name is, or is a spelling of, a station of
// one of the Cablegate origins.
func KnownStation(name string) bool {
	t := places()
	_, ok := t.byStation[t.station(name)]
	return ok
}

// spelledStation reports whether name, as a whole, is a station code or a
// known spelling of one ("THE HAGUE", "RIO DE JAN", "KUALA LUMP"), without
// the leniency of Station, which drops office words, list letters and
// trailing words.
func spelledStation(name string) bool {
	t := places()
	c := compact(name)
	if _, ok := t.known(c); ok {
		return true
	}
	_, ok := t.complete(c)
	return ok
}

// normalizeFM upper-cases an FM line and collapses its spaces.
func normalizeFM(s string) string {
	s = strings.Join(strings.Fields(strings.ToUpper(s)), " ")
	s, _ = strings.CutPrefix(s, "FM ")
	return s
}

// OriginName returns the origin as Cablegate names it ("Secretary of State",
// "Embassy Belgrade") for an FM line as written ("SECSTATE WASHDC",
// "AMCONSUL BARCELONA") and, when known, the routing indicator of the DE
// line ("RUEHC"). The FM line decides when it is known, since posts in one
// city share a routing indicator (RUEHBS: Embassy Brussels and USEU
// Brussels); the routing indicator decides otherwise. It returns "" when
// neither is known.
func OriginName(from, route string) string {
	t := places()
	if fm := normalizeFM(from); fm != "" {
		if o, ok := t.byFM[fm]; ok {
			return o
		}
		// USDEL SECRETARY//MEXICO//: the travelling delegation names its stop.
		if head, _, ok := strings.Cut(fm, "//"); ok {
			if o, ok := t.byFM[strings.TrimSpace(head)]; ok {
				return o
			}
		}
		if o, ok := t.byStation[t.station(fm)]; ok {
			return o
		}
	}
	if o, ok := t.byRoute[strings.ToUpper(strings.TrimSpace(route))]; ok {
		return o
	}
	return ""
}

// StationOrigin returns the origin whose cables carry the station code in
// their ids: "BELGRADE" -> "Embassy Belgrade", "STATE" -> "Secretary of
// State". A code that two origins used (BRUSSELS) gives the one seen more
// often; prefer OriginName when the FM line is known. It returns "" for a
// station it does not know.
func StationOrigin(station string) string {
	t := places()
	return t.byStation[t.station(station)]
}

// RouteStation returns the station code of the post whose routing
// indicator (the DE line's, "RUEHRI") is route: "RIODEJANEIRO". It returns
// "" for a routing indicator it does not know.
func RouteStation(route string) string {
	t := places()
	if o, ok := t.byRoute[strings.ToUpper(strings.TrimSpace(route))]; ok {
		return t.originStation[compact(o)]
	}
	return ""
}

// Origins returns the Cablegate origin names, sorted: every post that
// Cablegate lists under "Browse by origin".
func Origins() []string {
	return slices.Clone(places().origins)
}

// CanonicalID returns a cable id in the Cablegate form: two-digit year,
// canonical station code, number without leading zeros. It accepts the
// forms sources and REF lines write ("07SECSTATE126086", "07 STATE
// 00126086", "2007 STATE 126086", "07state126086") and returns "" when s is
// not a cable id.
func CanonicalID(s string) string {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	var yy string
	switch {
	case i == 2:
		yy = s[:2]
	case i == 4 && (s[:2] == "19" || s[:2] == "20"):
		yy = s[2:4]
	default:
		return ""
	}
	j := i
	for j < len(s) && isStationByte(s[j]) {
		j++
	}
	k := j
	for k < len(s) && '0' <= s[k] && s[k] <= '9' {
		k++
	}
	if k == j || k != len(s) {
		return ""
	}
	station := Station(s[i:j])
	if !isStationCode(station) {
		return ""
	}
	return joinID(yy, station, s[j:k])
}

// isStationByte reports whether c may appear in the station part of an id:
// letters, and the spaces, hyphens, dots and commas of names written out
// ("PORT-AU-PRINCE", "AMERICAN INSTITUTE TAIWAN, TAIPEI").
func isStationByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == ' ' || c == '-' || c == '.' || c == ',' || c == '\''
}

// isStationCode reports whether s can stand between the year and the number
// of an id: letters only (a digit would move the number's boundary), and
// not absurdly long.
func isStationCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// maxNumber is the most digits a cable number has once its leading zeros
// are gone; State numbers reach six, seven leaves room.
const maxNumber = 9

func joinID(yy, station, number string) string {
	number = strings.TrimLeft(number, "0")
	if number == "" {
		number = "0"
	}
	if len(number) > maxNumber {
		return ""
	}
	return yy + station + number
}

// StationNumberID returns the canonical id of a cable cited by station and
// number within a year: (2007, "TBILISI", "001605") -> "07TBILISI1605",
// (2007, "SECSTATE", "126086") -> "07STATE126086". It returns "" when the
// number is not all digits, the station is empty or the year is negative.
func StationNumberID(year int, station, number string) string {
	number = strings.TrimSpace(number)
	if year < 0 || number == "" {
		return ""
	}
	for i := 0; i < len(number); i++ {
		if number[i] < '0' || number[i] > '9' {
			return ""
		}
	}
	st := Station(station)
	if !isStationCode(st) {
		return ""
	}
	return joinID(fmt.Sprintf("%02d", year%100), st, number)
}
