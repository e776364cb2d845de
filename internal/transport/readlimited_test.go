package transport

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
)

// readLimited returns the whole body within the limit, the first limit
// bytes and errBodyTooLarge beyond it, and a reader's error with what was
// read, whatever length the answer announced.
func TestReadLimited(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("0123456789", 100) // 1000 bytes
	for _, hint := range []int64{-1, 0, 1, 999, 1000, 1001, 1 << 40} {
		for _, tc := range []struct {
			limit   int64
			want    string
			tooBig  bool
			oneByte bool
		}{
			{limit: 1000, want: body},
			{limit: 5000, want: body},
			{limit: 999, want: body[:999], tooBig: true},
			{limit: 10, want: body[:10], tooBig: true},
			{limit: 0, want: "", tooBig: true},
			{limit: 1000, want: body, oneByte: true},
			{limit: 500, want: body[:500], tooBig: true, oneByte: true},
		} {
			var r io.Reader = strings.NewReader(body)
			if tc.oneByte {
				r = iotest.OneByteReader(r)
			}
			got, err := readLimited(r, tc.limit, hint)
			assert.Equal(t, tc.want, string(got), "limit %d, hint %d", tc.limit, hint)
			if tc.tooBig {
				assert.ErrorIs(t, err, errBodyTooLarge, "limit %d, hint %d", tc.limit, hint)
			} else {
				assert.NoError(t, err, "limit %d, hint %d", tc.limit, hint)
			}
		}
	}
	broken := errors.New("connection reset")
	got, err := readLimited(io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(broken)), 100, 50)
	assert.ErrorIs(t, err, broken)
	assert.Equal(t, "partial", string(got))
	got, err = readLimited(iotest.DataErrReader(strings.NewReader("abc")), 100, 3)
	assert.NoError(t, err, "data and io.EOF together")
	assert.Equal(t, "abc", string(got))
	got, err = readLimited(nil, 100, -1)
	assert.NoError(t, err)
	assert.Nil(t, got)
	// The buffer is made from the announced length only up to maxPresize.
	got, err = readLimited(bytes.NewReader(nil), 8<<20, 8<<20-1)
	assert.NoError(t, err)
	assert.Empty(t, got)
	assert.LessOrEqual(t, cap(got), 512)
}
