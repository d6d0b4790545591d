package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"grader/internal/testdb"
)

// chatServer answers the question-writing prompt in the OpenAI chat wire
// format: for every item it sends back a question naming the item's heading.
func chatServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Model    string `json:"model"`
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		if r.URL.Path != "/v1/chat/completions" || json.NewDecoder(r.Body).Decode(&req) != nil || len(req.Messages) == 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		type item struct {
			ID       string `json:"id"`
			Question string `json:"question"`
		}
		var items []item
		var id string
		for _, line := range strings.Split(req.Messages[len(req.Messages)-1].Content, "\n") {
			if v, ok := strings.CutPrefix(line, "id: "); ok {
				id = v
			}
			if v, ok := strings.CutPrefix(line, "heading: "); ok {
				parts := strings.Split(v, " > ")
				items = append(items, item{id, "면접에서 묻자면, " + parts[len(parts)-1] + "의 역할은 무엇인가요?"})
			}
		}
		content, _ := json.Marshal(map[string]any{"questions": items})
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1_790_000_000, "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": string(content)}}},
			"usage": map[string]any{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestQuestionsCommand(t *testing.T) {
	notesDir, _ := filepath.Abs("../../samples/notes")
	coll := testdb.Collection(t, "cli-questions")
	env := dbEnv(t)
	if code, _, stderr := runCLI(t, env, "ingest", "--collection", coll, notesDir); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	cases := []struct {
		name   string
		env    map[string]string
		source string
	}{
		{"offline templates", env, "template"},
		{"written by the chat model", map[string]string{"DATABASE_URL": env["DATABASE_URL"], "GRADER_CHAT_MODEL": "test-model",
			"OPENAI_BASE_URL": chatServer(t).URL + "/v1", "OPENAI_API_KEY": "k"}, "llm"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, c.env, "questions", "--collection", coll, "--json")
			if code != 0 {
				t.Fatalf("questions: %d %s", code, stderr)
			}
			var out struct {
				Questions []struct {
					Topic, Question, Note, Source string
					HeadingPath                   []string `json:"heading_path"`
				} `json:"questions"`
			}
			if err := json.Unmarshal([]byte(stdout), &out); err != nil || len(out.Questions) < 10 {
				t.Fatalf("questions --json = %q (%v)", stdout, err)
			}
			for _, q := range out.Questions {
				if q.Source != c.source || q.Note == "" || len(q.HeadingPath) == 0 {
					t.Fatalf("question %+v, want source %s with its note and heading", q, c.source)
				}
				if c.source == "llm" && !strings.Contains(q.Question, q.HeadingPath[len(q.HeadingPath)-1]) {
					t.Errorf("written question %q does not name its heading", q.Question)
				}
			}
			code, stdout, _ = runCLI(t, c.env, "questions", "--collection", coll, "--topic", out.Questions[0].Topic)
			if code != 0 || !strings.Contains(stdout, out.Questions[0].Question) {
				t.Errorf("questions --topic %q printed %q", out.Questions[0].Topic, stdout)
			}
		})
	}
}
