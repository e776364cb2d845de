package douyin

// Extra is the "extra" object Douyin adds to every response it serves, and
// the one an SPI reply carries in its wrapped form.
type Extra struct {
	// ErrorCode and Description repeat or complete data's; non-zero is a
	// failure.
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
	// SubErrorCode and SubDescription detail a failure; non-zero is a
	// failure.
	SubErrorCode   Code   `json:"sub_error_code"`
	SubDescription string `json:"sub_description"`
	// LogID identifies the call in Douyin's logs; quote it to Douyin support.
	LogID string `json:"logid"`
	// Now is Douyin's clock in milliseconds since the epoch.
	Now int64 `json:"now"`
}
