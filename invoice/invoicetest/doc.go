// Package invoicetest is an in-process sandbox of the 开票助手 invoice open
// API for tests, in the spirit of net/http/httptest: NewServer starts a fake
// of the platform on a loopback address that behaves like the real one as far
// as its documentation describes it.
//
// The sandbox verifies the signature, the timestamp window and the nonce of
// every request; stores submitted orders by batch number (a resubmitted order
// adds a new record, like the real platform); serves order/get; answers 4002
// (门店不存在) for an unknown store and -1 (storeId和storeNo不能都为空) for a
// missing one. It can inject faults (latency, 5xx, a connection dropped
// before or after the request is served, a non-JSON body) so that callers can
// test their retry handling, and exposes what it received for assertions.
//
// The platform does not document its codes for authentication failures or
// malformed bodies; the sandbox answers them with code -1 and a message that
// names the problem.
//
//	srv := invoicetest.NewServer()
//	defer srv.Close()
//	client, err := srv.NewClient() // an *invoice.Client wired to the sandbox
package invoicetest
