package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// tokenOutput is the -json output of douyin token. The token itself is
// masked.
type tokenOutput struct {
	BaseURL     string    `json:"base_url"`
	AccessToken string    `json:"access_token"`
	TokenLength int       `json:"token_length"`
	ExpiresIn   int64     `json:"expires_in"`
	ExpiresAt   time.Time `json:"expires_at"`
	RequestID   string    `json:"request_id,omitempty"`
}

func (a *app) douyinToken(args []string) int {
	const cmd = "douyin token"
	fs, jsonOut := a.newFlags(cmd)
	base := fs.String("url", "", "the Open Platform's base URL, e.g. a sandbox's http://127.0.0.1:8081 (default $"+envDouyinBaseURL+", else "+douyinProductionURL+")")
	openSandbox := fs.Bool("open-sandbox", false, "use Douyin's own sandbox host "+douyinOpenSandboxURL)
	key := fs.String("key", "", "client key (default $"+envDouyinClientKey+")")
	secretFlag := fs.String("secret", "", "client secret; \"-\" reads it from standard input (default $"+envDouyinClientSecret+")")
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long")
	if code, done := a.parse(fs, args, cmd+" [-url URL | -open-sandbox] -key KEY -secret SECRET [-json]", `
Fetch a client token (POST /oauth/client_token/, grant_type client_credential)
and show when it expires. The token is masked: this checks credentials and
reachability, it does not hand out tokens. Every fetch makes Douyin retire
older tokens after five minutes, so do not run it in a loop against
production.`); done {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	if *timeout <= 0 {
		return a.usageError(cmd, "-timeout must be positive")
	}
	baseURL := *base
	switch {
	case baseURL != "" && *openSandbox:
		return a.usageError(cmd, "give -url or -open-sandbox, not both")
	case *openSandbox:
		baseURL = douyinOpenSandboxURL
	case baseURL == "":
		baseURL = a.getenv(envDouyinBaseURL)
	}
	if baseURL == "" {
		baseURL = douyinProductionURL
	}
	if _, err := parseHTTPURL(baseURL); err != nil {
		return a.usageError(cmd, "-url: %v", err)
	}
	k, s, code := a.douyinCredentials(cmd, *key, *secretFlag)
	if code != exitOK {
		return code
	}
	ctx, cancel := context.WithTimeout(a.ctx, *timeout)
	defer cancel()
	start := a.now()
	tok, err := fetchClientToken(ctx, strings.TrimRight(baseURL, "/"), k, s, &http.Client{Timeout: *timeout})
	if err != nil {
		// SDK errors never carry the secret; the token is not known yet.
		return a.fail(cmd, err)
	}
	out := tokenOutput{
		BaseURL: baseURL, AccessToken: maskToken(tok.AccessToken), TokenLength: len(tok.AccessToken),
		ExpiresIn: int64(tok.ExpiresIn / time.Second), ExpiresAt: start.Add(tok.ExpiresIn).UTC().Truncate(time.Second),
		RequestID: tok.RequestID,
	}
	if *jsonOut {
		return a.writeJSON(out)
	}
	fmt.Fprintf(a.stdout, "client token from %s\n", out.BaseURL)
	fmt.Fprintf(a.stdout, "access token: %s (masked, %d characters)\n", out.AccessToken, out.TokenLength)
	fmt.Fprintf(a.stdout, "expires in:   %s (at %s)\n", tok.ExpiresIn, out.ExpiresAt.Format(time.RFC3339))
	if out.RequestID != "" {
		fmt.Fprintf(a.stdout, "logid:        %s\n", out.RequestID)
	}
	return exitOK
}
