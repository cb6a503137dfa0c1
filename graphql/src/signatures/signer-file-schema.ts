import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { signerFile } from './signer-file.ts';

export const signerFileTypeDefs = /* GraphQL */ `
  "A form's field as people read it: its label, and its value in words (an option's label, a date in words)."
  type WordedValue {
    label: String!
    value: String!
  }

  "An earlier step of the request — a service's opinion and its conditions — with who did it and when."
  type CompletedStep {
    name: String!
    completedBy: String
    completedAt: String!
    values: [WordedValue!]!
  }

  "A document a later step will issue, previewed as it would read now (a PDF marked as a draft)."
  type DocumentPreview {
    title(lang: Lang = fr): String!
    "permit, decision, letter, civil-status-extract"
    template: String!
    "the draft PDF, for agents who see the task"
    url: String!
  }

  "The whole file an agent reads before deciding a step (signing it): earlier steps, computed amounts, documents ahead."
  type SignerFile {
    steps: [CompletedStep!]!
    "What the procedure computed (a fee), by the name of the step that computed it."
    amounts: [WordedValue!]!
    documents: [DocumentPreview!]!
  }

  extend type Task {
    "The whole file of the task's request as it stands, in words: what the signer sees before signing."
    file(lang: Lang = fr): SignerFile!
  }
`;

export const signerFileResolvers: Resolvers = {
  Task: {
    file: (task, args, ctx) => {
      requireRole(ctx, ...CASEWORKERS);
      return ctx.db.within(task.municipality_id, (tx) => signerFile(tx, ctx.temporal, ctx.publicUrl, task, args.lang));
    },
  },
  CompletedStep: {
    completedAt: (step) => step.completedAt.toISOString(),
  },
  DocumentPreview: {
    title: (preview, args) => preview.title[args.lang],
  },
};
