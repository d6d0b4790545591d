// The self-assessment view: upload a file of answers, watch it graded
// (server-sent events), open its report, list past batches.
import { api, upload, qs } from './api.js';
import { $, h, clear, busy, formatDate } from './dom.js';
import { t, lang } from './i18n.js';

let stream = null; // the EventSource of the batch being watched

function reportLink(id) {
  return h('a', { href: '/api/v1/batches/' + encodeURIComponent(id) + '/report', target: '_blank', rel: 'noopener' }, t('batch.report'));
}

// watch follows a batch's progress until it is done.
function watch(id, total, collection, errorText) {
  const bar = $('#batch-progress');
  const status = $('#batch-status');
  if (stream) stream.close();
  bar.hidden = false;
  bar.max = total;
  bar.value = 0;
  stream = new EventSource('/api/v1/batches/' + encodeURIComponent(id) + '/events');
  const show = (ev) => {
    const info = JSON.parse(ev.data);
    bar.value = info.done + info.failed;
    status.textContent = t('batch.progress', { done: info.done, total: info.items, failed: info.failed });
    return info;
  };
  stream.addEventListener('progress', show);
  stream.addEventListener('done', async (ev) => {
    const info = show(ev);
    stream.close();
    stream = null;
    bar.hidden = true;
    try {
      const res = await api('/api/v1/batches/' + encodeURIComponent(id));
      clear(status, h('span', {}, t('batch.finished', { n: info.done, mean: res.summary.mean_score.toFixed(1) }) + ' '), reportLink(id));
    } catch (err) {
      status.textContent = errorText(err);
    }
    await showBatches(collection, errorText);
  });
  stream.addEventListener('error', () => {
    // the browser retries a dropped stream by itself; say so meanwhile
    if (stream && stream.readyState === EventSource.CONNECTING) status.textContent = t('batch.reconnecting');
  });
}

export async function showBatches(collection, errorText) {
  const list = $('#batch-list');
  try {
    const res = await api('/api/v1/batches' + qs({ collection, limit: 50 }));
    if (!res.batches.length) {
      clear(list, h('li', { class: 'empty' }, t('batch.none')));
      return;
    }
    clear(list, res.batches.map((b) => h('li', { class: 'attempt' },
      h('strong', {}, b.source), ' · ', formatDate(b.created_at, lang()), ' · ',
      t('batch.counts', { done: b.done, total: b.items }), ' ',
      b.finished_at ? reportLink(b.batch_id) : h('span', { class: 'tag' }, t('batch.running')))));
  } catch (err) {
    clear(list, h('li', { class: 'error' }, errorText(err)));
  }
}

export function initBatch(getCollection, errorText) {
  $('#batch-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = $('#batch-file').files[0];
    const status = $('#batch-status');
    if (!file) { status.textContent = t('batch.pick'); return; }
    const collection = getCollection();
    const form = new FormData();
    form.append('collection', collection);
    form.append('file', file, file.name);
    const btn = $('#batch-btn');
    busy(btn, $('#batch-form'), true);
    status.textContent = t('batch.uploading');
    try {
      const res = await upload('/api/v1/batches', form, () => {});
      status.textContent = t('batch.started', { n: res.items });
      $('#batch-form').reset();
      watch(res.batch_id, res.items, collection, errorText);
      await showBatches(collection, errorText);
    } catch (err) {
      status.textContent = errorText(err); // every problem with its line
    } finally {
      busy(btn, $('#batch-form'), false);
    }
  });
}
