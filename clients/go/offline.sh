#!/bin/bash
# Runs the go command on this module offline, against Debian's Go libraries in /usr/share/gocode.
# Debian packages: golang-go (1.19), golang-google-grpc-dev, golang-google-protobuf-dev,
# golang-golang-x-crypto-dev, golang-golang-x-net-dev, golang-golang-x-text-dev, golang-golang-x-term-dev
# (golang-golang-x-sys-dev comes with them); for the stub check also protobuf-compiler, protoc-gen-go and
# protoc-gen-go-grpc.
#
# Without a module proxy, go.mod's requirements cannot be resolved, so this uses GOPATH mode: a temporary GOPATH
# whose src/github.com/onetime-project/onetime is a link to this repository, with /usr/share/gocode after it.
# Nothing is written into the repository; each run has its own GOPATH, removed at exit, so two runs side by side
# do not meet (the shared build cache is safe for concurrent use).
#
#   clients/go/offline.sh test ./...
#   clients/go/offline.sh test -json ./...
#   clients/go/offline.sh build -o DIR/onetime ./cmd/onetime      (DIR relative to where you are)
#   clients/go/offline.sh run ./cmd/onetime-flow http://127.0.0.1:5080 http://127.0.0.1:5081
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
gocode=${ONETIME_GOCODE:-/usr/share/gocode}
if [ ! -d "$gocode/src/google.golang.org/grpc" ]; then
  echo "offline.sh: $gocode/src has no google.golang.org/grpc: apt install golang-google-grpc-dev (see the header)" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  echo "usage: offline.sh GO_SUBCOMMAND [ARGS...]  (e.g. offline.sh test ./...)" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/onetime-go.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/github.com/onetime-project"
ln -s "$repo" "$tmp/src/github.com/onetime-project/onetime"

# -o PATH stays relative to the caller's directory.
caller=$(pwd)
args=()
out_next=0
for a in "$@"; do
  if [ $out_next = 1 ] && [ "${a#/}" = "$a" ]; then a="$caller/$a"; fi
  out_next=0
  [ "$a" = "-o" ] && out_next=1
  args+=("$a")
done

module="$tmp/src/github.com/onetime-project/onetime/clients/go"
cd "$module"
export PWD="$module"
GO111MODULE=off GOPATH="$tmp:$gocode" GOFLAGS="" go "${args[@]}"
