import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port.ts';

/** A message the sink received, parsed enough for a person or a test to read it. */
export interface SunkMail {
  from: string;
  /** the From header's display name, as a mail client shows the sender */
  fromName: string;
  to: string[];
  subject: string;
  /** Message-ID header: a copy resent after a crash carries the same one, so mail clients fold it. */
  messageId: string;
  text: string;
  receivedAt: string;
  attachments: { filename?: string; contentType: string; size: number }[];
}

export interface SmtpService {
  /** smtp:// URL for nodemailer */
  url: string;
  /** What the sink kept, oldest first; empty when SMTP_URL names a real server. */
  messages(): SunkMail[];
  stop(): Promise<void>;
}

/**
 * Gives a process an SMTP server: SMTP_URL when set; otherwise an embedded sink that keeps what
 * is sent in memory, so tests can read it back and `npm start` can show it at /dev/mailbox.
 */
export async function provideSmtp(
  options: {
    port?: number;
    onMail?: (mail: SunkMail) => void;
    /** Called with each message's recipients instead of parsing and keeping it (benchmarks). */
    onEnvelope?: (to: string[]) => void;
  } = {},
): Promise<SmtpService> {
  if (process.env.SMTP_URL) return { url: process.env.SMTP_URL, messages: () => [], stop: async () => {} };
  const kept: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // On stop, a client still connected (a worker's pooled connection) is cut after 1 s rather than
    // smtp-server's 30: what it sent is kept already, and Ctrl-C of npm start took 32 s at times.
    closeTimeout: 1000,
    logger: false,
    onData(stream, session, callback) {
      if (options.onEnvelope) {
        const { onEnvelope } = options;
        stream.on('end', () => {
          onEnvelope(session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const mail: SunkMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            fromName: parsed.from?.value[0]?.name ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            messageId: parsed.messageId ?? '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
            })),
          };
          kept.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client gone in the middle of a message (a worker killed) resets its connection, and
  // smtp-server reports it on the server: without a listener that would stop the whole process.
  // The client sends the message again; the sink goes on serving the others.
  server.on('error', () => {});
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...kept],
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
