import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bpmn, chain } from '../test-fixtures/bpmn.ts';

const bin = new URL('../../node_modules/.bin/parvis-bpmn', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'parvis-bpmn-'));

function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

function run(...args: string[]) {
  const result = spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000 });
  const lines = result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code: result.status, lines, stderr: result.stderr };
}

const valid = file(
  'valid.bpmn',
  bpmn(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" name="Review" />
     <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="payment" /></bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="end" />${chain(['start', 'review', 'paid', 'end'])}`,
    { definitions: '<bpmn:message id="payment" name="payment-received" />' },
  ),
);

describe('npx parvis-bpmn', () => {
  it('validate: exit 0 for a valid model, 1 with the errors for an invalid one', () => {
    // given
    const invalid = file(
      'invalid.bpmn',
      bpmn(`<bpmn:startEvent id="start" /><bpmn:serviceTask id="work" />${chain(['start', 'work'])}`),
    );
    // when
    const good = run('validate', valid);
    const bad = run('validate', invalid);
    // then
    expect(good.code).toBe(0);
    expect(good.lines[0]).toMatchObject({ valid: true, processId: 'test', elements: 4 });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('MISSING_JOB_TYPE [work]');
  });

  it('simulate: prints the path as JSON lines and exits 2 when a message never comes', () => {
    // given / when
    const { code, lines } = run('simulate', valid, '--vars', '{"amount":3}');
    // then
    expect(code).toBe(2);
    expect(lines[0]).toMatchObject({
      elementId: 'start',
      elementType: 'startEvent',
      action: 'activated',
      variables: { amount: 3 },
    });
    expect(lines.at(-1)).toMatchObject({
      final: { outcome: 'waiting', waitingFor: [{ kind: 'message', name: 'payment-received' }] },
    });
  });

  it('simulate with an events file: exit 0 when the process completes', () => {
    // given
    const events = file(
      'events.jsonl',
      [
        '{"type":"taskCompleted","elementId":"review","variables":{"approved":true}}',
        '{"type":"messageReceived","messageName":"payment-received"}',
      ].join('\n'),
    );
    // when
    const { code, lines } = run('simulate', valid, '--events', events);
    // then
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatchObject({ final: { outcome: 'completed', variables: { approved: true } } });
  });
});
