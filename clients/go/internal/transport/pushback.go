package transport

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"google.golang.org/grpc/metadata"
)

// gRFC A6 (client retries): grpc-retry-pushback-ms is a non-negative integer of milliseconds; anything else means
// "do not retry". retry-after (RFC 9110 10.2.3) is delay-seconds or an HTTP-date. A rate limiter answers before
// the service runs, trailers-only, so these arrive as the call's trailers (grpc-go gives trailers-only headers as
// trailers); headers are looked at too.
const (
	pushbackHeader   = "grpc-retry-pushback-ms"
	retryAfterHeader = "retry-after"
)

// Pushback is true when the answer carries either header: that, not the message text, marks a rate limit.
func Pushback(mds ...metadata.MD) (wait time.Duration, known bool, present bool) {
	var pushback, retryAfter []string
	for _, md := range mds {
		pushback = append(pushback, md.Get(pushbackHeader)...)
		retryAfter = append(retryAfter, md.Get(retryAfterHeader)...)
	}
	if len(pushback) == 0 && len(retryAfter) == 0 {
		return 0, false, false
	}
	if len(pushback) > 0 {
		if ms, err := strconv.ParseUint(pushback[0], 10, 63); err == nil {
			return time.Duration(ms) * time.Millisecond, true, true
		}
	}
	if len(retryAfter) > 0 {
		if s, err := strconv.ParseUint(retryAfter[0], 10, 31); err == nil {
			return time.Duration(s) * time.Second, true, true
		}
		if t, err := http.ParseTime(retryAfter[0]); err == nil {
			left := time.Until(t)
			if left < 0 {
				left = 0
			}
			return left, true, true
		}
	}
	return 0, false, true
}

// DescribeWait is "in 3 s", "in 2 min", or "later" when the service gave no time.
func DescribeWait(wait time.Duration, known bool) string {
	if !known {
		return "later"
	}
	if wait.Seconds() < 120 {
		s := int(math.Ceil(wait.Seconds()))
		if s < 1 {
			s = 1
		}
		return fmt.Sprintf("in %d s", s)
	}
	return fmt.Sprintf("in %d min", int(math.Ceil(wait.Minutes())))
}
