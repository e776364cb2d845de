package spi

import (
	"encoding/json"
	"strconv"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// encodeReply writes a reply's JSON: data alone (flat replies) or wrapped
// as {"data":…,"extra":…}. The bytes are those json.Marshal writes for the
// same values (reply_test.go compares them); the three data types of the
// handler and Extra are written directly, without reflection, and any
// other value goes through json.Marshal.
func encodeReply(data any, extra *douyin.Extra) ([]byte, error) {
	b := make([]byte, 0, 192)
	if extra != nil {
		b = append(b, `{"data":`...)
	}
	var err error
	if b, err = appendData(b, data); err != nil {
		return nil, err
	}
	if extra == nil {
		return b, nil
	}
	b = append(b, `,"extra":{"error_code":`...)
	b = strconv.AppendInt(b, int64(extra.ErrorCode), 10)
	b = append(b, `,"description":`...)
	b = appendJSONString(b, extra.Description)
	b = append(b, `,"sub_error_code":`...)
	b = strconv.AppendInt(b, int64(extra.SubErrorCode), 10)
	b = append(b, `,"sub_description":`...)
	b = appendJSONString(b, extra.SubDescription)
	b = append(b, `,"logid":`...)
	b = appendJSONString(b, extra.LogID)
	b = append(b, `,"now":`...)
	b = strconv.AppendInt(b, extra.Now, 10)
	return append(b, "}}"...), nil
}

func appendData(b []byte, data any) ([]byte, error) {
	switch d := data.(type) {
	case commitData:
		b = append(b, `{"order_ext_id":`...)
		b = appendJSONString(b, d.OrderExtID)
		b = append(b, `,"error_code":`...)
		b = strconv.AppendInt(b, int64(d.ErrorCode), 10)
		b = append(b, `,"description":`...)
		b = appendJSONString(b, d.Description)
		return append(b, '}'), nil
	case statusData:
		b = append(b, `{"status":`...)
		b = strconv.AppendInt(b, int64(d.Status), 10)
		b = append(b, `,"error_code":`...)
		b = strconv.AppendInt(b, int64(d.ErrorCode), 10)
		b = append(b, `,"description":`...)
		b = appendJSONString(b, d.Description)
		b = append(b, `,"balance":`...)
		b = strconv.AppendInt(b, int64(d.Balance), 10)
		b = append(b, `,"ext":`...)
		b = appendJSONString(b, d.Ext)
		return append(b, '}'), nil
	case errorData:
		b = append(b, `{"error_code":`...)
		b = strconv.AppendInt(b, int64(d.ErrorCode), 10)
		b = append(b, `,"description":`...)
		b = appendJSONString(b, d.Description)
		return append(b, '}'), nil
	}
	v, err := json.Marshal(data)
	return append(b, v...), err
}

// appendJSONString appends s as a JSON string. Printable ASCII without
// the characters encoding/json escapes is copied as it is; any other string
// is left to json.Marshal, so that every escape (HTML characters, control
// characters, invalid UTF-8, U+2028) is exactly encoding/json's.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
