package grader

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// reNamedParticle finds a Latin or numeric name followed by a particle the
// service chose for it ("ALB와", "Ansible은", "etcd는").
var reNamedParticle = regexp.MustCompile(`([A-Za-z0-9][A-Za-z0-9./\-]*)(은|는|이|가|을|를|와|과|으로|로)(?:\s|[,.?]|$)`)

// particleErrors lists the particles in s that do not agree with the Latin
// or numeric word before them, as josa reads it.
func particleErrors(s string) []string {
	var out []string
	for _, m := range reNamedParticle.FindAllStringSubmatch(s, -1) {
		word, p := m[1], m[2]
		pairs := map[string][2]string{"은": {"은", "는"}, "는": {"은", "는"}, "이": {"이", "가"}, "가": {"이", "가"},
			"을": {"을", "를"}, "를": {"을", "를"}, "와": {"과", "와"}, "과": {"과", "와"}, "으로": {"으로", "로"}, "로": {"으로", "로"}}
		pr := pairs[p]
		if want := josa(word, pr[0], pr[1]); want != p {
			out = append(out, word+p+" (want "+word+want+")")
		}
	}
	return out
}

func TestParticleErrors(t *testing.T) {
	if got := particleErrors("Ansible와 Terraform은 어떻게 다른가요? ALB와 NLB는요? etcd은?"); len(got) != 2 {
		t.Errorf("particleErrors found %q, want Ansible와 and etcd은", got)
	}
}

// Follow-ups over the development set, read as an interviewer would: each
// a question, in the answer's language, its particles agreeing with the
// names before them, none repeated, none the old template that glued two
// nouns from a sentence ("X에서 A와 B는 어떤 관계인가요?").
func TestFollowupsReadAsQuestions(t *testing.T) {
	items, _ := readDevSet(t, "devset.jsonl")
	total := 0
	for _, it := range items {
		for _, answer := range []string{it.Thin, it.Wrong} {
			gr := judgeOnSeeds(t, it.Question, answer)
			seen := map[string]bool{}
			if n := len(gr.Followups); n > maxFollowups || n < 2 {
				t.Errorf("%s: %d follow-ups, want 2 or 3: %q", it.ID, n, gr.Followups)
			}
			for _, f := range gr.Followups {
				total++
				if seen[f] {
					t.Errorf("%s: follow-up repeated: %q", it.ID, f)
				}
				seen[f] = true
				if !strings.HasSuffix(strings.TrimSpace(f), "?") {
					t.Errorf("%s: not a question: %q", it.ID, f)
				}
				if strings.Contains(f, "어떤 관계인가요") || strings.Contains(f, "관계를 설명해") {
					t.Errorf("%s: the glued-noun template: %q", it.ID, f)
				}
				if errs := particleErrors(f); len(errs) > 0 {
					t.Errorf("%s: particles disagree in %q: %v", it.ID, f, errs)
				}
				if gr.Language == "ko" && !strings.ContainsFunc(f, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
					t.Errorf("%s: a Korean answer got an English follow-up %q", it.ID, f)
				}
			}
			for _, p := range gr.Points {
				if p.Status == Incorrect && (len(gr.Followups) == 0 || !strings.Contains(gr.Followups[0], "노트에는")) {
					t.Errorf("%s: a wrong fact is not asked back first: %q", it.ID, gr.Followups)
					break
				}
			}
		}
	}
	if total < len(items) {
		t.Errorf("%d follow-ups for %d questions' thin and wrong answers", total, len(items))
	}
}

// A follow-up already asked in the practice thread is not offered again,
// however it was retyped.
func TestNotAsked(t *testing.T) {
	fs := []string{"NLB의 보안 그룹에 대해서도 설명해 주시겠어요?", "ALB와 NLB는 어떻게 다르고, 어떤 상황에서 어느 쪽을 고르시겠어요?", "ALB의 단점이나 한계는 무엇이라고 보시나요?"}
	got := notAsked(fs, []string{"ALB와 NLB는 어떻게 다르고 어떤 상황에서 어느 쪽을 고르시겠어요", "nlb의 보안 그룹에 대해서도 설명해 주시겠어요?"})
	if len(got) != 1 || got[0] != fs[2] {
		t.Errorf("notAsked = %q, want only %q", got, fs[2])
	}
	if got := notAsked(nil, nil); got == nil || len(got) != 0 {
		t.Errorf("notAsked(nil) = %#v, want an empty list (JSON [])", got)
	}
}

func TestValidateAsked(t *testing.T) {
	ok := Request{Question: "q", Answer: "a", Asked: []string{"이전 질문"}}
	if _, err := Validate(ok); err != nil {
		t.Errorf("Validate(%+v) = %v", ok, err)
	}
	for _, r := range []Request{{Question: "q\x00", Answer: "a"}, {Question: "q", Answer: "a\x00b"}} {
		if _, err := Validate(r); err == nil || !strings.Contains(err.Error(), "NUL") {
			t.Errorf("Validate(%q, %q) = %v, want an error naming NUL", r.Question, r.Answer, err)
		}
	}
	bad := Request{Question: "q", Answer: "a", Asked: []string{"ok", strings.Repeat("가", MaxQuestionRunes+1)}}
	if _, err := Validate(bad); err == nil || !strings.Contains(err.Error(), "asked[1]") {
		t.Errorf("Validate with an over-long asked question = %v, want an error naming asked[1]", err)
	}
}

func TestAsAsked(t *testing.T) {
	for _, c := range []struct{ topic, question, want string }{
		{"AWS Labmda", "Lambda는 어떤 서비스인가요?", "AWS Lambda"},
		{"kube-apiverver", "kube-apiserver는 무슨 일을 하나요?", "kube-apiserver"},
		{"NLB", "ALB와 NLB는?", "NLB"},
		{"Terraform", "Ansible은 어떻게 쓰셨어요?", "Terraform"}, // far apart: another thing
	} {
		if got := asAsked(c.topic, c.question); got != c.want {
			t.Errorf("asAsked(%q, %q) = %q, want %q", c.topic, c.question, got, c.want)
		}
	}
}

func TestStepName(t *testing.T) {
	for _, c := range []struct{ step, want string }{
		{"kubectl ", "kubectl"},
		{" Ansible ", "Ansible"},
		{" Terraform 배포", "Terraform 배포"},
		// an arrow inside a sentence is no chain of steps
		{"퍼블릭 서브넷: 라우팅 테이블에 인터넷 게이트웨이로 가는 경로(0.0.0.0/0 ", ""},
		{" IGW)가 있다.", ""},
	} {
		if got := stepName(c.step); got != c.want {
			t.Errorf("stepName(%q) = %q, want %q", c.step, got, c.want)
		}
	}
}
