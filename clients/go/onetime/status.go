package onetime

import (
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
)

// State is what the service knows about a secret.
type State int

const (
	// StateGone: expired, burned, read (without read receipts), never stored, or a wrong link or passphrase; the
	// service answers these alike, on purpose.
	StateGone State = iota
	// StateWaiting: the secret can still be read; it has views left.
	StateWaiting
	// StateRead: every view was taken; ReadAt says when the last one was.
	StateRead
)

func (s State) String() string {
	switch s {
	case StateWaiting:
		return "waiting"
	case StateRead:
		return "read"
	}
	return "gone"
}

// Status is what Status reports, without taking a view.
type Status struct {
	State State
	// ExpiresAt: when the secret expires if its views are not all taken, or once read when the receipt goes;
	// zero when gone.
	ExpiresAt time.Time
	// ViewsLeft: 0 unless waiting.
	ViewsLeft int
	// ReadAt: when the secret was last read (once read, and while waiting once a view of a multi-view secret was
	// taken); zero otherwise.
	ReadAt time.Time
	// Confirmation: once read, whether the reader's client confirmed the read with the link's key, checked here
	// against this link; ConfirmationNone otherwise.
	Confirmation ConfirmationState
	// ReaderNote: the reader's note, only when Confirmed and the reader wrote one. Text someone else typed: show it
	// without control or bidirectional characters.
	ReaderNote string
}

// String describes the status without the reader's note.
func (s Status) String() string { return statusString(s) }

// GoString keeps %#v from printing the reader's note.
func (s Status) GoString() string { return statusString(s) }

// Exists is true while the secret can be read.
func (s Status) Exists() bool { return s.State == StateWaiting }

func statusFromResponse(r *onetimev1.ExistsResponse) Status {
	var st Status
	switch {
	case r.GetState() == onetimev1.SecretState_SECRET_STATE_WAITING:
		st.State = StateWaiting
	case r.GetState() == onetimev1.SecretState_SECRET_STATE_READ:
		st.State = StateRead
	case r.GetExists():
		st.State = StateWaiting // a server older than SecretState says only exists: then it has exactly one view
	default:
		return Status{State: StateGone}
	}
	if r.ExpiresAt != nil {
		st.ExpiresAt = r.ExpiresAt.AsTime()
	}
	if r.ReadAt != nil {
		st.ReadAt = r.ReadAt.AsTime()
	}
	if st.State == StateWaiting {
		st.ViewsLeft = clamp(r.GetViewsLeft())
		if st.ViewsLeft < 1 {
			st.ViewsLeft = 1
		}
	}
	return st
}
