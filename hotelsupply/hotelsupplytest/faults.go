package hotelsupplytest

import "github.com/hotelsdk/hotelsdk-go/internal/faults"

// Fault is one injected failure; Path is matched against the end of the
// route ("create.index" or the whole route), empty for every request.
type Fault = faults.Fault

// FaultKind names how a request fails.
type FaultKind = faults.Kind

// Fault kinds.
const (
	// Latency delays the request by Fault.Delay, then serves it, even when
	// the client gave up meanwhile: a create that timed out on the client
	// still creates its order, as on a real, slow shop.
	Latency = faults.Latency
	// ServerError answers Fault.Status (default 503) without serving.
	ServerError = faults.ServerError
	// DropAfterRequest serves the request (an order is created) and then
	// closes the connection without answering.
	DropAfterRequest = faults.DropAfterRequest
	// DropBeforeRequest closes the connection without serving.
	DropBeforeRequest = faults.DropBeforeRequest
	// NonJSON answers 200 with an HTML page without serving.
	NonJSON = faults.NonJSON
)

// Inject queues a fault; faults apply in the order queued.
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
