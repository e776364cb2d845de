package spi

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Handler holds the client secret: no fmt verb and no slog handler may
// print it, nor the client key (issue 10 §3).
func TestHandlerMasksItsSecrets(t *testing.T) {
	t.Parallel()
	const key, secret = "ck-visible-nowhere", "cs-visible-nowhere"
	h, err := NewHandler(&fakeSPI{}, WithCredentials(key, secret))
	require.NoError(t, err)
	var outs []string
	for _, v := range []any{h, *h} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		for name, newHandler := range map[string]func(*bytes.Buffer) slog.Handler{
			"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
			"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		} {
			var buf bytes.Buffer
			slog.New(newHandler(&buf)).Info("handler", "h", v)
			outs = append(outs, name+": "+buf.String())
		}
	}
	for _, out := range outs {
		assert.NotContains(t, out, secret)
		assert.NotContains(t, out, key)
		assert.Contains(t, out, "***", out)
	}
	assert.Equal(t, `spi.Handler{ClientKey:"***", ClientSecret:"***", Tolerance:"5m0s past, 30s future", MaxBodyBytes:1048576, FlatReplies:false}`, fmt.Sprintf("%#v", h))
	assert.Equal(t, "spi.Handler{client_key: ***, client_secret: ***, tolerance: 5m0s past, 30s future, max_body_bytes: 1048576, flat_replies: false}", h.String())

	insecure, err := NewHandler(&fakeSPI{}, WithInsecureSkipSignature())
	require.NoError(t, err)
	assert.Contains(t, insecure.String(), "signature checks off")
	var nilH *Handler
	assert.Equal(t, "<nil>", fmt.Sprint(nilH))
}
