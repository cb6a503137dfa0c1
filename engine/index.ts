// Sandbox-safe: the public face of the engine core. Pure and deterministic — no I/O, no clock,
// no randomness, no Node built-ins, no Temporal. Runs in tests, the simulator and the workflow sandbox.

// The runtime (interpreter, calendars, settings, form validation), which the workflow bundles alone.
export * from './runtime.ts';
/** Appointments: the slots a resource offers (opening hours, the town's closures and holidays), and their .ics file. */
export * from './src/appointments/index.ts';
/**
 * Compiles BPMN XML (Camunda 8 / zeebe; text, or bytes decoded by their declared encoding) with the
 * DMN files deployed beside it to the JSON IR, or returns the problems naming their elements.
 */
export { type CompileOptions, compile, type DecisionFile, type XmlSource } from './src/compiler/compile.ts';
/** The templates of issued documents (letter, permit, civil-status extract…) and the checks of their data. */
export {
  type CivilStatusKind,
  checkDocumentData,
  DOCUMENT_TEMPLATES,
  type DocumentCheck,
  type DocumentData,
  type DocumentTemplate,
  type DocumentTitle,
  isDocumentTemplate,
} from './src/documents/document-templates.ts';
/** Amounts and dates in words, as decisions write them (« mille quatre-vingt-dix-huit euros »). */
export { dateSpelledOut, eurosInWords } from './src/documents/in-words.ts';
/** Notifications' facts turned into words and dates, and the default or procedure's texts they fill (FR/EN). */
export {
  type Department,
  describeNotification,
  type NotificationFacts,
  type Town,
} from './src/notifications/describe.ts';
/** The legal mentions of acknowledgements and decisions: appeal routes, no implicit decision. */
export {
  acceptanceAppealRoutes,
  appealRoutes,
  type Contested,
  noImplicitDecision,
} from './src/notifications/legal-mentions.ts';
/** Reply and letter templates staff write, filled with a request's values in each language. */
export {
  REQUEST_VARIABLES,
  type ReplyTemplateText,
  type RequestFacts,
  renderReplyTemplate,
  replyTemplateMessage,
  templateFieldKeys,
  unknownTemplateVariables,
} from './src/notifications/reply-templates.ts';
/** The links a mail about a request carries (a citizen's tracking link, the agents' page) and the footer that adds them. */
export {
  agentRequestUrl,
  TOWN_PREFIX,
  TRACKING_LINK_DAYS,
  townPortalUrl,
  trackingLinkUrl,
  withRequestLink,
} from './src/notifications/request-links.ts';
/** The events Parvis notifies, their default texts (FR/EN) and a procedure's own texts, one definition for every package. */
export {
  DEFAULT_TEXTS,
  fillTemplate,
  type MessageText,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  type ProcedureTexts,
  renderNotification,
  renderTexts,
} from './src/notifications/templates.ts';
/** Whether a procedure's notification texts are sound: known events, fr/en, a subject and a body each. */
export { textsProblems } from './src/notifications/texts-problems.ts';
/** Agents' presence: working patterns (half-days, alternating weeks) minus absences, closures and holidays. */
export * from './src/planning/index.ts';
/** Who a procedure is for (households, businesses, associations), checked. */
export { AUDIENCES, type Audience, readAudiences } from './src/procedure/audiences.ts';
/** Channels requests come in on, and those a procedure is open to (its `channels` property). */
export { CHANNELS, type Channel, openChannels } from './src/procedure/channels.ts';
/**
 * Everything wrong with a procedure (model, DMN decisions, forms, texts), the one check the designer,
 * publishing and deploying share; with none, the compiled model and the forms it runs with.
 */
export { checkProcedure, type ProcedureCheck, type ProcedureFiles } from './src/procedure/check-procedure.ts';
/**
 * Forms a procedure links but does not ship (nor embeds), as problems naming their element; with the
 * shipped forms' schema problems (`formProblems`); the forms embedded in the model (zeebe:userTaskForm).
 */
export {
  embeddedForms,
  formProblems,
  missingFormProblems,
  withEmbeddedForms,
} from './src/procedure/linked-forms.ts';
/** How long a procedure's closed requests keep personal data: its kind, the default by kind, the town's period checked. */
export {
  DEFAULT_RETENTION_MONTHS,
  type RetentionKind,
  retentionKind,
  retentionMonths,
  retentionProblem,
} from './src/procedure/retention.ts';
/** Dry run of a procedure: answers tasks and timers (or replays given events) and records the path. */
export {
  type SimulationEvent,
  type SimulationOptions,
  type SimulationResult,
  simulate,
} from './src/simulator/simulate.ts';
/** Canonical JSON (RFC 8785): `canonicalJson` lenient for stored data, `rfc8785` strict for what is signed. */
export { CanonicalJsonError, canonicalJson, rfc8785 } from './src/util/canonical-json.ts';
/** Tracking codes: their shape, with randomness from the caller. */
export { normaliseTrackingCode, trackingCode } from './src/util/tracking-code.ts';
