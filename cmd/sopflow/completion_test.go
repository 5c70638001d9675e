package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	for _, c := range []struct {
		words []string
		cur   string
		want  string
	}{
		{nil, "", "render book check lint init convert fmt serve completion version help"},
		{nil, "c", "check convert completion"},
		{nil, "f", "fmt"},
		{nil, "--v", "--version"},
		{[]string{"render"}, "--f", "--format"},
		{[]string{"render"}, "-", ""}, // checked below: every flag
		{[]string{"render", "--format"}, "", "svg json png pdf bpmn dot"},
		{[]string{"render", "-f"}, "p", "png pdf"},
		{[]string{"render"}, "--format=p", "--format=png --format=pdf"},
		{[]string{"render", "--format", "="}, "p", "png pdf"},
		{[]string{"render", "--paper"}, "", "a4 a3 f4 letter legal"},
		{[]string{"render", "--orientation"}, "p", "portrait"},
		{[]string{"render", "--profile"}, "", "permenpan35 permendagri52"},
		{[]string{"render", "--view"}, "", "table bpmn"},
		{[]string{"render", "--lang"}, "", "id en"},
		{[]string{"render", "--limit"}, "s", "steps="},
		{[]string{"render", "-o"}, "", ":files"},
		{[]string{"render", "--tall"}, "", ":files toml json xlsx csv"}, // a bool flag takes no value
		{[]string{"render", "--margin"}, "", ""},                        // a number: nothing to offer
		{[]string{"render"}, "", ":files toml json xlsx csv"},
		{[]string{"check", "--format"}, "", "text json"},
		{[]string{"lint", "--format"}, "", "text json sarif"},
		{[]string{"lint"}, "sop", ":files toml json xlsx csv"},
		{[]string{"init"}, "", ":files"},
		{[]string{"fmt", "-w"}, "", ":files toml"},
		{[]string{"help"}, "re", "render"},
		{[]string{"completion"}, "", "bash zsh fish"},
		{[]string{"convert", "--to"}, "", "toml json xlsx"},
		{[]string{"serve", "--log-format"}, "", "text json"},
		{[]string{"serve", "--ranker"}, "", ":files"},
		{[]string{"serve"}, "--ma", "--max-body --max-steps"},
		{[]string{"serve"}, "", ":files toml json xlsx csv"}, // a folder, or an SOP file in one
		{[]string{"version"}, "", ""},
		{[]string{"nonsense"}, "", ""},
	} {
		got := strings.Join(complete(c.words, c.cur), " ")
		if c.words != nil && c.cur == "-" {
			for _, f := range []string{"--output", "--format", "--paper", "--limit", "--help", "--quiet"} {
				if !strings.Contains(" "+got+" ", " "+f+" ") {
					t.Errorf("render -<TAB>: %q lacks %s", got, f)
				}
			}
			continue
		}
		if got != c.want {
			t.Errorf("complete(%q, %q) = %q, want %q", c.words, c.cur, got, c.want)
		}
	}
	r := sopflow(t, "", "__complete", "render", "--format", "--", "s")
	if r.code != 0 || r.stdout != "svg\n" {
		t.Errorf("__complete:\n%v", r)
	}
	if r := sopflow(t, "", "completion", "tcsh"); r.code != 2 || !strings.Contains(r.stderr, `unknown shell "tcsh"`) {
		t.Errorf("completion tcsh:\n%v", r)
	}
}

// buildSopflow builds the command into a new directory and returns it.
func buildSopflow(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "sopflow"), ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// shell returns the path of a shell, or skips the test when it is missing
// (CI installs them and sets SOPFLOW_REQUIRE_SHELLS=1).
func shell(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("SOPFLOW_REQUIRE_SHELLS") != "" {
			t.Fatalf("%s is required: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// TestCompletionScripts loads each script in its shell and completes a
// few command lines through it, with the real binary.
func TestCompletionScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sopflow")
	}
	bin := buildSopflow(t)
	work := t.TempDir()
	for _, f := range []string{"a.toml", "b.json", "c.txt", "sub/d.toml"} {
		if err := os.MkdirAll(filepath.Join(work, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "HOME="+work)
	run := func(t *testing.T, sh string, args ...string) string {
		t.Helper()
		cmd := exec.Command(sh, args...)
		cmd.Dir, cmd.Env = work, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", sh, err, out)
		}
		return string(out)
	}

	t.Run("bash", func(t *testing.T) {
		sh := shell(t, "bash")
		// Each line: the words of the command line, the cursor on the last.
		script := `source <(sopflow completion bash)
try() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _sopflow; echo "$(printf '%s ' "${COMPREPLY[@]}" | xargs -n1 | sort | xargs)"; }
try sopflow re
try sopflow render --format p
try sopflow render --paper ""
try sopflow lint --format s
try sopflow render ""
try sopflow check sub/
try sopflow init ""
complete -p sopflow
`
		got := strings.Split(strings.TrimSpace(run(t, sh, "--norc", "--noprofile", "-c", script)), "\n")
		want := []string{"render", "pdf png", "a3 a4 f4 legal letter", "sarif", "a.toml b.json sub", "sub/d.toml", "a.toml b.json c.txt sub", "complete -F _sopflow sopflow"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("bash:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("zsh", func(t *testing.T) {
		sh := shell(t, "zsh")
		out := run(t, sh, "-f", "-c", `autoload -Uz compinit && compinit -u -d $HOME/.zcompdump && source <(sopflow completion zsh) && print -r -- ${_comps[sopflow]} && (( $+functions[_sopflow] )) && print loaded`)
		if out != "_sopflow\nloaded\n" {
			t.Errorf("zsh: %q", out)
		}
		// The script's syntax, and that it is quiet without compinit.
		if out := run(t, sh, "-f", "-c", `source <(sopflow completion zsh) && print ok`); out != "ok\n" {
			t.Errorf("zsh without compinit: %q", out)
		}
	})

	t.Run("fish", func(t *testing.T) {
		sh := shell(t, "fish")
		out := run(t, sh, "--no-config", "-c", `sopflow completion fish | source; complete -C 'sopflow lint --format s'; complete -C 'sopflow che'; complete -C 'sopflow check '`)
		want := "sarif\ncheck\na.toml\nb.json\nsub/\n"
		if out != want {
			t.Errorf("fish:\n%s\nwant:\n%s", out, want)
		}
	})
}
