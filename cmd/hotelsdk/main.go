// Command hotelsdk is the command-line companion of hotelsdk-go: it runs the
// three platform sandboxes as one standalone process for curl and any
// language, calls an integrator's SPI server exactly as Douyin does (and
// checks that it is idempotent), and signs and verifies requests to debug
// signature mismatches.
//
// Install it with
//
//	go install github.com/hotelsdk/hotelsdk-go/cmd/hotelsdk@latest
//
// Commands:
//
//	hotelsdk sandbox                 run the Douyin, hotel-supply and invoice sandboxes
//	hotelsdk sandbox env             print the environment that points clients at them
//	hotelsdk douyin spi call OP      call an SPI server as Douyin does (OP: commit, status, cancel)
//	hotelsdk douyin sign             sign one SPI request (x-life-sign)
//	hotelsdk douyin verify           check one received SPI request's signature
//	hotelsdk douyin token            fetch a client token and show its expiry
//	hotelsdk invoice sign            sign the invoice API's authentication parameters
//	hotelsdk version                 print the SDK version
//
// Every command takes -h. Exit codes: 0 success; 1 failure, or a verdict
// that is not good (a bad reply, a signature that does not verify, a
// non-idempotent handler); 2 usage error or unusable input (nothing was
// sent).
//
// Secrets (client secret, app secret, access secret) are read from a flag,
// from an environment variable or from standard input (give "-" as the
// flag's value), and are never printed: strings to sign show them as "***".
// Prefer the environment or standard input, since other users of the
// machine can read a process's flags.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/sandboxserver"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs the command line args (without the program name) and returns the
// exit code. SIGINT and SIGTERM cancel the command (the sandbox shuts down
// gracefully on them).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now,
		sandboxReady: sandboxReadyHook}
	return a.main(args)
}

// sandboxReadyHook, when set (by tests), is told when "hotelsdk sandbox"
// serves.
var sandboxReadyHook func(sandboxserver.Info)
