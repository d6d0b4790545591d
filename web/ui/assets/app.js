// The practice page: a small hash-routed app over the JSON API.
import { api, upload, qs, ApiError } from './api.js';
import { $, h, s, clear, busy, formatDate } from './dom.js';
import { t, has, setLang, lang, translate } from './i18n.js';
import { renderGrade, citationLabel, verdictClass, placeholder } from './grade.js';
import { initBatch, showBatches } from './batch.js';
import { initRecorder, speechNow, forgetSpeech } from './record.js';

const store = {
  get(k) { try { return localStorage.getItem(k); } catch { return null; } },
  set(k, v) { try { localStorage.setItem(k, v); } catch { /* private mode */ } },
};

const state = {
  collection: 'default',
  view: 'practice',
  info: null,
  bank: null, // {questions, topics} of the collection, loaded once per collection
  bankTopic: '',
  current: null, // {question, answer, grade, followup}
  thread: [], // earlier turns of this interview: {question, answer, score, verdict, summary}
  history: null,
};

// ---------- errors and messages ----------

// errorText words an API error in the page's language: by its reason (a bad
// input, with the server's details filled in), else by its code; the
// server's English message only when the catalogue has neither.
function errorText(err) {
  if (!(err instanceof ApiError)) return t('error.generic', { msg: String(err && err.message ? err.message : err) });
  if (err.code === 'network') return t('error.network');
  if (err.code === 'no_notes') return t('practice.noNotes');
  const p = err.params || {};
  if (err.reason && has('error.' + err.reason)) {
    let text = t('error.' + err.reason, { ...p, detail: err.message });
    if (err.reason === 'nothing_ingested') {
      text += ' ' + (p.skipped || []).map((x) => x.path + ': ' + (has('skip.' + x.code) ? t('skip.' + x.code) : x.reason)).join('; ');
    }
    if (err.reason === 'batch_problems') {
      text += '\n' + (p.problems || []).map((x) => t('error.problemLine', {
        line: x.line, field: has('field.' + x.field) ? t('field.' + x.field) : x.field,
        what: x.reason && has('error.' + x.reason) ? t('error.' + x.reason, {}) : x.message,
      })).join('\n');
    }
    return text;
  }
  if (has('error.code.' + err.code)) return t('error.code.' + err.code, { id: err.requestId });
  return err.message || t('error.generic', { msg: err.code });
}

function toast(msg) {
  const el = $('#toast');
  el.textContent = msg;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
}

function showError(el, err) {
  el.textContent = typeof err === 'string' ? err : errorText(err);
  el.hidden = false;
}

// ---------- collection, thread ----------

function threadKey() { return 'grader.thread.' + state.collection; }

function loadThread() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(threadKey()) || 'null');
    state.thread = Array.isArray(saved?.thread) ? saved.thread : [];
    state.current = saved?.current || null;
  } catch {
    state.thread = [];
    state.current = null;
  }
}

function saveThread() {
  try {
    sessionStorage.setItem(threadKey(), JSON.stringify({ thread: state.thread, current: state.current }));
  } catch { /* storage full or disabled: the thread lives in memory only */ }
}

function setCollection(name) {
  state.collection = name;
  store.set('grader.collection', name);
  $('#collection').value = name;
  state.bank = null;
  state.history = null;
  loadThread();
}

// ---------- passage dialog ----------

async function openPassage(p) {
  const dlg = $('#passage-dialog');
  $('#passage-title').textContent = p.note;
  clear($('#passage-where'), citationLabel(p));
  const body = $('#passage-body');
  clear(body, h('p', { class: 'hint' }, t('passage.loading')));
  if (!dlg.open) dlg.showModal();
  const section = (sec, cls) => h('div', { class: ['ctx', cls] },
    (sec.heading_path || []).length ? h('p', { class: 'ctx-head' }, sec.heading_path.join(' › ')) : null,
    h('p', { class: 'prewrap' }, sec.text));
  try {
    const res = await api('/api/v1/passages/' + encodeURIComponent(p.chunk_id) + qs({ collection: state.collection }));
    clear(body,
      res.before.map((x) => section(x, 'ctx-around')),
      h('div', { class: 'ctx ctx-main' },
        h('p', { class: 'ctx-head' }, (res.passage.heading_path || []).join(' › ')),
        h('p', { class: 'prewrap' }, res.passage.text)),
      res.after.map((x) => section(x, 'ctx-around')));
  } catch (err) {
    // The grade already carries the passage's text: show that rather than nothing.
    clear(body, section(p, 'ctx-main'), h('p', { class: 'error' }, errorText(err)));
  }
  $('#passage-close').focus();
}

