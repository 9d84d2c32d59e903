package links

import (
	"net"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// The base URL of a link in its one canonical spelling (protos/README.md "Link"): the string itself is checked,
// never what net/url makes of it, because a URL library quietly repairs what the spec rejects (an upper-case
// scheme, ":443", "//s", "./s", "a/../s", "%73" for "s"). The canonical spelling is what a WHATWG URL serializer
// writes; the C# client checks the same grammar (BaseUrlGrammar.cs) and protos/testdata holds the cases.
var baseURLPattern = regexp.MustCompile(
	`^(https|http)://([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:]+\])` +
		`(?::([1-9][0-9]{0,4}))?((?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})+)*)$`)

const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

// IsCanonicalBaseURL reports whether baseURL is spelled as protos/README.md's base-url.
func IsCanonicalBaseURL(baseURL string) bool {
	m := baseURLPattern.FindStringSubmatch(baseURL)
	if m == nil {
		return false
	}
	scheme, host, port, path := m[1], m[2], m[3], m[4]
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n > 65535 || (scheme == "https" && n == 443) || (scheme == "http" && n == 80) {
			return false
		}
	}
	var hostOK bool
	if strings.HasPrefix(host, "[") {
		hostOK = isCanonicalIPv6(host[1 : len(host)-1])
	} else {
		hostOK = isCanonicalName(host)
	}
	if !hostOK {
		return false
	}
	if path != "" {
		for _, segment := range strings.Split(path[1:], "/") {
			if !isCanonicalSegment(segment) {
				return false
			}
		}
	}
	return true
}

const (
	maxLabelLength = 63  // RFC 1035 §2.3.4, as DNS carries a name
	maxNameLength  = 253 // in text, without the final "."
)

// WHATWG URL: a host whose last label is a number (decimal, or "0x" and hex digits) is an IPv4 address, serialized
// as four decimal parts; "0xg" is no number, so a name. A name DNS cannot carry (RFC 1035 §2.3.4) opens nowhere.
func isCanonicalName(host string) bool {
	labels := strings.Split(host, ".")
	last := labels[len(labels)-1]
	if last == "" && len(labels) > 1 {
		last = labels[len(labels)-2]
	}
	if len(strings.TrimSuffix(host, ".")) > maxNameLength {
		return false
	}
	for _, label := range labels {
		if len(label) > maxLabelLength {
			return false
		}
	}
	if last != "" && (isDigits(last) || strings.HasPrefix(last, "0x") && isHexDigits(last[2:])) {
		ip := net.ParseIP(host)
		return ip != nil && ip.To4() != nil && !strings.Contains(host, ":") && ip.To4().String() == host
	}
	for _, label := range labels {
		if strings.HasPrefix(label, "xn--") && !isIDNLabel(label) {
			return false
		}
	}
	return true
}

// uts46 is UTS #46 as the URL standard checks a label (non-transitional, CheckJoiners, without STD3 rules).
var uts46 = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.CheckJoiners(true), idna.CheckHyphens(false),
	idna.StrictDomainName(false), idna.VerifyDNSLength(false))

// protos/README.md "Link", the rules for an xn-- label: canonical Punycode of a U-label with a non-ASCII character,
// in NFC, not beginning with a mark, without the hyphens RFC 5891 forbids, right-to-left only as a whole, and valid
// to golang.org/x/net/idna's UTS #46 check.
func isIDNLabel(label string) bool {
	u, err := idna.Punycode.ToUnicode(label)
	if err != nil || u == "" {
		return false
	}
	if back, err := idna.Punycode.ToASCII(u); err != nil || back != label {
		return false
	}
	runes := []rune(u)
	ascii := true
	for _, r := range runes {
		ascii = ascii && r < 0x80
	}
	if ascii || !norm.NFC.IsNormalString(u) || unicode.IsMark(runes[0]) {
		return false
	}
	if u[0] == '-' || u[len(u)-1] == '-' || len(u) >= 4 && u[2:4] == "--" {
		return false
	}
	if _, err := uts46.ToUnicode(label); err != nil {
		return false
	}
	anyRTL, allRTL, arabicIndic, extendedArabicIndic := false, true, false, false
	for _, r := range runes {
		rtl := isRightToLeft(r)
		anyRTL, allRTL = anyRTL || rtl, allRTL && rtl
		arabicIndic = arabicIndic || r >= 0x660 && r <= 0x669
		extendedArabicIndic = extendedArabicIndic || r >= 0x6f0 && r <= 0x6f9
	}
	if !anyRTL {
		return true
	}
	end := len(runes) - 1
	for end >= 0 && unicode.IsMark(runes[end]) {
		end--
	}
	return allRTL && unicode.IsLetter(runes[0]) && end >= 0 && (unicode.IsLetter(runes[end]) || unicode.Is(unicode.Nd, runes[end])) &&
		!(arabicIndic && extendedArabicIndic)
}

// The blocks whose characters are right-to-left: protos/README.md's table-free stand-in for RFC 5893's classes.
func isRightToLeft(r rune) bool {
	return r >= 0x590 && r <= 0x8ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff ||
		r >= 0x10800 && r <= 0x10fff || r >= 0x1e800 && r <= 0x1efff
}

func isHexDigits(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// The URL standard's IPv6 serializer (RFC 5952): lower-case hex without leading zeros, the first longest run of
// two or more zero pieces as "::", no embedded IPv4 form, no zone.
func isCanonicalIPv6(text string) bool {
	ip := net.ParseIP(text)
	if ip == nil || strings.Contains(text, ".") || strings.Contains(text, "%") {
		return false
	}
	ip = ip.To16()
	var pieces [8]int
	for i := range pieces {
		pieces[i] = int(ip[2*i])<<8 | int(ip[2*i+1])
	}
	start, length := -1, 1
	for i := 0; i < 8; i++ {
		run := 0
		for i+run < 8 && pieces[i+run] == 0 {
			run++
		}
		if run > length {
			start, length = i, run
		}
	}
	var parts []string
	for i := 0; i < 8; i++ {
		if i == start {
			if i == 0 {
				parts = append(parts, ":")
			} else {
				parts = append(parts, "")
			}
			i += length - 1
			if i == 7 {
				parts = append(parts, "")
			}
			continue
		}
		parts = append(parts, strconv.FormatInt(int64(pieces[i]), 16))
	}
	return strings.Join(parts, ":") == text
}

// RFC 3986 6.2.2: percent-escapes in upper case (the pattern), and never for an unreserved character ("%73" is
// "s"); no dot segments (5.2.4 would remove them).
func isCanonicalSegment(segment string) bool {
	if segment == "." || segment == ".." {
		return false
	}
	for i := strings.IndexByte(segment, '%'); i >= 0; {
		v, err := strconv.ParseUint(segment[i+1:i+3], 16, 8)
		if err != nil || strings.IndexByte(unreserved, byte(v)) >= 0 {
			return false
		}
		next := strings.IndexByte(segment[i+1:], '%')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return true
}
