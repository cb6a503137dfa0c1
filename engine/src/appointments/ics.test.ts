import { describe, expect, it } from 'vitest';
import { calendarFile, foldLine } from './ics.ts';

const event = {
  uid: '5f0c…@parvis',
  sequence: 0,
  stamp: '2026-12-07T06:30:00Z',
  startsAt: '2026-12-14T08:20:00.000Z',
  endsAt: '2026-12-14T08:40:00.000Z',
  summary: 'Carte d’identité, passeport; dépôt',
  location: 'Mairie de Demoville, guichet 1',
  description: 'Apportez la photo,\nle justificatif de domicile',
};

describe('an appointment as an iCalendar file (RFC 5545)', () => {
  it('writes one event in UTC, text escaped, every line ending in CRLF', () => {
    const file = calendarFile(event);
    expect(file.endsWith('\r\n')).toBe(true);
    expect(
      file
        .split('\r\n')
        .slice(0, -1)
        .every((line) => !line.includes('\n')),
    ).toBe(true);
    const unfolded = file.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nDTSTART:20261214T082000Z\r\nDTEND:20261214T084000Z\r\n');
    expect(unfolded).toContain('\r\nDTSTAMP:20261207T063000Z\r\n');
    expect(unfolded).toContain('SUMMARY:Carte d’identité\\, passeport\\; dépôt\r\n');
    expect(unfolded).toContain('LOCATION:Mairie de Demoville\\, guichet 1\r\n');
    expect(unfolded).toContain('DESCRIPTION:Apportez la photo\\,\\nle justificatif de domicile\r\n');
    expect(unfolded).toContain('METHOD:PUBLISH');
    expect(unfolded).toContain('STATUS:CONFIRMED');
  });

  it('a cancellation keeps the UID, raises the sequence and says CANCEL', () => {
    const file = calendarFile({ ...event, sequence: 2, cancelled: true });
    expect(file).toContain('UID:5f0c…@parvis\r\n');
    expect(file).toContain('SEQUENCE:2\r\n');
    expect(file).toContain('METHOD:CANCEL\r\n');
    expect(file).toContain('STATUS:CANCELLED\r\n');
  });

  it('folds long lines at 75 octets without cutting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:1')).toBe('SHORT:1');
  });

  it('refuses an instant it cannot read', () => {
    expect(() => calendarFile({ ...event, startsAt: 'lundi' })).toThrow(/not an instant/);
  });
});