// ---------- practice ----------

async function loadBank() {
  if (state.bank) return state.bank;
  const res = await api('/api/v1/questions' + qs({ collection: state.collection }));
  state.bank = res;
  if (res.refreshing) {
    // The last version, while the server is still regenerating: ask again soon.
    toast(t('bank.stillRefreshing'));
    setTimeout(() => { if (state.bank === res) state.bank = null; }, 5000);
  }
  return res;
}

function fillBankSelect() {
  const sel = $('#bank-select');
  const keep = sel.value;
  clear(sel, h('option', { value: '' }, t('practice.pickNone')));
  const byTopic = new Map();
  for (const q of state.bank?.questions || []) {
    if (!byTopic.has(q.topic)) byTopic.set(q.topic, []);
    byTopic.get(q.topic).push(q);
  }
  for (const [topic, qs_] of byTopic) {
    sel.append(h('optgroup', { label: topic || t('history.noTopic') }, qs_.map((q) => h('option', { value: q.id }, q.question))));
  }
  sel.value = keep;
}

function findBankQuestion(id) {
  return (state.bank?.questions || []).find((q) => q.id === id);
}

function setQuestion(text, { followup = false } = {}) {
  $('#question').value = text;
  forgetSpeech();
  // the bank's picker follows the question: a follow-up is none of its entries
  const inBank = (state.bank?.questions || []).find((q) => q.question === text);
  $('#bank-select').value = inBank ? inBank.id : '';
  $('#followup-tag').hidden = !followup;
  $('#answer').value = '';
  updateCount();
  clear($('#result'), placeholder());
  $('#form-error').hidden = true;
}

function updateCount() {
  $('#answer-count').textContent = String($('#answer').value.length);
  $('#answer-limit').textContent = t('practice.limit', { limit: $('#answer').maxLength });
}

function renderThread() {
  const sec = $('#thread');
  sec.hidden = state.thread.length === 0;
  clear($('#thread-list'), state.thread.map((turn, i) => h('li', { class: 'turn' },
    h('details', {},
      h('summary', {},
        h('span', { class: 'turn-n' }, t('thread.turn', { n: i + 1 })),
        h('span', { class: 'turn-q' }, turn.question),
        h('span', { class: ['chip', 'score-' + verdictClass(turn.verdict, turn.score)] }, String(turn.score))),
      h('div', { class: 'turn-body' },
        h('p', { class: 'label' }, t('thread.yourAnswer')),
        h('p', { class: 'prewrap' }, turn.answer),
        h('p', { class: 'hint' }, t('verdict.' + turn.verdict) + ' — ' + (turn.summary || '')))))));
}

function renderResult() {
  const out = $('#result');
  if (!state.current?.grade) {
    clear(out, placeholder());
    return;
  }
  const g = state.current.grade;
  const el = renderGrade(g, { onCite: openPassage, onFollowup: continueWith, onCall: g.attempt_id ? (i, status) => makeCall(g.attempt_id, i, status) : null });
  el.setAttribute('tabindex', '-1');
  el.id = 'grade-card';
  clear(out, el);
}

// continueWith makes a follow-up the next question of the same interview.
function continueWith(question) {
  const cur = state.current;
  if (cur?.grade) {
    state.thread.push({ question: cur.question, answer: cur.answer, score: cur.grade.score, verdict: cur.grade.verdict, summary: cur.grade.summary });
  }
  state.current = { question, followup: true };
  saveThread();
  renderThread();
  setQuestion(question, { followup: true });
  $('#answer-form').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('#answer').focus({ preventScroll: true });
}

