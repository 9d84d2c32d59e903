package gen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// The checked-in stubs are exactly what generate.sh makes from protos/onetime/v1 (protoc, protoc-gen-go,
// protoc-gen-go-grpc): regenerated into a temporary folder and compared file by file.
func TestStubsAreFresh(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	here := filepath.Dir(file)
	out := t.TempDir()
	cmd := exec.Command("sh", filepath.Join(here, "generate.sh"), out)
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate.sh failed (needs protobuf-compiler, protoc-gen-go, protoc-gen-go-grpc): %v\n%s", err, output)
	}
	fresh, _ := filepath.Glob(filepath.Join(out, "onetime", "v1", "*.go"))
	kept, _ := filepath.Glob(filepath.Join(here, "onetime", "v1", "*.go"))
	if len(fresh) == 0 || len(fresh) != len(kept) {
		t.Fatalf("generated %d files, %d checked in", len(fresh), len(kept))
	}
	for _, f := range fresh {
		want, _ := os.ReadFile(f)
		got, err := os.ReadFile(filepath.Join(here, "onetime", "v1", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh generation: run clients/go/gen/generate.sh", filepath.Base(f))
		}
	}
}
