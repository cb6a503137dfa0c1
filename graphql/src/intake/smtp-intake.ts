// The SMTP intake: each e-mail to a municipality's contact or intake address becomes a `contact`
// request on the channel `email`. It runs beside the API (same process, same database access) on a
// port of its own; the municipality's mail server forwards to it, or it is the MX itself. Mail to
// postmaster@ or abuse@ of a town's domain goes to the town's administrators instead (role-mail.ts).

import { createHash } from 'node:crypto';
import { defaultTown } from '@parvis/workers/messages';
import type { Client } from '@temporalio/client';
import type { GraphQLError } from 'graphql';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { Sql } from 'postgres';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { type ClientRateLimit, tokenBuckets } from '../common/client-rate-limit.ts';
import { sealedDatabase } from '../common/database.ts';
import type { Mailer } from '../common/mailer.ts';
import { FileRefused, storeFile } from '../files/index.ts';
import { attachmentName } from './attachment-name.ts';
import { fileInbound } from './inbound.ts';
import { findRoleMailboxes, forwardRoleMail, type RoleMailbox } from './role-mail.ts';
import { checkSender, type TrustedRelay } from './sender-check.ts';

export interface SmtpIntakeOptions {
  port: number;
  host?: string;
  /** The mail server whose SPF/DKIM/DMARC results are believed; unset, no sender is verified. */
  relay?: TrustedRelay;
  /** Largest message accepted, attachments included (default 15 MB). */
  maxBytes?: number;
  /** Key and certificate (PEM) for STARTTLS; unset, the intake speaks plain SMTP (behind a relay on a private network). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The town whose administrators read mail to a bare `postmaster` (no domain); default PARVIS_DEFAULT_TOWN. */
  postmasterTown?: string;
  /** Messages per sender address, and per connecting address other than the relay (default 10, then 10 an hour). */
  senderLimit?: ClientRateLimit;
  log?: (line: string) => void;
}

export interface SmtpIntake {
  port: number;
  stop(): Promise<void>;
}

/** An SMTP answer: the code and enhanced status go to the sending server, the reason to its user. */
/** Longest text kept in the request itself (the contact form's limit); a longer one is also attached whole. */
const MESSAGE_MAX = 5000;
const FULL_TEXT_NAME = 'message-complet.txt';

/** SMTP replies are US-ASCII (RFC 5321): accents and French quotes are folded so relays pass them on intact. */
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/«\s?|\s?»|[“”]/g, '"')
    .replace(/[’‘]/g, "'")
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e]/g, '?');

const smtpError = (code: number, status: string, reason: string) =>
  Object.assign(new Error(ascii(`${status} ${reason}`)), { responseCode: code });

const firstAddress = (from: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(from) ? from[0] : from)?.value[0]?.address?.trim().toLowerCase();

