// Calls to the JSON API. Errors come back as ApiError with the server's code and message.

export class ApiError extends Error {
  constructor(status, code, message, reason = '', params = {}, requestId = '') {
    super(message);
    this.status = status;
    this.code = code;
    this.reason = reason; // a bad input's stable reason ("answer_too_long"), worded by the page
    this.params = params || {};
    this.requestId = requestId;
  }
}

async function decode(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return body;
  if (res.status === 401) {
    // The session ended (or the token changed): the page shows the login form.
    window.location.reload();
  }
  const e = body?.error || {};
  throw new ApiError(res.status, e.code || 'http_' + res.status, e.message || res.statusText, e.reason || '', e.params || {}, e.request_id || '');
}

export async function api(path, { method = 'GET', json, signal } = {}) {
  const opts = { method, signal, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (json !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(json);
  }
  let res;
  try {
    res = await fetch(path, opts);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '');
  }
  return decode(res);
}

// upload posts a form with progress reports (fetch cannot report upload progress).
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((100 * ev.loaded) / ev.total), false);
    };
    xhr.upload.onload = () => onProgress(100, true);
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body);
      if (xhr.status === 401) window.location.reload();
      const e = body?.error || {};
      reject(new ApiError(xhr.status, e.code || 'http_' + xhr.status, e.message || xhr.statusText, e.reason || '', e.params || {}, e.request_id || ''));
    };
    xhr.send(form);
  });
}

export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}
