import {
  type BusinessCalendar,
  type Channel,
  DEFAULT_BUSINESS_CALENDAR,
  type FileReference,
  type FormSchema,
  fileReferences,
  procedureSettings,
  type Variables,
  validateForm,
} from '@parvis/engine';
import { REQUEST_WORKFLOW_TASK_TIMEOUT, type RequestWorkflowInput, TASK_QUEUE } from '@parvis/workers/messages';
import type { Client } from '@temporalio/client';
import { type CitizenRef, resolveCitizen } from '../citizens/resolve.ts';
import type { Database, Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { attachUploads } from '../files/attach.ts';
import { procedureRepository } from '../procedures/repository.ts';
import { checkChannel } from './channel-check.ts';
import { newTrackingCode } from './tracking-code.ts';

export interface Submission {
  municipalityId: string;
  procedureKey: string;
  data: Record<string, unknown>;
  /** Where it came in: refused when the procedure's latest version is not open to it. */
  channel: Channel;
  /** Who the request is for, when known: linked (or created) in the request's transaction. */
  citizen?: CitizenRef;
  /** The agent who registered it on the citizen's behalf. */
  registeredBy?: string;
  /** Where it happened (a report from a map): kept with the data, beside the form's fields. */
  place?: { latitude: number; longitude: number; address?: string };
  /** Start-form fields a channel fills as it can (a text message has no subject, no e-mail): their rules are lifted. */
  looseFields?: string[];
  /** Variables the channel adds beside the form's fields (the sender's phone…). */
  extra?: Variables;
  /** Text the citizen at this number, whatever the form says (an agent registered their call); kept out of the data. */
  smsTo?: string;
  /**
   * An agent registers what came (a letter without all its pieces): the start form's fields that carry
   * the procedure's pieces may be empty, and the file is then incomplete from receipt (CRPA art. L114-5).
   */
  piecesMayLack?: boolean;
  /** When the town hall received it, when earlier than its filing (an agent registers a letter): its legal delays count from then. */
  receivedAt?: Date;
  /** Runs in the request's transaction once its row is written, before its workflow starts. */
  alongside?: (tx: Db, request: { id: string; trackingCode: string }) => Promise<void>;
}

/** What parvis_file_request answers: the request as filed, and its municipality's business calendar. */
interface FiledRequest {
  id: string;
  tracking_code: string;
  workflow_id: string;
  submitted_at: Date;
  calendar: BusinessCalendar | null;
}

/** The form with the rules of some fields lifted, by their data path (a group's `path.` before the key). */
function loosened(form: FormSchema, fields: string[] = []): FormSchema {
  if (fields.length === 0) return form;
  type Component = FormSchema['components'][number];
  const loosen = (components: Component[], prefix: string): Component[] =>
    components.map((c) =>
      Array.isArray(c.components)
        ? { ...c, components: loosen(c.components, c.path ? `${prefix}${c.path}.` : prefix) }
        : c.key && fields.includes(`${prefix}${c.key}`)
          ? { ...c, validate: undefined }
          : c,
    );
  return { ...form, components: loosen(form.components, '') };
}

/**
 * Checks that the procedure is open to the channel, validates the data against its start form,
 * stores the request with a fresh tracking code and starts its workflow, in one transaction: if the
 * workflow cannot start, no row stays.
 */
export async function submitRequest(
  db: Database,
  temporal: Client,
  submission: Submission,
): Promise<{ trackingCode: string }> {
  // One transaction, its reads pipelined (postgres.js sends queries issued together in one batch):
  // a refused form leaves nothing behind all the same.
  return db.within(submission.municipalityId, async (tx) => {
    const procedures = procedureRepository(tx);
    const [procedure, version] = await Promise.all([
      procedures.find(submission.procedureKey),
      procedures.latestVersion(submission.procedureKey),
    ]);
    if (!procedure?.published || !version) {
      throw userError('NOT_FOUND', `La démarche « ${submission.procedureKey} » n'existe pas ici. / No such procedure.`);
    }
    checkChannel(procedure, version.ir, submission.channel);
    let variables: Variables = submission.data as Variables;
    let uploads: FileReference[] = [];
    const formId = version.ir.startFormId;
    if (formId) {
      const pieceFields = submission.piecesMayLack
        ? procedureSettings(version.ir.properties).settings.pieces.flatMap((p) => (p.field ? [p.field] : []))
        : [];
      const form = loosened(version.forms[formId] as unknown as FormSchema, [
        ...(submission.looseFields ?? []),
        ...pieceFields,
      ]);
      const result = validateForm(form, submission.data);
      if (!result.ok) {
        throw userError('FORM_INVALID', 'Le formulaire contient des erreurs. / The form has errors.', {
          fields: result.errors,
        });
      }
      variables = result.data;
      uploads = fileReferences(form, variables);
    }
    if (submission.place) variables = { ...variables, ...submission.place };
    if (submission.extra) variables = { ...variables, ...submission.extra };
    const citizenEmail = typeof variables.email === 'string' && variables.email ? variables.email : undefined;
    const citizenPhone = typeof variables.phone === 'string' && variables.phone ? variables.phone : undefined;
    const citizenId = submission.citizen
      ? await resolveCitizen(tx, submission.municipalityId, submission.citizen)
      : null;
    // The one way a request is filed (migration 136), as the worker files scheduled requests.
    const [row] = await tx<FiledRequest[]>`select * from parvis_file_request(${submission.municipalityId},
      ${version.id}, ${newTrackingCode()}, ${submission.channel}, ${tx.json(variables as never)}, ${citizenEmail ?? null},
      ${citizenId}, ${submission.registeredBy ?? null})`;
    const { id, tracking_code: trackingCode } = row!;
    if (submission.receivedAt) {
      await tx`update requests set submitted_at = ${submission.receivedAt} where id = ${id}`;
      row!.submitted_at = submission.receivedAt;
    }
    // Files uploaded with the form join the request here, or the whole submission is refused.
    await attachUploads(tx, id, submission.procedureKey, uploads);
    await submission.alongside?.(tx, { id, trackingCode });
    const input: RequestWorkflowInput = {
      requestId: id,
      municipalityId: submission.municipalityId,
      trackingCode,
      submittedAt: row!.submitted_at.toISOString(),
      citizen: submission.smsTo
        ? { email: citizenEmail, phone: submission.smsTo, bySms: true }
        : { email: citizenEmail, phone: citizenPhone, bySms: variables.notifyBySms === true },
      calendar: row!.calendar ?? DEFAULT_BUSINESS_CALENDAR,
      texts: version.texts,
      procedureTitle: { fr: procedure.title_fr, en: procedure.title_en },
      ir: version.ir,
      forms: version.forms,
      variables,
    };
    await temporal.workflow.start('requestWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowTaskTimeout: REQUEST_WORKFLOW_TASK_TIMEOUT,
      workflowId: row!.workflow_id,
      args: [input],
    });
    return { trackingCode };
  });
}
