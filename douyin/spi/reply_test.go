package spi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// encodeReply writes the bytes json.Marshal writes for the same values,
// wrapped and flat, whatever the strings hold.
func TestEncodeReplyIsEncodingJSON(t *testing.T) {
	t.Parallel()
	strs := []string{"", "H-1", "库存不足", `a"b\c`, "a<b", "a>b", "x&y", "tab\there\n", "\x00\x1f\x7f", "bad\xffutf8",
		"line\u2028sep\u2029", "emoji 😀", "/path?x=1"}
	var datas []any
	for _, s := range strs {
		datas = append(datas,
			commitData{OrderExtID: s, ErrorCode: 0, Description: s},
			statusData{Status: 2, ErrorCode: douyin.CodeInvalidParameter, Description: s, Balance: -5, Ext: s},
			errorData{ErrorCode: douyin.CodeUnknownError, Description: s},
		)
	}
	datas = append(datas, map[string]any{"other": "type", "n": 1}) // through json.Marshal
	for _, d := range datas {
		for _, s := range strs {
			extra := &douyin.Extra{ErrorCode: 7, Description: s, SubErrorCode: -3, SubDescription: s, LogID: s, Now: 1700000000123}
			want, err := json.Marshal(struct {
				Data  any          `json:"data"`
				Extra douyin.Extra `json:"extra"`
			}{d, *extra})
			require.NoError(t, err)
			got, err := encodeReply(d, extra)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		}
		want, err := json.Marshal(d)
		require.NoError(t, err)
		got, err := encodeReply(d, nil)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "flat")
	}
	_, err := encodeReply(func() {}, nil)
	assert.Error(t, err, "a value json.Marshal refuses")
}