async function submitAnswer(ev) {
  ev.preventDefault();
  const btn = $('#grade-btn');
  if (btn.disabled) return;
  const question = $('#question').value.trim();
  const answer = $('#answer').value.trim();
  const errEl = $('#form-error');
  errEl.hidden = true;
  if (!question) { showError(errEl, t('practice.needQuestion')); $('#question').focus(); return; }
  if (!answer) { showError(errEl, t('practice.needAnswer')); $('#answer').focus(); return; }
  const out = $('#result');
  busy(btn, out, true);
  clear(out, h('div', { class: 'card pending' }, h('span', { class: 'spinner big', 'aria-hidden': 'true' }), h('p', {}, t('practice.grading'))));
  try {
    // The questions of this interview so far: the server asks none of them again.
    const asked = state.thread.map((turn) => turn.question);
    // a spoken answer's delivery travels with its (corrected) transcript
    const speech = speechNow() || undefined;
    const grade = await api('/api/v1/grade', { method: 'POST', json: { question, answer, collection: state.collection, asked, speech } });
    state.current = { question, answer, grade, followup: !$('#followup-tag').hidden };
    state.history = null;
    saveThread();
    renderResult();
    $('#grade-card').focus({ preventScroll: true });
    $('#grade-card').scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (err) {
    renderResult();
    // the feedback on screen is not for this answer: say so
    const card = $('#result .grade');
    if (card) {
      card.classList.add('stale');
      card.prepend(h('p', { class: 'stale-note', role: 'note' }, t('result.stale')));
    }
    showError(errEl, err);
  } finally {
    busy(btn, out, false);
  }
}

async function showPractice() {
  renderThread();
  if (state.current?.question && !$('#question').value) {
    $('#question').value = state.current.question;
    $('#answer').value = state.current.answer || '';
    $('#followup-tag').hidden = !state.current.followup;
    updateCount();
  }
  renderResult();
  try {
    await loadBank();
    fillBankSelect();
  } catch (err) {
    toast(errorText(err));
  }
}

function initPractice() {
  $('#answer-form').addEventListener('submit', submitAnswer);
  $('#answer').addEventListener('input', updateCount);
  initRecorder({
    canTranscribe: () => !!state.info?.transcription,
    question: () => $('#question').value,
    collection: () => state.collection,
    errorText,
  });
  // A paste over the limit is cut by the browser: say so rather than cut silently.
  $('#answer').addEventListener('paste', (ev) => {
    const el = ev.currentTarget;
    const pasted = (ev.clipboardData || window.clipboardData)?.getData('text') || '';
    const room = el.maxLength - (el.value.length - (el.selectionEnd - el.selectionStart));
    if (el.maxLength > 0 && pasted.length > room) {
      setTimeout(() => showError($('#form-error'), t('practice.cut', { limit: el.maxLength })), 0);
    }
  });
  for (const id of ['#answer', '#question']) {
    $(id).addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) $('#answer-form').requestSubmit();
    });
  }
  $('#question').addEventListener('input', () => { $('#followup-tag').hidden = true; });
  $('#bank-select').addEventListener('change', (ev) => {
    const q = findBankQuestion(ev.target.value);
    if (q) {
      state.current = { question: q.question };
      setQuestion(q.question);
      $('#answer').focus();
    }
  });
  $('#random-q').addEventListener('click', async () => {
    try {
      await loadBank();
    } catch (err) {
      toast(errorText(err));
      return;
    }
    const qsList = state.bank?.questions || [];
    if (!qsList.length) { toast(t('practice.bankEmpty')); return; }
    const q = qsList[Math.floor(Math.random() * qsList.length)];
    $('#bank-select').value = q.id;
    state.current = { question: q.question };
    setQuestion(q.question);
    $('#answer').focus();
  });
  $('#next-q').addEventListener('click', async () => {
    let res;
    try {
      res = await api('/api/v1/next' + qs({ collection: state.collection, n: 1 }));
    } catch (err) {
      toast(errorText(err));
      return;
    }
    const q = res.questions[0];
    if (!q) { toast(t('practice.bankEmpty')); return; }
    $('#bank-select').value = q.id || '';
    state.current = { question: q.question };
    setQuestion(q.question);
    const why = q.reason === 'new' ? t('next.new')
      : t(q.reason === 'due' ? 'next.due' : 'next.ahead', { recall: Math.round((q.recall || 0) * 100), last: q.last_score ?? '-' });
    toast(q.flag ? why + ' ' + t('next.flag', { note: q.note }) : why);
    $('#answer').focus();
  });
  $('#thread-reset').addEventListener('click', () => {
    state.thread = [];
    state.current = null;
    saveThread();
    renderThread();
    setQuestion('');
    $('#bank-select').value = '';
    $('#question').focus();
  });
}

