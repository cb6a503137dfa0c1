import { EMAIL, PHONE } from '../common/contact-checks.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { DepartmentRow } from './repository.ts';

/**
 * How to reach a department: the acknowledgement of a request names the service in charge with its
 * postal address, phone and e-mail (CRPA art. R112-5). The town's administrator edits them.
 */
export const departmentContactTypeDefs = /* GraphQL */ `
  extend type Department {
    "Its postal address, as the acknowledgement of a request writes it (several lines allowed); null: the town's."
    postalAddress: String
    "Its phone number, as people dial it; null: none given."
    phone: String
    "Its e-mail address for the public; null: the town's contact address."
    email: String
  }

  extend type Mutation {
    "Administrators: sets how the public reaches a department (empty values clear them); refused with BAD_USER_INPUT naming the field."
    updateDepartmentContact(
      "The department."
      id: ID!
      "Postal address (at most 300 characters)."
      postalAddress: String
      "Phone number: digits, spaces, dots, dashes, parentheses and a leading + (at most 30 characters)."
      phone: String
      "E-mail address."
      email: String
    ): Department!
  }
`;

/** The contact, trimmed and checked: what is wrong names its field. */
function checkedContact(args: { postalAddress?: string | null; phone?: string | null; email?: string | null }) {
  const clean = (value: string | null | undefined) => value?.trim() || null;
  const contact = { postal_address: clean(args.postalAddress), phone: clean(args.phone), email: clean(args.email) };
  const refuse = (field: string, fr: string, en: string) => userError('BAD_USER_INPUT', `${fr} / ${en}`, { field });
  if (contact.postal_address && contact.postal_address.length > 300)
    throw refuse(
      'postalAddress',
      'Adresse trop longue (300 caractères au plus).',
      'Address too long (300 characters at most).',
    );
  if (contact.phone && !PHONE.test(contact.phone))
    throw refuse('phone', `Numéro de téléphone illisible : « ${contact.phone} ».`, 'Phone number not readable.');
  if (contact.email && !EMAIL.test(contact.email))
    throw refuse('email', `Adresse e-mail invalide : « ${contact.email} ».`, 'Invalid e-mail address.');
  return contact;
}

export const departmentContactResolvers: Resolvers = {
  Department: {
    postalAddress: (department) => department.postal_address,
    phone: (department) => department.phone,
    email: (department) => department.email,
  },
  Mutation: {
    updateDepartmentContact: (_, args, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      const contact = checkedContact(args);
      if (!isUuid(args.id)) throw userError('NOT_FOUND', 'Service introuvable. / No such department.', { field: 'id' });
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const [row] = await tx<DepartmentRow[]>`update departments
          set postal_address = ${contact.postal_address}, phone = ${contact.phone}, email = ${contact.email}
          where id = ${args.id} returning id, name, postal_address, phone, email`;
        if (!row) throw userError('NOT_FOUND', 'Service introuvable. / No such department.', { field: 'id' });
        return row;
      });
    },
  },
};
