package douyintest

import "github.com/hotelsdk/hotelsdk-go/internal/faults"

// Fault is one injected failure; see Server.Inject.
type Fault = faults.Fault

// FaultKind names one way a request can fail.
type FaultKind = faults.Kind

// The kinds of fault a Server can inject.
const (
	// Latency delays the request by Fault.Delay, then serves it.
	Latency = faults.Latency
	// ServerError answers Fault.Status (default 503) without serving the
	// request, with Retry-After when Fault.RetryAfter is set.
	ServerError = faults.ServerError
	// DropAfterRequest serves the request (it takes effect) and closes the
	// connection without answering.
	DropAfterRequest = faults.DropAfterRequest
	// DropBeforeRequest closes the connection without serving the request.
	DropBeforeRequest = faults.DropBeforeRequest
	// NonJSON answers HTTP 200 with an HTML page, without serving the request.
	NonJSON = faults.NonJSON
)

// Inject queues a fault. Faults apply in the order queued, each to the
// next Fault.Times requests whose path ends with Fault.Path (any request
// when Path is empty), e.g.
//
//	s.Inject(douyintest.Fault{Kind: douyintest.DropAfterRequest, Path: douyin.PathOrderSync})
//
// On a nil Server it does nothing.
func (s *Server) Inject(f Fault) {
	if s != nil {
		s.faults.Inject(f)
	}
}

// ResetFaults drops every queued fault.
func (s *Server) ResetFaults() {
	if s != nil {
		s.faults.Reset()
	}
}

// PendingFaults returns how many injected failures are still to happen.
func (s *Server) PendingFaults() int {
	if s == nil {
		return 0
	}
	return s.faults.Pending()
}

// FaultsInjected returns how many requests failed with kind so far.
func (s *Server) FaultsInjected(kind FaultKind) int {
	if s == nil {
		return 0
	}
	return s.faults.Injected(kind)
}
