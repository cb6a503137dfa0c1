import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { parsePeriod } from './period.ts';
import { qualityOfService } from './quality.ts';
import { estimateSavings } from './savings.ts';

const settings = { counterCost: 12, postCost: 12, onlineCost: 3, baselineOnlineShare: 0 };

describe('quality of service', () => {
  it('weighs SLA compliance by half, speed by 0.3 and backlog freshness by 0.2', () => {
    // given 3 of 4 on time, a median of 5 days against 10, an open backlog 5 days old on average
    const quality = qualityOfService({
      closedWithDeadline: 4,
      closedOnTime: 3,
      medianHours: 120,
      open: 2,
      averageOpenAgeDays: 5,
      targetDays: 10,
    });
    // then 0.5×0.75 + 0.3×1 + 0.2×0.75 = 0.825
    expect(quality.score).toBe(83);
    expect(quality.grade).toBe('fair');
  });

  it('leaves out what cannot be measured and keeps the others in proportion', () => {
    // given nothing closed yet and an empty backlog
    const quality = qualityOfService({
      closedWithDeadline: 0,
      closedOnTime: 0,
      medianHours: null,
      open: 0,
      averageOpenAgeDays: null,
      targetDays: 10,
    });
    // then only the backlog counts, and it is perfect
    expect(quality.score).toBe(100);
    expect(quality.components.map((c) => c.value)).toEqual([null, null, 1]);
  });

  it('halves the speed score when the median is twice the target', () => {
    const quality = qualityOfService({
      closedWithDeadline: 0,
      closedOnTime: 0,
      medianHours: 20 * 24,
      open: 0,
      averageOpenAgeDays: null,
      targetDays: 10,
    });
    expect(quality.components[1]!.value).toBe(0.5);
  });
});

describe('savings', () => {
  it('counts each web request as moved from the counter at 12 € instead of 3 €', () => {
    expect(
      estimateSavings(
        new Map([
          ['web', 10],
          ['counter', 5],
        ]),
        settings,
      ),
    ).toMatchObject({
      moved: 10,
      amount: 90,
    });
  });

  it('counts only what goes beyond the online share before Parvis, at the counter and post mix', () => {
    // given 20 requests, half online, 40 % online before; post at 8 €
    const savings = estimateSavings(
      new Map([
        ['web', 10],
        ['counter', 5],
        ['post', 5],
      ]),
      {
        ...settings,
        postCost: 8,
        baselineOnlineShare: 0.4,
      },
    );
    // then 2 moved, each saving (12+8)/2 − 3 = 7 €
    expect(savings).toMatchObject({ moved: 2, offlineCost: 10, amount: 14 });
  });
});

describe('period and CSV', () => {
  it('defaults to the last 30 days and refuses a period that ends before it starts', () => {
    expect(parsePeriod(undefined, undefined, '2026-03-31')).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(() => parsePeriod('2026-03-10', '2026-03-01', '2026-03-31')).toThrow(/précède/);
    expect(() => parsePeriod('10/03/2026', undefined, '2026-03-31')).toThrow(/AAAA-MM-JJ/);
  });

  it('quotes what needs quoting and defuses formulas', () => {
    expect(toCsv([{ section: 'procedure', key: 'a', label: 'Dit "bonjour", puis =1+1', value: '=SUM(A1)' }])).toBe(
      'section,key,label,value\r\nprocedure,a,"Dit ""bonjour"", puis =1+1",\'=SUM(A1)\r\n',
    );
  });
});
