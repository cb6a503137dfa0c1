import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { checkCitizen, type FieldProblem } from '../intake/check-citizen.ts';
import { refuseDuplicate } from './duplicate.ts';
import { citizenRepository, type NewCitizen } from './repository.ts';

/** What is wrong with a postal address and the contact preferences, field by field. */
function checkContact(citizen: NewCitizen): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const address = citizen.address;
  if (address) {
    if (!address.street.trim()) {
      problems.push({ field: 'citizen.address.street', message: 'Indiquez la rue. / Give the street.' });
    }
    if (!/^\d{5}$/.test(address.postalCode.trim())) {
      problems.push({
        field: 'citizen.address.postalCode',
        message: 'Le code postal a 5 chiffres (exemple : 75001). / The postal code has 5 digits.',
      });
    }
    if (!address.city.trim()) {
      problems.push({ field: 'citizen.address.city', message: 'Indiquez la commune. / Give the town.' });
    }
  }
  if (citizen.notificationPreferences?.sms && !citizen.phone?.trim()) {
    problems.push({
      field: 'citizen.phone',
      message: 'Pour prévenir par SMS, indiquez un numéro de téléphone. / To send text messages, give a phone number.',
    });
  }
  return problems;
}

/**
 * Creates a citizen's record at the front desk, in one transaction: refused whole when the identity
 * or the address is wrong (BAD_USER_INPUT, per field), or when the town already knows this e-mail
 * or phone (CITIZEN_EXISTS, naming that record).
 */
export async function createCitizen(ctx: ApiContext, agent: SignedInAgent, citizen: NewCitizen) {
  const problems = [...checkCitizen(citizen), ...checkContact(citizen)];
  if (problems.length > 0) {
    throw userError('BAD_USER_INPUT', "L'habitant est mal identifié. / The citizen is not well identified.", {
      fields: problems,
    });
  }
  const address = citizen.address
    ? {
        street: citizen.address.street.trim(),
        postalCode: citizen.address.postalCode.trim(),
        city: citizen.address.city.trim(),
      }
    : null;
  return ctx.db.within(agent.municipalityId, async (tx) => {
    // Two desks creating the same person at once: the second waits, then finds the first's record.
    await tx`select pg_advisory_xact_lock(hashtext(${`new-citizen:${agent.municipalityId}`}))`;
    await refuseDuplicate(tx, citizen);
    return citizenRepository(tx).create(agent.municipalityId, { ...citizen, address }, agent.id);
  });
}
