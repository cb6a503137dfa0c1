import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, rfc8785 } from './canonical-json.ts';

describe('canonical JSON (RFC 8785)', () => {
  it('writes the RFC 8785 §3.2.2 example exactly', () => {
    // given the sample of the RFC, numbers and escapes included
    const value = {
      numbers: [JSON.parse('333333333.33333329') as number, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    // when / then
    expect(rfc8785(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    // given
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // when
    const keys = [...rfc8785(value).matchAll(/"((?:[^"\\]|\\.)*)":"/g)].map((m) => JSON.parse(`"${m[1]}"`));
    // then
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('writes -0 as 0 and the number forms of ECMAScript', () => {
    expect(rfc8785([-0, 1e21, 1e-7, 100, 0.1])).toBe('[0,1e+21,1e-7,100,0.1]');
  });

  it('refuses, in strict mode, what I-JSON forbids, naming where', () => {
    expect(() => rfc8785({ a: [1, Number.NaN] })).toThrow(CanonicalJsonError);
    expect(() => rfc8785({ a: [1, Number.NaN] })).toThrow(/\$\.a\[1\]/);
    expect(() => rfc8785({ s: '\ud800' })).toThrow(/surrogate/);
    expect(() => rfc8785({ d: new Date(0) })).toThrow(/Date/);
    expect(() => rfc8785([undefined])).toThrow(/undefined/);
  });

  it('stays lenient for hashing stored data, like JSON.stringify', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, Number.POSITIVE_INFINITY] })).toBe('{"a":[null,null]}');
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(rfc8785({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
