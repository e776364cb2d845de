package invoice

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Time
		form TimeForm
	}{
		{`"2024-03-01"`, time.Date(2024, 3, 1, 0, 0, 0, 0, ChinaTime()), TimeDate},
		{`"2024-03-01 14:30:00"`, time.Date(2024, 3, 1, 14, 30, 0, 0, ChinaTime()), TimeDateTime},
		{`"2024-03-01 14:30:00.5"`, time.Date(2024, 3, 1, 14, 30, 0, 500e6, ChinaTime()), TimeDateTime},
		{`"2024-03-01T14:30:00"`, time.Date(2024, 3, 1, 14, 30, 0, 0, ChinaTime()), TimeISOLocal},
		{`"2024-03-01T06:30:00Z"`, time.Date(2024, 3, 1, 14, 30, 0, 0, ChinaTime()), TimeRFC3339},
		{`"2024-03-01T14:30:00+08:00"`, time.Date(2024, 3, 1, 14, 30, 0, 0, ChinaTime()), TimeRFC3339},
		{`1709274600000`, time.Date(2024, 3, 1, 14, 30, 0, 0, ChinaTime()), TimeEpochMillis},
		{`"1709274600000"`, time.Date(2024, 3, 1, 14, 30, 0, 0, ChinaTime()), TimeEpochMillis},
		{`"20240301"`, time.Date(2024, 3, 1, 0, 0, 0, 0, ChinaTime()), TimeCompactDate},
		{`20240301`, time.Date(2024, 3, 1, 0, 0, 0, 0, ChinaTime()), TimeCompactDate},
		{`"170927460000"`, time.UnixMilli(170927460000), TimeEpochMillis},
	}
	for _, tt := range tests {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(tt.in), &v), tt.in)
		assert.True(t, v.IsSet(), tt.in)
		assert.False(t, v.IsZero(), tt.in)
		assert.True(t, tt.want.Equal(v.Time()), "%s: %s", tt.in, v.Time())
		assert.Equal(t, tt.form, v.Form(), tt.in)
		b, err := json.Marshal(v)
		require.NoError(t, err)
		var again Time
		require.NoError(t, json.Unmarshal(b, &again))
		assert.True(t, again.Time().Equal(v.Time()), "%s round trips as %s", tt.in, b)
	}
}

func TestTimeWrittenAsRead(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`"2024-03-01"`, `"2024-03-01 14:30:00"`, `"2024-03-01T14:30:00"`, `"2024-03-01T06:30:00Z"`, `1709274600000`, `"20240301"`} {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v))
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, in, string(b))
	}
}

func TestTimeUnsetAndErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`null`, `""`} {
		v := NewDate(2024, 1, 1)
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.False(t, v.IsSet(), in)
	}
	var unset Time
	assert.Equal(t, "", unset.String())
	b, err := json.Marshal(unset)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	for _, in := range []string{`"01/03/2024"`, `"2024-13-01"`, `1.5`, `true`, `"x`, `{}`,
		// Numbers are not guessed at (issue 10 §11): "20240301" used to be read
		// as 20240301 ms after the epoch, 1970-01-01.
		`"20241301"`, `20240230`, `"1709274600"`, `1709274600`, `"0"`, `-1709274600000`, `"-1709274600000"`,
		`"01709274600000"`, `"17092746000000"`, `123`, `"99999999999999999999"`} {
		var v Time
		assert.Error(t, json.Unmarshal([]byte(in), &v), in)
		_, err := ParseTime(strings.Trim(in, `"`))
		if in != `{}` && in != `true` && in != `1.5` && in != `"x` {
			assert.Error(t, err, in)
		}
	}
}

func TestNewTimeAndDate(t *testing.T) {
	t.Parallel()
	d := NewDate(2024, time.March, 1)
	assert.Equal(t, "2024-03-01", d.String())
	assert.Equal(t, TimeDate, d.Form())
	tm := NewTime(time.Date(2024, 3, 1, 6, 30, 0, 0, time.UTC))
	assert.Equal(t, "2024-03-01 14:30:00", tm.String())
	b, err := json.Marshal(tm)
	require.NoError(t, err)
	assert.Equal(t, `"2024-03-01 14:30:00"`, string(b))
}
