// Reads the run ids out of LangSmith's trace ingestion: `POST /runs/multipart` (one form
// part `post.<id>` or `patch.<id>` per run operation, its inputs and outputs in further
// parts `post.<id>.inputs` …), `POST /runs/batch` (`{ post: [...], patch: [...] }`), and the
// unbatched `POST /runs` / `PATCH /runs/<id>`. A run counts as ended once a patch for it
// arrived or its create already carried an `end_time` (the client merges the two when both
// are queued in the same batch).

/**
 * Records the operations of one request into `runs` (`{ created: Set, ended: Set }`).
 * `body` is the decompressed request body, `path` the request path.
 */
export function collectLangSmithRuns(runs, { method, path, contentType = '', body }) {
  if (path.endsWith('/runs/multipart')) return collectMultipart(runs, contentType, body);
  const json = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
  if (path.endsWith('/runs/batch')) {
    for (const run of json.post ?? []) noteRun(runs, 'post', run.id, run);
    for (const run of json.patch ?? []) noteRun(runs, 'patch', run.id, run);
    return;
  }
  if (method === 'POST' && path.endsWith('/runs')) return noteRun(runs, 'post', json.id, json);
  const patched = /\/runs\/([0-9a-f-]{36})$/.exec(path);
  if (method === 'PATCH' && patched) noteRun(runs, 'patch', patched[1], json);
}

function noteRun(runs, action, id, run) {
  if (!id) return;
  runs.created.add(id);
  if (action === 'patch' || run?.end_time != null) runs.ended.add(id);
}

function collectMultipart(runs, contentType, body) {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) throw new Error(`multipart body without a boundary: ${contentType}`);
  // latin1 maps each byte to one char, so offsets found in the string are byte offsets.
  const text = body.toString('latin1');
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /name="(post|patch)\.([0-9a-f-]{36})"/.exec(part.slice(0, headerEnd));
    if (!name) continue;
    const payload = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    const run = JSON.parse(Buffer.from(payload, 'latin1').toString('utf8'));
    noteRun(runs, name[1], name[2], run);
  }
}
