import nodemailer from 'nodemailer';

/** E-mail the API sends itself (sign-in links); what workflows send goes through the worker. */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

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
      await transport.sendMail({ from: 'Parvis <ne-pas-repondre@parvis.local>', ...mail });
    },
  };
}
