package hotelsupplytest

import "github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"

// Inject queues a fault (see hotelsdktest.Fault). Faults apply in the
// order queued, each to the next Fault.Times requests whose route query
// parameter ends with Fault.Path ("create.index" or the whole
// hotelsupply.RouteCreate; any request when Path is empty), e.g.
//
//	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: hotelsupply.RouteCreate})
//
// A fault that fails hotelsdktest.Fault.Validate is refused with its
// error (matching hotelsdktest.ErrInvalidFault) and nothing is queued. On
// a nil Server it does nothing.
func (s *Server) Inject(f hotelsdktest.Fault) error {
	if s == nil {
		return nil
	}
	return s.faults.Inject(f)
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

// FaultsInjected returns how many requests failed with kind so far
// (requests a fault of kind hotelsdktest.None matched count too).
func (s *Server) FaultsInjected(kind hotelsdktest.FaultKind) int {
	if s == nil {
		return 0
	}
	return s.faults.Injected(kind)
}
