// postmaster@ and abuse@ of a town's domain (RFC 5321 §4.5.1, RFC 2142): mail for the people who
// run the installation, forwarded to the town's administrators, never filed as a request.

import type { ParsedMail } from 'mailparser';
import type { Database } from '../common/database.ts';
import type { Mailer } from '../common/mailer.ts';

/** A role address of a town's domain and who reads it. */
export interface RoleMailbox {
  address: string;
  municipalityId: string;
  /** The e-mail addresses of the town's administrators (none disabled). */
  administrators: string[];
}

/**
 * The towns whose postmaster@ or abuse@ this address is (several when towns share a domain), or
 * `postmasterTown` for a bare `postmaster` (no domain, which RFC 5321 says must be accepted); none
 * for another address.
 */
export async function findRoleMailboxes(
  db: Database,
  address: string,
  postmasterTown: string | undefined,
): Promise<RoleMailbox[]> {
  const rows = await db.outside(
    (tx) => tx<{ municipality_id: string; administrators: string[] }[]>`
      select municipality_id, administrators from parvis_intake_role_mail(${address}, ${postmasterTown ?? null})`,
  );
  return rows.map((r) => ({ address, municipalityId: r.municipality_id, administrators: r.administrators }));
}

/**
 * Sends the message to the town's administrators through the outgoing mail: a short cover saying
 * who wrote to which address, then the message whole (`message/rfc822`) so a bounce report or an
 * abuse complaint keeps its headers.
 */
export async function forwardRoleMail(
  mailer: Mailer,
  mailbox: RoleMailbox,
  mail: ParsedMail,
  raw: Buffer,
  sender: string,
  senderCheck: string,
): Promise<void> {
  const subject = mail.subject?.trim() || '(sans objet / no subject)';
  await mailer.send({
    to: mailbox.administrators,
    subject: `[${mailbox.address}] ${subject}`,
    text: [
      `Message reçu pour ${mailbox.address}, transmis aux administrateurs de la commune ; il n'est pas enregistré comme demande.`,
      `Message received for ${mailbox.address}, forwarded to the town's administrators; it is not filed as a request.`,
      '',
      `De / From: ${sender || '?'} (${senderCheck})`,
      `Objet / Subject: ${subject}`,
      '',
      mail.text?.trim() || '(message vide / empty message)',
    ].join('\n'),
    attachments: [
      { filename: 'message.eml', content: raw, contentType: 'message/rfc822', contentDisposition: 'attachment' },
    ],
  });
}
