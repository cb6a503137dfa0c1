import nodemailer from 'nodemailer';

/** E-mail the API sends itself (sign-in links); what workflows send goes through the worker. */
export interface Mailer {
  /** `fromName`: the sender's name the citizen or agent reads, the town's (Parvis when none is given) */
  send(mail: {
    to: string | string[];
    subject: string;
    text: string;
    fromName?: string;
    /** Files sent along (a forwarded message as `message/rfc822`). */
    attachments?: { filename: string; content: Buffer; contentType: string; contentDisposition?: 'attachment' }[];
  }): Promise<void>;
}

/** The address the API's mails come from (no one reads the answers: the mails say where to write). */
const FROM_ADDRESS = 'ne-pas-repondre@parvis.local';

/** An SMTP mailer on `smtpUrl`; without one, mail is written to the log (development only). */
export function createMailer(smtpUrl: string | undefined, log: (line: string) => void): Mailer {
  if (!smtpUrl) {
    return {
      send: async (mail) => log(`mail to ${mail.to} (no SMTP_URL): ${mail.subject}\n${mail.text}`),
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (mail) => {
      const { fromName, ...rest } = mail;
      // nodemailer quotes and encodes the name (a town's name may hold commas, accents, quotes)
      await transport.sendMail({ from: { name: fromName ?? 'Parvis', address: FROM_ADDRESS }, ...rest });
    },
  };
}
