import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './routes';

describe('routes', () => {
  it('a flow URL round-trips through its route, names with odd characters included', () => {
    for (const name of ['ACT_Order', 'CB_Order Placed', 'SUB_ä']) {
      expect(parseRoute(routePath({ kind: 'flow', name }))).toEqual({ kind: 'flow', name });
    }
  });

  it('the root and unknown paths show the welcome page; /new opens a draft', () => {
    expect(parseRoute('/')).toEqual({ kind: 'welcome' });
    expect(parseRoute('/nowhere/else')).toEqual({ kind: 'welcome' });
    expect(parseRoute('/flows/%E0%A4%A')).toEqual({ kind: 'welcome' });
    expect(parseRoute('/new')).toEqual({ kind: 'draft' });
    expect(routePath({ kind: 'draft' })).toBe('/new');
    expect(routePath({ kind: 'welcome' })).toBe('/');
  });

  it('constants and inbox have their own URLs', () => {
    expect(parseRoute('/constants')).toEqual({ kind: 'constants' });
    expect(parseRoute('/inbox/')).toEqual({ kind: 'inbox' });
  });
});
