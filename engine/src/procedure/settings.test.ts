import { describe, expect, it } from 'vitest';
import { bpmn, compiled } from '../../test-fixtures/bpmn.ts';
import { computedValues } from '../runtime/look-ahead.ts';
import { procedureSettings, readSla, settingsProblems, timerBusinessDelay } from './settings.ts';

/** A task with a non-interrupting boundary timer `Late` whose definition and properties are given. */
const lateTimer = (timer: string, properties: string) =>
  compiled(
    bpmn(`
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Answer" />
    <bpmn:boundaryEvent id="Late" cancelActivity="false" attachedToRef="Answer">
      <bpmn:extensionElements><zeebe:properties>${properties}</zeebe:properties></bpmn:extensionElements>
      <bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="Escalate" />
    <bpmn:endEvent id="End" />
    <bpmn:endEvent id="Escalated" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="Answer" targetRef="End" />
    <bpmn:sequenceFlow id="f3" sourceRef="Late" targetRef="Escalate" />
    <bpmn:sequenceFlow id="f4" sourceRef="Escalate" targetRef="Escalated" />`),
  );
const days = (value: string) => `<zeebe:property name="timer.businessDays" value="${value}" />`;
const DURATION = '<bpmn:timeDuration>P14D</bpmn:timeDuration>';