/** Accepts mail for the municipalities' addresses only and files each message once. */
export async function startSmtpIntake(
  deps: {
    sql: Sql;
    temporal: Client;
    /** The outgoing mail, for postmaster@ and abuse@ forwarded to administrators; without it they are refused. */
    mailer?: Mailer;
  },
  options: SmtpIntakeOptions,
): Promise<SmtpIntake> {
  const log = options.log ?? ((line: string) => console.error(line));
  const db = sealedDatabase(deps.sql);
  const postmasterTown = options.postmasterTown ?? defaultTown(process.env);
  const senders = tokenBuckets(options.senderLimit ?? { burst: 10, perSecond: 10 / 3600 });
  // The municipalities each open session has mail for, filled at RCPT TO.
  const recipients = new Map<string, Set<string>>();
  // The role addresses (postmaster@, abuse@) each open session has mail for, filled at RCPT TO.
  const roleRecipients = new Map<string, RoleMailbox[]>();

  const server = new SMTPServer({
    banner: 'Parvis',
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    size: options.maxBytes ?? 15 * 1024 * 1024,
    maxClients: 100,
    logger: false,
    onClose(session) {
      recipients.delete(session.id);
      roleRecipients.delete(session.id);
    },
    onMailFrom(_address, session, callback) {
      recipients.set(session.id, new Set());
      roleRecipients.set(session.id, []);
      callback();
    },
    onRcptTo(address, session, callback) {
      findRoleMailboxes(db, address.address, postmasterTown)
        .then(async (mailboxes) => {
          if (mailboxes.length > 0) {
            const readable = mailboxes.filter((m) => m.administrators.length > 0);
            if (!deps.mailer || readable.length === 0) {
              log(
                `intake: refused mail to ${address.address}: ${deps.mailer ? 'no administrator' : 'no outgoing mail'}`,
              );
              return callback(
                smtpError(
                  550,
                  '5.1.1',
                  `Personne ne lit ${address.address} pour l'instant. / No one reads this address yet.`,
                ),
              );
            }
            roleRecipients.get(session.id)?.push(...readable) ?? roleRecipients.set(session.id, readable);
            return callback();
          }
          const [row] = await db.outside(
            (tx) => tx<{ id: string | null }[]>`select parvis_intake_municipality(${address.address}) as id`,
          );
          if (!row?.id) {
            log(`intake: refused mail from ${session.remoteAddress} to ${address.address}: no municipality there`);
            return callback(
              smtpError(550, '5.1.1', `Adresse inconnue : ${address.address}. / No municipality at this address.`),
            );
          }
          recipients.get(session.id)?.add(row.id) ?? recipients.set(session.id, new Set([row.id]));
          callback();
        })
        .catch((error: Error) => {
          log(`intake: cannot look up ${address.address}: ${error.message}`);
          callback(smtpError(451, '4.3.0', 'Service momentanément indisponible. / Try again later.'));
        });
    },
    onData(stream, session, callback) {
      const municipalities = [...(recipients.get(session.id) ?? [])];
      const roleMailboxes = roleRecipients.get(session.id) ?? [];
      readWhole(stream)
        .then(async (raw) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
            throw smtpError(552, '5.3.4', 'Message trop volumineux. / Message too large.');
          }
          const mail = await simpleParser(raw);
          const answers = [];
          if (roleMailboxes.length > 0) answers.push(await forward(roleMailboxes, mail, raw, session));
          const codes = [];
          for (const municipalityId of municipalities) {
            codes.push(await receive(municipalityId, mail, session));
          }
          if (codes.length > 0) answers.push(`Demande enregistree / Request filed: ${codes.join(', ')}`);
          callback(null, answers.join('; '));
        })
        .catch((error: Error & { responseCode?: number }) => {
          if (error.responseCode) return callback(error);
          log(`intake: could not file mail from ${session.remoteAddress}: ${error.message}`);
          callback(smtpError(451, '4.3.0', 'Service momentanément indisponible. / Try again later.'));
        })
        .finally(() => {
          recipients.delete(session.id);
          roleRecipients.delete(session.id);
        });
    },
  });

  /** Sends a message for postmaster@ or abuse@ on to each town's administrators; it files nothing. */
  async function forward(mailboxes: RoleMailbox[], mail: ParsedMail, raw: Buffer, session: SMTPServerSession) {
    const sender = firstAddress(mail.from) ?? '';
    const check = checkSender(
      sender,
      mail.headerLines.filter((h) => h.key === 'authentication-results').map((h) => h.line.replace(/^[^:]*:/, '')),
      session.remoteAddress,
      options.relay,
    );
    // A flood to postmaster@ would fill the administrators' mailboxes: the same limit per sender as requests.
    const taken = senders.take(`sender:${sender}`);
    if (!taken.ok) {
      throw smtpError(
        450,
        '4.7.1',
        `Trop de messages : reessayez dans ${taken.retryAfterSeconds} s. / Too many messages.`,
      );
    }
    for (const mailbox of mailboxes) {
      await forwardRoleMail(deps.mailer!, mailbox, mail, raw, sender, check.reason);
      log(`intake: mail to ${mailbox.address} forwarded to the administrators of ${mailbox.municipalityId}`);
    }
    return 'Transmis aux administrateurs / Forwarded to the administrators';
  }

  /** Checks one message and files it for one municipality; refusals are logged and answered 550. */
  async function receive(municipalityId: string, mail: ParsedMail, session: SMTPServerSession): Promise<string> {
    const refuse = (reason: string) => {
      log(`intake: refused mail from ${sender || '?'} (${session.remoteAddress}) for ${municipalityId}: ${reason}`);
      return smtpError(550, '5.7.1', reason);
    };
    const sender = firstAddress(mail.from) ?? '';
    if (!sender.includes('@')) throw refuse("Expéditeur absent de l'en-tête From. / No sender in the From header.");
    const check = checkSender(
      sender,
      mail.headerLines.filter((h) => h.key === 'authentication-results').map((h) => h.line.replace(/^[^:]*:/, '')),
      session.remoteAddress,
      options.relay,
    );
    if (check.verdict === 'forged') throw refuse(check.reason);
    const relayed = options.relay?.addresses.includes(session.remoteAddress.replace(/^::ffff:/i, ''));
    for (const client of [`sender:${sender}`, ...(relayed ? [] : [`address:${session.remoteAddress}`])]) {
      const taken = senders.take(client);
      if (!taken.ok) {
        log(`intake: deferred mail from ${sender} (${session.remoteAddress}): too many messages from ${client}`);
        throw smtpError(
          450,
          '4.7.1',
          `Trop de messages de cet expéditeur : réessayez dans ${taken.retryAfterSeconds} s. / Too many messages from this sender: try again in ${taken.retryAfterSeconds} s.`,
        );
      }
    }
    // Images a message's HTML shows inline (a signature's logo) are part of the text, not attachments.
    const attachments = mail.attachments.filter((a) => !a.related);
    const names = attachments.map((a) => attachmentName(a.filename));
    const refused = names.find((n) => !n.ok);
    if (refused && !refused.ok) throw refuse(refused.reason);
    const messageId =
      mail.messageId ??
      createHash('sha256')
        .update(`${sender}\n${mail.date?.toISOString()}\n${mail.subject}\n${mail.text}`)
        .digest('hex');
    const text = mail.text ?? '';
    let filed: { trackingCode: string; duplicate: boolean };
    try {
      filed = await fileInbound(db, deps.temporal, {
        municipalityId,
        channel: 'email',
        messageId,
        sender,
        senderVerified: check.verdict === 'verified',
        senderCheck: check.reason,
        subject: mail.subject ?? '',
        text: text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX)}\n[…] ${FULL_TEXT_NAME}` : text,
        attach: async (tx, requestId) => {
          if (text.length > MESSAGE_MAX) {
            const bytes = Buffer.from(text, 'utf8');
            await storeFile(tx, { municipalityId, name: FULL_TEXT_NAME, bytes, channel: 'email', requestId });
          }
          for (const attachment of attachments) {
            await storeFile(tx, {
              municipalityId,
              name: attachment.filename ?? '',
              bytes: attachment.content,
              channel: 'email',
              requestId,
            });
          }
        },
      });
    } catch (error) {
      if (error instanceof FileRefused) throw refuse(error.message);
      // The contact procedure closed to e-mail: the sender reads why in the bounce.
      if ((error as GraphQLError).extensions?.code === 'CHANNEL_NOT_ALLOWED') throw refuse((error as Error).message);
      throw error;
    }
    const { trackingCode, duplicate } = filed;
    const renamed = attachments.filter((a, i) => names[i]?.ok && names[i].renamed && a.filename);
    if (renamed.length > 0) {
      log(
        `intake: ${trackingCode}: attachment names made safe: ${renamed.map((a) => JSON.stringify(a.filename)).join(', ')}`,
      );
    }
    log(
      `intake: ${duplicate ? 'copy of' : 'filed'} ${trackingCode} for ${municipalityId} from ${sender} (${check.verdict})`,
    );
    return trackingCode;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => log(`intake: ${error.message}`));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The message as received, to parse it and forward it whole. */
async function readWhole(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