// practise opens the practice view on a question (from the bank or history).
function practise(question) {
  state.thread = [];
  state.current = { question };
  saveThread();
  setQuestion(question);
  location.hash = '#/practice';
  setTimeout(() => $('#answer').focus(), 0);
}

// ---------- question bank ----------

function renderBank() {
  const bank = state.bank || { questions: [], topics: [] };
  const topicList = $('#topic-list');
  const total = bank.questions.length;
  const topicButton = (topic, label, count) => h('li', {},
    h('button', {
      type: 'button', class: 'topic-btn', 'aria-pressed': String(state.bankTopic === topic),
      onclick: () => { state.bankTopic = topic; renderBank(); },
    }, h('span', {}, label), h('span', { class: 'count' }, String(count))));
  clear(topicList, topicButton('', t('bank.all'), total), bank.topics.map((x) => topicButton(x.topic, x.topic || t('history.noTopic'), x.count)));
  const filter = $('#bank-filter').value.trim().toLowerCase();
  const shown = bank.questions.filter((q) => (!state.bankTopic || q.topic === state.bankTopic)
    && (!filter || q.question.toLowerCase().includes(filter) || q.topic.toLowerCase().includes(filter)));
  const list = $('#bank-list');
  if (!shown.length) {
    clear(list, h('li', { class: 'empty' }, t('bank.empty')));
    return;
  }
  clear(list, shown.map((q) => h('li', { class: 'bank-item' },
    h('div', { class: 'bank-text' },
      h('p', { class: 'bank-q' }, q.question),
      h('p', { class: 'crumbs' }, [q.note, ...(q.heading_path || [])].join(' › '))),
    h('button', { type: 'button', class: 'secondary small', onclick: () => practise(q.question) }, t('bank.practice')))));
}

async function showQuestions() {
  const list = $('#bank-list');
  if (!state.bank) clear(list, h('li', { class: 'empty' }, t('loading')));
  try {
    await loadBank();
  } catch (err) {
    clear(list, h('li', { class: 'error' }, errorText(err)));
    return;
  }
  renderBank();
}

function initQuestions() {
  $('#bank-filter').addEventListener('input', renderBank);
  $('#bank-refresh').addEventListener('click', async (ev) => {
    const btn = ev.currentTarget;
    busy(btn, $('#bank-list'), true);
    try {
      const res = await api('/api/v1/questions/refresh' + qs({ collection: state.collection }), { method: 'POST' });
      state.bank = null;
      await loadBank();
      renderBank();
      toast(t(res.refreshing ? 'bank.stillRefreshing' : 'bank.refreshed', { n: res.questions }));
    } catch (err) {
      toast(errorText(err));
    } finally {
      busy(btn, $('#bank-list'), false);
    }
  });
}

// ---------- notes ----------