describe('procedure settings', () => {
  it('reads the SLA and the implicit-decision regime, with the legal default of two months', () => {
    // when
    const { settings, problems } = procedureSettings({ 'sla.businessDays': '5', silence: 'acceptance' });
    // then
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      sla: { days: 5 },
      atRiskRatio: 0.75,
      silence: 'acceptance',
      silenceDelay: { amount: 2, unit: 'months' },
      completenessDelay: { amount: 1, unit: 'months' },
      pieces: [],
    });
  });

  it('has no SLA and no regime when nothing is set', () => {
    expect(procedureSettings({}).settings).toEqual({
      sla: undefined,
      atRiskRatio: 0.75,
      silence: 'none',
      silenceDelay: { amount: 2, unit: 'months' },
      completenessDelay: { amount: 1, unit: 'months' },
      pieces: [],
    });
  });

  it('reads delays in days, weeks, months or business days, and the pieces that make a file complete', () => {
    const { settings, problems } = procedureSettings({
      silence: 'refusal',
      'silence.weeks': '3',
      'completeness.businessDays': '10',
      'piece.plan': 'Plan de situation | Site plan',
      'piece.plan.field': 'plan',
      'piece.kbis': 'Extrait Kbis|Company registration',
    });
    expect(problems).toEqual([]);
    expect(settings.silenceDelay).toEqual({ amount: 3, unit: 'weeks' });
    expect(settings.completenessDelay).toEqual({ amount: 10, unit: 'businessDays' });
    expect(settings.pieces).toEqual([
      { id: 'plan', fr: 'Plan de situation', en: 'Site plan', field: 'plan' },
      { id: 'kbis', fr: 'Extrait Kbis', en: 'Company registration' },
    ]);
  });

  it('names a delay given in two units and a piece without its English words', () => {
    const { problems } = procedureSettings({ 'silence.months': '2', 'silence.days': '30', 'piece.plan': 'Plan' });
    expect(problems.map((p) => p.message)).toEqual([
      'Property "silence.months" cannot go with "silence.days": a delay is counted in one unit (months, weeks, days or businessDays). Fix it in the properties panel.',
      'Property "piece.plan" must read « French words | English words », e.g. « Plan de situation | Site plan », not "Plan". Fix it in the properties panel.',
    ]);
  });

  it('names each wrong property and says how to fix it', () => {
    // when
    const { problems } = procedureSettings({ 'sla.businessDays': '2.5', silence: 'maybe', 'sla.atRiskRatio': '3' });
    // then
    expect(problems.map((p) => p.message)).toEqual([
      'Property "sla.businessDays" must be a whole number above zero, not "2.5". Fix it in the properties panel.',
      'Property "sla.atRiskRatio" must be a number between 0 and 1, e.g. 0.75, not "3". Fix it in the properties panel.',
      'Property "silence" must be acceptance, refusal or none, not "maybe". Fix it in the properties panel.',
    ]);
  });

  it('reads a task SLA in opening hours and names the task when wrong', () => {
    const problems: Parameters<typeof readSla>[1] = [];
    expect(readSla({ 'sla.businessHours': '4' }, problems, 'Check')).toEqual({ hours: 4 });
    readSla({ 'sla.businessHours': '-1' }, problems, 'Check');
    expect(problems[0]?.elementId).toBe('Check');
  });

  it('reads a timer counted in business days instead of its ISO duration', async () => {
    // given a boundary timer of P14D that counts 10 business days
    const ir = await lateTimer(DURATION, days('10'));
    // then the model is valid and a request's timer waits 10 business days
    expect(settingsProblems(ir)).toEqual([]);
    expect(timerBusinessDelay(ir, 'Late')).toEqual({ days: 10 });
    expect(timerBusinessDelay(ir, 'Answer')).toBeUndefined();
  });

  it('names the timer whose business delay is not a positive number, and runs it on its ISO duration', async () => {
    // given business days written in words, and opening hours below zero
    const words = await lateTimer(DURATION, days('dix'));
    const negative = await lateTimer(DURATION, '<zeebe:property name="timer.businessHours" value="-4" />');
    // then each is a settings problem on the timer
    expect(settingsProblems(words)).toEqual([
      expect.objectContaining({
        code: 'INVALID_SETTING',
        elementId: 'Late',
        message:
          'Property "timer.businessDays" must be a whole number above zero, not "dix". Fix it in the properties panel.',
      }),
    ]);
    expect(settingsProblems(negative)).toEqual([
      expect.objectContaining({ code: 'INVALID_SETTING', elementId: 'Late' }),
    ]);
    expect(timerBusinessDelay(words, 'Late')).toBeUndefined();
  });

  it('refuses business days on a timer with no duration to replace: a cycle, a date, a procedure’s timer start', async () => {
    // given business days on a repeating timer, on a timer with a date, and on the process's timer start
    const cycle = await lateTimer('<bpmn:timeCycle>R2/P15D</bpmn:timeCycle>', days('5'));
    const date = await lateTimer('<bpmn:timeDate>2026-09-01T08:00:00Z</bpmn:timeDate>', days('5'));
    const scheduled = await compiled(
      bpmn(`
      <bpmn:startEvent id="Weekly">
        <bpmn:extensionElements><zeebe:properties>${days('5')}</zeebe:properties></bpmn:extensionElements>
        <bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:endEvent id="End" />
      <bpmn:sequenceFlow id="f1" sourceRef="Weekly" targetRef="End" />`),
    );
    // then each is refused, naming the element and what to do
    for (const [ir, elementId] of [
      [cycle, 'Late'],
      [date, 'Late'],
      [scheduled, 'Weekly'],
    ] as const) {
      const [problem] = settingsProblems(ir);
      expect(problem).toEqual(expect.objectContaining({ code: 'INVALID_SETTING', elementId }));
      expect(problem?.message).toContain(`counts only on a timer event with a duration (timeDuration)`);
      expect(problem?.messageFr).toContain('minuterie à durée');
    }
  });

  it('reads the currency of an amount a script task computes, and names a wrong one', async () => {
    // given a fee in euros, a fee in "euros" and a currency on a user task
    const fee = (currency: string, on: 'scriptTask' | 'userTask' = 'scriptTask') =>
      compiled(
        bpmn(`
        <bpmn:startEvent id="Start" />
        <bpmn:${on} id="Fee">
          <bpmn:extensionElements>
            <zeebe:properties><zeebe:property name="currency" value="${currency}" /></zeebe:properties>
            ${on === 'scriptTask' ? '<zeebe:script expression="=12 * 0.5" resultVariable="fee" />' : ''}
          </bpmn:extensionElements>
        </bpmn:${on}>
        <bpmn:endEvent id="End" />
        <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Fee" />
        <bpmn:sequenceFlow id="f2" sourceRef="Fee" targetRef="End" />`),
      );
    // then euros are read, and each wrong one is a problem naming the task
    expect(settingsProblems(await fee('EUR'))).toEqual([]);
    expect(computedValues(await fee('EUR'))).toEqual([
      { elementId: 'Fee', name: 'Fee', variable: 'fee', currency: 'EUR' },
    ]);
    expect(settingsProblems(await fee('euros'))).toEqual([
      expect.objectContaining({
        code: 'INVALID_SETTING',
        elementId: 'Fee',
        message:
          'Property "currency" must be a currency\'s ISO 4217 code, e.g. EUR, not "euros". Fix it in the properties panel.',
      }),
    ]);
    expect(computedValues(await fee('euros'))).toEqual([{ elementId: 'Fee', name: 'Fee', variable: 'fee' }]);
    expect(settingsProblems(await fee('EUR', 'userTask'))[0]?.message).toContain(
      'counts only on a script task that computes an amount, not on Fee',
    );
  });
});
