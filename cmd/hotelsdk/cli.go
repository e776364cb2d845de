package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/sandboxserver"
)

// Exit codes of every command.
const (
	exitOK    = 0 // success, good verdict
	exitFail  = 1 // failure, or a verdict that is not good
	exitUsage = 2 // usage error or unusable input; nothing was sent
)

// app is one invocation of the command: its streams, environment and clock,
// all replaceable in tests.
type app struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time

	// stdinUsed is set once a secret or a body was read from stdin, so
	// that a second reader gets a clear usage error.
	stdinUsed string

	// sandboxReady, when set, receives the running sandboxes (tests).
	sandboxReady func(sandboxserver.Info)
}

const topUsage = `hotelsdk: the command-line companion of hotelsdk-go.

Usage:
  hotelsdk sandbox [flags]             run the Douyin, hotel-supply and invoice sandboxes
  hotelsdk sandbox env [flags]         print the environment that points clients at them
  hotelsdk douyin spi call OP [flags]  call an SPI server as Douyin does (OP: commit, status, cancel)
  hotelsdk douyin sign [flags]         sign one SPI request (x-life-sign)
  hotelsdk douyin verify [flags]       check a received SPI request's signature
  hotelsdk douyin token [flags]        fetch a client token and show its expiry
  hotelsdk invoice sign [flags]        sign the invoice API's authentication parameters
  hotelsdk version                     print the SDK version

Run "hotelsdk COMMAND -h" for a command's flags.

Exit codes: 0 success; 1 failure or a verdict that is not good; 2 usage error
or unusable input (nothing was sent).

Secrets are read from a flag, an environment variable or standard input
("-" as the flag's value) and are never printed:
  HOTELSDK_DOUYIN_CLIENT_KEY, HOTELSDK_DOUYIN_CLIENT_SECRET, HOTELSDK_DOUYIN_BASE_URL,
  HOTELSDK_INVOICE_APP_ID, HOTELSDK_INVOICE_APP_SECRET, HOTELSDK_INVOICE_ACCESS_SECRET
`

// main dispatches args to a command and returns the exit code.
func (a *app) main(args []string) int {
	if a.ctx == nil {
		a.ctx = context.Background()
	}
	if len(args) == 0 {
		fmt.Fprint(a.stderr, topUsage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(a.stdout, topUsage)
		return exitOK
	case "help":
		if len(args) == 1 {
			fmt.Fprint(a.stdout, topUsage)
			return exitOK
		}
		return a.main(append(append([]string(nil), args[1:]...), "-h"))
	case "sandbox":
		if len(args) > 1 && args[1] == "env" {
			return a.sandboxEnv(args[2:])
		}
		return a.sandbox(args[1:])
	case "douyin":
		return a.douyin(args[1:])
	case "invoice":
		return a.invoice(args[1:])
	case "version":
		return a.version(args[1:])
	}
	return a.usageError("", "unknown command %q (run hotelsdk -h)", args[0])
}

func (a *app) douyin(args []string) int {
	const usage = `Usage: hotelsdk douyin COMMAND [flags]

  spi call OP   call an SPI server as Douyin does (OP: commit, status, cancel)
  sign          sign one SPI request (x-life-sign)
  verify        check a received SPI request's signature
  token         fetch a client token and show its expiry
`
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(a.stdout, usage)
		return exitOK
	case "sign":
		return a.douyinSign(args[1:])
	case "verify":
		return a.douyinVerify(args[1:])
	case "token":
		return a.douyinToken(args[1:])
	case "spi":
		if len(args) > 1 && args[1] == "call" {
			return a.spiCall(args[2:])
		}
		if len(args) > 1 && (args[1] == "-h" || args[1] == "-help" || args[1] == "--help") {
			fmt.Fprint(a.stdout, usage)
			return exitOK
		}
		return a.usageError("douyin spi", "want \"douyin spi call commit|status|cancel\"")
	}
	return a.usageError("douyin", "unknown command %q (run hotelsdk douyin -h)", args[0])
}

func (a *app) invoice(args []string) int {
	const usage = `Usage: hotelsdk invoice COMMAND [flags]

  sign   sign the invoice API's authentication parameters, or check a body's sign
`
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(a.stdout, usage)
		return exitOK
	case "sign":
		return a.invoiceSign(args[1:])
	}
	return a.usageError("invoice", "unknown command %q (run hotelsdk invoice -h)", args[0])
}

func (a *app) version(args []string) int {
	fs, jsonOut := a.newFlags("version")
	if code, done := a.parse(fs, args, "version [-json]", "Print the version of hotelsdk-go this command was built from."); done {
		return code
	}
	if *jsonOut {
		return a.writeJSON(map[string]string{"version": sdkVersion})
	}
	fmt.Fprintln(a.stdout, "hotelsdk-go", sdkVersion)
	return exitOK
}

// newFlags returns a flag set for command name with the common -json flag.
func (a *app) newFlags(name string) (*flag.FlagSet, *bool) {
	fs := flag.NewFlagSet("hotelsdk "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	jsonOut := fs.Bool("json", false, "write machine-readable JSON to standard output")
	return fs, jsonOut
}

// parse parses args into fs. It returns done when the command must stop:
// with exitOK after -h (usage on stdout), with exitUsage after a bad flag
// (the error and a hint on stderr).
func (a *app) parse(fs *flag.FlagSet, args []string, synopsis, description string) (code int, done bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		a.printUsage(a.stdout, fs, synopsis, description)
		return exitOK, true
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "%s: %v\nRun \"%s -h\" for usage.\n", fs.Name(), err, fs.Name())
		return exitUsage, true
	}
	return exitOK, false
}

func (a *app) printUsage(w io.Writer, fs *flag.FlagSet, synopsis, description string) {
	fmt.Fprintf(w, "Usage: hotelsdk %s\n\n%s\n\nFlags:\n", synopsis, strings.TrimSpace(description))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(w, "\nExit codes: 0 success; 1 failure or a verdict that is not good; 2 usage error or unusable input.\n")
}

// usageError reports a usage error of command cmd and returns exitUsage.
func (a *app) usageError(cmd, format string, args ...any) int {
	name := "hotelsdk"
	if cmd != "" {
		name += " " + cmd
	}
	fmt.Fprintf(a.stderr, "%s: %s\n", name, fmt.Sprintf(format, args...))
	return exitUsage
}

// fail reports a failure of command cmd and returns exitFail. Callers never
// put secrets into err.
func (a *app) fail(cmd string, err error) int {
	fmt.Fprintf(a.stderr, "hotelsdk %s: %v\n", cmd, err)
	return exitFail
}

// writeJSON writes v as indented JSON to stdout.
func (a *app) writeJSON(v any) int {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(a.stderr, "hotelsdk: writing JSON: %v\n", err)
		return exitFail
	}
	return exitOK
}

// flagWasSet reports whether the flag name was given on the command line.
func flagWasSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
