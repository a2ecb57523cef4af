/** The API docs page: a readable list built from the OpenAPI document by a same-origin script (no inline script). */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Comptoir API</title><link rel="stylesheet" href="/api-docs.css"></head>
<body><main><h1>Comptoir API</h1>
<p>Version 1. Machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
Errors always answer <code>{"error":{"code","message","details?","requestId"}}</code>.</p>
<div id="ops">Loading…</div></main><script type="module" src="/api-docs.js"></script></body></html>`;
}
