package requests

import (
	"crypto/ecdsa"
	"errors"
)

// Agreed is what a reply's key agreement gives: E for the link, Z, and K (envelope format 1's key).
type Agreed struct {
	EphemeralKey []byte
	SharedSecret []byte
	Key          []byte
}

// Forget zeroes Z and K once sealed or derived.
func (a *Agreed) Forget() {
	for _, b := range [][]byte{a.SharedSecret, a.Key} {
		for i := range b {
			b[i] = 0
		}
	}
}

// ForSender uses a fresh ephemeral key e with R (protos/README.md "Reply").
func ForSender(requesterKey []byte) (Agreed, error) {
	e, err := Generate()
	if err != nil {
		return Agreed{}, err
	}
	return ForSenderWith(e, requesterKey)
}

// ForSenderWith takes a given e: the test vectors' fixed keys. A real reply uses a fresh one every time.
func ForSenderWith(ephemeral *ecdsa.PrivateKey, requesterKey []byte) (Agreed, error) {
	requester, ok := ImportPublic(requesterKey)
	if !ok {
		return Agreed{}, errors.New("The requester's key is not a P-256 point.")
	}
	e := PublicPoint(&ephemeral.PublicKey)
	z := Agree(ephemeral, requester)
	return Agreed{EphemeralKey: e, SharedSecret: z, Key: ReplyKey(z, e, requesterKey)}, nil
}

// ForRequester computes the same K from d and E.
func ForRequester(requester *ecdsa.PrivateKey, ephemeralKey []byte) (Agreed, error) {
	ephemeral, ok := ImportPublic(ephemeralKey)
	if !ok {
		return Agreed{}, errors.New("The ephemeral key is not a P-256 point.")
	}
	z := Agree(requester, ephemeral)
	e := append([]byte(nil), ephemeralKey...)
	return Agreed{EphemeralKey: e, SharedSecret: z, Key: ReplyKey(z, e, PublicPoint(&requester.PublicKey))}, nil
}
