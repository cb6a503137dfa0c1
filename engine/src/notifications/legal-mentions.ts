// Sandbox-safe: the legal mentions a citizen reads in the acknowledgement and in decisions (CRPA
// art. L112-3, R112-5, L232-4, R421-1 and R421-5 of the code de justice administrative), written once
// for the e-mails (notify) and the PDF documents alike.

export type Lang = 'fr' | 'en';

/** What is contested: an implicit rejection (from the day it is born) or a decision notified. */
export type Contested = 'implicitRejection' | 'decision';

/**
 * The routes and delays of appeal: recours gracieux, recours contentieux before the administrative
 * court, Télérecours citoyens. One paragraph per line.
 */
export function appealRoutes(contested: Contested, lang: Lang): string[] {
  if (lang === 'fr') {
    const from =
      contested === 'implicitRejection'
        ? 'dans un délai de deux mois à compter de la date à laquelle la décision implicite de rejet est née'
        : 'dans un délai de deux mois à compter de sa notification';
    return [
      `Voies et délais de recours : vous pouvez contester cette décision ${from} :`,
      '– par un recours gracieux adressé au maire (ou un recours hiérarchique) ; il prolonge le délai du recours contentieux, qui court à nouveau à compter de la réponse, le silence gardé deux mois valant rejet ;',
      '– par un recours contentieux devant le tribunal administratif territorialement compétent, qui peut aussi être saisi par l’application « Télérecours citoyens » sur le site www.telerecours.fr.',
      ...(contested === 'implicitRejection'
        ? [
            'Dans ce délai, vous pouvez demander les motifs de cette décision implicite ; ils vous seront communiqués dans le mois (article L232-4 du code des relations entre le public et l’administration).',
          ]
        : []),
    ];
  }
  const from =
    contested === 'implicitRejection'
      ? 'within two months of the day the implicit rejection is born'
      : 'within two months of its notification';
  return [
    `How to appeal: you may challenge this decision ${from}:`,
    '– by a request for review (recours gracieux) to the mayor, or to their superior; it extends the time to go to court, which starts again from the answer, two months of silence meaning rejection;',
    '– before the competent administrative court (recours contentieux), which you may also reach online with « Télérecours citoyens » at www.telerecours.fr.',
    ...(contested === 'implicitRejection'
      ? [
          'Within that time you may ask for the reasons of this implicit decision; they will be given to you within a month (article L232-4 of the code des relations entre le public et l’administration).',
        ]
      : []),
  ];
}

/** Why no implicit decision applies, unless the procedure says otherwise (`silence.reason` = « fr | en »). */
export function noImplicitDecision(lang: Lang, reason?: { fr: string; en: string }): string {
  return lang === 'fr'
    ? `Aucune décision implicite ne naîtra du silence de l’administration : ${reason?.fr ?? 'votre demande n’appelle pas de décision administrative au sens de l’article L231-1 du code des relations entre le public et l’administration'}.`
    : `No implicit decision will arise from the administration’s silence: ${reason?.en ?? 'your request does not call for an administrative decision within the meaning of article L231-1 of the code des relations entre le public et l’administration'}.`;
}

/**
 * How an implicit acceptance is contested (its certificate, CRPA art. L232-3): by third parties, before
 * the administrative court, within two months of the measures that made it known to them.
 */
export function acceptanceAppealRoutes(lang: Lang): string[] {
  return lang === 'fr'
    ? [
        'Voies et délais de recours : cette décision implicite d’acceptation peut être contestée par les tiers, par un recours gracieux adressé au maire ou par un recours contentieux devant le tribunal administratif territorialement compétent (y compris par l’application « Télérecours citoyens » sur le site www.telerecours.fr), dans un délai de deux mois à compter des mesures de publicité qui la font connaître.',
      ]
    : [
        'How to appeal: third parties may challenge this implicit acceptance by a request for review to the mayor or before the competent administrative court (also online with « Télérecours citoyens » at www.telerecours.fr), within two months of the measures that made it known.',
      ];
}
