package speech

import (
	"errors"
	"strings"
	"testing"

	"grader/internal/whispertest"
	"grader/modelapi"
)

func TestSniff(t *testing.T) {
	wav := whispertest.Spoken(t, "ko", "NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다.")
	f, err := Sniff(wav)
	if err != nil || f.Ext != "wav" || f.DurationS < 1 || f.DurationS > 20 {
		t.Fatalf("espeak WAV: %+v, %v", f, err)
	}
	for _, c := range []struct {
		name string
		data []byte
		ext  string
	}{
		{"mp3 with ID3", append([]byte("ID3\x04\x00\x00"), make([]byte, 20)...), "mp3"},
		{"mp3 frame", append([]byte{0xFF, 0xFB, 0x90, 0x64}, make([]byte, 20)...), "mp3"},
		{"m4a", append([]byte("\x00\x00\x00\x20ftypM4A "), make([]byte, 20)...), "m4a"},
		{"webm", append([]byte{0x1A, 0x45, 0xDF, 0xA3}, make([]byte, 20)...), "webm"},
		{"ogg", append([]byte("OggS"), make([]byte, 20)...), "ogg"},
		{"a text file named .wav", []byte("NAT 게이트웨이는 밖으로만 나가게 해 줍니다."), ""},
		{"too short", []byte("RIFF"), ""},
	} {
		got, err := Sniff(c.data)
		if c.ext == "" {
			if !errors.Is(err, ErrNotAudio) {
				t.Errorf("%s: %+v, %v; want ErrNotAudio", c.name, got, err)
			}
			continue
		}
		if err != nil || got.Ext != c.ext {
			t.Errorf("%s: %+v, %v; want %s", c.name, got, err, c.ext)
		}
	}
}

func newTestTranscriber(t *testing.T, fw *whispertest.Server) *Transcriber {
	t.Helper()
	cfg := modelapi.Config{TranscribeModel: "whisper-test", TranscribeEndpoint: modelapi.Endpoint{BaseURL: fw.Start(t)}}
	return NewTranscriber(cfg, modelapi.NewHTTPClient(modelapi.RetryPolicy{}, nil, nil), nil)
}

func TestTranscribeSendsWhatHelps(t *testing.T) {
	wav := whispertest.Spoken(t, "ko", "NAT 게이트웨이는 밖으로만 나가게 해 줍니다.")
	fw := &whispertest.Server{Verbose: true, Text: "NAT 게이트웨이는 밖으로만 나가게 해 줍니다.", Duration: 3.2,
		Words: []whispertest.Word{{Word: "NAT", Start: 0.1, End: 0.5}, {Word: "게이트웨이는", Start: 0.6, End: 1.4}, {Word: "밖으로만", Start: 1.5, End: 2.1}, {Word: "나가게", Start: 2.2, End: 2.6}, {Word: "해", Start: 2.7, End: 2.8}, {Word: "줍니다.", Start: 2.9, End: 3.2}}}
	tr := newTestTranscriber(t, fw)
	f, _ := Sniff(wav)
	prompt := Prompt([]string{"NAT 게이트웨이", "VPC", "kubelet"}, "ko")
	got, err := tr.Transcribe(t.Context(), wav, f, "ko", prompt)
	if err != nil {
		t.Fatal(err)
	}
	sent := fw.Requests()[0]
	for k, want := range map[string]string{"model": "whisper-test", "language": "ko", "prompt": prompt, "response_format": "verbose_json", "filename": "answer.wav"} {
		if sent[k] != want {
			t.Errorf("sent %s = %q, want %q", k, sent[k], want)
		}
	}
	if !strings.Contains(sent["timestamp_granularities[]"], "word") {
		t.Errorf("word timestamps not asked for: %v", sent)
	}
	if file := fw.File(); string(file[:4]) != "RIFF" || len(file) != len(wav) {
		t.Error("the audio was not sent whole")
	}
	if got.Text != fw.Text || len(got.Words) != 6 || got.DurationS != 3.2 {
		t.Errorf("transcript %+v", got)
	}
	if !strings.Contains(prompt, "kubelet") || !strings.Contains(prompt, "NAT 게이트웨이") {
		t.Errorf("prompt %q", prompt)
	}
}

// A server without verbose_json is asked again for plain json; the duration
// then comes from the WAV header.
func TestTranscribeWithoutTimestamps(t *testing.T) {
	wav := whispertest.Spoken(t, "en", "The NAT gateway lets private instances reach the internet.")
	fw := &whispertest.Server{Text: "The NAT gateway lets private instances reach the internet."}
	tr := newTestTranscriber(t, fw)
	f, _ := Sniff(wav)
	got, err := tr.Transcribe(t.Context(), wav, f, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	if reqs := fw.Requests(); len(reqs) != 2 || reqs[1]["response_format"] != "json" {
		t.Fatalf("requests %v, want verbose_json then json", reqs)
	}
	if got.Text != fw.Text || len(got.Words) != 0 || got.DurationS != f.DurationS || got.DurationS == 0 {
		t.Errorf("transcript %+v (WAV %.2fs)", got, f.DurationS)
	}
}

func TestLanguageOf(t *testing.T) {
	if LanguageOf("NAT 게이트웨이는?") != "ko" || LanguageOf("What is a NAT gateway?") != "en" {
		t.Error("LanguageOf")
	}
	if Prompt(nil, "ko") != "" {
		t.Error("a prompt from no terms")
	}
}
