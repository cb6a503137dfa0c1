import { describe, expect, it } from 'vitest';
import { sizeInWords, uploadQuotas } from './limits.ts';

describe('upload quotas', () => {
  it('are 50 MB per client and 2 GB per town unless set', () => {
    expect(uploadQuotas({})).toEqual({ clientBytes: 52_428_800, townBytes: 2_147_483_648 });
    expect(uploadQuotas({ PARVIS_UPLOAD_QUOTA_CLIENT_BYTES: '100000', PARVIS_UPLOAD_QUOTA_TOWN_BYTES: '' })).toEqual({
      clientBytes: 100_000,
      townBytes: 2_147_483_648,
    });
  });

  it('refuse a setting that is not a number of bytes, naming it', () => {
    expect(() => uploadQuotas({ PARVIS_UPLOAD_QUOTA_TOWN_BYTES: '2GB' })).toThrow(
      'PARVIS_UPLOAD_QUOTA_TOWN_BYTES must be a number of bytes (e.g. 10485760), not "2GB"',
    );
    expect(() => uploadQuotas({ PARVIS_UPLOAD_QUOTA_CLIENT_BYTES: '0' })).toThrow('PARVIS_UPLOAD_QUOTA_CLIENT_BYTES');
  });

  it('are said in kilobytes, megabytes or gigabytes', () => {
    expect(sizeInWords(100_000)).toEqual({ fr: '98 ko', en: '98 KB' });
    expect(sizeInWords(50 * 1024 * 1024)).toEqual({ fr: '50 Mo', en: '50 MB' });
    expect(sizeInWords(2.5 * 1024 * 1024 * 1024)).toEqual({ fr: '2,5 Go', en: '2.5 GB' });
  });
});
