import type { NewCitizen } from '../citizens/repository.ts';
import { EMAIL } from '../common/contact-checks.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

/** What is wrong with the identity of a citizen an agent types, field by field. */
export function checkCitizen(citizen: NewCitizen & { id?: string | null }): FieldProblem[] {
  if (citizen.id) return [];
  const problems: FieldProblem[] = [];
  const emailOk = !!citizen.email && EMAIL.test(citizen.email.trim());
  const phoneOk = !!citizen.phone && citizen.phone.replace(/\D/g, '').length >= 9;
  if (!citizen.lastName?.trim() && !emailOk && !phoneOk) {
    problems.push({
      field: 'citizen.lastName',
      message:
        "Indiquez au moins le nom, l'e-mail ou le téléphone de l'habitant. / Give at least the citizen's name, e-mail or phone.",
    });
  }
  if (citizen.email && !emailOk) {
    problems.push({
      field: 'citizen.email',
      message: "Cette adresse e-mail n'est pas valide (exemple : nom@domaine.fr). / This e-mail address is not valid.",
    });
  }
  if (citizen.phone && !phoneOk) {
    problems.push({
      field: 'citizen.phone',
      message: 'Ce numéro de téléphone est trop court (exemple : 06 12 34 56 78). / This phone number is too short.',
    });
  }
  return problems;
}
