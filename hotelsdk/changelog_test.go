package hotelsdk_test

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	// semver is the form of Version and of a versioned CHANGELOG entry.
	semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$`)
	// heading is a level-2 CHANGELOG heading: "## [Unreleased]" or
	// "## [X.Y.Z] - YYYY-MM-DD".
	heading = regexp.MustCompile(`^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$`)
	// linkDef is a link reference definition: "[name]: url".
	linkDef = regexp.MustCompile(`^\[([^\]]+)\]: (\S+)$`)
)

// changelogProblems checks text against the rules stated at the top of
// CHANGELOG.md and returns what is wrong: an [Unreleased] entry comes first,
// then the versioned entries newest first, each dated and linked, the newest
// one equal to version.
func changelogProblems(text, version string) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if !semver.MatchString(version) {
		fail("hotelsdk.Version %q is not a X.Y.Z version", version)
	}
	type entry struct{ name, date string }
	var entries []entry
	links := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "## ") {
			m := heading.FindStringSubmatch(line)
			if m == nil {
				fail("heading %q is neither [Unreleased] nor [X.Y.Z] - YYYY-MM-DD", line)
				continue
			}
			entries = append(entries, entry{m[1], m[2]})
		}
		if m := linkDef.FindStringSubmatch(line); m != nil {
			links[m[1]] = m[2]
		}
	}
	if len(entries) == 0 || entries[0] != (entry{name: "Unreleased"}) {
		fail("the first entry must be ## [Unreleased], without a date")
	}
	var versions []entry
	for _, e := range entries {
		if e.name != "Unreleased" {
			versions = append(versions, e)
		}
	}
	if len(entries)-len(versions) > 1 {
		fail("more than one [Unreleased] entry")
	}
	if len(versions) == 0 {
		return append(problems, "no versioned entry")
	}
	if versions[0].name != version {
		fail("the newest versioned entry is [%s], hotelsdk.Version is %q", versions[0].name, version)
	}
	var prev []int
	for _, e := range versions {
		m := semver.FindStringSubmatch(e.name)
		if m == nil {
			fail("entry [%s] is not a X.Y.Z version", e.name)
			continue
		}
		if e.date == "" {
			fail("entry [%s] has no date", e.name)
		}
		v := []int{atoi(m[1]), atoi(m[2]), atoi(m[3])}
		if prev != nil && compareVersions(v, prev) >= 0 {
			fail("entry [%s] is not older than the entry above it", e.name)
		}
		prev = v
	}
	for _, e := range entries {
		if links[e.name] == "" {
			fail("entry [%s] has no link reference at the end", e.name)
		}
	}
	if !strings.HasSuffix(links["Unreleased"], "/compare/v"+version+"...HEAD") {
		fail("the [Unreleased] link %q does not compare v%s...HEAD", links["Unreleased"], version)
	}
	return problems
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func compareVersions(a, b []int) int {
	for i := range a {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return 0
}

// TestChangelogMatchesVersion: the newest versioned entry of CHANGELOG.md is
// hotelsdk.Version, the version every client sends in its User-Agent, and
// [Unreleased] above it holds what landed since (issue 13 §4).
func TestChangelogMatchesVersion(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../CHANGELOG.md")
	require.NoError(t, err)
	assert.Empty(t, changelogProblems(string(b), hotelsdk.Version))
}

// The check finds each mistake it is there to catch.
func TestChangelogProblems(t *testing.T) {
	t.Parallel()
	const good = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- x\n\n## [0.2.0] - 2026-12-02\n\n## [0.1.0] - 2026-12-01\n\n" +
		"[Unreleased]: https://e/compare/v0.2.0...HEAD\n[0.2.0]: https://e/compare/v0.1.0...v0.2.0\n[0.1.0]: https://e/v0.1.0\n"
	require.Empty(t, changelogProblems(good, "0.2.0"))
	noUnreleased := strings.Replace(good, "## [Unreleased]\n", "", 1)
	for name, tc := range map[string]struct{ text, version string }{
		"version behind the changelog":   {good, "0.1.0"},
		"version ahead of the changelog": {good, "0.3.0"},
		"version not X.Y.Z":              {good, "v0.2.0"},
		"no Unreleased entry":            {noUnreleased, "0.2.0"},
		"Unreleased not first":           {strings.Replace(noUnreleased, "## [0.1.0]", "## [Unreleased]\n\n## [0.1.0]", 1), "0.2.0"},
		"two Unreleased entries":         {strings.Replace(good, "## [0.1.0]", "## [Unreleased]\n\n## [0.1.0]", 1), "0.2.0"},
		"undated entry":                  {strings.Replace(good, "## [0.2.0] - 2026-12-02", "## [0.2.0]", 1), "0.2.0"},
		"odd heading":                    {strings.Replace(good, "## [0.2.0] - 2026-12-02", "## 0.2.0 (2026-12-02)", 1), "0.2.0"},
		"entries out of order":           {strings.Replace(strings.Replace(good, "[0.1.0] - ", "[0.3.0] - ", 1), "[0.1.0]: ", "[0.3.0]: ", 1), "0.2.0"},
		"entry without a link":           {strings.Replace(good, "[0.2.0]: https://e/compare/v0.1.0...v0.2.0\n", "", 1), "0.2.0"},
		"stale Unreleased link":          {strings.Replace(good, "v0.2.0...HEAD", "v0.1.0...HEAD", 1), "0.2.0"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.NotEmpty(t, changelogProblems(tc.text, tc.version))
		})
	}
}
