package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/invoice"
)

// invoiceSignOutput is the -json output of invoice sign. Secrets are masked.
type invoiceSignOutput struct {
	// StringToSign is stringSignTemp with the app secret (and an access
	// secret) masked.
	StringToSign string `json:"string_to_sign"`
	SignType     string `json:"sign_type"`
	SignedParams string `json:"signed_params"`
	Sign         string `json:"sign"`
	// Params are the authentication parameters to put in the body, the
	// access secret masked.
	Params map[string]string `json:"params"`
	// Received and Match are set when checking a body (-file).
	Received string `json:"received_sign,omitempty"`
	Match    *bool  `json:"match,omitempty"`
}

func (a *app) invoiceSign(args []string) int {
	const cmd = "invoice sign"
	fs, jsonOut := a.newFlags(cmd)
	appID := fs.String("app-id", "", "appId (default $"+envInvoiceAppID+")")
	secretFlag := fs.String("secret", "", "app secret; \"-\" reads it from standard input (default $"+envInvoiceAppSecret+")")
	userID := fs.String("user-id", "", "identity: userId")
	userNo := fs.String("user-no", "", "identity: userNo")
	accessKey := fs.String("access-key", "", "identity: accessKey (with -access-secret)")
	accessSecretFlag := fs.String("access-secret", "", "identity: accessSecret; \"-\" reads it from standard input (default $"+envInvoiceAccessSecret+" when -access-key is given)")
	nonce := fs.String("nonce", "", "nonceStr (default: 32 random hex digits)")
	ts := fs.String("timestamp", "", "timestamp, milliseconds since the epoch (default now)")
	signType := fs.String("sign-type", string(invoice.SignMD5), "signType: MD5, SHA1 or SHA256")
	signed := fs.String("signed-params", "all", "which parameters are signed: all (every non-empty auth parameter, the SDK's default) or core (appId, nonceStr, signType, timestamp)")
	file := fs.String("file", "", "check a request body instead: read its auth parameters and sign from this JSON file (\"-\" for standard input)")
	if code, done := a.parse(fs, args, cmd+" -app-id ID -secret SECRET [identity] [-sign-type T] [-json] | -file BODY.json -secret SECRET", `
Compute the invoice API's signature (开票助手): the signed authentication
parameters sorted by name and joined as k=v&k=v, then "&key=" and the app
secret, hashed with MD5, SHA1 or SHA256, in upper-case hex. Prints the string
to sign with the secret masked, the sign and the parameters to put in the
body. With -file it checks the sign of a request body instead (exit 1 when it
does not match). Business fields are never signed.`); done {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	var set invoice.SignedParams
	switch *signed {
	case "all":
		set = invoice.SignAllAuthParams
	case "core":
		set = invoice.SignCoreParams
	default:
		return a.usageError(cmd, "-signed-params: want all or core, got %q", *signed)
	}
	var p invoice.AuthParams
	checking := *file != ""
	if checking {
		for _, name := range []string{"app-id", "user-id", "user-no", "access-key", "access-secret", "nonce", "timestamp", "sign-type"} {
			if flagWasSet(fs, name) {
				return a.usageError(cmd, "-file takes the parameters from the body: do not combine it with -%s", name)
			}
		}
		raw, err := a.readInput(*file, "file")
		if err != nil {
			return a.usageError(cmd, "%v", err)
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return a.usageError(cmd, "-file: not a JSON object with the auth parameters: %v", jsonErrorText(err))
		}
		if p.Sign == "" {
			return a.usageError(cmd, "-file: the body has no sign")
		}
	} else {
		p = invoice.AuthParams{AppID: *appID, UserID: *userID, UserNo: *userNo, AccessKey: *accessKey,
			NonceStr: *nonce, Timestamp: *ts, SignType: invoice.SignType(strings.ToUpper(*signType))}
		if p.AppID == "" {
			p.AppID = a.getenv(envInvoiceAppID)
		}
		if p.AccessKey != "" || *accessSecretFlag != "" {
			s, err := a.secret(*accessSecretFlag, "access-secret", envInvoiceAccessSecret)
			if err != nil {
				return a.usageError(cmd, "%v", err)
			}
			p.AccessSecret = s
		}
		if p.NonceStr == "" {
			n, err := invoice.RandomNonce()
			if err != nil {
				return a.fail(cmd, err)
			}
			p.NonceStr = n
		}
		if p.Timestamp == "" {
			p.Timestamp = strconv.FormatInt(a.now().UnixMilli(), 10)
		}
	}
	if p.AppID == "" {
		return a.usageError(cmd, "appId is required (-app-id or $%s)", envInvoiceAppID)
	}
	if !p.SignType.Valid() {
		return a.usageError(cmd, "signType %q: want MD5, SHA1 or SHA256", string(p.SignType))
	}
	if (p.AccessKey == "") != (p.AccessSecret == "") {
		return a.usageError(cmd, "accessKey and accessSecret go together")
	}
	appSecret, err := a.secret(*secretFlag, "secret", envInvoiceAppSecret)
	if err != nil {
		return a.usageError(cmd, "%v", err)
	}
	if appSecret == "" {
		return a.usageError(cmd, "the app secret is required (-secret or $%s)", envInvoiceAppSecret)
	}
	masked, err := maskedInvoiceStringToSign(p, set, appSecret)
	if err != nil {
		return a.fail(cmd, err)
	}
	sign, err := p.ComputeSign(set, appSecret)
	if err != nil {
		return a.usageError(cmd, "%v", err)
	}
	out := invoiceSignOutput{StringToSign: masked, SignType: string(p.SignType), SignedParams: *signed, Sign: sign}
	if checking {
		match := p.VerifySign(set, appSecret)
		out.Received, out.Match = p.Sign, &match
	}
	p.Sign = sign
	out.Params = invoiceParams(p)
	if *jsonOut {
		if c := a.writeJSON(out); c != exitOK {
			return c
		}
	} else {
		w := a.stdout
		fmt.Fprintf(w, "string to sign (secrets masked):\n%s\n\n", out.StringToSign)
		fmt.Fprintf(w, "sign = upper(hex(%s(string to sign))) = %s\n", out.SignType, out.Sign)
		if checking {
			fmt.Fprintf(w, "sign in the body:                  %s\n", out.Received)
			if *out.Match {
				fmt.Fprintln(w, "\nverdict: the body's sign matches")
			} else {
				fmt.Fprintln(w, "\nverdict: MISMATCH: the body's sign is not the sign of its parameters under this app secret and -signed-params "+*signed)
			}
		} else {
			params, _ := json.Marshal(out.Params)
			fmt.Fprintf(w, "\nauth parameters for the body:\n%s\n", params)
		}
	}
	if out.Match != nil && !*out.Match {
		return exitFail
	}
	return exitOK
}

// invoicePairs returns the signed pairs, sorted, as the SDK signs them.
func invoicePairs(p invoice.AuthParams, set invoice.SignedParams) [][2]string {
	all := [][2]string{{"appId", p.AppID}, {"nonceStr", p.NonceStr}, {"signType", string(p.SignType)}, {"timestamp", p.Timestamp}}
	if set == invoice.SignAllAuthParams {
		all = append(all, [][2]string{{"userId", p.UserID}, {"userNo", p.UserNo}, {"accessKey", p.AccessKey}, {"accessSecret", p.AccessSecret}}...)
	}
	var out [][2]string
	for _, kv := range all {
		if kv[1] != "" {
			out = append(out, kv)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// maskedInvoiceStringToSign returns the SDK's stringSignTemp with the app
// secret and the access secret masked. It rebuilds the string pair by pair
// and checks it against the SDK's, so what is shown is what is hashed.
func maskedInvoiceStringToSign(p invoice.AuthParams, set invoice.SignedParams, appSecret string) (string, error) {
	var plain, masked strings.Builder
	for _, kv := range invoicePairs(p, set) {
		plain.WriteString(kv[0] + "=" + kv[1] + "&")
		v := kv[1]
		if kv[0] == "accessSecret" {
			v = mask
		}
		masked.WriteString(kv[0] + "=" + v + "&")
	}
	plain.WriteString("key=" + appSecret)
	masked.WriteString("key=" + mask)
	if plain.String() != p.StringToSign(set, appSecret) {
		return "", errors.New("internal error: the shown string to sign is out of step with the SDK's")
	}
	return masked.String(), nil
}

// invoiceParams lists the non-empty auth parameters, accessSecret masked.
func invoiceParams(p invoice.AuthParams) map[string]string {
	m := map[string]string{"appId": p.AppID, "nonceStr": p.NonceStr, "timestamp": p.Timestamp,
		"signType": string(p.SignType), "sign": p.Sign}
	for k, v := range map[string]string{"userId": p.UserID, "userNo": p.UserNo, "accessKey": p.AccessKey} {
		if v != "" {
			m[k] = v
		}
	}
	if p.AccessSecret != "" {
		m["accessSecret"] = mask
	}
	return m
}

// jsonErrorText describes a JSON error without quoting the input.
func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %s: want %s", te.Field, te.Type)
	}
	return "invalid JSON"
}
