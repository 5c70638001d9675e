package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// Flag annotations that completion reads: the values a flag takes, or that
// it takes a file name. The commands set them beside the flags, so the
// completion cannot drift from the flags.
const (
	annValues = "sopflow-values"
	annFiles  = "sopflow-files"
)

// values marks flag name of fs as taking one of vals.
func values(fs *pflag.FlagSet, name string, vals ...string) {
	if err := fs.SetAnnotation(name, annValues, vals); err != nil {
		panic(err) // a flag name misspelt in this file: a bug
	}
}

// oneOf reads the value v of flag name of fs in lower case and checks it
// against the values the flag is marked with.
func oneOf(fs *pflag.FlagSet, name string, v *string) error {
	*v = strings.ToLower(*v)
	vals := fs.Lookup(name).Annotations[annValues]
	if slices.Contains(vals, *v) {
		return nil
	}
	want := strings.Join(vals[:len(vals)-1], ", ") + " or " + vals[len(vals)-1]
	return fmt.Errorf("--%s %q: want %s", name, *v, want)
}

// files marks flag name of fs as taking a file name.
func files(fs *pflag.FlagSet, name string) {
	if err := fs.SetAnnotation(name, annFiles, nil); err != nil {
		panic(err)
	}
}

// sopExts are the extensions of SOP files that completion offers.
var sopExts = []string{"toml", "json", "xlsx", "csv"}

// complete returns the completions of cur, the word under the cursor,
// after words, the words before it (the program name left out). Its first
// line may be a directive for the shell script instead: ":files" (any file)
// or ":files toml json" (files with those extensions, and directories).
func complete(words []string, cur string) []string {
	if len(words) == 0 {
		if strings.HasPrefix(cur, "-") {
			return match([]string{"--help", "--version"}, cur)
		}
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		return match(names, cur)
	}
	c := findCommand(words[0])
	if c == nil {
		return nil
	}
	fs := newFlagSet(c.name, new(bool))
	if c.flags != nil {
		fs = c.flags()
	}
	// The value of a flag: "--format s", "--format=s", and bash's split of
	// the latter into "--format", "=", "s".
	prev := words[len(words)-1]
	prefix := ""
	if name, val, ok := strings.Cut(cur, "="); ok && strings.HasPrefix(name, "--") {
		prev, prefix, cur = name, name+"=", val
	} else if prev == "=" && len(words) >= 2 {
		prev = words[len(words)-2]
	}
	if f := lookupFlag(fs, prev); f != nil && f.Value.Type() != "bool" {
		if _, ok := f.Annotations[annFiles]; ok {
			return []string{":files"}
		}
		var out []string
		for _, v := range match(f.Annotations[annValues], cur) {
			out = append(out, prefix+v)
		}
		return out
	}
	if strings.HasPrefix(cur, "-") {
		var names []string
		fs.VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, "--"+f.Name)
			}
		})
		return match(names, cur)
	}
	switch c.name {
	case "help":
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		return match(names, cur)
	case "version":
		return nil
	case "completion":
		return match(shells, cur)
	case "init":
		return []string{":files"}
	case "fmt":
		return []string{":files toml"}
	}
	return []string{":files " + strings.Join(sopExts, " ")}
}

// lookupFlag returns the flag that word names ("--format", "-f"), or nil.
func lookupFlag(fs *pflag.FlagSet, word string) *pflag.Flag {
	switch {
	case strings.HasPrefix(word, "--"):
		return fs.Lookup(word[2:])
	case len(word) == 2 && word[0] == '-':
		return fs.ShorthandLookup(word[1:])
	}
	return nil
}

// match returns the items of list that start with prefix, in order.
func match(list []string, prefix string) []string {
	var out []string
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}

// shells are the shells that completion writes a script for.
var shells = []string{"bash", "zsh", "fish"}

