// Sandbox-safe: whether a request's file is complete (CRPA art. L114-5). While pieces are missing,
// neither the implicit-decision delay nor the instruction clock runs; both start when the file
// becomes complete.

/** A piece of the file a procedure requires (its texts' `pieces`), in the citizen's words. */
export interface Piece {
  id: string;
  fr: string;
  en: string;
  /** the start form's field that carries it: empty at submission, the file is incomplete from receipt */
  field?: string;
}

/** A file declared incomplete: what is missing, since when, by whom, and until when it may be sent. */
export interface Incompleteness {
  missing: Piece[];
  since: string;
  by: string;
  /** the civil date (YYYY-MM-DD, the town's) by which the pieces must reach the town hall */
  deadline: string;
}

/** The completeness of a request's file, carried across continue-as-new. */
export interface CompletenessState {
  /** set while pieces are missing */
  incomplete?: Incompleteness;
  /** when the file became complete after being declared incomplete: the legal delays run from then */
  completeAt?: string;
}

/** Why a declaration about the file's completeness is refused (a person reads it), or undefined. */
export function completenessRefusal(
  declaration: { kind: 'incomplete'; pieces: Piece[] } | { kind: 'complete' },
  state: CompletenessState,
  request: { trackingCode: string; active: boolean },
): { code: string; message: string } | undefined {
  const code = request.trackingCode;
  if (!request.active)
    return {
      code: 'REQUEST_CLOSED',
      message: `La demande ${code} est close : sa complétude ne se déclare plus. / Request ${code} is closed: its file's completeness can no longer be declared.`,
    };
  if (declaration.kind === 'complete')
    return state.incomplete
      ? undefined
      : {
          code: 'ALREADY_COMPLETE',
          message: `Le dossier de la demande ${code} est déjà complet${state.completeAt ? ` depuis le ${state.completeAt.slice(0, 10)}` : ''} : rien à déclarer. / The file of request ${code} is already complete.`,
        };
  if (declaration.pieces.length === 0)
    return {
      code: 'NO_PIECES',
      message: `Nommez au moins une pièce manquante de la demande ${code}. / Name at least one missing piece.`,
    };
  return undefined;
}
