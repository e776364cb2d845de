// Package benchcpu adds a cpu-ns/op metric to the SDK's benchmarks: the CPU
// time the whole process (every goroutine, the garbage collector and, in
// the round-trip benchmarks, the loopback server) spent per operation. On a
// machine shared with other work, wall time per operation also counts the
// time spent waiting for a CPU; CPU time does not, so the ratio of a pair
// of benchmarks is much steadier in cpu-ns/op than in ns/op. It is for
// tests only.
package benchcpu

import (
	"testing"
	"time"
)

// Process returns the CPU time the process has used so far, and false where
// it cannot be read.
func Process() (time.Duration, bool) { return processCPU() }

// Timer measures the process CPU time from Start to Report.
type Timer struct {
	b     *testing.B
	start time.Duration
	ok    bool
}

// Start starts measuring; call it right before the benchmark's loop (after
// any setup and b.ResetTimer).
func Start(b *testing.B) *Timer {
	d, ok := processCPU()
	return &Timer{b: b, start: d, ok: ok}
}

// Report stops measuring and reports cpu-ns/op over b.N operations; call it
// right after the loop. Where the process CPU time cannot be read it reports
// nothing.
func (t *Timer) Report() {
	end, ok := processCPU()
	if !t.ok || !ok || t.b.N == 0 {
		return
	}
	t.b.ReportMetric(float64(end-t.start)/float64(t.b.N), "cpu-ns/op")
}
