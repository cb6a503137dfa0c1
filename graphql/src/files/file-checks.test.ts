import { describe, expect, it } from 'vitest';
import { safeFileName } from './file-name.ts';
import { isAccepted, sniffType } from './file-types.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
const ZIP = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60)]);

describe('file names', () => {
  it('keep only the last segment of a path, whatever the separator', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\ines\\Documents\\plan.pdf')).toBe('plan.pdf');
  });

  it('lose control, bidirectional and reserved characters, and leading dots', () => {
    // U+202E turns `gpj.exe` into what reads as `exe.jpg`
    expect(safeFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(safeFileName('a<b>c:d"e|f?g*h.png')).toBe('a_b_c_d_e_f_g_h.png');
    expect(safeFileName('.htaccess')).toBe('htaccess');
    expect(safeFileName('Réclamation façade été.pdf')).toBe('Réclamation façade été.pdf');
  });

  it('are never empty and at most 120 characters, the extension kept', () => {
    expect(safeFileName('../')).toBe('fichier');
    expect(safeFileName('')).toBe('fichier');
    const long = safeFileName(`${'x'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(120);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('file types', () => {
  it('come from the bytes', async () => {
    expect(await sniffType(PNG)).toEqual({ mime: 'image/png', extension: 'png' });
    expect(await sniffType(PDF)).toEqual({ mime: 'application/pdf', extension: 'pdf' });
    expect(await sniffType(Buffer.from('Bonjour,\nvoici ma demande.\n'))).toEqual({
      mime: 'text/plain',
      extension: 'txt',
    });
    expect(await sniffType(Buffer.from([0, 1, 2, 3, 0xff, 0xfe]))).toBeUndefined();
  });

  it('are matched against a form-js accept list by type, family or extension', async () => {
    const png = (await sniffType(PNG))!;
    const pdf = (await sniffType(PDF))!;
    expect(isAccepted(png, 'image/*')).toBe(true);
    expect(isAccepted(pdf, 'image/*')).toBe(false);
    expect(isAccepted(pdf, 'image/*, .PDF')).toBe(true);
    expect(isAccepted(pdf, 'application/pdf')).toBe(true);
    expect(isAccepted(png, '.jpg,.jpeg')).toBe(false);
    expect(isAccepted(png, '')).toBe(true);
  });

  it('never let programs or archives through, whatever the accept list', async () => {
    for (const bytes of [ELF, ZIP]) {
      const type = await sniffType(bytes);
      expect(type).toBeDefined();
      expect(isAccepted(type!, '')).toBe(false);
      expect(isAccepted(type!, `${type!.mime},.${type!.extension}`)).toBe(false);
    }
  });
});
