// Sandbox-safe: failures' messages and stack traces go into an encoded attribute, which the payload
// codec encrypts like any payload: a mail server's refusal quoting an address stays out of Temporal.
// Loaded by path (the SDK's failureConverterPath) in the worker and in the workflow bundle.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
