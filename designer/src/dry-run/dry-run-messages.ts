// The dry run's messages as their recipients would read them: Parvis's own notices in the procedure's
// texts (filled as the notify activity fills them), and what service tasks send in their own words.
import {
  describeNotification,
  type MessageText,
  type Notice,
  type NoticeAudience,
  type NotificationEvent,
  type ProcedureTexts,
  renderTexts,
  type Town,
} from '@parvis/engine';

/** A message Parvis would send in a real request, in French and English as the recipient reads it. */
export interface DryRunNotification {
  event: NotificationEvent | 'job';
  channel: 'email' | 'sms' | 'webhook' | 'document';
  to: string;
  /** when it goes out: at once for what a step sends, later for SLA reminders and implicit decisions */
  at: string;
  fr: MessageText;
  en: MessageText;
  elementId?: string;
}

const REQUESTER = 'demandeur / requester';

export const asText = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() ? value : fallback;

export class DryRunMessages {
  constructor(
    private readonly texts: ProcedureTexts,
    private readonly town: Town,
    private readonly publicUrl: string,
    /** the sample data's e-mail, else a placeholder */
    private readonly requester: string | undefined,
  ) {}

  /** One of Parvis's own notices; `elementId`: the task it announces. */
  notice(notice: Notice, at: string, elementId?: string): DryRunNotification {
    // English texts get English dates, as the notify activity writes them.
    const vars = describeNotification(notice.facts, this.town, this.publicUrl);
    const varsEn = describeNotification(notice.facts, this.town, this.publicUrl, 'en');
    return {
      event: notice.event,
      channel: 'email',
      to: this.recipients(notice.audience),
      at,
      ...renderTexts(notice.event, vars, this.texts, varsEn),
      ...(elementId ? { elementId } : {}),
    };
  }

  /** A message a service task sends: its own words, the same in both languages; none for other jobs. */
  job(jobType: string, values: Record<string, unknown>): Omit<DryRunNotification, 'at'> | undefined {
    const message = (channel: DryRunNotification['channel'], to: string, subject: string, body = '') => {
      const text = { subject, body };
      return { event: 'job' as const, channel, to, fr: text, en: text };
    };
    if (jobType === 'parvis:send-email')
      return message('email', asText(values.to, '?'), asText(values.subject, '?'), asText(values.body, ''));
    if (jobType === 'parvis:send-sms') return message('sms', asText(values.to, '?'), asText(values.text, '?'));
    if (jobType === 'parvis:webhook') return message('webhook', asText(values.url, '?'), 'POST');
    if (jobType === 'parvis:document') return message('document', 'demande / request', asText(values.template, '?'));
    return undefined;
  }

  private recipients(audience: NoticeAudience): string {
    if (audience.citizen) return asText(audience.citizen.email ?? this.requester, REQUESTER);
    if (audience.groups) return audience.groups.join(', ') || 'agents';
    if (audience.managersOf) return `responsables de / managers of ${audience.managersOf.join(', ') || 'agents'}`;
    return 'abonnés / followers';
  }
}
