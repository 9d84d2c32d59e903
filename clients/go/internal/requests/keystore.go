package requests

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/onetime-project/onetime/clients/go/internal/links"
)

// Store holds the requester's pending keys, one file each: {dir}/{key_id}.json, the folder 0700 and each file
// 0600, created exclusively (protos/README.md "Keeping the private key"). A file anyone else may read or write is
// refused rather than used: whoever can read it can open the replies. Keys older than 30 days are deleted
// whenever the store is touched.
type Store struct {
	Dir string
	Now func() time.Time
}

const extension = ".json"

// ErrOpenToOthers is wrapped by the error about a key file that others may read.
var ErrOpenToOthers = errors.New("key file open to other users")

// ErrNoDirectory: neither XDG_CONFIG_HOME nor HOME says where keys go.
var ErrNoDirectory = errors.New("No place to keep the request's key: neither XDG_CONFIG_HOME nor HOME is set.")

// DefaultDir is $XDG_CONFIG_HOME/onetime/requests, else ~/.config/onetime/requests, as the C# client uses (.NET's
// ApplicationData on Unix follows the XDG Base Directory spec).
func DefaultDir() (string, error) {
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "onetime", "requests"), nil
	}
	if h := os.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "onetime", "requests"), nil
	}
	return "", ErrNoDirectory
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Path of a key id's file.
func (s *Store) Path(keyID string) string { return filepath.Join(s.Dir, keyID+extension) }

// Save writes a new key file exclusively with mode 0600, in a folder made 0700.
func (s *Store) Save(k Kept) error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	s.Prune()
	f, err := os.OpenFile(s.Path(k.KeyID), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(WriteKeyFile(k)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Find returns the key for a reply link's key_id; false when none is kept here (made elsewhere, forgotten, expired).
func (s *Store) Find(keyID string) (Kept, bool, error) {
	if !isKeyID(keyID) {
		return Kept{}, false, nil
	}
	s.Prune()
	path := s.Path(keyID)
	info, err := os.Stat(path)
	if err != nil {
		return Kept{}, false, nil
	}
	if info.Mode().Perm()&0o077 != 0 {
		return Kept{}, false, &OpenToOthersError{Path: path}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Kept{}, false, err
	}
	k, ok := ReadKeyFile(data)
	if !ok || k.KeyID != keyID {
		return Kept{}, false, nil
	}
	return k, true, nil
}

// OpenToOthersError names the key file that others may read.
type OpenToOthersError struct{ Path string }

func (e *OpenToOthersError) Error() string {
	return "The request's key file " + e.Path + " is open to other users, so it is not used; make it private (chmod 600) or forget the request."
}

// Unwrap lets errors.Is find ErrOpenToOthers.
func (e *OpenToOthersError) Unwrap() error { return ErrOpenToOthers }

// List returns the usable keys, oldest first.
func (s *Store) List() []Kept {
	s.Prune()
	var kept []Kept
	for _, path := range s.files() {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if k, ok := ReadKeyFile(data); ok {
			kept = append(kept, k)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].CreatedAt.Before(kept[j].CreatedAt) })
	return kept
}

// Forget deletes a key file; false when there is none of that id.
func (s *Store) Forget(keyID string) (bool, error) {
	if !isKeyID(keyID) {
		return false, nil
	}
	err := os.Remove(s.Path(keyID))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Prune deletes the keys made more than 30 days ago: no reply to them can still be on the server.
func (s *Store) Prune() {
	oldest := s.now().Add(-KeyLifetime)
	for _, path := range s.files() {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // another process pruned it first, or it is not ours to read
		}
		if k, ok := ReadKeyFile(data); ok && k.CreatedAt.Before(oldest) {
			_ = os.Remove(path)
		}
	}
}

func (s *Store) files() []string {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil
	}
	var paths []string
	for _, e := range entries {
		name := e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(name, extension) && isKeyID(strings.TrimSuffix(name, extension)) {
			paths = append(paths, filepath.Join(s.Dir, name))
		}
	}
	return paths
}

// Key ids come from links: only the 12 base64url characters the format allows ever reach a path.
func isKeyID(keyID string) bool { return len(keyID) == KeyIDLength && links.IsAlphabet(keyID) }
