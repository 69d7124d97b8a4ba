import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { assertBookkeepingLabelsFree } from './bookkeeping-labels.js';

describe('assertBookkeepingLabelsFree', () => {
  it('accepts labels the graph does not use', () => {
    expect(() =>
      assertBookkeepingLabelsFree(testModel(), {
        receipt: 'MemgateReceipt',
        offset: 'MemgateOffset',
      }),
    ).not.toThrow();
  });

  it('refuses a label of a user type, even a secondary one, and one label for both', () => {
    expect(() =>
      assertBookkeepingLabelsFree(testModel(), { receipt: 'Agent', offset: 'MemgateOffset' }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('Person (:Agent)'),
      }),
    );
    expect(() =>
      assertBookkeepingLabelsFree(testModel(), { receipt: 'Same', offset: 'Same' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
