package main

import (
	"strconv"
	"strings"
)

// parsed holds one command's arguments. The grammar follows System.CommandLine as the C# CLI uses it: options
// before or after the argument, "--name value" or "--name=value", and its parse errors' wording.
type parsed struct {
	values     map[string]string
	flags      map[string]bool
	positional []string
}

type spec struct {
	values     []string // options that take a value
	flags      []string // options that take none
	aliases    map[string]string
	positional int // how many arguments at most
	// check, when set, vets the parsed values before anything is asked for or sent (read's --note).
	check func(*parsed) error
}

type parseError struct{ message string }

func (e *parseError) Error() string { return e.message + " (see 'onetime --help')" }

func parseArgs(args []string, s spec) (*parsed, error) {
	p := &parsed{values: map[string]string{}, flags: map[string]bool{}}
	isIn := func(name string, list []string) bool {
		for _, n := range list {
			if n == name {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "--") && len(a) > 2 {
			name, value, hasValue := a, "", false
			if j := strings.IndexAny(a, "=:"); j > 0 {
				name, value, hasValue = a[:j], a[j+1:], true
			}
			if alias, ok := s.aliases[name]; ok {
				name = alias
			}
			switch {
			case isIn(name, s.flags):
				if hasValue {
					b, err := strconv.ParseBool(value)
					if err != nil {
						return nil, &parseError{"Cannot parse argument '" + value + "' for option '" + name + "' as expected type 'bool'."}
					}
					p.flags[name] = b
				} else {
					p.flags[name] = true
				}
			case isIn(name, s.values):
				if !hasValue {
					if i+1 >= len(args) || (strings.HasPrefix(args[i+1], "--") && len(args[i+1]) > 2) {
						return nil, &parseError{"Required argument missing for option: '" + name + "'."}
					}
					i++
					value = args[i]
				}
				p.values[name] = value
			default:
				return nil, &parseError{"Unrecognized command or argument '" + a + "'."}
			}
			continue
		}
		if len(p.positional) >= s.positional {
			return nil, &parseError{"Unrecognized command or argument '" + a + "'."}
		}
		p.positional = append(p.positional, a)
	}
	return p, nil
}

func (p *parsed) value(name string) (string, bool) {
	v, ok := p.values[name]
	return v, ok
}

func (p *parsed) intValue(name string) (int, bool, error) {
	v, ok := p.values[name]
	if !ok {
		return 0, false, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, true, &parseError{"Cannot parse argument '" + v + "' for option '" + name + "' as expected type 'int'."}
	}
	return n, true, nil
}
