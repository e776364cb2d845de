package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// spiSignedPart returns what follows the client secret in the string Douyin
// hashes for x-life-sign: "&k=v" for every query parameter except sign,
// sorted by name, with decoded values, then "&http_body=" and the raw body
// (nothing for a nil body). It mirrors the SDK's SignSPI, which a test
// checks.
func spiSignedPart(q url.Values, body []byte) string { return signedPart(q, body, true) }

// signedPart builds the signed part; skipSign false keeps a "sign" pair (a
// signer's mistake the hints look for).
func signedPart(q url.Values, body []byte, skipSign bool) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != querySign || !skipSign {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			b.WriteString("&" + k + "=" + v)
		}
	}
	if body != nil {
		b.WriteString("&http_body=")
		b.Write(body)
	}
	return b.String()
}

// bodyNote describes the bytes of a body that commonly break signatures.
func bodyNote(body []byte) string {
	var notes []string
	if n := len(body) - len(bytes.TrimRight(body, " \t\r\n")); n > 0 {
		notes = append(notes, fmt.Sprintf("ends with %d whitespace byte(s) (a newline?), which are signed too", n))
	}
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		notes = append(notes, "starts with a UTF-8 byte-order mark, which is signed too")
	}
	s := fmt.Sprintf("%d bytes", len(body))
	if len(notes) > 0 {
		s += "; " + strings.Join(notes, "; ")
	}
	return s
}

// signOutput is the -json output of douyin sign.
type signOutput struct {
	Method       string            `json:"method"`
	URL          string            `json:"url"`
	Headers      map[string]string `json:"headers"`
	Timestamp    int64             `json:"timestamp"`
	StringToSign string            `json:"string_to_sign"`
	Signature    string            `json:"signature"`
	BodyBytes    int               `json:"body_bytes"`
}

