package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoSpellings are the ways a platform may repeat the guest 张三 and the
// phone 15012345678: as sent, JSON-escaped by PHP, with separators, with
// +86.
var echoSpellings = []string{
	"张三", `\u5f20\u4e09`, `\u5F20\u4E09`, "%E5%BC%A0%E4%B8%89",
	"15012345678", "150-1234-5678", "150 1234 5678", "+86 150 1234 5678", "(150)12345678", "8615012345678",
	"ZHANG/SAN", `ZHANG\/SAN`, "zhang/san",
	"11010519491231002X", "11010519491231002x",
}

// leaks returns the spellings of the personal values found in s.
func leaks(s string) []string {
	var out []string
	for _, v := range []string{"张三", `\u5f20`, `\u5F20`, "%E5%BC%A0", "12345678", "1234 5678", "1234-5678", "1234)5678", "ZHANG", "zhang", "491231002"} {
		if strings.Contains(s, v) {
			out = append(out, v)
		}
	}
	return out
}

func TestEchoMaskSpellings(t *testing.T) {
	t.Parallel()
	m := &echoMask{explicit: []string{"张三", " 150 1234 5678 ", "Zhang/San", "11010519491231002X", "李", "abc", ""}}
	for _, s := range echoSpellings {
		got := m.String("msg: " + s + " end")
		assert.Empty(t, leaks(got), "%q → %q", s, got)
		assert.Contains(t, got, Mask)
	}
	assert.Equal(t, "李四 abc 150 ok 1500", m.String("李四 abc 150 ok 1500"),
		"one-character and short ASCII values, and fragments of a phone, are left alone")
	assert.Equal(t, "a *** b *** c", m.String("a 15012345678 b 150.1234.5678 c"))
	assert.Equal(t, "tail 150-", m.String("tail 150-"), "a partial phone stays")
	var nilMask *echoMask
	assert.Equal(t, "张三", nilMask.String("张三"))
}

// The values a request carries under sensitive names are masked without
// being listed: query, form, JSON body, and JSON text inside a string
// (Douyin's order_detail), lists under a sensitive name included.
func TestEchoMaskCollectsSensitiveNames(t *testing.T) {
	t.Parallel()
	detail := `{"customer_name":"王五","customer_phone":13912345678,"customer_list":[{"cn_name":"赵六"}],"hotel_name":"Grand Hotel"}`
	body := fmt.Sprintf(`{"order_detail":%q,"guestNames":["钱七","孙八"],"shop":"Grand Hotel"}`, detail)
	m := &echoMask{query: map[string][]string{"mobile": {"13800138000"}, "i": {"6"}}, body: []byte(body)}
	got := m.String("王五 13912345678 赵六 钱七 孙八 13800138000 Grand Hotel 6")
	assert.Equal(t, "*** *** *** *** *** *** Grand Hotel 6", got)

	form := &echoMask{body: []byte("user_name=%E5%BC%A0%E4%B8%89&tel=15012345678&hotel_id=1385&orders=%5B%7B%22note%22%3A%22late+guest%22%7D%5D"), extra: []string{"note"}}
	assert.Equal(t, "*** *** 1385 ***", form.String("张三 15012345678 1385 late guest"))
}

// Issue 10 §4: a platform repeating the guest's name and phone in its
// message showed them in the debug log body and in the response hook
// (redaction was by JSON key only). The echo is masked in logs, hooks,
// the logged error, Response.Mask and a DecodeError's Raw.
func TestEchoedPersonalDataIsMaskedEverywhere(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	var mu sync.Mutex
	var seen []string
	record := func(parts ...string) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, parts...)
	}
	header := func(h http.Header) string {
		var b strings.Builder
		for k, vs := range h {
			b.WriteString(k + ": " + strings.Join(vs, ",") + "\n")
		}
		return b.String()
	}
	answers := []string{
		`{"code":40001,"message":"手机号 +86 150-1234-5678 (\u5f20\u4e09) 已下单","data":null}`,
		`<html>guest 张三, phone 15012345678: internal error</html>`,
	}
	for i, answer := range answers {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			rec := &recorder{}
			responder := func(*http.Request) (*http.Response, error) {
				r := httpmock.NewStringResponse(200, answer)
				r.Header.Set("X-Echo", "张三")
				return r, nil
			}
			c, _ := newTestClient(t, mockTransport(t, rec, responder), func(cfg *Config) {
				cfg.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				cfg.Hooks = hotelsdk.Hooks{
					OnAttemptStart: func(ctx context.Context, info hotelsdk.RequestInfo) context.Context {
						record(info.URL, info.Body, header(info.Header))
						return nil
					},
					OnRequest: func(_ context.Context, info hotelsdk.RequestInfo) { record(info.URL, info.Body, header(info.Header)) },
					OnResponse: func(_ context.Context, info hotelsdk.ResponseInfo) {
						record(info.URL, info.Body, header(info.Header), fmt.Sprint(info.Err))
					},
					OnCallEnd: func(_ context.Context, _ hotelsdk.CallInfo, r hotelsdk.CallResult) { record(fmt.Sprint(r.Err)) },
				}
			})
			var masked string
			req := &Request{
				Operation: "order.create", Method: http.MethodPost, Path: "/v1/things",
				Query:     map[string][]string{"guest": {"张三"}},
				JSON:      map[string]any{"contact": "150 1234 5678", "room": "A"},
				Sensitive: []string{"张三", "150 1234 5678"},
				Decode: func(r *Response) error {
					masked = r.Mask(string(r.Body))
					err := decodeInto(nil)(r)
					var api *testAPIError
					if errors.As(err, &api) {
						api.Message = r.Mask(api.Message)
					}
					return err
				},
			}
			err := c.Do(context.Background(), req)
			require.Error(t, err)
			var de *hotelsdk.DecodeError
			raw := ""
			if errors.As(err, &de) {
				raw = string(de.Raw)
				assert.Contains(t, raw, "internal error", "the rest of the body is kept")
			}
			mu.Lock()
			all := strings.Join(seen, "\n")
			mu.Unlock()
			for what, s := range map[string]string{"logs": logs.String(), "hooks": all, "error": err.Error() + fmt.Sprintf("%+v", err),
				"Response.Mask": masked, "DecodeError.Raw": raw} {
				assert.Empty(t, leaks(s), "%s: %s", what, s)
			}
			assert.Contains(t, logs.String(), Mask, "the body was logged, masked")
			assert.Contains(t, all, Mask)
		})
	}
}

// BenchmarkEchoMask measures what an observed attempt pays: collecting the
// personal values of a hotel-supply create form and masking an answer.
func BenchmarkEchoMask(b *testing.B) {
	form := []byte("hotel_id=1385&sid=4499&nums=2&user_name=%E5%BC%A0%E4%B8%89&tel=15012345678" +
		"&orders=%5B%7B%22pre_id%22%3A%22413a5200241cc7fe7dd5945331bace78%22%2C%22note%22%3A%22late%22%7D%5D&address=%7B%7D")
	answer := `{"result":0,"msg":"手机号 +86 150-1234-5678 的客人 张三 已有订单","data":[]}`
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := &echoMask{explicit: []string{"张三", "15012345678", "late"}, body: form, extra: []string{"orders", "note"}}
		if got := m.String(answer); strings.Contains(got, "张三") {
			b.Fatal(got)
		}
	}
}
