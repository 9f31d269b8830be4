package scenarios

import "fmt"

// Bounds on the shape of a TOML input, checked on the text before any
// decoding, so that a small hostile file cannot make the TOML library use
// gigabytes (inline tables nested 5,000 deep, 200,000-segment keys).
const (
	MaxTOMLDepth   = 32  // nested arrays and inline tables
	MaxKeySegments = 16  // dotted segments of one key or table header
	MaxKeyLength   = 256 // bytes of one key or table header
)

// CheckShape scans TOML text for nesting deeper than MaxTOMLDepth and keys
// or table headers longer than MaxKeySegments segments or MaxKeyLength
// bytes. It returns the 1-based line and a message for the first problem,
// or 0 and "".
func CheckShape(src []byte) (int, string) {
	sc := shapeScanner{src: src, line: 1, keyPos: true}
	return sc.run()
}

type shapeScanner struct {
	src    []byte
	i      int
	line   int
	stack  []byte // open '[' and '{' of values
	keyPos bool   // a key may start here
}

func (s *shapeScanner) run() (int, string) {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			s.line++
			s.i++
			if len(s.stack) == 0 {
				s.keyPos = true
			}
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		case s.keyPos && c == '[' && len(s.stack) == 0:
			if msg := s.key(']'); msg != "" {
				return s.line, msg
			}
			s.keyPos = false
		case s.keyPos && c != '}':
			if msg := s.key('='); msg != "" {
				return s.line, msg
			}
			s.keyPos = false
		case c == '"' || c == '\'':
			s.skipString()
		case c == '[' || c == '{':
			if s.stack = append(s.stack, c); len(s.stack) > MaxTOMLDepth {
				return s.line, fmt.Sprintf("arrays and inline tables nested deeper than %d levels (allowed up to %d)", MaxTOMLDepth, MaxTOMLDepth)
			}
			s.i++
			s.keyPos = c == '{'
		case c == ']' || c == '}':
			if len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
			s.i++
		case c == ',':
			s.i++
			s.keyPos = len(s.stack) > 0 && s.stack[len(s.stack)-1] == '{'
		default:
			s.i++
		}
	}
	return 0, ""
}

// key scans a key up to end ('=' for a key, ']' for a table header),
// counting its segments and bytes; quoted segments may hold anything.
func (s *shapeScanner) key(end byte) string {
	start, segs := s.i, 1
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '"' || c == '\'':
			s.skipString()
			continue
		case c == '.':
			segs++
		case c == '\n' || c == end && (end != ']' || s.i > start && s.src[s.i-1] != '['):
			if c == end {
				s.i++
			}
			return s.keyProblem(segs, s.i-start)
		}
		if segs > MaxKeySegments || s.i-start > MaxKeyLength {
			return s.keyProblem(segs, s.i-start)
		}
		s.i++
	}
	return s.keyProblem(segs, s.i-start)
}

func (s *shapeScanner) keyProblem(segs, n int) string {
	switch {
	case segs > MaxKeySegments:
		return fmt.Sprintf("a key or table header of more than %d dotted parts (allowed up to %d)", MaxKeySegments, MaxKeySegments)
	case n > MaxKeyLength:
		return fmt.Sprintf("a key or table header longer than %d bytes (allowed up to %d)", MaxKeyLength, MaxKeyLength)
	}
	return ""
}

// skipString skips a basic or literal string, single- or multi-line.
func (s *shapeScanner) skipString() {
	q := s.src[s.i]
	multi := s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q
	if multi {
		s.i += 3
	} else {
		s.i++
	}
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\\' && q == '"':
			if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
				s.line++
			}
			s.i += 2
			continue
		case c == '\n':
			s.line++
			if !multi {
				s.i++
				return // an unterminated string: the decoder reports it
			}
		case c == q && (!multi || s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q):
			if multi {
				s.i += 3
				for s.i < len(s.src) && s.src[s.i] == q { // up to two quotes more end the content
					s.i++
				}
			} else {
				s.i++
			}
			return
		}
		s.i++
	}
}