async function showNotes() {
  const body = $('#notes-body');
  const status = $('#notes-status');
  try {
    const res = await api('/api/v1/notes' + qs({ collection: state.collection }));
    status.textContent = t('notes.summary', { n: res.notes.length, c: res.chunks });
    if (!res.notes.length) {
      clear(body, h('tr', {}, h('td', { colspan: 5, class: 'empty' }, t('notes.none'))));
      return;
    }
    clear(body, res.notes.map((n) => h('tr', {},
      h('td', { class: 'path', dataset: { label: t('notes.path') } }, wrapPath(n.path)),
      h('td', { dataset: { label: t('notes.title') } }, n.title),
      h('td', { class: 'num', dataset: { label: t('notes.chunks') } }, String(n.chunks)),
      h('td', { class: 'when', dataset: { label: t('notes.indexed') } }, h('time', { datetime: n.indexed_at }, formatDate(n.indexed_at, lang()))),
      h('td', { class: 'actions' }, deleteButton(n)))));
  } catch (err) {
    status.textContent = errorText(err);
  }
}

// wrapPath lets a note's path break after its separators (/ _ - .) rather
// than inside a word on a narrow screen.
function wrapPath(p) {
  const parts = p.split(/(?<=[\/_\-.])/);
  const out = [];
  parts.forEach((x, i) => { out.push(x); if (i < parts.length - 1) out.push(h('wbr', {})); });
  return h('span', { class: 'path-text', title: p }, ...out);
}

// deleteButton asks for a second click instead of a blocking confirm().
function deleteButton(n) {
  const btn = h('button', { type: 'button', class: 'danger small', 'aria-label': t('notes.deleteLabel', { path: n.path }) }, t('notes.delete'));
  let armed = false;
  btn.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      btn.textContent = t('notes.confirmDelete', { path: n.path });
      btn.classList.add('armed');
      setTimeout(() => {
        armed = false;
        btn.textContent = t('notes.delete');
        btn.classList.remove('armed');
      }, 5000);
      return;
    }
    busy(btn, null, true);
    try {
      await api('/api/v1/notes/' + encodeURIComponent(n.id) + qs({ collection: state.collection }), { method: 'DELETE' });
      state.bank = null;
      toast(t('notes.deleted', { path: n.path }));
      await showNotes();
    } catch (err) {
      toast(errorText(err));
      busy(btn, null, false);
    }
  });
  return btn;
}

async function submitUpload(ev) {
  ev.preventDefault();
  const btn = $('#upload-btn');
  const status = $('#upload-status');
  const bar = $('#upload-progress');
  const files = [...$('#upload-files').files, ...$('#upload-folder').files];
  if (!files.length) {
    status.textContent = t('notes.pickFiles');
    return;
  }
  const form = new FormData();
  form.append('collection', state.collection);
  for (const f of files) form.append('file', f, f.webkitRelativePath || f.name);
  busy(btn, $('#upload-form'), true);
  bar.hidden = false;
  bar.value = 0;
  status.textContent = t('notes.uploading', { p: 0 });
  try {
    const sum = await upload('/api/v1/notes', form, (p, done) => {
      if (done) {
        bar.removeAttribute('value'); // indeterminate while the server indexes
        status.textContent = t('notes.indexing');
      } else {
        bar.value = p;
        status.textContent = t('notes.uploading', { p });
      }
    });
    state.bank = null;
    clear(status,
      h('span', {}, t('notes.uploaded', { files: sum.files, added: sum.chunks_added, unchanged: sum.chunks_unchanged })
        + (sum.questions_refreshing ? ' ' + t('notes.bankRefreshing') : '')),
      (sum.skipped || []).length ? h('ul', { class: 'skipped' }, sum.skipped.map((x) => h('li', {}, t('notes.skipped', { path: x.path, reason: has('skip.' + x.code) ? t('skip.' + x.code) : x.reason })))) : null);
    $('#upload-form').reset();
    await showNotes();
  } catch (err) {
    status.textContent = errorText(err);
  } finally {
    bar.hidden = true;
    busy(btn, $('#upload-form'), false);
  }
}

