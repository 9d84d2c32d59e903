#!/bin/sh
# Generates the Go stubs of protos/onetime/v1 with protoc, protoc-gen-go and protoc-gen-go-grpc (Debian:
# protobuf-compiler, protoc-gen-go, protoc-gen-go-grpc). Never edit the output; run this instead:
#   clients/go/gen/generate.sh            # writes clients/go/gen/onetime/v1
#   clients/go/gen/generate.sh OUT_DIR    # writes OUT_DIR/onetime/v1 (the freshness test compares the two)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
protos=$(cd "$here/../../../protos" && pwd)
out=${1:-$here}
pkg=github.com/onetime-project/onetime/clients/go/gen/onetime/v1
mkdir -p "$out"
# The .proto files carry no go_package option (they are shared by every language), so the M flags name it.
map="Monetime/v1/payload.proto=$pkg;onetimev1,Monetime/v1/secrets.proto=$pkg;onetimev1"
cd "$protos"
protoc -I . \
  --go_out="$out" --go_opt=paths=source_relative,"$map" \
  --go-grpc_out="$out" --go-grpc_opt=paths=source_relative,"$map" \
  onetime/v1/payload.proto onetime/v1/secrets.proto