func (a *app) douyinSign(args []string) int {
	const cmd = "douyin sign"
	fs, jsonOut := a.newFlags(cmd)
	target := fs.String("url", "", "the SPI endpoint's full URL, e.g. https://hotel.example.com/douyin/poi/ext/hotel/order/commit (required)")
	key := fs.String("key", "", "client key (default $"+envDouyinClientKey+")")
	secretFlag := fs.String("secret", "", "client secret; \"-\" reads it from standard input (default $"+envDouyinClientSecret+")")
	file := fs.String("file", "", "file holding the raw JSON body, signed byte for byte; \"-\" for standard input")
	body := fs.String("body", "", "the raw JSON body (instead of -file)")
	ts := fs.Int64("timestamp", 0, "the timestamp to sign, milliseconds since the epoch (default now)")
	if code, done := a.parse(fs, args, cmd+" -url URL -key KEY -secret SECRET (-file FILE | -body JSON) [-timestamp MS] [-json]", `
Sign one SPI request exactly as Douyin does, to compare with what your server
computes: prints the request to send (URL with client_key and timestamp, the
x-life-clientkey and x-life-sign headers), the string to sign with the client
secret masked, the signature and a curl command.

x-life-sign = hex(sha256(client_secret + "&" + sorted "k=v" query pairs
except sign + "&http_body=" + raw body)).`); done {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	raw, code := a.bodyFlags(cmd, fs, *file, *body, true)
	if code != exitOK {
		return code
	}
	k, s, code := a.douyinCredentials(cmd, *key, *secretFlag)
	if code != exitOK {
		return code
	}
	u, err := parseHTTPURL(*target)
	if err != nil {
		return a.usageError(cmd, "-url: %v", err)
	}
	at := a.now()
	if *ts != 0 {
		at = time.UnixMilli(*ts)
	}
	req, err := newSignedSPIRequest(u.String(), k, s, raw, at)
	if err != nil {
		return a.usageError(cmd, "%v", err)
	}
	q := req.URL.Query()
	out := signOutput{
		Method: req.Method, URL: req.URL.String(),
		Headers: map[string]string{
			"Content-Type":  req.Header.Get("Content-Type"),
			headerClientKey: req.Header.Get(headerClientKey),
			headerSign:      req.Header.Get(headerSign),
		},
		Timestamp:    at.UnixMilli(),
		StringToSign: mask + spiSignedPart(q, raw),
		Signature:    req.Header.Get(headerSign),
		BodyBytes:    len(raw),
	}
	if *jsonOut {
		return a.writeJSON(out)
	}
	w := a.stdout
	fmt.Fprintf(w, "%s %s\n", out.Method, out.URL)
	for _, h := range []string{"Content-Type", headerClientKey, headerSign} {
		fmt.Fprintf(w, "%s: %s\n", h, out.Headers[h])
	}
	fmt.Fprintf(w, "\nstring to sign (client secret masked):\n%s\n", out.StringToSign)
	fmt.Fprintf(w, "\nbody: %s\n", bodyNote(raw))
	fmt.Fprintf(w, "x-life-sign = hex(sha256(string to sign)) = %s\n", out.Signature)
	fmt.Fprintf(w, "\nsend it with:\ncurl -sS -X POST %s -H %s -H %s -H %s --data-binary %s\n",
		shellQuote(out.URL), shellQuote("Content-Type: application/json"),
		shellQuote(headerClientKey+": "+out.Headers[headerClientKey]), shellQuote(headerSign+": "+out.Signature),
		curlData(*file, raw))
	return exitOK
}

// bodyFlags reads the body from -file or -body; required says whether one
// of them must be given.
func (a *app) bodyFlags(cmd string, fs *flag.FlagSet, file, body string, required bool) ([]byte, int) {
	bodySet := flagWasSet(fs, "body")
	switch {
	case file != "" && bodySet:
		return nil, a.usageError(cmd, "give -file or -body, not both")
	case file != "":
		b, err := a.readInput(file, "file")
		if err != nil {
			return nil, a.usageError(cmd, "%v", err)
		}
		return b, exitOK
	case bodySet:
		return []byte(body), exitOK
	case required:
		return nil, a.usageError(cmd, "the body is required: give -file FILE or -body JSON")
	}
	return nil, exitOK
}

// douyinCredentials resolves the client key and secret; both are required.
func (a *app) douyinCredentials(cmd, key, secretFlag string) (string, string, int) {
	if key == "" {
		key = a.getenv(envDouyinClientKey)
	}
	s, err := a.secret(secretFlag, "secret", envDouyinClientSecret)
	if err != nil {
		return "", "", a.usageError(cmd, "%v", err)
	}
	if key == "" || s == "" {
		return "", "", a.usageError(cmd, "the client key and secret are required: -key and -secret, or $%s and $%s",
			envDouyinClientKey, envDouyinClientSecret)
	}
	return key, s, exitOK
}

// parseHTTPURL accepts an absolute http or https URL.
func parseHTTPURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, fmt.Errorf("a URL is required")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("want an absolute http(s) URL")
	}
	if u.User != nil {
		return nil, fmt.Errorf("credentials in the URL are not supported")
	}
	return u, nil
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// curlData returns curl's --data-binary argument for the body.
func curlData(file string, body []byte) string {
	if file != "" && file != "-" {
		return shellQuote("@" + file)
	}
	return shellQuote(string(body))
}

// ---- verify ----

// check is one named check of douyin verify.
type check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// verifyOutput is the -json output of douyin verify.
type verifyOutput struct {
	OK     bool    `json:"ok"`
	Failed string  `json:"failed,omitempty"`
	Checks []check `json:"checks"`
	// StringToSign has the client secret masked.
	StringToSign string `json:"string_to_sign"`
	// Computed is the x-life-sign this request should carry.
	Computed string `json:"computed_signature"`
	// Hints name changes to the request under which the received
	// signature would verify, when one is found.
	Hints []string `json:"hints,omitempty"`
	// Notes are remarks on the input.
	Notes []string `json:"notes,omitempty"`
}

// receivedRequest is what douyin verify checks.
type receivedRequest struct {
	method, contentType string
	path                string
	query               url.Values
	headerKey, sign     string
	body                []byte
	fromDump            bool
	notes               []string
}

