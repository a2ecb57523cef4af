import { ApiError, withQuery } from "./api";
import type { Upload } from "./api-types";

/**
 * Requests that take long enough to show how far they got: a body sent with upload progress (XMLHttpRequest, the only
 * browser API that reports it), and a download read chunk by chunk (fetch and a stream reader). Both can be
 * cancelled, and fail with the same ApiError shape as `api()`; a cancel rejects with a DOMException "AbortError"
 * (`isAbort`). The server reads a whole body before writing anything, so a cancelled upload leaves nothing behind.
 */

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export type Sending<T> = { done: Promise<T>; abort: () => void };

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

function errorFrom(status: number, statusText: string, data: any, retry: string | null): ApiError {
  const e = data && typeof data === "object" ? data.error : undefined;
  return new ApiError(
    status,
    typeof e?.code === "string" ? e.code : status >= 500 ? "internal" : "bad_request",
    typeof e?.message === "string" ? e.message : statusText,
    e?.details,
    retryAfter(retry),
    typeof e?.requestId === "string" ? e.requestId : undefined,
  );
}

/**
 * `method /api/v1<path>` with `body` sent raw as `contentType`; `onProgress` gets the fraction sent (0 to 1). Resolves
 * with the parsed JSON answer (undefined for 204).
 */
export function sendWithProgress<T>(
  method: "POST" | "PUT" | "PATCH",
  path: string,
  body: Blob | string,
  contentType: string,
  onProgress: (fraction: number) => void = () => {},
  query?: Record<string, string | number | null | undefined>,
): Sending<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open(method, withQuery(`/api/v1${path}`, query));
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      let data: any = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve((xhr.status === 204 ? undefined : data) as T);
        return;
      }
      reject(errorFrom(xhr.status, xhr.statusText, data, xhr.getResponseHeader("Retry-After")));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The network is unreachable"));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new DOMException("Cancelled", "AbortError"));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}

/** POST /api/v1/uploads?filename= with the file as the raw body and its own Content-Type. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Sending<Upload> {
  return sendWithProgress<Upload>("POST", "/uploads", file, file.type || "application/octet-stream", onProgress, { filename: file.name || "file" });
}

export type Downloaded = { blob: Blob; filename: string | null };

/**
 * GET /api/v1<path> read chunk by chunk: `onProgress(received, total)` with the bytes received so far and the
 * Content-Length (null when the server did not say).
 */
export function downloadWithProgress(path: string, onProgress: (received: number, total: number | null) => void): Sending<Downloaded> {
  const controller = new AbortController();
  const done = (async () => {
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}`, { credentials: "same-origin", signal: controller.signal });
    } catch (err) {
      if (err instanceof DOMException && err.name === "AbortError") throw err;
      throw new ApiError(0, "network", "The network is unreachable");
    }
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      let data: any = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        data = null;
      }
      throw errorFrom(res.status, res.statusText, data, res.headers.get("Retry-After"));
    }
    const length = Number(res.headers.get("Content-Length"));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const disposition = res.headers.get("Content-Disposition") ?? "";
    const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
    const type = res.headers.get("Content-Type") ?? "application/octet-stream";
    const chunks: BlobPart[] = [];
    let received = 0;
    onProgress(0, total);
    if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done: finished, value } = await reader.read();
          if (finished) break;
          chunks.push(value);
          received += value.byteLength;
          onProgress(received, total);
        }
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") throw err;
        throw new ApiError(0, "network", "The connection was lost during the download");
      }
    }
    return { blob: new Blob(chunks, { type }), filename };
  })();
  return { done, abort: () => controller.abort() };
}
