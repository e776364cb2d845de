package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a command writing while a test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// result is one in-process run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// invocation describes one run: environment, standard input, clock.
type invocation struct {
	env   map[string]string
	stdin string
	now   time.Time
	ctx   context.Context
}

func (in invocation) run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut syncBuffer
	a := in.app(&out, &errOut)
	code := a.main(args)
	return result{code, out.String(), errOut.String()}
}

func (in invocation) app(out, errOut *syncBuffer) *app {
	now := time.Now
	if !in.now.IsZero() {
		now = func() time.Time { return in.now }
	}
	ctx := in.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return &app{
		ctx: ctx, stdin: strings.NewReader(in.stdin), stdout: out, stderr: errOut,
		getenv: func(k string) string { return in.env[k] }, now: now,
	}
}

// cmd runs args with no environment and empty stdin.
func cmd(t *testing.T, args ...string) result {
	t.Helper()
	return invocation{}.run(t, args...)
}

// assertNoSecret fails when secret appears anywhere in r's output.
func assertNoSecret(t *testing.T, r result, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
			t.Errorf("secret %q printed:\nstdout:\n%s\nstderr:\n%s", s, r.stdout, r.stderr)
		}
	}
}
