package flow

import "testing"

func TestScanPositions(t *testing.T) {
	src := `# comment with name = "x"
name = "a \" b" # trailing
"quoted.key" = 1
a.b . c = 2
multi = """
x = 1
\"""
[[steps]]"""
lit = '''
y = 2'''
arr = [ # open
  1,
  [2, 3], # nested
  { k = "v", "q\u0041" = 'w' },
]

[[steps]]
actor = ["A",
         "B"]

[identity.approver]
title = "T"

[[steps]]
	note = 1
`
	x := scanPositions([]byte(src))
	tests := []struct {
		path []string
		key  Pos // zero: not checked
		val  Pos
	}{
		{[]string{"name"}, Pos{Line: 2, Col: 1}, Pos{Line: 2, Col: 8}},
		{[]string{"quoted.key"}, Pos{Line: 3, Col: 1}, Pos{Line: 3, Col: 16}},
		{[]string{"a"}, Pos{Line: 4, Col: 1}, Pos{}},
		{[]string{"a", "b", "c"}, Pos{Line: 4, Col: 1}, Pos{Line: 4, Col: 11}},
		{[]string{"multi"}, Pos{Line: 5, Col: 1}, Pos{Line: 5, Col: 9}},
		{[]string{"lit"}, Pos{Line: 9, Col: 1}, Pos{Line: 9, Col: 7}},
		{[]string{"arr", "0"}, Pos{}, Pos{Line: 12, Col: 3}},
		{[]string{"arr", "1", "1"}, Pos{}, Pos{Line: 13, Col: 7}},
		{[]string{"arr", "2", "k"}, Pos{Line: 14, Col: 5}, Pos{Line: 14, Col: 9}},
		{[]string{"arr", "2", "qA"}, Pos{Line: 14, Col: 14}, Pos{Line: 14, Col: 26}},
		{[]string{"steps"}, Pos{Line: 17, Col: 1}, Pos{}},
		{[]string{"steps", "0"}, Pos{Line: 17, Col: 1}, Pos{}},
		{[]string{"steps", "0", "actor", "1"}, Pos{}, Pos{Line: 19, Col: 10}},
		{[]string{"identity", "approver", "title"}, Pos{Line: 22, Col: 1}, Pos{Line: 22, Col: 9}},
		{[]string{"steps", "1"}, Pos{Line: 24, Col: 1}, Pos{}},
		{[]string{"steps", "1", "note"}, Pos{Line: 25, Col: 2}, Pos{Line: 25, Col: 9}},
	}
	for _, tt := range tests {
		got := x.lookup(tt.path...)
		if tt.key != (Pos{}) && got.Key != tt.key || tt.val != (Pos{}) && got.Val != tt.val {
			t.Errorf("%q: key %v, value %v; want %v, %v", tt.path, got.Key, got.Val, tt.key, tt.val)
		}
	}
	// Keys inside the strings are not keys.
	for _, path := range [][]string{{"x"}, {"y"}, {"steps", "2"}} {
		if got := x.lookup(path...); got != (keyPos{}) {
			t.Errorf("%q: found at %v, want nothing", path, got)
		}
	}
}

// TestScanBadInput checks that the scanner stops on input that is not TOML.
func TestScanBadInput(t *testing.T) {
	for _, src := range []string{
		"", "[", "[[", "a", "a =", "a = [", "a = {", `a = "`, `a = """`, "a = '''",
		`"a`, "a.\n", "= 1", "[a.]\n[[b", `a = "\u12`, "a = [1,,]", "\xef\xbb\xbf",
	} {
		scanPositions([]byte(src))
	}
}
