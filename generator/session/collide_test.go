package session_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/session"
)

// The preview keeps to the same rule as the build: a cable left out for
// another's page comes in when that one moves to another month, and goes
// again when it comes back; the served site equals a build after each
// step.
func TestSessionPageClash(t *testing.T) {
	cables := testCables(20)
	first := cableMD{id: "a/b", date: "2007-02-03T10:00:00Z", subject: "THE FIRST", origin: "Embassy Paris", class: "SECRET", tags: []string{"PGOV"}}
	second := cableMD{id: "a_b-3a8e75c1", date: "2007-02-04T10:00:00Z", subject: "THE SECOND", origin: "Embassy Paris", class: "SECRET", tags: []string{"PGOV"}}
	const a, b = "cables/2007/02/a.md", "cables/2007/02/b.md"
	cables[a], cables[b] = first, second
	content := contentFS(cables)
	s, out := newSession(t, content, loadTemplates(t))
	sameSite(t, "first build", out.files, fullBuild(t, content, nil))
	clash := `cables/2007/02/b.md:4: id "a_b-3a8e75c1" has the page cable/2007/02/a_b-3a8e75c1.html of id "a/b"`
	for _, st := range []struct {
		name, date string
		problem    string
	}{
		{"the first moves away", "2007-05-01T10:00:00Z", ""},
		{"the first comes back", "2007-02-01T10:00:00Z", clash},
		{"the first moves within its month", "2007-02-09T10:00:00Z", clash},
		{"the first moves away again", "2007-04-01T10:00:00Z", ""},
		{"the second's month", "2007-02-04T10:00:00Z", clash},
	} {
		c := cables[a]
		c.date = st.date
		content[a] = &fstest.MapFile{Data: []byte(c.String()), Mode: 0o644}
		rep, err := s.Update(context.Background(), session.Change{Paths: []string{a}})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := strings.Join(rep.Problems, "\n"); st.problem == "" && got != "" || !strings.Contains(got, st.problem) {
			t.Errorf("%s: problems %q, want %q", st.name, got, st.problem)
		}
		settle(t, s, out)
		out.reset()
		sameSite(t, st.name, out.files, fullBuild(t, content, nil))
	}
}
