import { describe, expect, it } from 'vitest';
import { attachmentName } from './attachment-name.ts';

describe('attachmentName: what an e-mail attachment is kept under', () => {
  it('keeps an ordinary name as sent', () => {
    expect(attachmentName('Plan du quartier.pdf')).toEqual({ ok: true, name: 'Plan du quartier.pdf', renamed: false });
  });

  it('strips paths, control and bidirectional characters and leading dots', () => {
    expect(attachmentName('../../../etc/passwd')).toMatchObject({ ok: true, name: 'passwd', renamed: true });
    expect(attachmentName('C:\\Windows\\system.ini')).toMatchObject({ name: 'system.ini' });
    expect(attachmentName('.htaccess')).toMatchObject({ name: 'htaccess' });
    expect(attachmentName('photo\u0000\u202e.jpg')).toMatchObject({ name: 'photo.jpg' });
    expect(attachmentName(undefined)).toMatchObject({ ok: true, name: 'fichier' });
  });

  it('refuses a runnable type anywhere in the name, with the reason', () => {
    expect(attachmentName('facture.pdf.exe')).toEqual({
      ok: false,
      reason:
        'Pièce jointe refusée : « facture.pdf.exe » est un programme (.exe). / Attachment refused: "facture.pdf.exe" is a program (.exe).',
    });
    // a right-to-left override shows "facture\u202efdp.exe" as "factureexe.pdf": it is still a program
    expect(attachmentName('facture\u202efdp.exe')).toMatchObject({ ok: false });
    expect(attachmentName('photo.JS.jpg')).toMatchObject({ ok: false });
  });
});
