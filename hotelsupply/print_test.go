package hotelsupply_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// TestPrintingAClientHidesItsSecrets: every fmt verb and both slog
// handlers show the shop and uniacid but never the member's mobile, the
// password or the pinned session uuid (issue 10 §3).
func TestPrintingAClientHidesItsSecrets(t *testing.T) {
	t.Parallel()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL("https://user:basic-pass@shop.test"), hotelsupply.WithUniacid(6),
		hotelsupply.WithCredentials(testMobile, testPassword), hotelsupply.WithUUID("pinned-uuid-secret"))
	require.NoError(t, err)
	var nilClient *hotelsupply.Client
	for name, v := range map[string]any{"client": c, "nil": nilClient, "zero": &hotelsupply.Client{}} {
		var outs []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		var text, js bytes.Buffer
		slog.New(slog.NewTextHandler(&text, nil)).Info("hi", "client", v)
		slog.New(slog.NewJSONHandler(&js, nil)).Info("hi", "client", v)
		outs = append(outs, text.String(), js.String())
		for _, out := range outs {
			for _, secret := range []string{testMobile, testPassword, "pinned-uuid-secret", "basic-pass"} {
				assert.NotContains(t, out, secret, name)
			}
			if name == "client" {
				assert.Contains(t, out, "shop.test", out)
				assert.Contains(t, out, "uniacid=6", out)
			} else {
				assert.Contains(t, out, "not initialised", out)
			}
		}
	}
	assert.Equal(t, "hotelsupply.Client(https://user:xxxxx@shop.test/addons/yun_shop/api.php, uniacid=6, type=5, member=***)", c.String())
}

// A Client value (a copy of *c, as a struct holding one would print) showed
// the member's mobile and password with %+v. The credentials and the
// pinned uuid sit behind a func now, which fmt prints as an address under
// every verb. (reflect makes the copy: vet rightly flags copying the lock
// of a Client.) A base-URL password stays inside the transport, which %v,
// %+v and %#v print as an address; %s and other verbs that do not fit a
// pointer make fmt print the pointed-to value instead, so it is checked
// with the verbs that print addresses only.
func TestPrintingAClientValueHidesItsSecrets(t *testing.T) {
	t.Parallel()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL("https://user:basic-pass@shop.test"), hotelsupply.WithUniacid(6),
		hotelsupply.WithCredentials(testMobile, testPassword), hotelsupply.WithUUID("pinned-uuid-secret"))
	require.NoError(t, err)
	value := reflect.ValueOf(c).Elem().Interface()
	type holder struct{ Shop any }
	for _, v := range []any{value, holder{value}, &holder{value}} {
		var outs []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		var text, js bytes.Buffer
		slog.New(slog.NewTextHandler(&text, nil)).Info("hi", "client", v)
		slog.New(slog.NewJSONHandler(&js, nil)).Info("hi", "client", v)
		outs = append(outs, text.String(), js.String())
		for i, out := range outs {
			for _, secret := range []string{testMobile, testPassword, "pinned-uuid-secret", "basic-pass"} {
				assert.NotContains(t, out, secret, "output %d", i)
			}
		}
	}
}
