package markdown

import "strings"

// cableScheme is the link scheme annotate uses for references to cables.
const cableScheme = "cable:"

// cableID returns the id of a cable: link, and whether dest is one. The
// scheme is matched without regard to case, as browsers do.
func cableID(dest string) (id string, ok bool) {
	if len(dest) < len(cableScheme) || !strings.EqualFold(dest[:len(cableScheme)], cableScheme) {
		return "", false
	}
	return dest[len(cableScheme):], true
}

// validID reports whether id can be a cable id: the characters annotate
// allows in file names, so that a hostile id never reaches the Resolver
// or an attribute.
func validID(id string) bool {
	if id == "" || len(id) > 64 || strings.Trim(id, ".") == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// safeURL reports whether a link may point to url: http, https and mailto
// URLs, and relative ones (paths, fragments, queries). Anything with another
// scheme (javascript:, data:, vbscript:, file:, unknown ones) is refused.
// A scheme is whatever precedes the first colon that comes before any '/',
// '?' or '#', so that obfuscations such as "java\tscript:" or
// " javascript:", which browsers clean up into javascript:, are refused too.
func safeURL(url string) bool {
	for i := 0; i < len(url); i++ {
		switch url[i] {
		case '/', '?', '#':
			return true
		case ':':
			scheme := url[:i]
			return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") ||
				strings.EqualFold(scheme, "mailto")
		}
	}
	return true
}

// RelativePath reports whether url is a relative path: no scheme, not
// from the root ("/", "//host"), not a fragment or query alone, not empty.
// Those of an editorial page are written from its file's folder (see
// PageResolver).
func RelativePath(url string) bool {
	if url == "" || url[0] == '/' || url[0] == '#' || url[0] == '?' {
		return false
	}
	for i := 0; i < len(url); i++ {
		switch url[i] {
		case '/', '?', '#':
			return true
		case ':':
			return false
		}
	}
	return true
}

// localURL reports whether url names a file of the site itself: a path,
// relative or from the root, not "//host/...", without a scheme.
func localURL(url string) bool {
	return url != "" && !strings.HasPrefix(url, "//") && (url[0] == '/' || RelativePath(url))
}
