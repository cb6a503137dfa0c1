import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { signerFile } from './signer-file.ts';

export const signerFileTypeDefs = /* GraphQL */ `
  "A form's field as people read it: its label, and its value in words (an option's label, a date in words)."
  type WordedValue {
    "the field's label"
    label: String!
    "its value in words (a date as a date, a choice by its label)"
    value: String!
  }

  "An earlier step of the request — a service's opinion and its conditions — with who did it and when."
  type CompletedStep {
    "the step's name"
    name: String!
    "who completed it; null for an automatic step"
    completedBy: String
    "when it was completed (ISO 8601)"
    completedAt: String!
    "what its form recorded, in words"
    values: [WordedValue!]!
  }

  "A document a later step will issue, previewed as it would read now (a PDF marked as a draft)."
  type DocumentPreview {
    "the document's title, in the language asked"
    title("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "permit, decision, letter, civil-status-extract"
    template: String!
    "the draft PDF, for agents who see the task"
    url: String!
  }

  "The whole file an agent reads before deciding a step (signing it): earlier steps, computed amounts, documents ahead."
  type SignerFile {
    "the steps completed before this one, oldest first"
    steps: [CompletedStep!]!
    "What the procedure computed (a fee), by the name of the step that computed it."
    amounts: [WordedValue!]!
    "the documents later steps will issue, as they would read now"
    documents: [DocumentPreview!]!
  }

  extend type Task {
    "The whole file of the task's request as it stands, in words: what the signer sees before signing."
    file("language of the text: FR (the default) or EN" lang: Lang = FR): SignerFile!
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
