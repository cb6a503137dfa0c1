import { createHash } from 'node:crypto';
import { canonicalJson } from '@parvis/engine';
import type { IssuedDocument } from './issued-documents.ts';

/**
 * What an issued document says, as a short fingerprint printed on it and shown by the public
 * verification page: a copy whose stored content was changed after printing no longer matches.
 * SHA-256 of its number, template, issue time and frozen inputs (canonical JSON), 20 hex digits in fives.
 */
export function documentFingerprint(
  document: Pick<IssuedDocument, 'documentNumber' | 'template' | 'issuedAt' | 'variables'>,
): string {
  const digest = createHash('sha256')
    .update(
      canonicalJson({
        number: document.documentNumber,
        template: document.template,
        issuedAt: document.issuedAt.toISOString(),
        variables: document.variables as never,
      }),
    )
    .digest('hex');
  return digest.slice(0, 20).replace(/(.{5})(?=.)/g, '$1 ');
}
