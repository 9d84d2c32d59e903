package onetime

import (
	"fmt"
	"sync"
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
)

// Limits are a service's limits, as GetLimits reports them.
type Limits struct {
	// MaxCiphertextBytes is the largest encrypted secret accepted, in bytes, padding included.
	MaxCiphertextBytes int
	// MinTTL and MaxTTL bound how long a secret may wait; DefaultTTL is used when a send gives none.
	MinTTL, MaxTTL, DefaultTTL time.Duration
	// MaxViews is the most views one secret may have.
	MaxViews int
	// MaxWrongAttempts is how many wrong tokens (a wrong passphrase, a damaged link), from anyone, burn a secret;
	// 0 when the service does not say.
	MaxWrongAttempts int
	// ReadReceipts tells whether Status reports StateRead after the last view.
	ReadReceipts bool
}

// Default limits of a service, before GetLimits existed: what such a server enforces (protos/README.md), one view,
// no wrong-attempt limit, no read receipts.
var beforeGetLimits = Limits{
	MaxCiphertextBytes: 1024 * 1024,
	MinTTL:             time.Minute,
	MaxTTL:             30 * 24 * time.Hour,
	DefaultTTL:         7 * 24 * time.Hour,
	MaxViews:           1,
}

// MinimumTTL, MaximumTTL and DefaultTTL are a service's defaults unless configured; Limits gives a service's own.
const (
	MinimumTTL = time.Minute
	MaximumTTL = 30 * 24 * time.Hour
	DefaultTTL = 7 * 24 * time.Hour
)

func limitsFromResponse(r *onetimev1.GetLimitsResponse) Limits {
	l := beforeGetLimits
	// proto3 cannot tell 0 from unset; no server accepts nothing, so 0 means it did not say.
	if r.GetMaxCiphertextBytes() != 0 {
		l.MaxCiphertextBytes = clamp(r.GetMaxCiphertextBytes())
	}
	if r.MinTtl != nil {
		l.MinTTL = r.MinTtl.AsDuration()
	}
	if r.MaxTtl != nil {
		l.MaxTTL = r.MaxTtl.AsDuration()
	}
	if r.DefaultTtl != nil {
		l.DefaultTTL = r.DefaultTtl.AsDuration()
	}
	l.MaxViews = clamp(r.GetMaxViews())
	if l.MaxViews < 1 {
		l.MaxViews = 1 // 0 (unset) means what max_views 0 means: one view
	}
	l.MaxWrongAttempts = clamp(r.GetMaxWrongAttempts())
	l.ReadReceipts = r.GetReadReceipts()
	return l
}

func clamp(v uint32) int {
	if v > 1<<31-1 {
		return 1<<31 - 1
	}
	return int(v)
}

// checkSend checks a send against the service's limits before anything is uploaded: the service would refuse the
// same, but only after the whole ciphertext had crossed the wire.
func checkSend(ttl time.Duration, views int, l Limits) error {
	if ttl != 0 && (ttl < l.MinTTL || ttl > l.MaxTTL) {
		return newError(ErrInvalidArgument, fmt.Sprintf("The TTL must be between %s and %s on this service.", DescribeDuration(l.MinTTL), DescribeDuration(l.MaxTTL)))
	}
	if views < 1 || views > l.MaxViews {
		if l.MaxViews == 1 {
			return newError(ErrInvalidArgument, "This service allows only 1 view per secret.")
		}
		return newError(ErrInvalidArgument, fmt.Sprintf("The number of views must be between 1 and %d on this service.", l.MaxViews))
	}
	return nil
}

func checkSize(n int, l Limits) error {
	if n > l.MaxCiphertextBytes {
		return &TooLargeError{MaxCiphertextBytes: l.MaxCiphertextBytes, message: fmt.Sprintf(
			"The secret is too large: this service accepts at most %d bytes once encrypted, padding included, and this one is %d. Nothing was sent.",
			l.MaxCiphertextBytes, n)}
	}
	return nil
}

// DescribeDuration is "1 minute", "30 days", "90 minutes": the largest whole unit.
func DescribeDuration(d time.Duration) string {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d%(24*time.Hour) == 0:
		return plural(int64(d/(24*time.Hour)), "day")
	case d%time.Hour == 0:
		return plural(int64(d/time.Hour), "hour")
	case d%time.Minute == 0:
		return plural(int64(d/time.Minute), "minute")
	}
	return plural(int64((d+time.Second-1)/time.Second), "second")
}

// limitsCache keeps each service's limits for five minutes: a burst of sends asks once, and a reconfigured server
// is seen within minutes (and at once after a refusal, see forget). Failures are not kept.
type limitsCache struct {
	mu      sync.Mutex
	entries map[string]limitsEntry
}

type limitsEntry struct {
	limits  Limits
	fetched time.Time
}

const limitsLifetime = 5 * time.Minute
const maxLimitsEntries = 16

func (c *limitsCache) get(key string) (Limits, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if ok && time.Since(e.fetched) < limitsLifetime {
		return e.limits, true
	}
	return Limits{}, false
}

func (c *limitsCache) put(key string, l Limits) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]limitsEntry{}
	}
	if _, ok := c.entries[key]; ok || len(c.entries) < maxLimitsEntries {
		c.entries[key] = limitsEntry{limits: l, fetched: time.Now()}
	}
}

func (c *limitsCache) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, key)
}
