package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsageAndExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{nil, exitUsage, "", "Usage:"},
		{[]string{"-h"}, exitOK, "hotelsdk sandbox [flags]", ""},
		{[]string{"help"}, exitOK, "Exit codes: 0 success", ""},
		{[]string{"help", "douyin", "sign"}, exitOK, "Usage: hotelsdk douyin sign", ""},
		{[]string{"nope"}, exitUsage, "", `unknown command "nope"`},
		{[]string{"douyin"}, exitUsage, "", "spi call OP"},
		{[]string{"douyin", "-h"}, exitOK, "spi call OP", ""},
		{[]string{"douyin", "nope"}, exitUsage, "", `unknown command "nope"`},
		{[]string{"douyin", "spi"}, exitUsage, "", "douyin spi call commit|status|cancel"},
		{[]string{"douyin", "spi", "call", "-h"}, exitOK, "-redeliver", ""},
		{[]string{"douyin", "verify", "-h"}, exitOK, "-tolerance", ""},
		{[]string{"douyin", "token", "-h"}, exitOK, "-open-sandbox", ""},
		{[]string{"invoice"}, exitUsage, "", "sign"},
		{[]string{"invoice", "sign", "-h"}, exitOK, "-sign-type", ""},
		{[]string{"sandbox", "-h"}, exitOK, "POST   /_admin/faults", ""},
		{[]string{"sandbox", "env", "-h"}, exitOK, "eval", ""},
		{[]string{"douyin", "sign", "-nope"}, exitUsage, "", "flag provided but not defined: -nope"},
		{[]string{"version", "extra"}, exitOK, "hotelsdk-go " + sdkVersion, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := cmd(t, tc.args...)
			assert.Equal(t, tc.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stdout, tc.stdout)
			assert.Contains(t, r.stderr, tc.stderr)
			if tc.code == exitOK {
				assert.Empty(t, r.stderr)
			}
		})
	}
}

func TestHelpDocumentsExitCodesAndEnvironment(t *testing.T) {
	for _, args := range [][]string{{"douyin", "sign", "-h"}, {"douyin", "spi", "call", "-h"}, {"sandbox", "-h"}, {"invoice", "sign", "-h"}} {
		r := cmd(t, args...)
		assert.Contains(t, r.stdout, "Exit codes: 0 success; 1 failure", args)
	}
	r := cmd(t, "douyin", "sign", "-h")
	assert.Contains(t, r.stdout, envDouyinClientSecret)
	assert.Contains(t, r.stdout, `"-" reads it from standard input`)
}

func TestRunAndVersionJSON(t *testing.T) {
	var out, errOut syncBuffer
	code := run([]string{"version", "-json"}, strings.NewReader(""), &out, &errOut)
	require.Equal(t, exitOK, code, errOut.String())
	var v map[string]string
	require.NoError(t, json.Unmarshal([]byte(out.String()), &v))
	assert.Equal(t, map[string]string{"version": sdkVersion}, v)
}
