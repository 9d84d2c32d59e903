package envelope

import "encoding/binary"

// Padding: padded = uint32 big-endian len(M) || M || zero bytes up to the bucket (protos/README.md "Plaintext and
// padding"), so the ciphertext's length reveals only the bucket.
const (
	LengthPrefixSize = 4
	MinimumBucket    = 256
	LargeBucketStep  = 64 * 1024
)

// BucketSize is the smallest power of two >= n and >= 256 while n <= 65536, then n rounded up to 64 KiB, so
// large files do not double in size (a 600 KB file must still fit the server's 1 MiB limit).
func BucketSize(payloadLength int) int {
	needed := payloadLength + LengthPrefixSize
	if needed <= LargeBucketStep {
		b := MinimumBucket
		for b < needed {
			b <<= 1
		}
		return b
	}
	return (needed + LargeBucketStep - 1) / LargeBucketStep * LargeBucketStep
}

// Pad writes the length prefix, M and the zero bytes.
func Pad(payload []byte) []byte {
	padded := make([]byte, BucketSize(len(payload)))
	binary.BigEndian.PutUint32(padded, uint32(len(payload)))
	copy(padded[LengthPrefixSize:], payload)
	return padded
}

// Unpad returns M, or false when the prefix exceeds the bucket or a padding byte is not zero: the tag vouches for
// these bytes, so either means a client that does not follow the spec.
func Unpad(padded []byte) ([]byte, bool) {
	if len(padded) < LengthPrefixSize {
		return nil, false
	}
	n := binary.BigEndian.Uint32(padded)
	if uint64(n) > uint64(len(padded)-LengthPrefixSize) {
		return nil, false
	}
	for _, b := range padded[LengthPrefixSize+int(n):] {
		if b != 0 {
			return nil, false
		}
	}
	return padded[LengthPrefixSize : LengthPrefixSize+int(n)], true
}
