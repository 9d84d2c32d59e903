package transport

import (
	"fmt"

	"google.golang.org/protobuf/proto"
)

// codec marshals messages with google.golang.org/protobuf (API v2) directly. grpc-go 1.33's own proto codec goes
// through github.com/golang/protobuf, which must be 1.4 or later to handle protoc-gen-go 1.28's messages; Debian 12
// ships 1.3.5 in /usr/share/gocode (golang-github-golang-protobuf-1-3-dev), whose codec panics on them ("protobuf
// tag not enough fields"). Forcing this codec on every call works with either, offline and through the proxy.
type codec struct{}

func (codec) Marshal(v interface{}) ([]byte, error) {
	m, ok := v.(proto.Message)
	if !ok {
		return nil, fmt.Errorf("codec: %T is not a protobuf message", v)
	}
	return proto.Marshal(m)
}

func (codec) Unmarshal(data []byte, v interface{}) error {
	m, ok := v.(proto.Message)
	if !ok {
		return fmt.Errorf("codec: %T is not a protobuf message", v)
	}
	return proto.Unmarshal(data, m)
}

// Name is the content subtype: application/grpc+proto, as the default codec.
func (codec) Name() string { return "proto" }

// String names the codec for grpc.CustomCodec (the server option the tests' fake services use).
func (codec) String() string { return "proto" }

// Codec is the codec this package forces on every call, for in-process test servers.
func Codec() interface {
	Marshal(interface{}) ([]byte, error)
	Unmarshal([]byte, interface{}) error
	Name() string
	String() string
} {
	return codec{}
}
