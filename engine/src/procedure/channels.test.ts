import { describe, expect, it } from 'vitest';
import type { ModelProblem } from '../runtime/types.ts';
import { CHANNELS, openChannels } from './channels.ts';

describe('channels a procedure is open to', () => {
  it('opens every channel when the procedure names none', () => {
    expect(openChannels({})).toEqual([...CHANNELS]);
  });

  it('keeps the channels named, in the usual order, whatever the spaces', () => {
    const problems: ModelProblem[] = [];
    expect(openChannels({ channels: 'counter, web' }, problems)).toEqual(['web', 'counter']);
    expect(problems).toEqual([]);
  });

  it('names the property when a channel is unknown or none is left', () => {
    const problems: ModelProblem[] = [];
    expect(openChannels({ channels: 'web,internet' }, problems)).toEqual(['web']);
    openChannels({ channels: ' , ' }, problems);
    expect(problems.map((p) => p.message)).toEqual([
      'Property "channels" must list channels among web, open311, counter, phone, post, fax, email, sms, separated by commas, not "web,internet". Fix it in the properties panel.',
      'Property "channels" must list channels among web, open311, counter, phone, post, fax, email, sms, separated by commas, not " , ". Fix it in the properties panel.',
    ]);
    expect(problems.every((p) => p.code === 'INVALID_SETTING')).toBe(true);
  });
});
