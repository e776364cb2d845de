package transport

import "github.com/hotelsdk/hotelsdk-go/hotelsdk"

// userAgent is the default User-Agent: the SDK name, its version and the
// platform package that sends the request.
func userAgent(platform string) string {
	ua := "hotelsdk-go/" + hotelsdk.Version
	if platform != "" {
		ua += " (" + platform + ")"
	}
	return ua
}
