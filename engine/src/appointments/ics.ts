// Sandbox-safe: an appointment as an iCalendar file (RFC 5545) a calendar application imports. Written
// by hand: one event, a handful of properties. Lines end in CRLF (§3.1), are folded at 75 octets
// without splitting a UTF-8 character, and text values escape \ ; , and newlines (§3.3.11).

/** What the calendar entry says. Instants are ISO strings; `stamp` is when the file was made. */
export interface CalendarEvent {
  /** globally unique and stable: a moved or cancelled appointment keeps it, so the entry is replaced */
  uid: string;
  /** grows with each change (a move, a cancellation), so calendars take the newest file */
  sequence: number;
  stamp: string;
  startsAt: string;
  endsAt: string;
  summary: string;
  location?: string;
  description?: string;
  /** a cancelled appointment's file removes the entry (METHOD:CANCEL, STATUS:CANCELLED) */
  cancelled?: boolean;
}

const utc = (iso: string) => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`"${iso}" is not an instant.`);
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
};

const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets: continuation lines start with one space (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = pieces.length === 0 ? 75 : 74; // a continuation's leading space counts
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += character;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

/** The `.ics` file of one appointment. */
export function calendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Parvis//Rendez-vous//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(event.endsAt)}`,
    `SUMMARY:${text(event.summary)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${text(event.description)}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
