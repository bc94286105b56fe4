import { describe, expect, it } from 'vitest';
import { verificationOf } from '../../src/report/merged-report.js';

describe('merged reports keep what --verify learnt in each shard', () => {
  it('reads a well-formed verification back, reason included', () => {
    expect(verificationOf({ status: 'valid', checkedAt: '2026-12-05T07:00:00.000Z' })).toEqual({ status: 'valid', checkedAt: '2026-12-05T07:00:00.000Z' });
    expect(verificationOf({ status: 'unknown', reason: 'timed out', checkedAt: '2026-12-05T07:00:00.000Z' })).toEqual({ status: 'unknown', reason: 'timed out', checkedAt: '2026-12-05T07:00:00.000Z' });
  });

  it('drops anything else rather than guess', () => {
    for (const value of [undefined, null, 'valid', { status: 'live', checkedAt: 'x' }, { status: 'valid' }, { status: 'invalid', checkedAt: 7 }]) {
      expect(verificationOf(value), JSON.stringify(value)).toBeUndefined();
    }
  });
});
