package markdown

import "strings"

// classifyMarking returns the CSS class and the spelled-out title of a
// paragraph marking as written between its parentheses ("S//NF" gives
// "marking-s" and "Secret//NOFORN"). The level comes from the first
// component; a component naming a lesser-than-classified caveat (FOUO, SBU)
// on an unclassified paragraph makes it "marking-sbu". A marking whose
// level is unknown gets "marking-other" and its own text as title.
func classifyMarking(marking string) (class, title string) {
	parts := splitMarking(marking)
	if len(parts) == 0 {
		return "marking-other", marking
	}
	level, title, ok := markingLevel(parts[0])
	if !ok {
		return "marking-other", marking
	}
	var b strings.Builder
	b.WriteString(title)
	for _, p := range parts[1:] {
		word := caveatWord(p)
		if level == "u" && (p == "FOUO" || p == "SBU") {
			level = "sbu"
		}
		b.WriteString("//")
		b.WriteString(word)
	}
	return "marking-" + level, b.String()
}

// splitMarking splits "S//NF", "S/NF" and "C / NF" alike into upper-case
// components with single spaces.
func splitMarking(marking string) []string {
	var parts []string
	for p := range strings.SplitSeq(marking, "/") {
		p = strings.Join(strings.Fields(strings.ToUpper(p)), " ")
		if p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// markingLevel reads the classification level that opens a marking.
func markingLevel(p string) (level, title string, ok bool) {
	switch p {
	case "U", "UNCLASSIFIED", "UNCLAS":
		return "u", "Unclassified", true
	case "SBU":
		return "sbu", "Sensitive But Unclassified", true
	case "FOUO":
		return "sbu", "For Official Use Only", true
	case "LOU":
		return "sbu", "Limited Official Use", true
	case "C", "CONFIDENTIAL":
		return "c", "Confidential", true
	case "S", "SECRET":
		return "s", "Secret", true
	case "TS", "TOP SECRET":
		return "s", "Top Secret", true
	}
	return "", "", false
}

// caveatWord spells out the dissemination controls that follow the level;
// others are kept as written.
func caveatWord(p string) string {
	switch p {
	case "NF", "NOFORN":
		return "NOFORN"
	case "FOUO":
		return "For Official Use Only"
	case "SBU":
		return "Sensitive But Unclassified"
	case "OC", "ORCON":
		return "ORCON"
	case "PR", "PROPIN":
		return "PROPIN"
	}
	return p
}
