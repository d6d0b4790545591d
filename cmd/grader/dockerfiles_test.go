package main

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Docker is not installed where the tests run, so the Dockerfile and
// compose.yaml are checked against the code here: every configuration name
// they set is one the code reads (and the README documents), every command
// line they give the binary parses with its CLI, the build is of
// ./cmd/grader, and the parts the README promises are there.

const repoRoot = "../.."

// envName is a configuration variable of ours as it appears in any text.
var envName = regexp.MustCompile(`\b(?:GRADER|OPENAI)_[A-Z0-9_]*[A-Z0-9]\b`)

// codeEnvNames are the GRADER_* and OPENAI_* names in the code's string
// literals (test files aside), plus DATABASE_URL: the variables it reads.
func codeEnvNames(t *testing.T) map[string]bool {
	t.Helper()
	lit := regexp.MustCompile(`"((?:GRADER|OPENAI)_[A-Z0-9_]+|DATABASE_URL)"`)
	names := map[string]bool{}
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != repoRoot && (strings.HasPrefix(n, ".") || n == "node_modules" || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range lit.FindAllSubmatch(b, -1) {
			names[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, must := range []string{"DATABASE_URL", "GRADER_API_TOKEN", "GRADER_CHAT_MODEL", "GRADER_EMBED_MODEL", "OPENAI_BASE_URL", envRateLimit, envRateBurst} {
		if !names[must] {
			t.Fatalf("the scan of the code missed %s (found %v)", must, names)
		}
	}
	return names
}

// checkCLI fails unless args (after the binary) name a grader command whose
// flags and arguments parse.
func checkCLI(t *testing.T, where string, args []string) {
	t.Helper()
	a := &app{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	root := a.rootCommand()
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root {
		t.Errorf("%s: %q is no grader command (%v)", where, args, err)
		return
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%s: grader %q: %v", where, args, err)
		return
	}
	if cmd.Args != nil {
		if err := cmd.Args(cmd, cmd.Flags().Args()); err != nil {
			t.Errorf("%s: grader %q: %v", where, args, err)
		}
	}
}

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dockerInstructions are the Dockerfile's instructions, continuation lines
// joined and comments dropped: {"FROM", "golang:… AS build"}, ...
func dockerInstructions(text string) [][2]string {
	var out [][2]string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur.WriteString(strings.TrimSuffix(trimmed, `\`) + " ")
			continue
		}
		cur.WriteString(trimmed)
		inst, rest, _ := strings.Cut(cur.String(), " ")
		out = append(out, [2]string{strings.ToUpper(inst), strings.TrimSpace(rest)})
		cur.Reset()
	}
	return out
}

// execForm decodes a JSON-array (exec form) argument; ok is false for the shell form.
func execForm(s string) (args []string, ok bool) {
	return args, json.Unmarshal([]byte(s), &args) == nil
}

// ignored reports whether .dockerignore keeps path (relative to the
// context) out of the build context.
func ignored(patterns []string, path string) bool {
	for _, p := range patterns {
		p = strings.TrimPrefix(strings.TrimPrefix(p, "**/"), "/")
		parts := strings.Split(path, "/")
		for i := range parts {
			// A pattern names a file or a directory, and everything in it.
			if ok, _ := filepath.Match(p, strings.Join(parts[:i+1], "/")); ok {
				return true
			}
			if ok, _ := filepath.Match(p, parts[i]); ok && !strings.Contains(p, "/") {
				return true
			}
		}
	}
	return false
}

func TestDeployFilesMatchTheCode(t *testing.T) {
	code := codeEnvNames(t)
	readme := readRepoFile(t, "README.md")
	dockerfile := readRepoFile(t, "Dockerfile")
	composeText := readRepoFile(t, "compose.yaml")
	var patterns []string
	for _, l := range strings.Split(readRepoFile(t, ".dockerignore"), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			patterns = append(patterns, l)
		}
	}

	// Every name the deploy files set is one the code reads, and one the
	// README's Configuration table documents.
	for file, text := range map[string]string{"Dockerfile": dockerfile, "compose.yaml": composeText} {
		seen := map[string]bool{}
		for _, n := range envName.FindAllString(text, -1) {
			if seen[n] {
				continue
			}
			seen[n] = true
			if !code[n] {
				t.Errorf("%s names %s, which the code does not read", file, n)
			}
			if !strings.Contains(readme, "| `"+n+"`") && !strings.Contains(readme, ", `"+n+"`") {
				t.Errorf("%s names %s, which README's Configuration table does not document", file, n)
			}
		}
	}
	for n := range code {
		if !strings.Contains(readme, "`"+n+"`") {
			t.Logf("note: the code reads %s, which README does not mention", n)
		}
	}

	// The Dockerfile: a build stage making a static ./cmd/grader, a final
	// stage running it as a numeric non-root user, with a healthcheck the
	// binary answers itself (no shell in the image).
	var froms []string
	var binOut, binPath, user string
	var entry, cmdArgs, health []string
	for _, in := range dockerInstructions(dockerfile) {
		switch in[0] {
		case "FROM":
			froms = append(froms, in[1])
		case "RUN":
			if strings.Contains(in[1], "go build") {
				if !strings.Contains(in[1], "CGO_ENABLED=0") || !regexp.MustCompile(`go build .*\./cmd/grader\s*$`).MatchString(in[1]) {
					t.Errorf("the build is not a static build of ./cmd/grader: %s", in[1])
				}
				if m := regexp.MustCompile(`-o\s+(\S+)`).FindStringSubmatch(in[1]); m != nil {
					binOut = m[1]
				}
			}
		case "COPY":
			f := strings.Fields(in[1])
			if strings.HasPrefix(f[0], "--from=") {
				if f[1] == binOut {
					binPath = f[len(f)-1]
				}
				continue
			}
			for _, src := range f[:len(f)-1] {
				if strings.HasPrefix(src, "--") || src == "." {
					continue
				}
				if _, err := os.Stat(filepath.Join(repoRoot, src)); err != nil {
					t.Errorf("COPY %s: %v", src, err)
				}
				if ignored(patterns, src) {
					t.Errorf("COPY %s, which .dockerignore leaves out", src)
				}
			}
		case "USER":
			user = in[1]
		case "ENTRYPOINT":
			entry, _ = execForm(in[1])
		case "CMD":
			cmdArgs, _ = execForm(in[1])
		case "HEALTHCHECK":
			_, c, _ := strings.Cut(in[1], "CMD ")
			var ok bool
			if health, ok = execForm(strings.TrimSpace(c)); !ok {
				t.Errorf("HEALTHCHECK is not in exec form (the final image has no shell): %s", in[1])
			}
		}
	}
	if len(froms) < 2 || !strings.Contains(froms[0], " AS build") {
		t.Errorf("not a multi-stage build: FROM %q", froms)
	}
	if final := froms[len(froms)-1]; !strings.Contains(final, "distroless/static") {
		t.Errorf("final stage %q: want distroless/static (the reasons are in the Dockerfile)", final)
	}
	if binOut == "" || binPath == "" {
		t.Fatalf("the built binary (%q) is not copied into the final stage", binOut)
	}
	if !regexp.MustCompile(`^[1-9][0-9]*(:[0-9]+)?$`).MatchString(user) {
		t.Errorf("USER %q: want a numeric non-root uid", user)
	}
	if !slices.Equal(entry, []string{binPath}) {
		t.Errorf("ENTRYPOINT %q, want [%q]", entry, binPath)
	}
	checkCLI(t, "Dockerfile CMD", cmdArgs)
	if len(health) < 2 || health[0] != binPath {
		t.Errorf("HEALTHCHECK %q does not run %s", health, binPath)
	} else {
		checkCLI(t, "Dockerfile HEALTHCHECK", health[1:])
	}
	// Everything ./cmd/grader is built from is in the build context.
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root, _ := filepath.Abs(repoRoot)
	for _, dir := range strings.Fields(string(out)) {
		if rel, err := filepath.Rel(root, dir); err == nil && !strings.HasPrefix(rel, "..") && ignored(patterns, filepath.ToSlash(rel)) {
			t.Errorf(".dockerignore leaves out %s, which ./cmd/grader is built from", rel)
		}
	}
	for _, f := range []string{"go.mod", "go.sum", "cmd/grader/main.go", "web/ui", "sql/migrations"} {
		if ignored(patterns, f) {
			t.Errorf(".dockerignore leaves out %s", f)
		}
	}

	// compose.yaml.
	type service struct {
		Image       string         `yaml:"image"`
		Build       any            `yaml:"build"`
		Command     []string       `yaml:"command"`
		Entrypoint  []string       `yaml:"entrypoint"`
		Environment map[string]any `yaml:"environment"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
			Required  *bool  `yaml:"required"`
		} `yaml:"depends_on"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		Volumes  []string `yaml:"volumes"`
		Profiles []string `yaml:"profiles"`
	}
	var compose struct {
		Services map[string]service `yaml:"services"`
		Volumes  map[string]any     `yaml:"volumes"`
	}
	if err := yaml.Unmarshal([]byte(composeText), &compose); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	svc := compose.Services
	db, ok := svc["db"]
	if !ok || !regexp.MustCompile(`^pgvector/pgvector:0\.8\.\d+-pg1[78]$`).MatchString(db.Image) {
		t.Errorf("db: image %q, want the official pgvector/pgvector:0.8.x-pg17 (or pg18)", db.Image)
	}
	if db.Healthcheck == nil || len(db.Volumes) == 0 || !strings.HasPrefix(db.Volumes[0], "pgdata:") || compose.Volumes == nil {
		t.Errorf("db: want a named volume and a healthcheck: %+v", db)
	}
	for name, s := range svc {
		if s.Build != nil {
			if s.Build != "." {
				t.Errorf("%s: build %v, want . (the Dockerfile)", name, s.Build)
			}
			if len(s.Entrypoint) > 0 {
				t.Errorf("%s: an entrypoint over the grader image's: %q", name, s.Entrypoint)
			}
			checkCLI(t, "compose "+name+" command", s.Command)
			if s.Healthcheck != nil {
				if h := s.Healthcheck.Test; len(h) < 3 || h[0] != "CMD" || h[1] != binPath {
					t.Errorf("%s: healthcheck %q does not run %s (no shell in the image)", name, h, binPath)
				} else {
					checkCLI(t, "compose "+name+" healthcheck", h[2:])
				}
			}
		}
		for dep := range s.DependsOn {
			ds, ok := svc[dep]
			if !ok {
				t.Errorf("%s depends on %s, which is not a service", name, dep)
				continue
			}
			// Compose refuses a project where an enabled service depends on one
			// its profiles leave out.
			if len(ds.Profiles) > 0 && !slices.ContainsFunc(s.Profiles, func(p string) bool { return slices.Contains(ds.Profiles, p) }) {
				t.Errorf("%s depends on %s, which only profiles %v enable", name, dep, ds.Profiles)
			}
		}
	}
	g, m := svc["grader"], svc["migrate"]
	if g.DependsOn["db"].Condition != "service_healthy" || g.DependsOn["migrate"].Condition != "service_completed_successfully" {
		t.Errorf("grader must start after db is healthy and migrate has exited 0: %+v", g.DependsOn)
	}
	if len(m.Command) == 0 || m.Command[0] != "migrate" || m.DependsOn["db"].Condition != "service_healthy" {
		t.Errorf("migrate: %+v", m)
	}
	for _, k := range []string{"DATABASE_URL", "GRADER_API_TOKEN", envRateLimit, envRateBurst, "GRADER_TRUSTED_PROXIES"} {
		if _, ok := g.Environment[k]; !ok {
			t.Errorf("grader's environment lacks %s", k)
		}
	}
	for k, v := range g.Environment {
		// a name passed through from the host is passed under its own name
		if s, ok := v.(string); ok && strings.HasPrefix(s, "${") && k != "DATABASE_URL" && !strings.HasPrefix(s, "${"+k) {
			t.Errorf("grader: %s is set from %s", k, s)
		}
	}
	var pull []string
	for name, s := range svc {
		if slices.Contains(s.Profiles, "ollama") && strings.Contains(strings.Join(s.Command, " "), "ollama pull") {
			pull = append(pull, name)
		}
	}
	if len(pull) != 1 || !slices.ContainsFunc(compose.Services["ollama"].Profiles, func(p string) bool { return p == "ollama" }) {
		t.Errorf("the ollama profile: want an ollama service and one service pulling the models, got %v", pull)
	}
}
