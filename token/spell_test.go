package token

import (
	"strings"
	"testing"
)

// What a reader who knows the field would write for a name the notes
// misspell, and the words that only look like a slip of a name.
func TestSpell(t *testing.T) {
	custom, err := ParseGlossary(strings.NewReader("zipkin: 집킨\nalpha: alpha-one, alpha-ono\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		g    *Glossary
		in   string
		want string
	}{
		{"two letters swapped", DefaultGlossary(), "AWS Labmda", "AWS Lambda"},
		{"swapped in a tool's name", DefaultGlossary(), "Promethues 모니터링", "Prometheus 모니터링"},
		{"one letter in a joined name", DefaultGlossary(), "kube-schedular", "kube-scheduler"},
		{"one letter in a name capitalised inside", DefaultGlossary(), "CloudFrnot 배포", "CloudFront 배포"},
		{"the listed case wins", DefaultGlossary(), "KUBERENTES", "Kubernetes"},
		{"no glossary: the names list", nil, "Ansbile 플레이북", "Ansible 플레이북"},
		{"a glossary term, in the word's case", custom, "Zipkni", "Zipkin"},
		{"near two names: left as written", custom, "alpha-onx", "alpha-onx"},
		{"a known name stays", DefaultGlossary(), "kube-apiserver, Jenkins, GitOps", "kube-apiserver, Jenkins, GitOps"},
		{"short names are other names", DefaultGlossary(), "NLB ALB ECS EKS", "NLB ALB ECS EKS"},
		{"a name written with only its first capital", DefaultGlossary(), "Devops 디벨롭먼트, Gitops", "DevOps 디벨롭먼트, GitOps"},
		{"lower-case is a command: left", DefaultGlossary(), "devops", "devops"},
		{"a digit is another name", DefaultGlossary(), "Route 54, IPv6", "Route 54, IPv6"},
		{"plain English one letter from a term", DefaultGlossary(), "later notes httpd broken", "later notes httpd broken"},
		{"a sentence's first word", DefaultGlossary(), "Served Flash Round", "Served Flash Round"},
		{"Hangul is the glossary's", DefaultGlossary(), "쿠버네티스 큐버네티스", "쿠버네티스 큐버네티스"},
		{"far from any name", DefaultGlossary(), "Zabbix Nagios", "Zabbix Nagios"},
	}
	for _, c := range cases {
		if got := c.g.Spell(c.in); got != c.want {
			t.Errorf("%s: Spell(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// The check corrects nothing the shipped notes' vocabulary spells right:
// every name listed is known as written.
func TestSpellKnowsItsNames(t *testing.T) {
	g := DefaultGlossary()
	for _, line := range strings.Split(defaultNames, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if got := g.Spell(line); got != line {
			t.Errorf("Spell(%q) = %q: a listed name is corrected", line, got)
		}
	}
}

func TestVowelSlip(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"가성머신", "가상머신", true}, {"운영증인", "운영중인", true},
		{"스케일인", "스케일업", false},                        // another consonant: another word
		{"가상머신", "가상머신", false}, {"가용성", "가능성", false}, // too short to tell a slip
		{"인바운드", "아웃바운드", false}, {"가성머신", "가상머선", false},
		{"캡슐화하", "캡슐화해", false}, {"방법론에", "방법론이", false}, // an ending, not a typo
	} {
		if got := VowelSlip(c.a, c.b); got != c.want {
			t.Errorf("VowelSlip(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestWellKnownName(t *testing.T) {
	for w, want := range map[string]bool{"Lambda": true, "lambda": true, "Kafka": true, "kube-proxy": true, "AWS": false, "Route": false, "53": false, "Group": false, "": false} {
		if WellKnownName(w) != want {
			t.Errorf("WellKnownName(%q) = %v", w, !want)
		}
	}
}
