package invoice

import "github.com/hotelsdk/hotelsdk-go/internal/transport"

// Both operations name the store the same way: the platform's storeId
// (开票助手门店id) or the caller's own storeNo (第三方门店id), exactly one.

// checkStore requires exactly one of storeId and storeNo.
func checkStore(v *transport.Validator, id int64, no string) {
	switch {
	case id == 0 && no == "":
		v.Add("storeId", "one of storeId and storeNo is required")
	case id != 0 && no != "":
		v.Add("storeNo", "give storeId or storeNo, not both")
	case id < 0:
		v.Add("storeId", "must be positive")
	case id == 0:
		checkText(v, "storeNo", no)
	}
}
