package sandboxserver

// The sandbox packages' API, in one place: this file follows their shape.

import (
	"net/http"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

// sandbox is one platform's fake behind a uniform face. Its handler
// (fault injection and recording included) is mounted on the address the
// user chose; the fake's own loopback listener stays unused.
type sandbox struct {
	platform Platform
	handler  http.Handler
	inject   func(hotelsdktest.Fault) error
	reset    func()
	pending  func() int
	injected func(hotelsdktest.FaultKind) int
	close    func()
	// routes are the platform's own admin routes, "METHOD path" (path
	// below AdminPrefix) to handler.
	routes map[string]http.HandlerFunc
}

func newSandbox(p Platform) *sandbox {
	switch p {
	case Douyin:
		s := douyintest.NewServer()
		return &sandbox{
			platform: p, handler: s.Handler(), inject: s.Inject, reset: s.ResetFaults,
			pending: s.PendingFaults, injected: s.FaultsInjected, close: s.Close,
			routes: map[string]http.HandlerFunc{
				"POST tokens/expire": func(w http.ResponseWriter, _ *http.Request) {
					s.ExpireTokens()
					writeJSON(w, http.StatusOK, map[string]string{"result": "every token issued so far is expired (2190008)"})
				},
				"POST tokens/revoke": func(w http.ResponseWriter, _ *http.Request) {
					s.RevokeTokens()
					writeJSON(w, http.StatusOK, map[string]string{"result": "every token issued so far is revoked (2190002)"})
				},
				"POST fail-next": func(w http.ResponseWriter, r *http.Request) {
					var in struct {
						Path        string `json:"path"`
						Code        int64  `json:"code"`
						Description string `json:"description"`
					}
					if !readJSON(w, r, &in) {
						return
					}
					if in.Path == "" || in.Code == 0 {
						writeError(w, http.StatusBadRequest, `want {"path":"/poi/order/sync","code":2100004,"description":"..."}`)
						return
					}
					s.FailNext(in.Path, douyin.Code(in.Code), in.Description)
					writeJSON(w, http.StatusOK, map[string]any{"result": "the next call to " + in.Path + " fails", "code": in.Code})
				},
				"GET status-updates": func(w http.ResponseWriter, _ *http.Request) {
					writeJSON(w, http.StatusOK, nonNil(s.StatusUpdates()))
				},
				"GET syncs": func(w http.ResponseWriter, _ *http.Request) {
					writeJSON(w, http.StatusOK, nonNil(s.Syncs()))
				},
			},
		}
	case HotelSupply:
		s := hotelsupplytest.NewServer()
		return &sandbox{
			platform: p, handler: s.Handler(), inject: s.Inject, reset: s.ResetFaults,
			pending: s.PendingFaults, injected: s.FaultsInjected, close: s.Close,
			routes: map[string]http.HandlerFunc{
				"POST sessions/expire": func(w http.ResponseWriter, _ *http.Request) {
					s.ExpireSessions()
					writeJSON(w, http.StatusOK, map[string]string{"result": "every member is logged out"})
				},
				"PUT closed": func(w http.ResponseWriter, r *http.Request) {
					var in struct {
						Closed *bool `json:"closed"`
					}
					if !readJSON(w, r, &in) {
						return
					}
					if in.Closed == nil {
						writeError(w, http.StatusBadRequest, `want {"closed":true} or {"closed":false}`)
						return
					}
					s.SetClosed(*in.Closed)
					writeJSON(w, http.StatusOK, map[string]bool{"closed": *in.Closed})
				},
				"GET orders": func(w http.ResponseWriter, _ *http.Request) {
					writeJSON(w, http.StatusOK, nonNil(s.Orders()))
				},
			},
		}
	case Invoice:
		s := invoicetest.NewServer()
		return &sandbox{
			platform: p, handler: s.Handler(), inject: s.Inject, reset: s.ResetFaults,
			pending: s.PendingFaults, injected: s.FaultsInjected, close: s.Close,
			routes: map[string]http.HandlerFunc{
				"GET batches": func(w http.ResponseWriter, _ *http.Request) {
					writeJSON(w, http.StatusOK, nonNil(s.Batches()))
				},
			},
		}
	}
	panic("sandboxserver: unknown platform " + string(p))
}

// nonNil makes a nil slice encode as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
