package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Environment variables the commands read when a flag is not given.
const (
	envDouyinClientKey     = "HOTELSDK_DOUYIN_CLIENT_KEY"
	envDouyinClientSecret  = "HOTELSDK_DOUYIN_CLIENT_SECRET"
	envDouyinBaseURL       = "HOTELSDK_DOUYIN_BASE_URL"
	envInvoiceAppID        = "HOTELSDK_INVOICE_APP_ID"
	envInvoiceAppSecret    = "HOTELSDK_INVOICE_APP_SECRET"
	envInvoiceAccessSecret = "HOTELSDK_INVOICE_ACCESS_SECRET"
)

// mask replaces every secret in output.
const mask = "***"

// maxInput bounds what is read from a file or standard input.
const maxInput = 8 << 20

// secret resolves a secret given as flag value v: "-" reads one line from
// standard input, "" falls back to the environment variable env. The error
// names the flag and the variable, never the value. An absent secret is
// ("", nil): the caller decides whether it is required.
func (a *app) secret(v, flagName, env string) (string, error) {
	if v == "-" {
		if err := a.claimStdin("-" + flagName); err != nil {
			return "", err
		}
		line, err := bufio.NewReader(io.LimitReader(a.stdin, 64<<10)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("-%s -: cannot read standard input: %v", flagName, err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return "", fmt.Errorf("-%s -: standard input is empty", flagName)
		}
		return line, nil
	}
	if v != "" {
		return v, nil
	}
	return a.getenv(env), nil
}

// claimStdin reserves standard input for who (a flag name); a second claim
// is an error, since one stream cannot hold a secret and a body.
func (a *app) claimStdin(who string) error {
	if a.stdinUsed != "" {
		return fmt.Errorf("%s - and %s - both want standard input", a.stdinUsed, who)
	}
	a.stdinUsed = who
	return nil
}

// readInput reads the file path, or standard input for "-".
func (a *app) readInput(path, flagName string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		if err := a.claimStdin("-" + flagName); err != nil {
			return nil, err
		}
		r = a.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("-%s: %v", flagName, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("-%s: %v", flagName, err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("-%s: more than %d bytes", flagName, maxInput)
	}
	return b, nil
}

// maskToken shows a token's kind prefix ("clt." of a client token) and
// hides the rest.
func maskToken(t string) string {
	if i := strings.IndexByte(t, '.'); i > 0 && i <= 8 {
		return t[:i+1] + mask
	}
	return mask
}
