// Rendering of a Grade: score gauge, verdict, key points with their
// citations, unsupported claims, model answer and follow-up questions.
import { h, s } from './dom.js';
import { t } from './i18n.js';

// Status of a key point: an icon and a word besides the colour, so that it
// reads without colour too.
const STATUS = {
  covered: { icon: '✓', cls: 'ok' },
  partial: { icon: '△', cls: 'part' },
  missed: { icon: '✗', cls: 'miss' },
  incorrect: { icon: '⚠', cls: 'bad' },
};

// verdictClass colours a grade by the judge's verdict, so that the colour and
// the word shown next to it always agree.
export function verdictClass(verdict, score) {
  const byVerdict = { excellent: 'ok', good: 'good', partial: 'part', weak: 'miss', off_topic: 'miss', not_in_notes: 'miss' };
  return byVerdict[verdict] || scoreClass(score);
}

export function scoreClass(score) {
  if (score >= 80) return 'ok';
  if (score >= 60) return 'good';
  if (score >= 35) return 'part';
  return 'miss';
}

// gauge draws the score on a half-circle dial.
export function gauge(score, cls, size = 148) {
  const r = 52;
  const len = Math.PI * r;
  const pct = Math.max(0, Math.min(100, score)) / 100;
  return s('svg', {
    class: ['gauge', 'score-' + (cls || scoreClass(score))], viewBox: '0 0 128 78', width: size, height: Math.round(size * 0.61),
    role: 'img', 'aria-label': `${t('result.score')} ${score} / 100`,
  },
  s('path', { class: 'gauge-track', d: 'M 12 66 A 52 52 0 0 1 116 66', fill: 'none', 'stroke-width': 12, 'stroke-linecap': 'round' }),
  s('path', {
    class: 'gauge-value', d: 'M 12 66 A 52 52 0 0 1 116 66', fill: 'none', 'stroke-width': 12, 'stroke-linecap': 'round',
    'stroke-dasharray': `${(len * pct).toFixed(1)} ${len.toFixed(1)}`,
  }),
  s('text', { x: 64, y: 60, 'text-anchor': 'middle', class: 'gauge-num' }, String(score)),
  s('text', { x: 64, y: 75, 'text-anchor': 'middle', class: 'gauge-sub' }, '/ 100'));
}

export function statusBadge(status) {
  const st = STATUS[status] || { icon: '•', cls: 'miss' };
  return h('span', { class: ['badge', 'badge-' + st.cls] },
    h('span', { class: 'badge-icon', 'aria-hidden': 'true' }, st.icon),
    h('span', { class: 'badge-text' }, t('status.' + status)));
}

export function citationLabel(p) {
  const crumbs = [p.note, ...(p.heading_path || [])].join(' › ');
  // word joiners keep "8–9" on one line on a narrow screen
  const lines = p.line_start ? ' · ' + t('result.lines', { a: p.line_start, b: p.line_end }).replace('–', '\u2060–\u2060') : '';
  return crumbs + lines;
}

// callControl lets the candidate make their own call on a point; the judge's
// call stays shown beside it.
function callControl(i, current, onCall) {
  const sel = h('select', { class: 'call', 'aria-label': t('call.label') },
    ['', 'covered', 'partial', 'missed', 'incorrect'].map((v) => h('option', { value: v }, t(v ? 'call.' + v : 'call.judge'))));
  sel.value = current;
  sel.addEventListener('change', async () => {
    sel.disabled = true;
    try {
      await onCall(i, sel.value);
    } catch {
      sel.value = current; // onCall reports the error
    } finally {
      sel.disabled = false;
    }
    current = sel.value;
  });
  return h('label', { class: 'call-row' }, h('span', { class: 'label' }, t('call.label') + ': '), sel);
}

