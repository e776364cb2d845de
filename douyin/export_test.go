package douyin

// WithTokenRefreshTimeoutForTest lets the external tests (package
// douyin_test, which can use the douyintest sandbox) shorten
// TokenRefreshTimeout.
var WithTokenRefreshTimeoutForTest = withRefreshTimeout
