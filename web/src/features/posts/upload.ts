import { ApiError } from "../../api";
import type { Upload } from "../../api-types";

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * POST /api/v1/uploads?filename= with the file as the raw body and its own Content-Type. XMLHttpRequest rather than
 * fetch: only it reports upload progress. Rejects with an ApiError shaped like the rest of the client's.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): { done: Promise<Upload>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Upload>((resolve, reject) => {
    xhr.open("POST", `/api/v1/uploads?filename=${encodeURIComponent(file.name || "file")}`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: any = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status === 201 && data && typeof data.id === "string") {
        onProgress(1);
        resolve(data as Upload);
        return;
      }
      const e = data && typeof data === "object" ? data.error : undefined;
      reject(new ApiError(xhr.status, typeof e?.code === "string" ? e.code : xhr.status >= 500 ? "internal" : "bad_request", typeof e?.message === "string" ? e.message : xhr.statusText, e?.details, null, typeof e?.requestId === "string" ? e.requestId : undefined));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The network is unreachable"));
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
