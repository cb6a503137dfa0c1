import endEventRequired from 'bpmnlint/rules/end-event-required';
import fakeJoin from 'bpmnlint/rules/fake-join';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';

/** The bpmnlint rules the designer runs, with their level, and their advice in French. */
export const LINT_RULES: Record<string, { rule: unknown; level: 'error' | 'warn'; fr: string }> = {
  'start-event-required': {
    rule: startEventRequired,
    level: 'error',
    fr: 'La démarche doit commencer par un événement de début.',
  },
  'end-event-required': {
    rule: endEventRequired,
    level: 'error',
    fr: 'La démarche doit finir par un événement de fin.',
  },
  'no-disconnected': {
    rule: noDisconnected,
    level: 'error',
    fr: 'Cet élément n’est relié à rien : reliez-le par un flux ou supprimez-le.',
  },
  'no-duplicate-sequence-flows': {
    rule: noDuplicateSequenceFlows,
    level: 'error',
    fr: 'Deux flux relient les mêmes éléments : supprimez-en un.',
  },
  'single-blank-start-event': {
    rule: singleBlankStartEvent,
    level: 'error',
    fr: 'Un seul événement de début simple par démarche.',
  },
  'no-implicit-end': {
    rule: noImplicitEnd,
    level: 'warn',
    fr: 'Aucun flux ne sort de cet élément : reliez-le à la suite ou à un événement de fin.',
  },
  'no-implicit-split': {
    rule: noImplicitSplit,
    level: 'warn',
    fr: 'Plusieurs flux sortent sans passerelle : utilisez une passerelle pour dire s’ils partent ensemble ou au choix.',
  },
  'no-gateway-join-fork': {
    rule: noGatewayJoinFork,
    level: 'warn',
    fr: 'Cette passerelle à la fois réunit et sépare : utilisez-en deux.',
  },
  'fake-join': {
    rule: fakeJoin,
    level: 'warn',
    fr: 'Plusieurs flux entrent sans passerelle : ajoutez une passerelle pour les réunir.',
  },
  'superfluous-gateway': {
    rule: superfluousGateway,
    level: 'warn',
    fr: 'Passerelle inutile (un flux entrant, un flux sortant) : supprimez-la.',
  },
};
