import { readingSettingsResolvers, readingSettingsTypeDefs } from './accounts/reading-settings.ts';
import { accountResolvers, accountTypeDefs } from './accounts/schema.ts';
import { agentResolvers, agentTypeDefs } from './agents/schema.ts';
import { citizenAppointmentResolvers, citizenAppointmentTypeDefs } from './appointments/citizen.ts';
import { appointmentResolvers, appointmentTypeDefs } from './appointments/schema.ts';
import { auditResolvers, auditTypeDefs } from './audit/schema.ts';
import { citizenResolvers, citizenTypeDefs } from './citizens/schema.ts';
import { innerEnumWords } from './common/enum-words.ts';
import { JsonScalar } from './common/json-scalar.ts';
import { completenessResolvers, completenessTypeDefs } from './completeness/schema.ts';
import { conversationResolvers, conversationTypeDefs } from './conversation/schema.ts';
import { designerResolvers, designerTypeDefs } from './designer/schema.ts';
import { documentResolvers, documentTypeDefs } from './documents/schema.ts';
import { duplicateResolvers, duplicateTypeDefs } from './duplicates/schema.ts';
import { fileResolvers, fileTypeDefs } from './files/schema.ts';
import { followUpResolvers, followUpTypeDefs } from './follow-up/schema.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { intakeResolvers, intakeTypeDefs } from './intake/schema.ts';
import { invitationResolvers, invitationTypeDefs } from './invitations/schema.ts';
import { libraryResolvers, libraryTypeDefs } from './library/schema.ts';
import { messageResolvers, messageTypeDefs } from './messages/schema.ts';
import { dashboardResolvers, dashboardTypeDefs } from './metrics/dashboard-schema.ts';
import { heatmapResolvers, heatmapTypeDefs } from './metrics/heatmap-schema.ts';
import { metricsResolvers, metricsTypeDefs } from './metrics/schema.ts';
import { placeMapResolvers, placeMapTypeDefs } from './municipalities/place-map.ts';
import { noteResolvers, noteTypeDefs } from './notes/schema.ts';
import { oidcResolvers, oidcTypeDefs } from './oidc/schema.ts';
import { open311Resolvers, open311TypeDefs } from './open311/schema.ts';
import { operationsResolvers, operationsTypeDefs } from './operations/schema.ts';
import { departmentContactResolvers, departmentContactTypeDefs } from './organisation/department-contact.ts';
import { organisationResolvers, organisationTypeDefs } from './organisation/schema.ts';
import { paymentResolvers, paymentTypeDefs } from './payments/schema.ts';
import { paymentSettingsResolvers, paymentSettingsTypeDefs } from './payments/settings.ts';
import { planningResolvers, planningTypeDefs } from './planning/schema.ts';
import { privacyResolvers, privacyTypeDefs } from './privacy/schema.ts';
import { procedureResolvers, procedureTypeDefs } from './procedures/schema.ts';
import { requestResolvers, requestTypeDefs } from './requests/schema.ts';
import { documentCheckResolvers, documentCheckTypeDefs } from './signatures/document-check-schema.ts';
import { signatureResolvers, signatureTypeDefs } from './signatures/schema.ts';
import { signerFileResolvers, signerFileTypeDefs } from './signatures/signer-file-schema.ts';
import { requestTasksResolvers, requestTasksTypeDefs } from './tasks/request-tasks.ts';
import { taskResolvers, taskTypeDefs } from './tasks/schema.ts';
import { workQueueResolvers, workQueueTypeDefs } from './tasks/work-queue-schema.ts';
import { templateResolvers, templateTypeDefs } from './templates/schema.ts';
import { townResolvers, townTypeDefs } from './towns/schema.ts';
import { versionMigrationResolvers, versionMigrationTypeDefs } from './version-migration/schema.ts';

const baseTypeDefs = /* GraphQL */ `
  "Any JSON value: form data, form-js schemas, timeline payloads."
  scalar JSON
  "Language of texts: French first, English second."
  enum Lang {
    "French (français), the default"
    FR
    "English (anglais)"
    EN
  }
  "What can be read: one field per question a screen asks."
  type Query
  "What can be done: each field one action, checked and recorded."
  type Mutation
`;

/** The schema, one part per domain. */
export const typeDefs = [
  baseTypeDefs,
  procedureTypeDefs,
  designerTypeDefs,
  requestTypeDefs,
  documentTypeDefs,
  fileTypeDefs,
  followUpTypeDefs,
  conversationTypeDefs,
  noteTypeDefs,
  taskTypeDefs,
  agentTypeDefs,
  appointmentTypeDefs,
  citizenAppointmentTypeDefs,
  auditTypeDefs,
  oidcTypeDefs,
  citizenTypeDefs,
  intakeTypeDefs,
  accountTypeDefs,
  readingSettingsTypeDefs,
  organisationTypeDefs,
  planningTypeDefs,
  departmentContactTypeDefs,
  signatureTypeDefs,
  metricsTypeDefs,
  dashboardTypeDefs,
  heatmapTypeDefs,
  workQueueTypeDefs,
  requestTasksTypeDefs,
  placeMapTypeDefs,
  duplicateTypeDefs,
  completenessTypeDefs,
  paymentTypeDefs,
  paymentSettingsTypeDefs,
  signerFileTypeDefs,
  documentCheckTypeDefs,
  templateTypeDefs,
  messageTypeDefs,
  libraryTypeDefs,
  townTypeDefs,
  invitationTypeDefs,
  privacyTypeDefs,
  open311TypeDefs,
  operationsTypeDefs,
  versionMigrationTypeDefs,
];

/** The renamed enums' values as the code spells them (common/enum-words.ts): { Channel: { WEB: 'web' } }. */
const innerEnumResolvers: Resolvers = innerEnumWords(typeDefs.join('\n'));

export const resolvers = [
  { JSON: JsonScalar },
  innerEnumResolvers,
  procedureResolvers,
  designerResolvers,
  requestResolvers,
  followUpResolvers,
  conversationResolvers,
  noteResolvers,
  documentResolvers,
  fileResolvers,
  taskResolvers,
  agentResolvers,
  appointmentResolvers,
  citizenAppointmentResolvers,
  auditResolvers,
  oidcResolvers,
  citizenResolvers,
  intakeResolvers,
  accountResolvers,
  readingSettingsResolvers,
  organisationResolvers,
  planningResolvers,
  departmentContactResolvers,
  signatureResolvers,
  metricsResolvers,
  dashboardResolvers,
  heatmapResolvers,
  workQueueResolvers,
  requestTasksResolvers,
  placeMapResolvers,
  duplicateResolvers,
  completenessResolvers,
  paymentResolvers,
  paymentSettingsResolvers,
  signerFileResolvers,
  documentCheckResolvers,
  templateResolvers,
  messageResolvers,
  libraryResolvers,
  townResolvers,
  invitationResolvers,
  privacyResolvers,
  open311Resolvers,
  operationsResolvers,
  versionMigrationResolvers,
];