async function submitSearch(ev) {
  ev.preventDefault();
  const q = $('#search-q').value.trim();
  const out = $('#search-results');
  if (!q) return;
  const btn = $('#search-btn');
  busy(btn, out, true);
  try {
    const res = await api('/api/v1/search' + qs({ q, k: 8, collection: state.collection }));
    if (!res.passages.length) {
      clear(out, h('li', { class: 'empty' }, t('notes.noResults')));
      return;
    }
    clear(out, res.passages.map((p) => h('li', { class: 'passage' },
      h('button', { type: 'button', class: 'cite', onclick: () => openPassage(p) },
        h('span', { class: 'cite-icon', 'aria-hidden': 'true' }, '¶'), citationLabel(p)),
      h('p', { class: 'prewrap passage-text' }, p.text),
      h('p', { class: 'score-line' }, (p.score * 100).toFixed(0) + '%'))));
  } catch (err) {
    clear(out, h('li', { class: 'error' }, errorText(err)));
  } finally {
    busy(btn, out, false);
  }
}

function initNotes() {
  $('#upload-form').addEventListener('submit', submitUpload);
  $('#search-form').addEventListener('submit', submitSearch);
  $('#reindex-btn').addEventListener('click', async (ev) => {
    const btn = ev.currentTarget;
    busy(btn, $('#notes-body'), true);
    try {
      const res = await api('/api/v1/notes/reindex' + qs({ collection: state.collection }), { method: 'POST' });
      state.bank = null;
      $('#notes-status').textContent = t('notes.reindexed', { n: res.chunks_embedded });
    } catch (err) {
      toast(errorText(err));
    } finally {
      busy(btn, $('#notes-body'), false);
    }
  });
}

// ---------- history ----------

function chart(attempts) {
  const pts = attempts.slice().reverse(); // oldest first
  const W = 640, H = 220, L = 36, R = 12, T = 12, B = 28;
  const x = (i) => (pts.length === 1 ? L + (W - L - R) / 2 : L + (i * (W - L - R)) / (pts.length - 1));
  const y = (v) => T + ((100 - v) * (H - T - B)) / 100;
  const grid = [0, 25, 50, 75, 100].map((v) => s('g', { class: 'grid' },
    s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v) }),
    s('text', { x: L - 8, y: y(v) + 4, 'text-anchor': 'end' }, String(v))));
  const line = pts.map((a, i) => `${i ? 'L' : 'M'} ${x(i).toFixed(1)} ${y(a.score).toFixed(1)}`).join(' ');
  const area = `${line} L ${x(pts.length - 1).toFixed(1)} ${y(0)} L ${x(0).toFixed(1)} ${y(0)} Z`;
  const first = pts[0], last = pts[pts.length - 1];
  return s('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'line-chart', role: 'img', preserveAspectRatio: 'xMidYMid meet',
    'aria-label': t('history.chartLabel', { n: pts.length, from: formatDate(first.created_at, lang()), to: formatDate(last.created_at, lang()), last: last.score }),
  },
  grid,
  s('path', { class: 'area', d: area }),
  s('path', { class: 'line', d: line }),
  pts.map((a, i) => s('circle', { class: ['dot', 'score-' + verdictClass(a.verdict, a.score)], cx: x(i), cy: y(a.score), r: 4.5 },
    s('title', {}, `${a.score} · ${a.question} · ${formatDate(a.created_at, lang())}`))),
  s('text', { class: 'axis', x: L, y: H - 6 }, formatDate(first.created_at, lang())),
  pts.length > 1 ? s('text', { class: 'axis', x: W - R, y: H - 6, 'text-anchor': 'end' }, formatDate(last.created_at, lang())) : null);
}

// barClass colours an average score (no verdict exists for an average).
function barClass(avg) {
  if (avg >= 80) return 'ok';
  if (avg >= 60) return 'good';
  if (avg >= 40) return 'part';
  return 'miss';
}

