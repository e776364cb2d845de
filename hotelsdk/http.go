package hotelsdk

import (
	"net"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/wirecount"
)

// DefaultIdleConnTimeout is how long DefaultHTTPTransport keeps an idle
// connection: 50s, below nginx's default keep-alive of 75s and the 60s of
// common load balancers, so that the SDK, not the server, closes an idle
// connection (see DefaultHTTPTransport).
const DefaultIdleConnTimeout = 50 * time.Second

// DefaultHTTPTransport returns a new *http.Transport tuned as the SDK's
// clients use it when no HTTP client is given:
//
//   - dial and TLS handshake bounded by 10s, response headers by 30s;
//   - up to 64 idle connections kept per host (Go's default keeps 2), so
//     concurrent callers reuse connections instead of opening new ones;
//   - HTTP/2 attempted over TLS; proxies taken from the environment;
//   - idle connections closed after 50s (Go's default is 90s): below the
//     keep-alive timeout of common servers (nginx 75s, many load balancers
//     60s), so the SDK closes an idle connection before the server does.
//     A server that closes first races the next request on that connection:
//     a request written as the server closes fails without an answer, and a
//     write in that state cannot be resent by anyone. For a server with a
//     shorter keep-alive (Apache's default is 5s), set IdleConnTimeout
//     below it on the returned transport;
//   - connections that count the bytes written to them, so that the SDK
//     can prove a request on a connection that turned out dead was never
//     written (TransportError.MaybeSent false) and send it again, write or
//     not, on a new connection.
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
		DialContext: wirecount.Dialer((&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext),
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       DefaultIdleConnTimeout,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}
