package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"grader/grader"
	"grader/internal/whispertest"
	"grader/modelapi"
	"grader/speech"
)

// audioBody is a multipart body with a recording and the fields beside it.
func audioBody(t *testing.T, name string, audio []byte, fields map[string]string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	part, err := w.CreateFormFile("audio", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(audio)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// A spoken answer, end to end: real audio (espeak-ng), an in-process
// transcription server, the delivery measured, the content graded like the
// same words typed without their fillers, and the attempt kept as speech.
func TestSpokenAnswers(t *testing.T) {
	spoken := "음, " + natAnswer
	fw := &whispertest.Server{Verbose: true, Text: spoken, Duration: 14,
		Words: []whispertest.Word{{Word: "음,", Start: 0, End: 0.4}, {Word: "프라이빗", Start: 3.5, End: 4.1}, {Word: "서브넷의", Start: 4.2, End: 4.8}}}
	base := fw.Start(t)
	e := newEnv(t, withDeps(func(d *Deps) {
		cfg := modelapi.Config{TranscribeModel: "whisper-test", TranscribeEndpoint: modelapi.Endpoint{BaseURL: base}}
		d.Grader.(*grader.Service).WithTranscriber(speech.NewTranscriber(cfg, modelapi.NewHTTPClient(modelapi.RetryPolicy{}, nil, nil), nil))
	}))
	wav := whispertest.Spoken(t, "ko", natAnswer)

	body, ctype := audioBody(t, "answer.webm", wav, map[string]string{"question": natQuestion, "collection": e.coll})
	r := e.do(http.MethodPost, "/api/v1/transcribe", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusOK)
	var d speech.Delivery
	r.json(t, &d)
	if d.Transcript != spoken || d.Fillers["음"] != 1 || d.DurationS != 14 || d.LongPauses != 1 || !d.Timestamps || d.SyllablesPerSecond == 0 {
		t.Fatalf("delivery %+v", d)
	}
	sent := fw.Requests()[0]
	if sent["language"] != "ko" || sent["model"] != "whisper-test" || sent["filename"] != "answer.wav" || !strings.Contains(sent["prompt"], "NAT") {
		t.Errorf("sent %v: want the Korean hint, the model, the format sniffed from the bytes, a prompt of the notes' terms", sent)
	}

	body, ctype = audioBody(t, "answer.wav", wav, map[string]string{"question": natQuestion, "collection": e.coll})
	r = e.do(http.MethodPost, "/api/v1/grade/spoken", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusOK)
	var g grader.Grade
	r.json(t, &g)
	typed := e.postJSON("/api/v1/grade", map[string]string{"question": natQuestion, "answer": natAnswer, "collection": e.coll})
	var tg grader.Grade
	typed.json(t, &tg)
	if g.Speech == nil || g.Speech.Transcript != spoken || g.Score != tg.Score {
		t.Fatalf("spoken grade %d (speech %+v), typed %d: the content is graded without the fillers, delivery beside it", g.Score, g.Speech, tg.Score)
	}
	var hist struct {
		Attempts []grader.Attempt `json:"attempts"`
	}
	e.get(e.q("/api/v1/history")).json(t, &hist)
	if len(hist.Attempts) < 2 || hist.Attempts[1].Modality != "speech" || hist.Attempts[1].Grade.Speech == nil {
		t.Errorf("history %+v: the spoken attempt is kept as speech with its delivery", hist.Attempts)
	}

	// An edited transcript graded with its delivery (the page's flow).
	edited := e.postJSON("/api/v1/grade", map[string]any{"question": natQuestion, "answer": "음, " + natAnswer, "collection": e.coll, "speech": d})
	wantStatus(t, edited, http.StatusOK)
	var eg grader.Grade
	edited.json(t, &eg)
	if eg.Speech == nil || eg.Score != tg.Score {
		t.Errorf("edited transcript: %d, speech %v", eg.Score, eg.Speech)
	}

	// A text file sent as audio.
	body, ctype = audioBody(t, "answer.wav", []byte("NAT 게이트웨이는 밖으로만 나가게 해 줍니다. 이건 녹음이 아닙니다."), map[string]string{"question": natQuestion})
	r = e.do(http.MethodPost, "/api/v1/grade/spoken", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusBadRequest)
	if !strings.Contains(string(r.Body), "not_audio") || !strings.Contains(string(r.Body), "not an audio file") {
		t.Errorf("text as audio: %s", r.Body)
	}
}

// Without a transcription model the endpoints say so (501), and the page
// offers typing or the browser's own recognition.
func TestSpokenWithoutTranscription(t *testing.T) {
	e := newEnv(t)
	body, ctype := audioBody(t, "answer.wav", whispertest.Spoken(t, "en", "The NAT gateway lets private instances reach out."), map[string]string{"question": natQuestion})
	r := e.do(http.MethodPost, "/api/v1/grade/spoken", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusNotImplemented)
	if !strings.Contains(string(r.Body), "GRADER_TRANSCRIBE_MODEL") || !strings.Contains(string(r.Body), "transcription_not_configured") {
		t.Errorf("no transcriber: %s", r.Body)
	}
}

// A transcription server that keeps failing is a 503 saying so, not a 500.
func TestSpokenTranscriptionFails(t *testing.T) {
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":{"message":"model crashed"}}`, http.StatusInternalServerError)
	}))
	t.Cleanup(broken.Close)
	e := newEnv(t, withDeps(func(d *Deps) {
		cfg := modelapi.Config{TranscribeModel: "whisper-test", TranscribeEndpoint: modelapi.Endpoint{BaseURL: broken.URL + "/v1"}}
		d.Grader.(*grader.Service).WithTranscriber(speech.NewTranscriber(cfg, modelapi.NewHTTPClient(modelapi.RetryPolicy{}, nil, nil), nil))
	}))
	body, ctype := audioBody(t, "answer.wav", whispertest.Spoken(t, "en", "The NAT gateway lets private instances reach out."), map[string]string{"question": natQuestion})
	r := e.do(http.MethodPost, "/api/v1/transcribe", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusServiceUnavailable)
	if !strings.Contains(string(r.Body), "transcription_failed") || !strings.Contains(string(r.Body), "type the answer") {
		t.Errorf("failing server: %s", r.Body)
	}
}
