import { describe, expect, it } from 'vitest';
import { checkFlowName } from '../src/index.js';

describe('checkFlowName', () => {
  it.each(['ACT_PutEvents', 'CB_OrderPlaced', 'a.b-c_1', '_x'])('accepts %s', (name) => expect(checkFlowName(name)).toBeNull());
  it.each(['', '../etc/passwd', 'a/b', 'a\\b', '..', 'x\0y', '1abc', 'a b', 'x'.repeat(101)])('rejects %j with a message', (name) => {
    expect(checkFlowName(name)).toMatch(/\w/);
  });
});
