import { describe, expect, it } from 'vitest';
import { whileDatabaseAway } from './database-away.ts';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('the codec waiting for PostgreSQL', () => {
  it('asks again while the database refuses connections, and answers once it is back', async () => {
    let attempts = 0;
    const answer = await whileDatabaseAway(async () => {
      attempts++;
      if (attempts < 3) throw refused();
      return 'key';
    });
    expect([answer, attempts]).toEqual(['key', 3]);
  });

  it('fails at once on an error that is not the database being away', async () => {
    let attempts = 0;
    const wrong = whileDatabaseAway(async () => {
      attempts++;
      throw Object.assign(new Error('relation "workflow_data_keys" does not exist'), { code: '42P01' });
    });
    await expect(wrong).rejects.toThrow('does not exist');
    expect(attempts).toBe(1);
  });
});
