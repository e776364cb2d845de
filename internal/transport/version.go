package transport

// Version is the SDK version reported in the User-Agent header.
const Version = "0.1.0"

// userAgent is the default User-Agent: the SDK name, its version and the
// platform package that sends the request.
func userAgent(platform string) string {
	ua := "hotelsdk-go/" + Version
	if platform != "" {
		ua += " (" + platform + ")"
	}
	return ua
}
