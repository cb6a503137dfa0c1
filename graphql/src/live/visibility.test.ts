import { describe, expect, it } from 'vitest';
import type { SignedInAgent } from '../common/context.ts';
import { parseChange } from './changes.ts';
import { mayConcernInbox } from './visibility.ts';

const TASK = '0b7c2f0e-3a51-4d7e-9a43-5f6c1d2e8b90';
const REQUEST = '6f1d3a2b-8c4e-4f5a-9b7d-1e2c3a4b5c6d';
const agent: SignedInAgent = {
  id: 'a1',
  municipalityId: 'demo',
  email: 'voirie@demoville.fr',
  displayName: 'Voirie',
  roles: ['agent'],
  groups: ['voirie'],
};
const change = (fields: Record<string, unknown>) =>
  parseChange(
    JSON.stringify({ municipality: 'demo', request: REQUEST, task: TASK, groups: [], assignees: [], ...fields }),
  )!;

describe('which announced changes may concern an agent’s inbox', () => {
  it('a task of one of their groups, one assigned to them now or before, one offered by name', () => {
    expect(mayConcernInbox(agent, change({ groups: ['voirie'] }))).toBe(true);
    expect(mayConcernInbox(agent, change({ groups: ['accueil'], assignees: ['a1'] }))).toBe(true);
    expect(mayConcernInbox(agent, change({ groups: ['accueil'], candidates: true }))).toBe(true);
  });

  it('not a task of other groups, nor a change of a request alone', () => {
    expect(mayConcernInbox(agent, change({ groups: ['accueil'], assignees: ['a2'] }))).toBe(false);
    expect(mayConcernInbox(agent, change({ task: undefined }))).toBe(false);
  });

  it('managers: any task of the municipality; anyone: a change of the whole municipality', () => {
    expect(mayConcernInbox({ ...agent, roles: ['manager'] }, change({ groups: ['accueil'] }))).toBe(true);
    expect(mayConcernInbox(agent, parseChange('{"municipality":"demo"}')!)).toBe(true);
  });

  it('a payload that is not one of ours is ignored, and ids must be uuids', () => {
    expect(parseChange('not json')).toBeUndefined();
    expect(parseChange('{"request":"x"}')).toBeUndefined();
    expect(change({ task: "1' or 1=1" }).taskId).toBeUndefined();
  });
});
