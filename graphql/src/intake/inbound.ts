import type { Client } from '@temporalio/client';
import type { CitizenRef } from '../citizens/resolve.ts';
import type { Database, Db } from '../common/database.ts';
import { submitRequest } from '../requests/submit.ts';

/** The procedure every message received by e-mail or SMS is filed under. */
export const INBOUND_PROCEDURE = 'contact';

/** An e-mail or text message received for a municipality, its sender already checked. */
export interface InboundMessage {
  municipalityId: string;
  channel: 'email' | 'sms';
  /** Message-ID of the e-mail, the gateway's id of the text message. */
  messageId: string;
  /** The e-mail address or the phone number it came from. */
  sender: string;
  senderVerified: boolean;
  /** Why the sender is (not) trusted, in words for the agent. */
  senderCheck: string;
  subject: string;
  text: string;
  /** Stores what came with the message, in the request's transaction. */
  attach?: (tx: Db, requestId: string) => Promise<void>;
}

const SUBJECT_MAX = 150;

/**
 * Files a message as a `contact` request on its channel, once per message id: a copy sent again
 * answers the first one's tracking code. A verified e-mail sender is the citizen (found by e-mail or
 * created) and gets the acknowledgement; a text message's number likewise, by SMS. An unverified
 * e-mail sender is neither linked nor answered: the agent sees the address and why it is not trusted.
 */
export async function fileInbound(
  db: Database,
  temporal: Client,
  message: InboundMessage,
): Promise<{ trackingCode: string; duplicate: boolean }> {
  const known = await alreadyFiled(db, message);
  if (known) return { trackingCode: known, duplicate: true };
  const sms = message.channel === 'sms';
  const byEmail = !sms && message.senderVerified;
  const subject =
    message.subject.trim() ||
    (sms ? `SMS du ${message.sender} / SMS from ${message.sender}` : '(sans objet / no subject)');
  const citizen: CitizenRef | undefined = byEmail ? { create: { email: message.sender }, createdBy: null } : undefined;
  try {
    return await submitRequest(db, temporal, {
      municipalityId: message.municipalityId,
      procedureKey: INBOUND_PROCEDURE,
      channel: message.channel,
      data: {
        subject: subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject,
        message: message.text.trim() || '(message vide / empty message)',
        ...(byEmail ? { email: message.sender } : {}),
      },
      // The form was drawn for the portal: a message has the length its sender gave it, a text message no e-mail.
      looseFields: ['subject', 'message', ...(byEmail ? [] : ['email'])],
      extra: {
        sender: message.sender,
        senderVerified: message.senderVerified,
        senderCheck: message.senderCheck,
        ...(sms ? { phone: message.sender, notifyBySms: true } : {}),
      },
      citizen,
      alongside: async (tx, request) => {
        await tx`insert into inbound_messages (municipality_id, request_id, channel, message_id, sender, sender_verified,
            sender_check)
          values (${message.municipalityId}, ${request.id}, ${message.channel}, ${message.messageId}, ${message.sender},
            ${message.senderVerified}, ${message.senderCheck})`;
        if (sms) await linkByPhone(tx, message.municipalityId, request.id, message.sender);
        await message.attach?.(tx, request.id);
      },
    }).then((filed) => ({ ...filed, duplicate: false }));
  } catch (error) {
    // Two copies at once: the second one's row hits the unique message id and leaves nothing.
    const again = (error as { code?: string }).code === '23505' ? await alreadyFiled(db, message) : undefined;
    if (again) return { trackingCode: again, duplicate: true };
    throw error;
  }
}

async function alreadyFiled(db: Database, message: InboundMessage): Promise<string | undefined> {
  const [row] = await db.within(
    message.municipalityId,
    (tx) => tx<{ tracking_code: string }[]>`select r.tracking_code from inbound_messages m
      join requests r on r.id = m.request_id
      where m.channel = ${message.channel} and m.message_id = ${message.messageId}`,
  );
  return row?.tracking_code;
}

/** The citizen with this phone number (in any notation), created if none, becomes the request's. */
async function linkByPhone(tx: Db, municipalityId: string, requestId: string, phone: string) {
  const digits = phone.replace(/\D/g, '').replace(/^33/, '0');
  const [known] = await tx<{ id: string }[]>`select id from citizens where phone_digits = ${digits}
    order by created_at limit 1`;
  const id =
    known?.id ??
    // Someone who writes by SMS is answered by SMS.
    (
      await tx<{ id: string }[]>`insert into citizens (municipality_id, phone, notification_preferences)
        values (${municipalityId}, ${phone}, ${tx.json({ email: false, sms: true })}) returning id`
    )[0]!.id;
  await tx`update requests set citizen_id = ${id} where id = ${requestId}`;
}
