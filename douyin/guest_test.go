package douyin

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPhone = "13800138000"

func TestPhoneNumberDecode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want PhoneNumber
	}{
		{`"13800138000"`, testPhone},
		{`13800138000`, testPhone},
		{` 13800138000 `, testPhone},
		{`"+86 138-0013-8000"`, "+86 138-0013-8000"},
		{`""`, ""},
		{`null`, ""},
	} {
		var p PhoneNumber
		require.NoError(t, p.UnmarshalJSON([]byte(tc.in)), tc.in)
		assert.Equal(t, tc.want, p, tc.in)
	}
	for _, in := range []string{``, `1.5e10`, `-138`, `{}`, `[1]`, `true`, `"unterminated`} {
		p := PhoneNumber("keep")
		err := p.UnmarshalJSON([]byte(in))
		require.Error(t, err, in)
		assert.Equal(t, "douyin: customer_phone: want a JSON string or integer", err.Error())
	}
	var r struct {
		CustomerPhone PhoneNumber `json:"customer_phone"`
	}
	err := json.Unmarshal([]byte(`{"customer_phone":13800138000.5}`), &r)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "13800138000")
}

func TestPhoneNumberNeverPrinted(t *testing.T) {
	t.Parallel()
	p := PhoneNumber(testPhone)
	req := HotelOrderDetail{CustomerPhone: p}
	for _, s := range []string{
		p.String(), p.GoString(),
		fmt.Sprint(p), fmt.Sprintf("%v|%s|%q|%d|%x|%#v|%+v", p, p, p, p, p, p, p),
		fmt.Sprintf("%v %+v %#v", req, req, req),
	} {
		assert.NotContains(t, s, testPhone)
	}
	assert.NotContains(t, fmt.Sprintf("%v%s%d%x", p, p, p, p), "8000")
	assert.Equal(t, "***", p.String())
	assert.Equal(t, `"***"`, fmt.Sprintf("%q", p))
	assert.Equal(t, `douyin.PhoneNumber("***")`, fmt.Sprintf("%#v", p))
	assert.Equal(t, "", PhoneNumber("").String())
	assert.Equal(t, testPhone, p.Value())
}
