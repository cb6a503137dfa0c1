import { readingSettingsResolvers, readingSettingsTypeDefs } from './accounts/reading-settings.ts';
import { accountResolvers, accountTypeDefs } from './accounts/schema.ts';
import { agentResolvers, agentTypeDefs } from './agents/schema.ts';
import { auditResolvers, auditTypeDefs } from './audit/schema.ts';
import { citizenResolvers, citizenTypeDefs } from './citizens/schema.ts';
import { JsonScalar } from './common/json-scalar.ts';
import { conversationResolvers, conversationTypeDefs } from './conversation/schema.ts';
import { designerResolvers, designerTypeDefs } from './designer/schema.ts';
import { documentResolvers, documentTypeDefs } from './documents/schema.ts';
import { duplicateResolvers, duplicateTypeDefs } from './duplicates/schema.ts';
import { fileResolvers, fileTypeDefs } from './files/schema.ts';
import { followUpResolvers, followUpTypeDefs } from './follow-up/schema.ts';
import { intakeResolvers, intakeTypeDefs } from './intake/schema.ts';
import { invitationResolvers, invitationTypeDefs } from './invitations/schema.ts';
import { libraryResolvers, libraryTypeDefs } from './library/schema.ts';
import { messageResolvers, messageTypeDefs } from './messages/schema.ts';
import { dashboardResolvers, dashboardTypeDefs } from './metrics/dashboard-schema.ts';
import { metricsResolvers, metricsTypeDefs } from './metrics/schema.ts';
import { placeMapResolvers, placeMapTypeDefs } from './municipalities/place-map.ts';
import { noteResolvers, noteTypeDefs } from './notes/schema.ts';
import { oidcResolvers, oidcTypeDefs } from './oidc/schema.ts';
import { organisationResolvers, organisationTypeDefs } from './organisation/schema.ts';
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

const baseTypeDefs = /* GraphQL */ `
  scalar JSON
  "Language of texts: French first, English second."
  enum Lang {
    fr
    en
  }
  type Query
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
  auditTypeDefs,
  oidcTypeDefs,
  citizenTypeDefs,
  intakeTypeDefs,
  accountTypeDefs,
  readingSettingsTypeDefs,
  organisationTypeDefs,
  signatureTypeDefs,
  metricsTypeDefs,
  dashboardTypeDefs,
  workQueueTypeDefs,
  requestTasksTypeDefs,
  placeMapTypeDefs,
  duplicateTypeDefs,
  signerFileTypeDefs,
  documentCheckTypeDefs,
  templateTypeDefs,
  messageTypeDefs,
  libraryTypeDefs,
  townTypeDefs,
  invitationTypeDefs,
];

export const resolvers = [
  { JSON: JsonScalar },
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
  auditResolvers,
  oidcResolvers,
  citizenResolvers,
  intakeResolvers,
  accountResolvers,
  readingSettingsResolvers,
  organisationResolvers,
  signatureResolvers,
  metricsResolvers,
  dashboardResolvers,
  workQueueResolvers,
  requestTasksResolvers,
  placeMapResolvers,
  duplicateResolvers,
  signerFileResolvers,
  documentCheckResolvers,
  templateResolvers,
  messageResolvers,
  libraryResolvers,
  townResolvers,
  invitationResolvers,
];
