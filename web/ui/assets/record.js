// Answering out loud: record (MediaRecorder) with a timer and a level meter,
// play it back, record again, and turn it into a transcript the candidate can
// correct before grading: by the server's transcription model, or else the
// browser's own speech recognition (labelled: the browser's vendor processes
// the audio); where neither exists the page says so and typing stays.
import { upload } from './api.js';
import { $ } from './dom.js';
import { t } from './i18n.js';

const rec = {
  media: null, // MediaRecorder
  stream: null,
  chunks: [],
  blob: null,
  started: 0,
  timer: 0,
  level: 0,
  recognition: null,
  speech: null, // the delivery of the transcript now in the answer box
};

function fmt(ms) {
  const s = Math.floor(ms / 1000);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function status(text) { $('#rec-status').textContent = text; }

// speechNow is the delivery to send with the answer, or null for a typed one.
export function speechNow() { return rec.speech; }

// forgetSpeech drops the recording's transcript (a new question).
export function forgetSpeech() {
  rec.speech = null;
  rec.blob = null;
  $('#rec-audio').hidden = true;
  $('#rec-transcribe').hidden = true;
  status('');
}

function recognizer(langTag, onText) {
  const SR = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!SR) return null;
  const r = new SR();
  r.lang = langTag;
  r.continuous = true;
  r.interimResults = true;
  r.onresult = (ev) => {
    let text = '';
    for (const res of ev.results) text += res[0].transcript;
    onText(text.trim());
  };
  return r;
}

export function initRecorder({ canTranscribe, question, collection, errorText }) {
  const btn = $('#rec-btn');
  if (!navigator.mediaDevices?.getUserMedia || !window.MediaRecorder) {
    btn.disabled = true;
    status(t('voice.noRecorder'));
    return;
  }
  btn.addEventListener('click', async () => {
    const server = canTranscribe();
    const browserSR = !server && (window.SpeechRecognition || window.webkitSpeechRecognition);
    if (!server && !browserSR) {
      status(t('voice.unavailable'));
    }
    try {
      rec.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      status(t('voice.denied'));
      return;
    }
    const type = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'].find((m) => MediaRecorder.isTypeSupported?.(m));
    rec.media = new MediaRecorder(rec.stream, type ? { mimeType: type } : {});
    rec.chunks = [];
    rec.media.ondataavailable = (ev) => { if (ev.data.size) rec.chunks.push(ev.data); };
    rec.media.onstop = () => {
      rec.blob = new Blob(rec.chunks, { type: rec.media.mimeType || 'audio/webm' });
      const audio = $('#rec-audio');
      audio.src = URL.createObjectURL(rec.blob);
      audio.hidden = false;
      const secs = (Date.now() - rec.started) / 1000;
      if (server) {
        $('#rec-transcribe').hidden = false;
        status(t('voice.ready', { t: fmt(secs * 1000) }));
      } else if (rec.recognition) {
        rec.speech = { transcript: $('#answer').value, duration_s: secs };
        status(t('voice.browserDone'));
      }
    };
    // the level meter: how loud, so that a muted microphone shows at once
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(rec.stream).connect(analyser);
    const buf = new Uint8Array(analyser.fftSize);
    const meter = $('#rec-level');
    const tick = () => {
      if (!rec.media || rec.media.state !== 'recording') { ctx.close(); return; }
      analyser.getByteTimeDomainData(buf);
      let peak = 0;
      for (const v of buf) peak = Math.max(peak, Math.abs(v - 128) / 128);
      meter.value = peak;
      $('#rec-timer').textContent = fmt(Date.now() - rec.started);
      requestAnimationFrame(tick);
    };
    rec.speech = null;
    rec.started = Date.now();
    rec.media.start(250);
    btn.hidden = true;
    $('#rec-stop').hidden = false;
    $('#rec-timer').hidden = false;
    meter.hidden = false;
    $('#rec-audio').hidden = true;
    $('#rec-transcribe').hidden = true;
    if (browserSR) {
      const tag = /[가-힣]/.test(question()) ? 'ko-KR' : 'en-US';
      rec.recognition = recognizer(tag, (text) => {
        $('#answer').value = text;
        $('#answer').dispatchEvent(new Event('input'));
      });
      try { rec.recognition?.start(); } catch { rec.recognition = null; }
      status(t('voice.browserRecognition'));
    } else {
      status(t('voice.recording'));
    }
    requestAnimationFrame(tick);
  });
  $('#rec-stop').addEventListener('click', () => {
    rec.media?.stop();
    rec.recognition?.stop();
    rec.stream?.getTracks().forEach((tr) => tr.stop());
    $('#rec-stop').hidden = true;
    $('#rec-level').hidden = true;
    btn.hidden = false;
    const label = btn.querySelector('[data-i18n]');
    label.dataset.i18n = 'voice.again'; // stays so when the language changes
    label.textContent = t('voice.again');
  });
  $('#rec-transcribe').addEventListener('click', async () => {
    if (!rec.blob) return;
    const form = new FormData();
    form.append('audio', rec.blob, 'answer.' + (rec.blob.type.includes('ogg') ? 'ogg' : rec.blob.type.includes('mp4') ? 'm4a' : 'webm'));
    form.append('question', question());
    form.append('collection', collection());
    const b = $('#rec-transcribe');
    b.disabled = true;
    status(t('voice.transcribing'));
    try {
      const d = await upload('/api/v1/transcribe', form, () => {});
      $('#answer').value = d.transcript;
      $('#answer').dispatchEvent(new Event('input'));
      rec.speech = d;
      status(t('voice.check'));
      $('#answer').focus();
    } catch (err) {
      status(errorText(err));
    } finally {
      b.disabled = false;
    }
  });
}
