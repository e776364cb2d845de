package hotelsdk

// Version is the SDK's version, the newest versioned entry of CHANGELOG.md
// (changes landed since are listed under its "Unreleased" heading). Every
// client sends it in the User-Agent header of every request, as
// "hotelsdk-go/VERSION (platform)", unless the client's WithUserAgent
// replaces it.
const Version = "0.2.0"
