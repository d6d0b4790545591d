package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"grader/internal/testenv"
)

// chromiumPath is Debian's chromium (.ci/run installs it); no browser is downloaded.
const chromiumPath = "/usr/bin/chromium"

// screenshotDir is where GRADER_SCREENSHOT=1 saves the pages with real
// feedback, desktop and phone, English and Korean, for the README.
const screenshotDir = "../docs"

// browser starts a headless chromium for the test. Without chromium the
// test fails in CI and is skipped elsewhere, reported by testenv.
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		testenv.Require(t, "chromium ("+chromiumPath+")", "apt-get install chromium")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelBrowser)
	// The first action starts the browser; it must run without a deadline
	// of its own, which would stop the whole browser when it passed.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	return bctx
}

// tab opens a tab in a fresh browser context (its own cookies and storage),
// counting every JavaScript dialog (alert, confirm) that opens in it.
func tab(t *testing.T, bctx context.Context, acceptLanguage string) (context.Context, *atomic.Int32) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Accept-Language": acceptLanguage},
	}); err != nil {
		t.Fatal(err)
	}
	dialogs := &atomic.Int32{}
	opened := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range opened {
			if err != nil {
				return
			}
			dialogs.Add(1)
			t.Logf("JavaScript dialog opened: %q", ev.Message)
			// An open dialog blocks the page: dismiss it so the test can go on and fail.
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return ctx, dialogs
}

// actionTimeout bounds each step, so a missing element fails fast with a name.
const actionTimeout = 20 * time.Second

// run runs browser steps with a deadline, failing the test with what was being done.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(sctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		dctx, dcancel := context.WithTimeout(ctx, 5*time.Second)
		defer dcancel()
		// What the page showed, so that a failure says more than "deadline exceeded".
		page, _ := chromedp.Run(dctx, chromedp.Evaluate[string](`(document.querySelector('main') || document.body).innerText.slice(0, 1500)`))
		t.Fatalf("%s (at %s): %v\npage text:\n%s", what, loc, err, page)
	}
}

func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return get(t, ctx, "read "+sel, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return get(t, ctx, "evaluate "+js, chromedp.Evaluate[T](js))
}

// waitTrue polls a JavaScript condition until it holds.
func waitTrue(js string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](js)(ctx, t)
		return chromedp.Void{}, err
	}
}

// changeLang picks a language in the switch as a user would.
func changeLang(lang string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.SetValue(chromedp.CSS(`#lang`), lang),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang').dispatchEvent(new Event('change'))`))
}