function bar(avg) {
  return s('svg', { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    s('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10, rx: 5 }),
    s('rect', { class: ['bar-value', 'score-' + barClass(avg)], x: 0, y: 0, width: Math.max(2, avg), height: 10, rx: 5 }));
}

function renderHistory() {
  const { attempts, topics } = state.history;
  const chartEl = $('#score-chart');
  const list = $('#attempt-list');
  if (!attempts.length) {
    clear(chartEl, h('p', { class: 'empty' }, t('history.none')));
    clear($('#topic-body'), h('tr', {}, h('td', { colspan: 4, class: 'empty' }, '—')));
    clear(list, h('p', { class: 'empty' }, t('history.none')));
    return;
  }
  clear(chartEl, chart(attempts));
  clear($('#topic-body'), topics.map((x) => {
    const avg = Math.round(x.average);
    const weak = avg < 50;
    return h('tr', { class: weak ? 'weak' : null },
      h('th', { scope: 'row' }, weak ? h('span', { class: 'weak-tag' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('history.weak')) : null, x.topic || t('history.noTopic')),
      h('td', { class: 'num', dataset: { label: t('history.attempts') } }, String(x.attempts)),
      h('td', { dataset: { label: t('history.average') } }, h('div', { class: 'avg' }, bar(avg), h('span', { class: 'avg-num' }, String(avg)))),
      h('td', { class: 'num', dataset: { label: t('history.last') } }, String(x.last)),
      h('td', { dataset: { label: t('history.trend') } }, sparkline(x.recent || [])));
  }));
  clear(list, attempts.map((a) => h('details', { class: 'attempt' },
    h('summary', {},
      h('span', { class: ['chip', 'score-' + verdictClass(a.verdict, a.score)] }, String(a.score)),
      h('span', { class: 'attempt-q' }, a.modality === 'speech' ? h('span', { class: 'mic', role: 'img', 'aria-label': t('voice.spoken') }) : null, a.question),
      h('span', { class: 'attempt-meta' }, (a.topic ? a.topic + ' · ' : '') + formatDate(a.created_at, lang()))),
    h('div', { class: 'attempt-body' },
      h('p', { class: 'label' }, t('thread.yourAnswer')),
      h('p', { class: 'prewrap answer-text' }, a.answer),
      renderGrade(a.grade, { onCite: openPassage, calls: a.calls, onCall: (i, status) => makeCall(a.id, i, status) }),
      h('button', { type: 'button', class: 'secondary small', onclick: () => practise(a.question) }, t('history.again'))))));
}

// sparkline draws a topic's recent scores (oldest first) as a small line.
function sparkline(scores) {
  if (scores.length < 2) return scores.length ? String(scores[0]) : '';
  const w = 90, hgt = 22;
  const pts = scores.map((v, i) => `${(i * w / (scores.length - 1)).toFixed(1)},${(hgt - 2 - v * (hgt - 4) / 100).toFixed(1)}`).join(' ');
  const first = scores[0], last = scores[scores.length - 1];
  return s('svg', { class: 'spark', width: w, height: hgt, viewBox: `0 0 ${w} ${hgt}`, role: 'img',
    'aria-label': t('history.trendLabel', { first, last, n: scores.length }) },
  s('polyline', { points: pts, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' }));
}

// makeCall stores the candidate's own call on a point and says what it makes
// of the score.
async function makeCall(attemptId, point, status) {
  try {
    const res = await api('/api/v1/attempts/' + encodeURIComponent(attemptId) + '/points/' + point + qs({ collection: state.collection }),
      { method: 'PUT', json: { status } });
    toast(t(status ? 'call.saved' : 'call.cleared', { score: res.score }));
    state.history = null;
  } catch (err) {
    toast(errorText(err));
    throw err;
  }
}

async function showHistory() {
  if (!state.history) clear($('#attempt-list'), h('p', { class: 'empty' }, t('loading')));
  try {
    const c = { collection: state.collection };
    const [hist, tops, calls, byQ] = await Promise.all([
      api('/api/v1/history' + qs({ ...c, limit: 200 })),
      api('/api/v1/history/topics' + qs(c)),
      api('/api/v1/history/calls' + qs(c)),
      api('/api/v1/history/questions' + qs(c)),
    ]);
    const spoken = hist.attempts.filter((a) => a.grade?.speech).reverse();
    $('#delivery-card').hidden = spoken.length === 0;
    clear($('#delivery-trend'), spoken.length ? h('dl', { class: 'trend' },
      h('dt', {}, t('history.pace')), h('dd', {}, sparkline(spoken.map((a) => Math.min(100, Math.round(a.grade.speech.words_per_minute / 2)))), ' ', t('delivery.paceEn', { wpm: Math.round(spoken[spoken.length - 1].grade.speech.words_per_minute) })),
      h('dt', {}, t('history.fillers')), h('dd', {}, sparkline(spoken.map((a) => Math.min(100, Math.round(a.grade.speech.fillers_per_minute * 10)))), ' ', t('delivery.fillersPer', { n: (spoken[spoken.length - 1].grade.speech.fillers_per_minute || 0).toFixed(1) }))) : null);
    clear($('#question-body'), byQ.questions.map((x) => h('tr', {},
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'linkish', onclick: () => practise(x.question) }, x.question)),
      h('td', { class: 'num', dataset: { label: t('history.attempts') } }, String(x.attempts)),
      h('td', { class: 'num', dataset: { label: t('history.best') } }, String(x.best)),
      h('td', { class: 'num', dataset: { label: t('history.last') } }, String(x.last)))));
    state.history = { attempts: hist.attempts, topics: tops.topics };
    renderHistory();
    clear($('#calls-body'), calls.calls.map((x) => h('tr', {},
      h('th', { scope: 'row' }, t('status.' + x.judge_status)),
      h('td', { class: 'num', dataset: { label: t('history.points') } }, String(x.points)),
      h('td', { class: 'num', dataset: { label: t('history.overruled') } }, x.overruled ? `${x.overruled} (${Math.round(100 * x.overruled / x.points)}%)` : '0'))));
  } catch (err) {
    clear($('#attempt-list'), h('p', { class: 'error' }, errorText(err)));
  }
}

// ---------- routing, language ----------

const views = { practice: showPractice, questions: showQuestions, notes: showNotes, batch: () => showBatches(state.collection, errorText), history: showHistory };

function route() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1];
  state.view = views[name] ? name : 'practice';
  for (const v of Object.keys(views)) $('#view-' + v).hidden = v !== state.view;
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  views[state.view]();
}

// applyLang switches the UI language; only an explicit choice is remembered,
// so that without one the browser's Accept-Language keeps deciding.
function applyLang(l, { remember = false } = {}) {
  setLang(l);
  if (remember) store.set('grader.lang', lang());
  $('#lang').value = lang();
  translate();
  document.title = t('nav.' + state.view) + ' · Grader';
  if (state.info?.grader?.mode === 'offline') {
    const b = $('#mode-banner');
    b.textContent = t('banner.offline');
    b.hidden = false;
  }
  // Re-render what was built from data, in the new language.
  if (state.bank) { fillBankSelect(); renderBank(); }
  renderThread();
  renderResult();
  updateCount();
  if (state.history) renderHistory();
}

async function main() {
  const params = new URLSearchParams(location.search);
  setCollection(params.get('collection') || store.get('grader.collection') || 'default');
  setLang(store.get('grader.lang') || document.documentElement.lang || 'en');
  $('#lang').value = lang();
  translate();
  $('#lang').addEventListener('change', (ev) => applyLang(ev.target.value, { remember: true }));
  $('#collection').addEventListener('change', (ev) => {
    const name = ev.target.value.trim();
    if (!name) { ev.target.value = state.collection; return; }
    setCollection(name);
    setQuestion(state.current?.question || '');
    route();
  });
  $('#passage-close').addEventListener('click', () => $('#passage-dialog').close());
  $('#passage-dialog').addEventListener('click', (ev) => {
    if (ev.target === ev.currentTarget) ev.currentTarget.close(); // a click on the backdrop
  });
  initPractice();
  initQuestions();
  initNotes();
  initBatch(() => state.collection, errorText);
  window.addEventListener('hashchange', () => { route(); document.title = t('nav.' + state.view) + ' · Grader'; });
  route();
  document.title = t('nav.' + state.view) + ' · Grader';
  try {
    state.info = await api('/api/v1/info');
    applyLang(lang());
  } catch { /* the page works without it */ }
  document.body.dataset.ready = 'true';
}

main();
