import { describe, expect, it } from 'vitest';
import { toXml } from './format.ts';

describe('GeoReport XML', () => {
  it("names a list's items by the spec's singular, writes null as an empty element and escapes text", () => {
    expect(
      toXml('service_requests', [
        { service_request_id: 'AB', status_notes: null, address: '1 rue <A> & "B"', lat: 48.5 },
      ]),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>AB</service_request_id>' +
        '<status_notes/><address>1 rue &lt;A&gt; &amp; &quot;B&quot;</address><lat>48.5</lat></request></service_requests>\n',
    );
    expect(
      toXml('service_definition', { service_code: 'x', attributes: [{ values: [{ key: 'a', name: 'A' }] }] }),
    ).toContain(
      '<attributes><attribute><values><value><key>a</key><name>A</name></value></values></attribute></attributes>',
    );
  });
});
