package douyin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Code is a Douyin error code. Douyin usually sends it as a JSON number but
// sometimes as a string ("0"); Code accepts both and always writes a number.
type Code int64

// UnmarshalJSON accepts 2100004, "2100004", "" and null (the last two as 0).
func (c *Code) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*c = 0
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*c = 0
			return nil
		}
		b = []byte(s)
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("douyin: invalid error code %q", b)
	}
	*c = Code(v)
	return nil
}
