import { describe, expect, it } from 'vitest';
import type { Open311Error } from './errors.ts';
import { reportFilter } from './report-filter.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const DAY = 86_400_000;
const refusal = (query: Record<string, unknown>) => {
  try {
    reportFilter(query, NOW);
  } catch (error) {
    return error as Open311Error;
  }
  throw new Error('not refused');
};

describe('GET requests parameters as GeoReport v2 gives them', () => {
  it('looks at the last 90 days when no date is given, and 90 days from or to the one given', () => {
    expect(reportFilter({}, NOW)).toEqual({ from: new Date(NOW.getTime() - 90 * DAY), to: NOW });
    const start = '2026-01-01T00:00:00Z';
    expect(reportFilter({ start_date: start }, NOW)).toMatchObject({
      from: new Date(start),
      to: new Date(Date.parse(start) + 90 * DAY),
    });
    expect(reportFilter({ end_date: '2026-06-01' }, NOW)).toMatchObject({
      from: new Date(Date.parse('2026-06-01') - 90 * DAY),
    });
  });

  it('lets service_request_id override every other parameter, and reads comma lists', () => {
    expect(reportFilter({ service_request_id: 'abcd-efgh-jkmn, ZZZZ-ZZZZ-ZZZZ', status: 'nonsense' }, NOW)).toEqual({
      codes: ['ABCD-EFGH-JKMN', 'ZZZZ-ZZZZ-ZZZZ'],
    });
    expect(reportFilter({ service_code: 'contact,signalement', status: ['open', 'closed'] }, NOW)).toMatchObject({
      serviceCodes: ['contact', 'signalement'],
      statuses: ['open', 'closed'],
    });
  });

  it('refuses values it cannot take, naming the parameter', () => {
    expect(refusal({ status: 'pending' })).toMatchObject({ status: 400, message: expect.stringContaining('status') });
    expect(refusal({ start_date: '07/12/2026' }).message).toContain('start_date');
    expect(refusal({ end_date: '2026-13-45T00:00:00Z' }).message).toContain('end_date');
    expect(refusal({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-05-01T00:00:00Z' }).message).toContain('90');
    expect(refusal({ start_date: '2026-05-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' }).message).toContain(
      'end_date',
    );
    expect(refusal({ service_code: "x' or 1=1" }).message).toContain('service_code');
  });
});
