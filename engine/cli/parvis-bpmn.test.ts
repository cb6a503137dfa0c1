import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProcedure } from '../src/procedure/check-procedure.ts';
import { bpmn, chain, flow } from '../test-fixtures/bpmn.ts';
import { businessRuleTask, dmn, table } from '../test-fixtures/dmn.ts';

const bin = new URL('../../node_modules/.bin/parvis-bpmn', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'parvis-bpmn-'));

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  mkdirSync(join(path, '..'), { recursive: true });
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

  it('simulate: exit 2 when the run stops on an incident, naming it', () => {
    // given
    const noWayOut = file(
      'no-way-out.bpmn',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="eligible" /><bpmn:userTask id="grant" />
         <bpmn:endEvent id="end" />${flow('f1', 'start', 'eligible')}${flow('f2', 'eligible', 'grant', '=amount >= 100')}
         ${flow('f3', 'grant', 'end')}`,
      ),
    );
    // when
    const { code, lines } = run('simulate', noWayOut, '--vars', '{"amount":3}');
    // then
    expect(code).toBe(2);
    expect(lines).toContainEqual(expect.objectContaining({ elementId: 'eligible', action: 'incident' }));
    expect(lines.at(-1)).toMatchObject({
      final: {
        outcome: 'incident',
        status: 'active',
        variables: { amount: 3 },
        waitingFor: [{ kind: 'incident NO_MATCHING_FLOW', elementId: 'eligible' }],
      },
    });
  });

  it('simulate: a signal nobody sends leaves the run waiting (exit 2); given in the events file, it completes', () => {
    // given
    const storm = file(
      'storm.bpmn',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="secure" />
         <bpmn:intermediateCatchEvent id="stormOver"><bpmn:signalEventDefinition signalRef="stormOverSignal" /></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />${chain(['start', 'secure', 'stormOver', 'end'])}`,
        { definitions: '<bpmn:signal id="stormOverSignal" name="storm-over" />' },
      ),
    );
    const events = file(
      'storm-events.jsonl',
      ['{"type":"taskCompleted","elementId":"secure"}', '{"type":"signalReceived","signalName":"storm-over"}'].join(
        '\n',
      ),
    );
    // when
    const waiting = run('simulate', storm);
    const answered = run('simulate', storm, '--events', events);
    // then
    expect(waiting.code).toBe(2);
    expect(waiting.lines).toContainEqual(expect.objectContaining({ elementId: 'secure', action: 'completed' }));
    expect(waiting.lines.at(-1)).toMatchObject({
      final: {
        outcome: 'waiting',
        status: 'active',
        waitingFor: [{ kind: 'signal', elementId: 'stormOver', name: 'storm-over' }],
      },
    });
    expect(answered.code).toBe(0);
    expect(answered.lines.at(-1)).toMatchObject({ final: { outcome: 'completed', status: 'completed' } });
  });

  it('--help prints the usage and exits 0; an unknown option, the usage on stderr and exit 1, no stack trace', () => {
    // when
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8', timeout: 30_000 });
    const unknown = spawnSync(bin, ['simulate', valid, '--variables', '{}'], { encoding: 'utf8', timeout: 30_000 });
    // then
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage:\n  parvis-bpmn validate <file.bpmn>');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--variables'");
    expect(unknown.stderr).toContain('parvis-bpmn simulate <file.bpmn>');
    expect(unknown.stderr).not.toMatch(/^\s+at /m);
  });

  it('simulate | head: ends quietly when the reader has stopped reading', async () => {
    // given a reader that is gone before the first line comes
    const child = spawn(bin, ['simulate', valid], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // when
    const code = await new Promise<number | null>((done) => child.once('close', done));
    // then no EPIPE stack trace, and the exit code of the run (waiting for a message)
    expect(stderr).toBe('');
    expect(code).toBe(2);
  });

  it('reads the .dmn files beside the model: a business rule task calls their decision in validate and simulate', () => {
    // given a model and its decisions in their own folder
    file(
      'fees/fees.dmn',
      dmn(
        table({
          id: 'fee',
          hitPolicy: 'FIRST',
          inputs: ['surface'],
          outputs: ['amount'],
          rules: [
            ['> 50', '500'],
            ['-', '100'],
          ],
        }),
      ),
    );
    const model = file(
      'fees/terrace.bpmn',
      bpmn(
        `<bpmn:startEvent id="start" />${businessRuleTask('price', 'fee', 'fee')}<bpmn:endEvent id="end" />${chain(['start', 'price', 'end'])}`,
      ),
    );
    const missing = file(
      'fees/other.bpmn',
      bpmn(
        `<bpmn:startEvent id="start" />${businessRuleTask('price', 'tariff', 'fee')}<bpmn:endEvent id="end" />${chain(['start', 'price', 'end'])}`,
      ),
    );
    // when
    const valid = run('validate', model);
    const simulated = run('simulate', model, '--vars', '{"surface":80}');
    const refused = run('validate', missing);
    // then
    expect(valid.code).toBe(0);
    expect(simulated.code).toBe(0);
    expect(simulated.lines.at(-1)).toMatchObject({
      final: { outcome: 'completed', variables: { surface: 80, fee: 500 } },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DECISION_MISSING [price] businessRuleTask (price): it calls decision "tariff"');
  });

  it('reads a model saved in ISO-8859-1 by the encoding it declares', () => {
    // given
    const text = bpmn(
      `<bpmn:startEvent id="start" name="Début" /><bpmn:endEvent id="end" name="Terminé" />${chain(['start', 'end'])}`,
    ).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const model = file(
      'latin1/model.bpmn',
      Uint8Array.from(text, (char) => char.charCodeAt(0)),
    );
    // when
    const { code, lines } = run('simulate', model);
    // then
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ elementId: 'start' });
  });

  it('checks the .form files beside the model (or in forms/): a broken schema and a missing form are errors naming form and field, or task', () => {
    // given
    file(
      'forms-case/forms/review.form',
      JSON.stringify({ id: 'review', components: [{ type: 'textfield', key: 'zip', validate: { pattern: '(' } }] }),
    );
    const model = file(
      'forms-case/model.bpmn',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="check"><bpmn:extensionElements><zeebe:formDefinition formId="review" /></bpmn:extensionElements></bpmn:userTask>
         <bpmn:userTask id="decide"><bpmn:extensionElements><zeebe:formDefinition formId="decision" /></bpmn:extensionElements></bpmn:userTask>${chain(['start', 'check', 'decide'])}`,
      ),
    );
    // when
    const { code, stderr } = run('validate', model);
    // then
    expect(code).toBe(1);
    expect(stderr).toContain(
      'FORM_INVALID [review] Form "review", field "zip": its pattern "(" is not a regular expression',
    );
    expect(stderr).toContain('FORM_MISSING [decide] The user task decide links form "decision"');
  });

  it('validate and simulate say what publishing says of the broken procedure: bad FEEL in its DMN file, a bad form field', async () => {
    // given the broken procedure the designer and publishing are tested on, as files on disk
    const fixture = new URL('../../test/fixtures/broken-procedure/', import.meta.url).pathname;
    const read = (name: string) => readFileSync(join(fixture, name), 'utf8');
    file('broken/fees.dmn', read('fees.dmn'));
    file('broken/forms/request-form.form', read('request-form.form'));
    const model = file('broken/broken.bpmn', read('broken.bpmn'));
    const published = await checkProcedure({
      bpmn: read('broken.bpmn'),
      forms: { 'request-form': JSON.parse(read('request-form.form')) },
      decisions: [{ name: 'fees.dmn', xml: read('fees.dmn') }],
    });
    // when
    const validated = run('validate', model);
    const simulated = run('simulate', model);
    // then the same problems, the DMN's in its file and decision, the form's in its form and field
    expect(published.ok).toBe(false);
    if (published.ok) return;
    for (const refused of [validated, simulated]) {
      expect(refused.code).toBe(1);
      expect(refused.lines).toEqual([{ valid: false, errors: published.errors }]);
    }
    expect(published.errors.map((p) => [p.code, p.file ?? p.elementId, p.field])).toEqual([
      ['INVALID_EXPRESSION', 'fees.dmn', undefined],
      ['FORM_INVALID', 'request-form', '"plate"'],
    ]);
    expect(validated.stderr).toContain(`${join(folder, 'broken/fees.dmn')}: INVALID_EXPRESSION`);
    expect(validated.stderr).toContain('[fee]');
    expect(validated.stderr).toMatch(/FORM_INVALID \[request-form\] Form "request-form", field "plate"/);
  });
});
