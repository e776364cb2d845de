// Package hotelsdktest holds what the SDK's three sandboxes share, in the
// spirit of net/http/httptest: the faults a sandbox can inject so that an
// integrator can test retry and recovery code against realistic breakage.
//
// The sandboxes themselves live beside their platform packages
// (douyin/douyintest, hotelsupply/hotelsupplytest, invoice/invoicetest);
// each Server has the same fault methods, taking the types of this package:
//
//	s := invoicetest.NewServer()
//	defer s.Close()
//	// The next two order/get requests answer 503 with Retry-After: 1.
//	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: invoice.PathGetOrders,
//		Times: 2, RetryAfter: 1})
//	// The next order/add is served (the orders are stored) but its answer is lost.
//	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathAddOrders})
//	...
//	s.PendingFaults()                              // injected failures still to happen
//	s.FaultsInjected(hotelsdktest.DropAfterRequest) // how many requests it failed
//	s.ResetFaults()                                // drop the queued ones
//
// The standalone sandboxes of the hotelsdk command take the same faults, by
// the names FaultKind.String returns ("latency", "server-error",
// "drop-after-request", "drop-before-request", "non-json"), from any
// language: POST /_admin/faults {"kind":"server-error","path":"/poi/order/sync","times":2}
// or, at start, hotelsdk sandbox -fault douyin:server-error,path=/poi/order/sync,times=2.
package hotelsdktest
