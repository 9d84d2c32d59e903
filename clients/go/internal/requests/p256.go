package requests

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"math/big"
)

// P-256 keys as the request formats carry them: public points uncompressed (SEC 1 2.3.3, 0x04 || X || Y, what
// WebCrypto's "raw" export writes), private keys as PKCS#8 on disk. Go 1.19 has no crypto/ecdh (it arrived in
// 1.20), so ECDH is the scalar multiplication of crypto/elliptic's constant-time P-256, on ecdsa keys.
const (
	PointSize      = 65
	CoordinateSize = 32
)

var curve = elliptic.P256()

// Generate makes a fresh key pair from the system's CSPRNG.
func Generate() (*ecdsa.PrivateKey, error) { return ecdsa.GenerateKey(curve, rand.Reader) }

// FromScalar makes a key from its 32-byte big-endian scalar (the test vectors' fixed keys).
func FromScalar(d []byte) (*ecdsa.PrivateKey, error) {
	k := new(big.Int).SetBytes(d)
	if len(d) != CoordinateSize || k.Sign() == 0 || k.Cmp(curve.Params().N) >= 0 {
		return nil, errors.New("not a P-256 private key")
	}
	priv := &ecdsa.PrivateKey{D: k}
	priv.PublicKey.Curve = curve
	priv.PublicKey.X, priv.PublicKey.Y = curve.ScalarBaseMult(d)
	return priv, nil
}

// PublicPoint is the uncompressed point, 65 bytes.
func PublicPoint(pub *ecdsa.PublicKey) []byte {
	return elliptic.Marshal(curve, pub.X, pub.Y)
}

// ImportPublic accepts 65 bytes, uncompressed and on the curve; elliptic.Unmarshal checks the range and the curve
// equation, which is what stops invalid-curve attacks on the requester's key.
func ImportPublic(point []byte) (*ecdsa.PublicKey, bool) {
	if len(point) != PointSize || point[0] != 4 {
		return nil, false
	}
	x, y := elliptic.Unmarshal(curve, point)
	if x == nil {
		return nil, false
	}
	return &ecdsa.PublicKey{Curve: curve, X: x, Y: y}, true
}

// Agree is Z: the 32-byte x-coordinate of d·Q (WebCrypto deriveBits(..., 256), .NET DeriveRawSecretAgreement).
func Agree(own *ecdsa.PrivateKey, other *ecdsa.PublicKey) []byte {
	x, _ := curve.ScalarMult(other.X, other.Y, own.D.FillBytes(make([]byte, CoordinateSize)))
	return x.FillBytes(make([]byte, CoordinateSize))
}
