/** What the upload endpoint keeps of a file. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
}

export type UploadResult = { ok: true; file: UploadedFile } | { ok: false; message?: string };

/**
 * Sends one file to `POST /files/<municipality>/<procedure>?field=<key>` (XMLHttpRequest, which
 * reports progress where fetch does not). A refusal gives the server's words; no answer, none.
 */
export function uploadFile(url: string, file: File, onProgress: (percent: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Partial<UploadedFile> & { message?: string };
      if (xhr.status === 201 && body.id) {
        resolve({ ok: true, file: { id: body.id, name: body.name ?? file.name, size: body.size ?? file.size } });
      } else {
        resolve({ ok: false, message: body.message });
      }
    };
    xhr.onerror = () => resolve({ ok: false });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

const NAMES = 'parvis.upload.';

/** Names of uploaded files, kept in this tab beside the draft (which holds only their ids). */
export const uploadedNames = {
  remember(file: UploadedFile) {
    try {
      sessionStorage.setItem(NAMES + file.id, JSON.stringify({ name: file.name, size: file.size }));
    } catch {
      // Storage refused: the file then shows under a generic name after a reload.
    }
  },
  recall(id: string): { name: string; size: number } | undefined {
    try {
      const saved = sessionStorage.getItem(NAMES + id);
      return saved ? (JSON.parse(saved) as { name: string; size: number }) : undefined;
    } catch {
      return undefined;
    }
  },
};