func TestBrowser(t *testing.T) {
	bctx := browser(t)
	e := newEnv(t)
	home := e.ts.URL + "/?collection=" + e.coll
	ctx, dialogs := tab(t, bctx, "en-US,en;q=0.9")
	ready := chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))

	const answer = "NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 아웃바운드 연결만 하게 해 준다. " +
		"외부에서 먼저 연결할 수는 없고, NAT 게이트웨이는 퍼블릭 서브넷에 둔다."

	t.Run("answer gets feedback with citations", func(t *testing.T) {
		run(t, ctx, "open the practice page", chromedp.Navigate(home), ready,
			chromedp.WaitReady(chromedp.CSS(`#bank-select optgroup`)))
		run(t, ctx, "type the question and answer",
			chromedp.SendKeys(chromedp.CSS(`#question`), natQuestion),
			chromedp.SendKeys(chromedp.CSS(`#answer`), answer),
			chromedp.Click(chromedp.CSS(`#grade-btn`)),
			chromedp.WaitVisible(chromedp.CSS(`#result .grade .points .cite`)))
		if got := textOf(t, ctx, `#answer-count`); got == "0" {
			t.Error("the character count did not follow the typing")
		}
		verdict := textOf(t, ctx, `#result .verdict`)
		if !strings.ContainsAny(verdict, "EGPWO") {
			t.Fatalf("verdict %q", verdict)
		}
		cite := textOf(t, ctx, `#result .points .cite`)
		if !strings.Contains(cite, "aws-networking.md") || !strings.Contains(cite, "›") {
			t.Fatalf("citation %q does not name the note and heading", cite)
		}
		// Every status shows an icon and a word, not colour alone.
		badges := eval[[]string](t, ctx, `[...document.querySelectorAll('#result .badge')].map(b => b.innerText.trim())`)
		for _, b := range badges {
			if len([]rune(b)) < 3 || !strings.ContainsAny(b, "✓△✗⚠") {
				t.Fatalf("status badge %q lacks an icon or a word", b)
			}
		}
		// A citation opens the passage in context.
		// From the keyboard: a mouse click lands wherever the button was when
		// the coordinates were read, and the feedback is still laying out.
		run(t, ctx, "open a citation", chromedp.Focus(chromedp.CSS(`#result .points .cite`)), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#passage-dialog[open] .ctx-main`)))
		if txt := textOf(t, ctx, `#passage-dialog .ctx-main`); len(txt) < 10 {
			t.Fatalf("passage text %q", txt)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#passage-dialog .ctx').length`); n < 2 {
			t.Errorf("passage shown without context (%d blocks)", n)
		}
		run(t, ctx, "close the passage", chromedp.Click(chromedp.CSS(`#passage-close`)),
			chromedp.WaitNotPresent(chromedp.CSS(`#passage-dialog[open]`)))
		// The model answer is behind a toggle.
		if eval[bool](t, ctx, `document.querySelector('#result details.model-answer').open`) {
			t.Error("model answer shown without asking")
		}
		saveScreenshot(t, ctx, "practice", 1280, 1120)
	})

	t.Run("a follow-up becomes the next question", func(t *testing.T) {
		run(t, ctx, "wait for follow-ups", chromedp.WaitVisible(chromedp.CSS(`#result button.followup`)))
		followup := strings.TrimSpace(strings.TrimPrefix(textOf(t, ctx, `#result button.followup`), "→"))
		run(t, ctx, "click the follow-up", chromedp.Click(chromedp.CSS(`#result button.followup`)),
			chromedp.WaitVisible(chromedp.CSS(`#thread .turn`)))
		q := get(t, ctx, "read the question", chromedp.Value(chromedp.CSS(`#question`)))
		a := get(t, ctx, "read the answer", chromedp.Value(chromedp.CSS(`#answer`)))
		if strings.TrimSpace(q) != followup || a != "" {
			t.Fatalf("question %q (want %q), answer %q", q, followup, a)
		}
		if !eval[bool](t, ctx, `document.activeElement.id === 'answer'`) {
			t.Error("focus is not in the answer box")
		}
		if turn := textOf(t, ctx, `#thread .turn summary`); !strings.Contains(turn, natQuestion) {
			t.Fatalf("thread shows %q", turn)
		}
		if eval[bool](t, ctx, `document.querySelector('#followup-tag').hidden`) {
			t.Error("the question is not marked as a follow-up")
		}
		run(t, ctx, "answer the follow-up",
			chromedp.SendKeys(chromedp.CSS(`#answer`), "퍼블릭 서브넷에 NAT 게이트웨이를 두고 프라이빗 서브넷의 라우팅 테이블이 가리키게 한다."),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.WaitVisible(chromedp.CSS(`#result .grade`)))
		if n := eval[int](t, ctx, `document.querySelectorAll('#thread .turn').length`); n != 1 {
			t.Fatalf("thread has %d turns, want 1", n)
		}
	})

	t.Run("history shows the attempt", func(t *testing.T) {
		run(t, ctx, "open history", chromedp.Navigate(home+"#/history"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#attempt-list details.attempt`)),
			chromedp.WaitVisible(chromedp.CSS(`#score-chart svg circle.dot`)))
		list := textOf(t, ctx, `#attempt-list`)
		if !strings.Contains(list, natQuestion) {
			t.Fatalf("history lacks the question: %q", list)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#score-chart circle.dot').length`); n != 2 {
			t.Fatalf("chart has %d points, want 2", n)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#topic-body tr').length`); n == 0 {
			t.Fatal("no scores by topic")
		}
		run(t, ctx, "expand an attempt", chromedp.Click(chromedp.CSS(`#attempt-list details.attempt summary`)),
			chromedp.WaitVisible(chromedp.CSS(`#attempt-list details.attempt[open] .grade`)))
		if ans := textOf(t, ctx, `#attempt-list details.attempt[open] .answer-text`); ans == "" {
			t.Fatal("attempt shows no answer")
		}
		// The candidate's own call on a point, kept and shown again.
		run(t, ctx, "make my own call on a point",
			chromedp.SetValue(chromedp.CSS(`#attempt-list details.attempt[open] select.call`), "incorrect"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#attempt-list details.attempt[open] select.call').dispatchEvent(new Event('change'))`),
			waitTrue(`document.querySelector('#toast').innerText.includes('Your call')`))
		run(t, ctx, "reload history", chromedp.Navigate(home+"#/practice"), ready, chromedp.Navigate(home+"#/history"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#attempt-list details.attempt`)),
			chromedp.Click(chromedp.CSS(`#attempt-list details.attempt summary`)),
			chromedp.WaitVisible(chromedp.CSS(`#attempt-list details.attempt[open] select.call`)))
		if v := eval[string](t, ctx, `document.querySelector('#attempt-list details.attempt[open] select.call').value`); v != "incorrect" {
			t.Errorf("the call shows %q after a reload, want incorrect", v)
		}
		if rows := textOf(t, ctx, `#calls-body`); !strings.Contains(rows, "(") {
			t.Errorf("the overruled count is not shown: %q", rows)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#topic-body svg.spark polyline, #question-body tr').length`); n < 2 {
			t.Errorf("no topic trend or per-question record (%d)", n)
		}
	})

	t.Run("practise next and a self-assessment file", func(t *testing.T) {
		run(t, ctx, "ask for the next question", chromedp.Navigate(home+"#/practice"), ready,
			chromedp.WaitReady(chromedp.CSS(`#bank-select optgroup`)),
			chromedp.Focus(chromedp.CSS(`#next-q`)), chromedp.KeyEvent("\r"),
			waitTrue(`document.querySelector('#question').value.length > 3`))
		if q := get(t, ctx, "read the question", chromedp.Value(chromedp.CSS(`#question`))); q == natQuestion {
			t.Errorf("next offered %q, the question just answered, before the unanswered ones", q)
		}
		file := filepath.Join(t.TempDir(), "week1.md")
		if err := os.WriteFile(file, []byte("# 1주차\n\n## NAT 게이트웨이는 왜 필요한가요?\n\n프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.\n\n## VPC는 무엇인가요?\n\n격리된 네트워크입니다.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, "grade a file", chromedp.Navigate(home+"#/batch"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#batch-list li`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#batch-file`), []string{file}),
			chromedp.Focus(chromedp.CSS(`#batch-btn`)), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#batch-status a`)),
			waitTrue(`document.querySelector('#batch-list').innerText.includes('week1.md')`))
		if st := textOf(t, ctx, `#batch-status`); !strings.Contains(st, "2 answers graded") {
			t.Errorf("status %q", st)
		}
		href := eval[string](t, ctx, `document.querySelector('#batch-status a').getAttribute('href')`)
		if !strings.HasSuffix(href, "/report") {
			t.Errorf("report link %q", href)
		}
	})

	t.Run("notes and scripts render as text", func(t *testing.T) {
		dir := t.TempDir()
		note := filepath.Join(dir, "xss.md")
		content := "# 보안 테스트 <img src=x onerror=alert(2)>\n\n## 스크립트 주입 `<script>alert(3)</script>`\n" +
			"이 노트는 <script>alert(1)</script> 를 담고 있다. 화면에는 글자로 보여야 한다.\n"
		if err := os.WriteFile(note, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		// Wait for the list before clicking: a click aimed while the view still
		// lays itself out can land beside the button. Buttons are pressed from
		// the keyboard below for the same reason (and to prove they can be).
		run(t, ctx, "upload a note", chromedp.Navigate(home+"#/notes"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#notes-body td.path`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#upload-files`), []string{note}),
			chromedp.Focus(chromedp.CSS(`#upload-btn`)), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#notes-body td.path`)),
			waitTrue(`document.querySelector('#upload-status').innerText.includes('indexed')`))
		if status := textOf(t, ctx, `#upload-status`); !strings.Contains(status, "1 files indexed") {
			t.Fatalf("upload status %q", status)
		}
		// The list reloads after the status is shown.
		run(t, ctx, "the uploaded note appears in the list",
			waitTrue(`document.querySelector('#notes-body').innerText.includes('xss.md')`))
		run(t, ctx, "search the note",
			chromedp.SendKeys(chromedp.CSS(`#search-q`), "스크립트 주입 노트"),
			chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#search-results .passage`)))
		if got := textOf(t, ctx, `#search-results`); !strings.Contains(got, "<script>alert(1)</script>") {
			t.Fatalf("the script tag is not shown as text: %q", got)
		}
		run(t, ctx, "open the passage", chromedp.Focus(chromedp.CSS(`#search-results .passage .cite`)), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#passage-dialog[open] .ctx-main`)))
		if got := textOf(t, ctx, `#passage-dialog`); !strings.Contains(got, "<script>alert(1)</script>") {
			t.Fatalf("passage dialog: %q", got)
		}
		run(t, ctx, "close", chromedp.Click(chromedp.CSS(`#passage-close`)))
		// A heading with a <script> in a code span reaches the question bank as text.
		run(t, ctx, "open the question bank", chromedp.Navigate(home+"#/questions"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#bank-list .bank-item`)))
		if got := textOf(t, ctx, `#bank-list`); !strings.Contains(got, "<script>alert(3)</script>") {
			t.Fatalf("bank: %q", got)
		}
		injected := eval[int](t, ctx, `document.querySelectorAll('img[src="x"], script:not([src])').length`)
		if injected != 0 {
			t.Fatalf("%d elements from note text became markup", injected)
		}
		time.Sleep(200 * time.Millisecond) // an onerror handler would have fired by now
		if n := dialogs.Load(); n != 0 {
			t.Fatalf("%d JavaScript dialogs opened", n)
		}
	})

	t.Run("Korean UI", func(t *testing.T) {
		kctx, kdialogs := tab(t, bctx, "ko-KR,ko;q=0.9")
		run(t, kctx, "open the page in Korean", chromedp.Navigate(home), ready)
		if lang := eval[string](t, kctx, `document.documentElement.lang`); lang != "ko" {
			t.Fatalf("lang %q", lang)
		}
		for sel, want := range map[string]string{
			`.tabs a[data-view="practice"]`: "연습",
			`.tabs a[data-view="history"]`:  "기록",
			`#grade-btn`:                    "답변 채점하기",
			`label[for="answer"]`:           "내 답변",
		} {
			if got := textOf(t, kctx, sel); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want %q", sel, got, want)
			}
		}
		// The switch changes the labels at once and is remembered.
		run(t, kctx, "switch to English", changeLang("en"))
		if got := textOf(t, kctx, `#grade-btn`); !strings.Contains(got, "Grade my answer") {
			t.Fatalf("after the switch: %q", got)
		}
		run(t, kctx, "reload", chromedp.Reload(), ready)
		if got := textOf(t, kctx, `#grade-btn`); !strings.Contains(got, "Grade my answer") {
			t.Fatalf("the switch was not remembered: %q", got)
		}
		// Feedback in Korean: grade in the Korean UI and read the labels.
		run(t, kctx, "switch back", changeLang("ko"),
			chromedp.SendKeys(chromedp.CSS(`#question`), natQuestion),
			chromedp.SendKeys(chromedp.CSS(`#answer`), answer),
			chromedp.Click(chromedp.CSS(`#grade-btn`)),
			chromedp.WaitVisible(chromedp.CSS(`#result .grade .points`)))
		if got := textOf(t, kctx, `#result .points-sec h3`); got != "핵심 포인트" {
			t.Fatalf("points heading %q", got)
		}
		saveScreenshot(t, kctx, "practice-ko", 1280, 1120)
		// Errors the server returns are worded in Korean, details filled in.
		run(t, kctx, "an answer over the limit", chromedp.Evaluate[chromedp.Void](`document.querySelector('#answer').value = '가'.repeat(10001)`),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#answer-form').requestSubmit()`),
			chromedp.WaitVisible(chromedp.CSS(`#form-error`)))
		if got := textOf(t, kctx, `#form-error`); !strings.Contains(got, "10000자를 넘습니다") {
			t.Errorf("too long: %q", got)
		}
		if !eval[bool](t, kctx, `!!document.querySelector('#result .grade.stale .stale-note')`) {
			t.Error("the previous feedback is not marked as stale after a refused request")
		}
		run(t, kctx, "an answer of invisible characters", chromedp.Evaluate[chromedp.Void](`document.querySelector('#answer').value = '\u200b\u200b'`),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#answer-form').requestSubmit()`),
			waitTrue(`document.querySelector('#form-error').innerText.includes('답변을 입력')`))
		dir := t.TempDir()
		pdf := filepath.Join(dir, "fake.pdf")
		badBatch := filepath.Join(dir, "answers.txt")
		for _, f := range []string{pdf, badBatch} {
			if err := os.WriteFile(f, []byte("not notes"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run(t, kctx, "a file that is not a note", chromedp.Navigate(home+"#/notes"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#notes-body td.path`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#upload-files`), []string{pdf}),
			chromedp.Focus(chromedp.CSS(`#upload-btn`)), chromedp.KeyEvent("\r"),
			waitTrue(`document.querySelector('#upload-status').innerText.includes('fake.pdf')`))
		if got := textOf(t, kctx, `#upload-status`); !strings.Contains(got, "노트 파일이 아닙니다") || strings.Contains(got, "not a note") {
			t.Errorf("wrong file type: %q", got)
		}
		run(t, kctx, "a self-assessment file of the wrong type", chromedp.Navigate(home+"#/batch"), ready,
			chromedp.WaitVisible(chromedp.CSS(`#batch-list li`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#batch-file`), []string{badBatch}),
			chromedp.Focus(chromedp.CSS(`#batch-btn`)), chromedp.KeyEvent("\r"),
			waitTrue(`document.querySelector('#batch-status').innerText.includes('.csv')`))
		if got := textOf(t, kctx, `#batch-status`); !strings.Contains(got, "파일을 올리세요") {
			t.Errorf("wrong batch file type: %q", got)
		}
		run(t, kctx, "a collection name that cannot be used", chromedp.Navigate(home+"#/notes"), ready,
			chromedp.SetValue(chromedp.CSS(`#collection`), strings.Repeat("c", 101)),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#collection').dispatchEvent(new Event('change'))`),
			waitTrue(`document.querySelector('#notes-status').innerText.length > 0`))
		if got := textOf(t, kctx, `#notes-status`); !strings.Contains(got, "컬렉션 이름") {
			t.Errorf("bad collection: %q", got)
		}
		run(t, kctx, "back to the test collection", chromedp.Navigate(home+"#/practice"), ready)
		if kdialogs.Load() != 0 {
			t.Fatal("a JavaScript dialog opened")
		}
	})

	t.Run("phone width", func(t *testing.T) {
		// Every view at 360 and 390 px in both languages: no sideways scroll,
		// and no word broken inside a button, badge or table cell.
		for _, a := range []string{natAnswer, "모르겠습니다."} { // History with several attempts
			wantStatus(t, e.postJSON("/api/v1/grade", map[string]string{"question": natQuestion, "answer": a, "collection": e.coll}), 200)
		}
		for _, lang := range []string{"en", "ko"} {
			for _, width := range []int64{360, 390} {
				for _, view := range []struct{ hash, wait string }{
					{"#/practice", `#bank-select optgroup`},
					{"#/questions", `#bank-list .bank-item`},
					{"#/notes", `#notes-body td.path`},
					{"#/batch", `#batch-list li`},
					{"#/history", `#attempt-list details.attempt`},
				} {
					name := fmt.Sprintf("%s %dpx %s", lang, width, view.hash)
					run(t, ctx, name, chromedp.EmulateViewport(width, 800), chromedp.Navigate(home+view.hash), ready, changeLang(lang),
						chromedp.WaitReady(chromedp.CSS(view.wait)), chromedp.Sleep(150*time.Millisecond))
					switch view.hash {
					case "#/history":
						run(t, ctx, name+": open an attempt", chromedp.Evaluate[chromedp.Void](`document.querySelector('#attempt-list details.attempt').open = true`))
					case "#/practice":
						run(t, ctx, name+": grade an answer",
							chromedp.SetValue(chromedp.CSS(`#question`), natQuestion),
							chromedp.SetValue(chromedp.CSS(`#bank-select`), ""),
							chromedp.SetValue(chromedp.CSS(`#answer`), natAnswer),
							chromedp.Evaluate[chromedp.Void](`document.querySelector('#answer-form').requestSubmit()`),
							chromedp.WaitVisible(chromedp.CSS(`#result .grade .points`)), chromedp.Sleep(300*time.Millisecond))
					}
					if eval[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth + 1`) {
						wide := eval[string](t, ctx, `[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')`)
						t.Errorf("%s scrolls sideways (%s)", name, wide)
					}
					broken := eval[string](t, ctx, brokenWordsJS)
					if broken != "" {
						t.Errorf("%s breaks words: %s", name, broken)
					}
					if view.hash == "#/practice" && width == 390 {
						saveScreenshot(t, ctx, "phone-"+lang, 390, 844)
					}
				}
			}
		}
		run(t, ctx, "back to the desktop", chromedp.EmulateViewport(1280, 900), changeLang("en"))
	})
}

// brokenWordsJS lists words that wrap inside themselves in a button, a badge
// or a table cell: a control narrower than its shortest word.
const brokenWordsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('main button, main .tag, main .badge, main .chip, main th, main td, main select, main .weak-tag')) {
    if (!el.offsetParent) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const re = /[^\s\/_.\-]+/g; // a path may wrap at its separators
      let m;
      while ((m = re.exec(n.data))) {
        if (m[0].length < 2) continue;
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
        if (lines.size > 1) out.push(el.tagName + ':' + m[0]);
      }
    }
  }
  return [...new Set(out)].slice(0, 6).join(' | ');
})()`

// saveScreenshot captures the practice page with its feedback at a width,
// as name (practice, practice-ko, phone-en, phone-ko). With
// GRADER_SCREENSHOT=1 it replaces docs/NAME.png (the README's pictures);
// otherwise it goes to the test's temp dir, so that a plain test run leaves
// the tree untouched.
func saveScreenshot(t *testing.T, ctx context.Context, name string, width, height int64) {
	t.Helper()
	scroll := `window.scrollTo(0, 0)`
	if width < 600 {
		scroll = `document.querySelector('#result').scrollIntoView()` // on a phone the feedback is below the form
	}
	run(t, ctx, "prepare the screenshot",
		chromedp.EmulateViewport(width, height),
		chromedp.Evaluate[chromedp.Void](scroll),
		chromedp.Sleep(700*time.Millisecond)) // let the gauge animation settle
	png := get(t, ctx, "screenshot", chromedp.CaptureScreenshot())
	run(t, ctx, "restore the viewport", chromedp.EmulateViewport(1280, 900))
	path := filepath.Join(t.TempDir(), name+".png")
	if os.Getenv("GRADER_SCREENSHOT") == "1" {
		path = filepath.Join(screenshotDir, name+".png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Log(fmt.Sprintf("screenshot %s: %s (%d bytes)", name, path, len(png)))
}
