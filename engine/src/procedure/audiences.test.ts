import { describe, expect, it } from 'vitest';
import { readAudiences } from './audiences.ts';

describe('audiences of a procedure', () => {
  it('keeps known audiences, each once, in the order given', () => {
    expect(readAudiences(['associations', 'households', 'associations'], 'x')).toEqual(['associations', 'households']);
    expect(readAudiences([], 'x')).toEqual([]);
  });

  it('refuses an unknown audience or a value that is not a list, naming where and what', () => {
    expect(() => readAudiences(['households', 'particuliers'], 'processes/a/procedure.json')).toThrow(
      'processes/a/procedure.json: unknown audience "particuliers"; use households, businesses, associations',
    );
    expect(() => readAudiences('households', 'here')).toThrow('here: audience must be a list');
  });
});
