import { describe, expect, it } from 'vitest';
import { procedureSettings, readSla } from './settings.ts';

describe('procedure settings', () => {
  it('reads the SLA and the implicit-decision regime, with the legal default of two months', () => {
    // when
    const { settings, problems } = procedureSettings({ 'sla.businessDays': '5', silence: 'acceptance' });
    // then
    expect(problems).toEqual([]);
    expect(settings).toEqual({ sla: { days: 5 }, atRiskRatio: 0.75, silence: 'acceptance', silenceMonths: 2 });
  });

  it('has no SLA and no regime when nothing is set', () => {
    expect(procedureSettings({}).settings).toEqual({
      sla: undefined,
      atRiskRatio: 0.75,
      silence: 'none',
      silenceMonths: 2,
    });
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
});
