package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"grader/grader"
	"grader/internal/whispertest"
	"grader/modelapi"
	"grader/speech"
)

// TestBrowserSpoken answers out loud on the practice page: chromium's fake
// microphone plays an espeak-ng recording, the page records it, the server
// transcribes it (an in-process transcription server), the candidate sees
// the transcript in the answer box, grades it, and the delivery appears
// beside the grade.
func TestBrowserSpoken(t *testing.T) {
	said := "NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다."
	wav := filepath.Join(t.TempDir(), "answer.wav")
	if err := os.WriteFile(wav, whispertest.Spoken(t, "ko", said), 0o644); err != nil {
		t.Fatal(err)
	}
	fw := &whispertest.Server{Verbose: true, Text: "음, " + said, Duration: 5,
		Words: []whispertest.Word{{Word: "음,", Start: 0, End: 0.3}, {Word: "NAT", Start: 0.4, End: 0.8}, {Word: "게이트웨이는", Start: 0.9, End: 1.6}}}
	base := fw.Start(t)
	e := newEnv(t, withDeps(func(d *Deps) {
		cfg := modelapi.Config{TranscribeModel: "whisper-test", TranscribeEndpoint: modelapi.Endpoint{BaseURL: base}}
		d.Grader.(*grader.Service).WithTranscriber(speech.NewTranscriber(cfg, modelapi.NewHTTPClient(modelapi.RetryPolicy{}, nil, nil), nil))
	}))
	bctx := browser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-audio-capture", wav),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"))
	ctx, dialogs := tab(t, bctx, "ko-KR,ko;q=0.9")
	run(t, ctx, "open the page", chromedp.Navigate(e.ts.URL+"/?collection="+e.coll), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
		chromedp.SetValue(chromedp.CSS(`#question`), natQuestion),
		chromedp.Click(chromedp.CSS(`#rec-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#rec-stop`)),
		chromedp.Sleep(2*time.Second),
		chromedp.Click(chromedp.CSS(`#rec-stop`)),
		chromedp.WaitVisible(chromedp.CSS(`#rec-transcribe`)))
	if !eval[bool](t, ctx, `!document.querySelector('#rec-audio').hidden && document.querySelector('#rec-audio').src.startsWith('blob:')`) {
		t.Error("the recording cannot be played back")
	}
	run(t, ctx, "transcribe", chromedp.Click(chromedp.CSS(`#rec-transcribe`)),
		waitTrue(`document.querySelector('#answer').value.includes('NAT 게이트웨이')`))
	file := fw.File()
	if len(file) < 1000 || !(string(file[:4]) == "\x1a\x45\xdf\xa3" || string(file[:4]) == "OggS") {
		t.Fatalf("the server got %d bytes that are no webm/ogg recording", len(file))
	}
	if st := textOf(t, ctx, `#rec-status`); !strings.Contains(st, "고친 뒤 채점") {
		t.Errorf("status %q does not ask to check the transcript", st)
	}
	run(t, ctx, "grade the transcript", chromedp.Click(chromedp.CSS(`#grade-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#result .grade .delivery`)))
	delivery := textOf(t, ctx, `#result .delivery`)
	for _, want := range []string{"말하기", "분당", "음 ×1", "초당"} {
		if !strings.Contains(delivery, want) {
			t.Errorf("delivery %q lacks %q", delivery, want)
		}
	}
	if dialogs.Load() != 0 {
		t.Error("a JavaScript dialog opened")
	}
}
