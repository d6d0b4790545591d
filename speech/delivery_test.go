package speech

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"grader/internal/testdatadir"
)

// The filler counter on a small labelled set (testdata/speech/fillers.jsonl):
// context decides ("그 이미지를" is a determiner, "그, 뭐랄까" a filler;
// "I like Terraform" has no filler). Precision and recall over counts are
// reported in the README.
func TestFillersLabelled(t *testing.T) {
	f, err := os.Open(testdatadir.Path("speech", "fillers.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tp, fp, fn := 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct {
			Text    string         `json:"text"`
			Fillers map[string]int `json:"fillers"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		got := Fillers(c.Text)
		for k, want := range c.Fillers {
			n := got[k]
			tp += min(n, want)
			fn += max(want-n, 0)
		}
		for k, n := range got {
			fp += max(n-c.Fillers[k], 0)
			if n > c.Fillers[k] {
				t.Logf("extra %q in %q", k, c.Text)
			}
		}
		for k, want := range c.Fillers {
			if got[k] < want {
				t.Logf("missed %q in %q", k, c.Text)
			}
		}
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("filler precision %.2f recall %.2f (%d true, %d false, %d missed)", p, r, tp, fp, fn)
	if p < 0.9 || r < 0.9 {
		t.Errorf("precision %.2f, recall %.2f: want 0.9 at least", p, r)
	}
}

func TestStripFillers(t *testing.T) {
	for in, want := range map[string]string{
		"음, NAT 게이트웨이는 어, 프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.": "NAT 게이트웨이는 프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.",
		"그 이미지를 푸시했습니다.":          "그 이미지를 푸시했습니다.",
		"Um, it's, like, faster.": "it's, faster.",
	} {
		if got := StripFillers(in); got != want {
			t.Errorf("StripFillers(%q) = %q, want %q", in, got, want)
		}
	}
}

// Pace and pauses from word timestamps; Korean speaking rate in syllables.
func TestMeasure(t *testing.T) {
	tr := Transcript{
		Text:      "음 NAT 게이트웨이는 밖으로만 나가게 합니다",
		DurationS: 10,
		Words:     []Word{{"음", 0, 0.4}, {"NAT", 0.5, 0.9}, {"게이트웨이는", 1.0, 2.0}, {"밖으로만", 5.5, 6.3}, {"나가게", 6.4, 7.0}, {"합니다", 7.1, 7.6}},
	}
	d := Measure(tr, "ko")
	if d.WordsPerMinute != 36 || d.Fillers["음"] != 1 || d.FillersPerMinute != 6 {
		t.Errorf("pace %+v", d)
	}
	if d.LongPauses != 1 || d.LongestPauseS != 3.5 || !d.Timestamps {
		t.Errorf("pauses %+v", d)
	}
	// 17 syllables over 10 s; over 3.7 s of speech
	if d.SyllablesPerSecond != 1.7 || d.ArticulationRate != 4.59 {
		t.Errorf("rates %+v", d)
	}
	if plain := Measure(Transcript{Text: "ALB는 L7입니다", DurationS: 2}, "ko"); plain.Timestamps || plain.LongPauses != 0 || plain.ArticulationRate != 0 {
		t.Errorf("without timestamps: %+v", plain)
	}
}
