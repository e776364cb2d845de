//go:build !unix

package benchcpu

import "time"

// processCPU cannot be read here: the metric is not reported.
func processCPU() (time.Duration, bool) { return 0, false }
