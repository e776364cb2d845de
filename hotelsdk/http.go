package hotelsdk

import (
	"net"
	"net/http"
	"time"
)

// DefaultHTTPTransport returns a new *http.Transport tuned as the SDK's
// clients use it when no HTTP client is given:
//
//   - dial and TLS handshake bounded by 10s, response headers by 30s;
//   - up to 64 idle connections kept per host (Go's default keeps 2), so
//     concurrent callers reuse connections instead of opening new ones;
//   - HTTP/2 attempted over TLS; proxies taken from the environment.
//
// Wrap it to add instrumentation without losing these settings:
//
//	client, err := douyin.NewClient(key, secret,
//		douyin.WithTransport(otelhttp.NewTransport(hotelsdk.DefaultHTTPTransport())))
//
// Each call returns a new transport with its own connection pool.
func DefaultHTTPTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}
