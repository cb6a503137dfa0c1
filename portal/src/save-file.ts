// Files the portal makes in the browser (exports, downloads of what a page holds), saved through
// the browser's download as a link to them would be.

/**
 * Saves `parts` as a file named `name`. The object URL outlives the click a while: revoked at once,
 * a download can be cut short before the browser has read it.
 */
export function saveFile(name: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A CSV for spreadsheets: a byte order mark first, so that they read the accents right. */
export const saveCsv = (name: string, csv: string) => saveFile(name, ['\ufeff', csv], 'text/csv;charset=utf-8');

/** Data as indented JSON, for people to read as well as for programs. */
export const saveJson = (name: string, data: unknown) =>
  saveFile(name, [JSON.stringify(data, null, 2)], 'application/json');
