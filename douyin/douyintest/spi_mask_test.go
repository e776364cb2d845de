package douyintest

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An SPIClient holds the client secret: no fmt verb and no slog handler may
// print it, nor the client key (issue 10 §3).
func TestSPIClientMasksItsSecrets(t *testing.T) {
	t.Parallel()
	const key, secret = "ck-visible-nowhere", "cs-visible-nowhere"
	c, err := NewSPIClient(spiTestBase, key, secret)
	require.NoError(t, err)
	var outs []string
	for _, v := range []any{c, *c} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		for name, newHandler := range map[string]func(*bytes.Buffer) slog.Handler{
			"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
			"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		} {
			var buf bytes.Buffer
			slog.New(newHandler(&buf)).Info("client", "c", v)
			outs = append(outs, name+": "+buf.String())
		}
	}
	for _, out := range outs {
		assert.NotContains(t, out, secret)
		assert.NotContains(t, out, key)
		assert.Contains(t, out, "***", out)
		assert.Contains(t, out, "hotel.example", out)
	}
	assert.Equal(t, `douyintest.SPIClient{BaseURL:"https://hotel.example/douyin", ClientKey:"***", ClientSecret:"***"}`, fmt.Sprintf("%#v", c))
	assert.Equal(t, "douyintest.SPIClient{base_url: https://hotel.example/douyin, client_key: ***, client_secret: ***}", c.String())
	var nilC *SPIClient
	assert.Equal(t, "<nil>", fmt.Sprint(nilC))
}