// renderGrade builds the feedback for one grade. opts.onCite(passage) opens a
// citation; opts.onFollowup(question) continues the interview with it;
// opts.onCall(point, status) records the candidate's own call (opts.calls).
export function renderGrade(g, opts = {}) {
  const verdict = g.verdict || 'weak';
  const cls = verdictClass(verdict, g.score);
  const judge = g.grader
    ? t('result.judge', { mode: t('mode.' + g.grader.mode), model: [g.grader.model, g.grader.version].filter(Boolean).join(' ') })
    : null;
  const head = h('header', { class: 'grade-head' },
    gauge(g.score, cls),
    h('div', { class: 'grade-headline' },
      h('p', { class: ['verdict', 'score-' + cls] }, t('verdict.' + verdict)),
      h('p', { class: 'summary' }, g.summary || ''),
      judge ? h('p', { class: 'judge' }, judge) : null,
      // What the judge checked and what it cannot judge, beside the grade.
      (g.checks || []).length
        ? h('details', { class: 'checks' }, h('summary', {}, t('result.checks')), h('ul', {}, g.checks.map((c) => h('li', {}, c))))
        : null));

  const warnings = (g.warnings || []).length
    ? h('ul', { class: 'warnings' }, g.warnings.map((w) => h('li', {}, h('span', { 'aria-hidden': 'true' }, '⚠ '), w)))
    : null;

  const points = (g.points || []).map((p, i) => {
    const cite = p.citation && p.citation.note
      ? h('button', {
        type: 'button', class: 'cite', dataset: { chunk: p.citation.chunk_id },
        onclick: () => opts.onCite && opts.onCite(p.citation),
      }, h('span', { class: 'cite-icon', 'aria-hidden': 'true' }, '¶'), h('span', { class: 'sr-only' }, t('result.source') + ': '), citationLabel(p.citation))
      : null;
    return h('li', { class: ['point', 'point-' + (STATUS[p.status]?.cls || 'miss')] },
      h('div', { class: 'point-top' }, statusBadge(p.status), h('p', { class: 'point-text' }, p.text)),
      p.evidence ? h('p', { class: 'evidence' }, h('span', { class: 'label' }, t('result.youSaid') + ': '), '“' + p.evidence + '”') : null,
      p.reason ? h('p', { class: 'reason' }, h('span', { class: 'label' }, t('result.why') + ': '), p.reason) : null,
      cite,
      opts.onCall ? callControl(i, (opts.calls || {})[i] || '', opts.onCall) : null);
  });

  const unsupported = (g.unsupported || []).length
    ? h('section', { class: 'unsupported' },
      h('h3', {}, t('result.unsupported')),
      h('ul', {}, g.unsupported.map((u) => h('li', {}, h('span', { class: 'q-icon', 'aria-hidden': 'true' }, '?'), u))))
    : null;

  // delivery: beside the grade, never part of it
  const sp = g.speech;
  const delivery = sp
    ? h('section', { class: 'delivery' },
      h('h3', {}, t('delivery.title')),
      h('p', { class: 'hint' }, t('delivery.note')),
      h('dl', {},
        h('dt', {}, t('delivery.duration')), h('dd', {}, `${Math.round(sp.duration_s)} s`),
        h('dt', {}, t('delivery.pace')), h('dd', {}, sp.syllables_per_second ? t('delivery.paceKo', { wpm: Math.round(sp.words_per_minute), sps: sp.syllables_per_second.toFixed(1) }) : t('delivery.paceEn', { wpm: Math.round(sp.words_per_minute) })),
        h('dt', {}, t('delivery.fillers')), h('dd', {}, t('delivery.fillersPer', { n: (sp.fillers_per_minute || 0).toFixed(1) }) + ' ' +
          Object.entries(sp.fillers || {}).map(([k, v]) => `${k} ×${v}`).join(', ')),
        sp.timestamps ? h('dt', {}, t('delivery.pauses')) : null,
        sp.timestamps ? h('dd', {}, t('delivery.pausesN', { n: sp.long_pauses, s: (sp.longest_pause_s || 0).toFixed(1) })) : null),
      h('details', {}, h('summary', {}, t('delivery.transcript')), h('p', { class: 'prewrap' }, sp.transcript)))
    : null;

  const model = g.model_answer
    ? h('details', { class: 'model-answer' }, h('summary', {}, t('result.modelAnswer')), h('p', { class: 'prewrap' }, g.model_answer))
    : null;

  const followups = (g.followups || []).length
    ? h('section', { class: 'followups' },
      h('h3', {}, t('result.followups')),
      opts.onFollowup ? h('p', { class: 'hint' }, t('result.followupHint')) : null,
      h('ul', { class: 'followup-list' }, g.followups.map((f) => h('li', {},
        opts.onFollowup
          ? h('button', { type: 'button', class: 'followup', onclick: () => opts.onFollowup(f) },
            h('span', { class: 'followup-arrow', 'aria-hidden': 'true' }, '→'), h('span', {}, f))
          : f))))
    : null;

  return h('article', { class: 'grade card' },
    head, warnings,
    h('section', { class: 'points-sec' },
      h('h3', {}, t('result.points')),
      points.length ? h('ul', { class: 'points' }, points) : h('p', { class: 'hint' }, t('result.noPoints'))),
    unsupported, delivery, model, followups);
}

// placeholder explains the feedback before the first answer, with the legend
// of the statuses.
export function placeholder() {
  return h('div', { class: 'card placeholder' },
    h('h2', {}, t('result.emptyTitle')),
    h('p', { class: 'hint' }, t('result.emptyBody')),
    h('ul', { class: 'legend' }, ['covered', 'partial', 'missed', 'incorrect'].map((st) => h('li', {}, statusBadge(st), h('span', {}, t('legend.' + st))))));
}
