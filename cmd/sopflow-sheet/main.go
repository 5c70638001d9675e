// Command sopflow-sheet reads and writes SOPs as XLSX workbooks for
// sopflow, which runs it for a .xlsx FILE and for init --xlsx. It links
// excelize, so that sopflow itself does not pay excelize's start-up.
//
//	sopflow-sheet read NAME OPTIONS   workbook on stdin; JSON result on stdout
//	sopflow-sheet write               procedure (JSON) on stdin; workbook on stdout
//
// See package internal/sheetwire.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/sheetwire"
	"github.com/sopflow/sopflow/sheet/xlsx"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sopflow-sheet:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	switch {
	case len(args) == 3 && args[0] == "read":
		var o flow.ParseOptions
		if err := json.Unmarshal([]byte(args[2]), &o); err != nil {
			return fmt.Errorf("options: %v", err)
		}
		data, err := io.ReadAll(stdin)
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(sheetwire.NewResult(xlsx.Read(args[1], data, o)))
	case len(args) == 1 && args[0] == "write":
		var p flow.Procedure
		if err := json.NewDecoder(stdin).Decode(&p); err != nil {
			return fmt.Errorf("procedure: %v", err)
		}
		data, err := xlsx.Write(&p)
		if err != nil {
			return err
		}
		_, err = stdout.Write(data)
		return err
	}
	return fmt.Errorf("usage: %s read NAME OPTIONS < book.xlsx, or %s write < procedure.json > book.xlsx", sheetwire.HelperName, sheetwire.HelperName)
}
