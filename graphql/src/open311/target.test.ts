import { describe, expect, it } from 'vitest';
import { targetOf } from './target.ts';

describe('GeoReport paths', () => {
  it('reads the town, the resource, the id and the format, with or without the town', () => {
    expect(targetOf('/demo/services.xml')).toEqual({ town: 'demo', resource: 'services', format: 'xml' });
    expect(targetOf('/demo/services/signalement.json')).toEqual({
      town: 'demo',
      resource: 'services',
      id: 'signalement',
      format: 'json',
    });
    expect(targetOf('/requests.json')).toEqual({ resource: 'requests', format: 'json' });
    expect(targetOf('/tokens/ABCD-EFGH-JKMN.XML')).toEqual({ resource: 'tokens', id: 'ABCD-EFGH-JKMN', format: 'xml' });
    expect(targetOf('/demo/media/0b6f')).toEqual({ town: 'demo', resource: 'media', id: '0b6f', format: 'json' });
  });

  it('knows no other path', () => {
    for (const path of [
      '/',
      '/demo',
      '/demo/services',
      '/demo/nothing.json',
      '/demo/discovery/x.json',
      '/demo/tokens.json',
      '/demo/media/x.json',
      '/demo/requests/a/b.json',
      '/%E0%A4%A.json',
    ]) {
      expect(targetOf(path), path).toBeUndefined();
    }
  });
});