// The completion scripts ask `sopflow __complete WORDS... -- CUR` for the
// candidates, so that the logic lives (and is tested) here, once.
const bashScript = `# bash completion for sopflow; load with:  source <(sopflow completion bash)
_sopflow() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local IFS=$'\n'
    local out=($("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" -- "$cur" 2>/dev/null))
    COMPREPLY=()
    if [[ ${out[0]} == :files* ]]; then
        local exts=${out[0]#:files}
        exts=${exts# }
        compopt -o filenames 2>/dev/null
        if [[ -z $exts ]]; then
            COMPREPLY=($(compgen -f -- "$cur"))
        else
            COMPREPLY=($(compgen -d -- "$cur"))
            local e extl
            IFS=' ' read -ra extl <<< "$exts"
            for e in "${extl[@]}"; do
                COMPREPLY+=($(compgen -f -X "!*.$e" -- "$cur"))
            done
        fi
        return 0
    fi
    [[ ${#out[@]} -eq 1 && ${out[0]} == *= ]] && compopt -o nospace 2>/dev/null
    COMPREPLY=("${out[@]}")
}
complete -F _sopflow sopflow
`

const zshScript = `#compdef sopflow
# zsh completion for sopflow; load with:  source <(sopflow completion zsh)
# (after compinit), or save as _sopflow in a directory of $fpath.
_sopflow() {
    local -a out exts
    out=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT-1]}" -- "${words[CURRENT]}" 2>/dev/null)}")
    if [[ ${out[1]} == :files* ]]; then
        exts=(${=${out[1]#:files}})
        if (( ${#exts} )); then
            _files -g "*.(${(j:|:)exts})"
        else
            _files
        fi
        return
    fi
    (( ${#out} )) && [[ -n ${out[1]} ]] && compadd -Q -- "${out[@]}"
}
if (( $+functions[compdef] )); then
    compdef _sopflow sopflow
fi
`

const fishScript = `# fish completion for sopflow; load with:  sopflow completion fish | source
function __sopflow_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($tokens[1] __complete $tokens[2..-1] -- $cur 2>/dev/null)
    if string match -q -- ':files*' $out[1]
        set -l exts (string split -n ' ' -- (string replace -- ':files' '' $out[1]))
        for f in (__fish_complete_path $cur)
            set -l p (string split -f1 \t -- $f)
            if test (count $exts) -eq 0; or test -d $p; or string match -qr -- '\.('(string join '|' $exts)')$' $p
                echo $p
            end
        end
        return
    end
    printf '%s\n' $out
end
complete -c sopflow -f -a '(__sopflow_complete)'
`

func completionCommand() *command {
	c := &command{
		name:     "completion",
		summary:  "print the shell completion script for bash, zsh or fish",
		synopsis: "completion SHELL",
		about: `Completion prints a script that makes the shell complete sopflow's
commands, flags, flag values (formats, paper sizes, ...) and SOP files
(.toml, .json, .xlsx, .csv). Load it in the shell's start-up file:

  bash:  source <(sopflow completion bash)    in ~/.bashrc
  zsh:   source <(sopflow completion zsh)     in ~/.zshrc, after compinit
  fish:  sopflow completion fish | source     in ~/.config/fish/config.fish

The scripts ask sopflow itself for the candidates, so they follow the
installed version.`,
		examples: "  sopflow completion bash > /etc/bash_completion.d/sopflow\n",
	}
	c.flags = func() *pflag.FlagSet { return newFlagSet(c.name, new(bool)) }
	c.run = func(e *env, args []string) int {
		var help bool
		fs := newFlagSet(c.name, &help)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		if fs.NArg() != 1 {
			return e.usageError(c.name, "completion takes one SHELL: %s", strings.Join(shells, ", "))
		}
		script := map[string]string{"bash": bashScript, "zsh": zshScript, "fish": fishScript}[fs.Arg(0)]
		if script == "" {
			return e.usageError(c.name, "unknown shell %q (want %s)", fs.Arg(0), strings.Join(shells, ", "))
		}
		fmt.Fprint(e.stdout, script)
		return exitOK
	}
	return c
}

// runComplete is the hidden command the scripts call: __complete WORDS...
// -- CUR prints the candidates, one per line. The scripts always end with
// "--" and the word under the cursor, which may itself be "--".
func runComplete(e *env, args []string) int {
	if len(args) < 2 || args[len(args)-2] != "--" {
		args = append(slices.Clone(args), "--", "") // no word under the cursor
	}
	words, cur := args[:len(args)-2], args[len(args)-1]
	for _, s := range complete(words, cur) {
		fmt.Fprintln(e.stdout, s)
	}
	return exitOK
}