func (a *app) douyinVerify(args []string) int {
	const cmd = "douyin verify"
	fs, jsonOut := a.newFlags(cmd)
	dump := fs.String("request", "", "file holding the raw HTTP request as received (request line, headers, blank line, body); \"-\" for standard input")
	target := fs.String("url", "", "the request URL as received, with its query (instead of -request)")
	sign := fs.String("sign", "", "the x-life-sign header as received (instead of -request)")
	headerKey := fs.String("header-key", "", "the x-life-clientkey header as received, if any (instead of -request)")
	file := fs.String("file", "", "file holding the raw body as received (instead of -request); \"-\" for standard input")
	body := fs.String("body", "", "the raw body as received (instead of -file)")
	key := fs.String("key", "", "your client key (default $"+envDouyinClientKey+")")
	secretFlag := fs.String("secret", "", "your client secret; \"-\" reads it from standard input (default $"+envDouyinClientSecret+")")
	tolerance := fs.Duration("tolerance", 5*time.Minute, "how far the timestamp may lag behind now (the SDK handler's default); 0 skips the timestamp check (an old capture)")
	future := fs.Duration("future", 30*time.Second, "how far the timestamp may lead now (the SDK handler's default)")
	if code, done := a.parse(fs, args, cmd+" (-request FILE | -url URL -sign SIGN [-header-key KEY] (-file FILE | -body JSON)) -key KEY -secret SECRET [-tolerance D] [-future D] [-json]", `
Check one received SPI request the way the SDK's SPI handler does, and say
which check failed: the client key (x-life-clientkey header and client_key
query), the presence of x-life-sign, the timestamp window, and the signature.
On a signature mismatch it prints the string to sign (client secret masked),
the signature the request should carry, and what change to the request
would make the received signature verify (a trailing newline, a
re-serialised body, ...). Last, the request goes through the SDK's own SPI
handler (spi.Handler.ParseRequest) with your credentials, which also checks
the path, the content type and the body's shape.`); done {
		return code
	}
	if *future < 0 || *tolerance < 0 {
		return a.usageError(cmd, "-tolerance and -future must not be negative")
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	var rr receivedRequest
	if *dump != "" {
		if *target != "" || *sign != "" || *headerKey != "" || *file != "" || flagWasSet(fs, "body") {
			return a.usageError(cmd, "-request holds the whole request: do not combine it with -url, -sign, -header-key, -file or -body")
		}
		raw, err := a.readInput(*dump, "request")
		if err != nil {
			return a.usageError(cmd, "%v", err)
		}
		if rr, err = parseRequestDump(raw); err != nil {
			return a.usageError(cmd, "-request: %v", err)
		}
	} else {
		if *target == "" {
			return a.usageError(cmd, "give -request FILE, or -url with -sign and -file or -body")
		}
		u, err := url.Parse(*target)
		if err != nil {
			return a.usageError(cmd, "-url: not a URL")
		}
		raw, code := a.bodyFlags(cmd, fs, *file, *body, true)
		if code != exitOK {
			return code
		}
		rr = receivedRequest{method: "POST", contentType: "application/json", path: u.Path, query: u.Query(),
			headerKey: *headerKey, sign: *sign, body: raw}
	}
	k, s, code := a.douyinCredentials(cmd, *key, *secretFlag)
	if code != exitOK {
		return code
	}
	out := verifySPIRequest(rr, k, s, window{past: *tolerance, future: *future}, a.now())
	if *jsonOut {
		if c := a.writeJSON(out); c != exitOK {
			return c
		}
	} else {
		w := a.stdout
		for _, c := range out.Checks {
			status := "ok  "
			if !c.OK {
				status = "FAIL"
			}
			fmt.Fprintf(w, "%s  %-17s %s\n", status, c.Name, c.Detail)
		}
		fmt.Fprintf(w, "\nstring to sign (client secret masked):\n%s\n", out.StringToSign)
		fmt.Fprintf(w, "\nbody: %s\n", bodyNote(rr.body))
		fmt.Fprintf(w, "x-life-sign this request should carry: %s\n", out.Computed)
		for _, h := range out.Hints {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
		for _, n := range out.Notes {
			fmt.Fprintf(w, "note: %s\n", n)
		}
		if out.OK {
			fmt.Fprintln(w, "\nverdict: the request is signed correctly")
		} else {
			fmt.Fprintf(w, "\nverdict: FAILED at %s\n", out.Failed)
		}
	}
	if !out.OK {
		return exitFail
	}
	return exitOK
}

// verifySPIRequest runs the SPI handler's checks on rr, in its order.
func verifySPIRequest(rr receivedRequest, key, secret string, win window, now time.Time) verifyOutput {
	out := verifyOutput{Notes: rr.notes}
	add := func(name string, ok bool, format string, args ...any) {
		out.Checks = append(out.Checks, check{Name: name, OK: ok, Detail: fmt.Sprintf(format, args...)})
		if !ok && out.Failed == "" {
			out.Failed = name
		}
	}
	if rr.fromDump {
		add("method", rr.method == "POST", "%s (Douyin sends POST)", rr.method)
		mt := strings.TrimSpace(strings.ToLower(strings.SplitN(rr.contentType, ";", 2)[0]))
		add("content_type", mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/json",
			"%q (want application/json)", rr.contentType)
	}
	qk := rr.query.Get(queryClientKey)
	switch {
	case rr.headerKey == "" && qk == "":
		add("client_key", false, "neither the x-life-clientkey header nor the client_key query parameter is present")
	case rr.headerKey != "" && rr.headerKey != key:
		add("client_key", false, "the x-life-clientkey header %q is not your client key %q", rr.headerKey, key)
	case qk != "" && qk != key:
		add("client_key", false, "the client_key query parameter %q is not your client key %q", qk, key)
	default:
		add("client_key", true, "%q", key)
	}
	add("sign_present", rr.sign != "", "x-life-sign %s", map[bool]string{true: "present", false: "header missing"}[rr.sign != ""])
	switch ts := rr.query.Get(queryTimestamp); {
	case ts == "":
		add("timestamp", false, "the timestamp query parameter is missing")
	default:
		ms, err := strconv.ParseInt(ts, 10, 64)
		if err != nil {
			add("timestamp", false, "%q is not milliseconds since the epoch", ts)
			break
		}
		at := time.UnixMilli(ms)
		skew := now.Sub(at).Round(time.Millisecond)
		age := skew.String() + " old"
		if skew < 0 {
			age = (-skew).String() + " in the future"
		}
		switch {
		case win.past <= 0:
			add("timestamp", true, "%s (window not checked)", at.UTC().Format(time.RFC3339Nano))
		case skew > win.past || -skew > win.future:
			hint := ""
			if ms < 100_000_000_000 {
				hint = " (it looks like seconds: Douyin sends milliseconds)"
			}
			add("timestamp", false, "%s is %s, outside the window (%s)%s", at.UTC().Format(time.RFC3339Nano), age, win, hint)
		default:
			add("timestamp", true, "%s (%s, window %s)", at.UTC().Format(time.RFC3339Nano), age, win)
		}
	}
	out.StringToSign = mask + spiSignedPart(rr.query, rr.body)
	out.Computed = signSPI(secret, rr.query, rr.body)
	switch {
	case rr.sign == "":
		add("signature", false, "nothing to compare: x-life-sign is missing")
	case verifySPI(secret, rr.query, rr.body, rr.sign):
		add("signature", true, "x-life-sign matches")
	default:
		add("signature", false, "x-life-sign does not match the request under your client secret")
		out.Hints = signatureHints(rr, secret)
	}
	ok, detail := sdkHandlerCheck(rr, key, secret, win, now)
	add("sdk_handler", ok, "%s", detail)
	out.OK = out.Failed == ""
	return out
}

// window is the accepted distance of a call's timestamp from now.
type window struct{ past, future time.Duration }

func (w window) String() string { return fmt.Sprintf("%s old to %s ahead", w.past, w.future) }

// noService is the Service of the SDK handler that only parses requests.
type noService struct{}

func (noService) CommitOrder(context.Context, *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	return nil, errors.New("not served")
}

func (noService) NotifyPayment(context.Context, *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return nil, errors.New("not served")
}

func (noService) CancelOrder(context.Context, *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return nil, errors.New("not served")
}

// sdkHandlerCheck runs rr through the SDK's SPI handler (ParseRequest):
// what an integrator using the SDK would answer.
func sdkHandlerCheck(rr receivedRequest, key, secret string, win window, now time.Time) (bool, string) {
	if win.past <= 0 { // no window: accept any timestamp
		win = window{past: 100 * 365 * 24 * time.Hour, future: 100 * 365 * 24 * time.Hour}
	}
	h, err := spi.NewHandler(noService{}, spi.WithCredentials(key, secret), spi.WithClock(func() time.Time { return now }),
		spi.WithTimestampTolerance(win.past, win.future))
	if err != nil {
		return false, fmt.Sprintf("cannot build the SDK handler: %v", err)
	}
	path := rr.path
	if path == "" {
		path = "/"
	}
	r, err := http.NewRequest(rr.method, "http://sdk-check.invalid"+path+"?"+rr.query.Encode(), bytes.NewReader(rr.body))
	if err != nil {
		return false, fmt.Sprintf("cannot rebuild the request: %v", err)
	}
	r.Header.Set("Content-Type", rr.contentType)
	if rr.headerKey != "" {
		r.Header.Set(headerClientKey, rr.headerKey)
	}
	if rr.sign != "" {
		r.Header.Set(headerSign, rr.sign)
	}
	req, err := h.ParseRequest(r)
	if err != nil {
		return false, fmt.Sprintf("the SDK's SPI handler would reject it: %v", err)
	}
	return true, fmt.Sprintf("the SDK's SPI handler accepts it as %T", req)
}

// signatureHints tries the usual mistakes of a signer and names those under
// which the received signature verifies.
func signatureHints(rr receivedRequest, secret string) []string {
	var hints []string
	sign := strings.TrimSpace(rr.sign)
	if len(sign) != 64 || strings.Trim(strings.ToLower(sign), "0123456789abcdef") != "" {
		hints = append(hints, fmt.Sprintf("the received x-life-sign is not 64 hex digits (%d characters): it is not hex(sha256(...))", len(sign)))
		return hints
	}
	try := func(q url.Values, body []byte) bool { return verifySPI(secret, q, body, sign) }
	if t := bytes.TrimRight(rr.body, " \t\r\n"); len(t) != len(rr.body) && try(rr.query, t) {
		hints = append(hints, "it verifies over the body without its trailing whitespace: the signer and the sent body differ by a final newline")
	}
	if try(rr.query, nil) {
		hints = append(hints, "it verifies without the \"&http_body=\" part: the signer left the body out")
	}
	var compact bytes.Buffer
	trimmed := bytes.TrimRight(rr.body, " \t\r\n")
	if json.Compact(&compact, rr.body) == nil && !bytes.Equal(compact.Bytes(), rr.body) &&
		!bytes.Equal(compact.Bytes(), trimmed) && try(rr.query, compact.Bytes()) {
		hints = append(hints, "it verifies over the compacted JSON: the signer hashed a re-serialised body, not the raw bytes sent")
	}
	if rr.query.Has(querySign) {
		// The old-style sign parameter is never part of x-life-sign.
		if h := sha256Hex(secret + signedPart(rr.query, rr.body, false)); strings.EqualFold(h, sign) {
			hints = append(hints, "it verifies with the \"sign\" query parameter included: the signer must leave it out")
		}
	}
	if h := signEncodedValues(secret, rr.query, rr.body); strings.EqualFold(h, sign) {
		hints = append(hints, "it verifies over URL-encoded query values: the signer must use the decoded values")
	}
	if len(hints) == 0 {
		hints = append(hints, "no usual mistake explains it: check that both sides use the same client secret and the same raw body bytes")
	}
	return hints
}

// signEncodedValues signs the query with URL-encoded values.
func signEncodedValues(secret string, q url.Values, body []byte) string {
	enc := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			enc[k] = append(enc[k], url.QueryEscape(v))
		}
	}
	return sha256Hex(secret + spiSignedPart(enc, body))
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// parseRequestDump reads a raw HTTP/1.x request.
func parseRequestDump(raw []byte) (receivedRequest, error) {
	// Captures often use bare newlines; http.ReadRequest accepts them.
	br := bufio.NewReader(bytes.NewReader(raw))
	req, err := http.ReadRequest(br)
	if err != nil {
		return receivedRequest{}, fmt.Errorf("not an HTTP request: %v", err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return receivedRequest{}, fmt.Errorf("body: %v", err)
	}
	if body == nil {
		body = []byte{}
	}
	rest, _ := io.ReadAll(br)
	var notes []string
	switch {
	case req.Header.Get("Content-Length") == "" && len(req.TransferEncoding) == 0:
		// No Content-Length (a hand-made capture): the rest is the body.
		body = rest
	case len(bytes.TrimSpace(rest)) > 0:
		notes = append(notes, fmt.Sprintf("%d byte(s) after the Content-Length (%d) were ignored: the body is what Content-Length says", len(rest), req.ContentLength))
	}
	return receivedRequest{notes: notes,
		method: req.Method, contentType: req.Header.Get("Content-Type"), path: req.URL.Path, query: req.URL.Query(),
		headerKey: req.Header.Get(headerClientKey), sign: req.Header.Get(headerSign), body: body, fromDump: true,
	}, nil
}
