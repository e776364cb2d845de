package hotelsdk

// Version is the SDK's version. It is sent in the User-Agent header of every
// request ("hotelsdk-go/VERSION (platform)").
const Version = "0.1.0"
