module github.com/onetime-project/onetime/clients/go

go 1.19

// The versions Debian 12 packages (golang-google-grpc-dev 1.33.3, golang-google-protobuf-dev 1.28.1,
// golang-golang-x-*-dev): the same code builds offline against /usr/share/gocode (offline.sh) and online
// through the module proxy.
require (
	golang.org/x/crypto v0.4.0
	golang.org/x/net v0.7.0
	golang.org/x/term v0.3.0
	golang.org/x/text v0.7.0
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
