// The files sent with a request (Request.files), as the agent's task page and the tracking page read them.

export interface RequestFileLink {
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** the form field it came with, when it came with a form */
  field: string | null;
  /** download address (the server's public one) */
  url: string;
}

export const REQUEST_FILE_FIELDS = /* GraphQL */ `
  fragment RequestFiles on Request {
    files { id name contentType size field url }
  }`;

/** The request's data with each list of file ids replaced by the files' names, for reading. */
export function withFileNames(data: Record<string, unknown>, files: RequestFileLink[]): Record<string, unknown> {
  const names = new Map(files.map((file) => [file.id, file.name]));
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) =>
      Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === 'string' && names.has(id))
        ? [key, value.map((id) => names.get(id as string))]
        : [key, value],
    ),
  );
}
