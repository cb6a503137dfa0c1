// Sandbox-safe: the one exception the interpreter throws — a host calling it wrongly
// (not a model problem, not an incident). Told apart by `code`, not by instanceof.

export class EngineError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}
