import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { failureConverter } from './failure-converter.ts';

describe('the failure converter', () => {
  it("puts a failure's message and stack in an encoded attribute, which the codec encrypts", () => {
    const failure = failureConverter.errorToFailure(
      new Error('550 <lea@example.fr>: Recipient address rejected'),
      defaultPayloadConverter,
    );
    expect(JSON.stringify({ ...failure, encodedAttributes: undefined })).not.toContain('lea@example.fr');
    expect(failure.encodedAttributes?.data).toBeDefined();
    // and whoever reads it back (the workflow, a client) gets the message
    const error = failureConverter.failureToError(failure, defaultPayloadConverter);
    expect(error.message).toBe('550 <lea@example.fr>: Recipient address rejected');
  });
});
