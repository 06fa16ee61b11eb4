import { describe, expect, it } from 'vitest';
import { parameterText, parseParameter, parseParameters } from './run-parameters';

describe('run parameters', () => {
  it('reads each type and refuses what is not of it, naming the parameter', () => {
    expect(parseParameter({ name: 'N', type: 'Integer' }, ' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseParameter({ name: 'N', type: 'Integer' }, '4.2')).toMatchObject({ ok: false, message: expect.stringContaining('N must be a whole number') });
    expect(parseParameter({ name: 'P', type: 'Decimal' }, '12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseParameter({ name: 'P', type: 'Decimal' }, '12,5')).toMatchObject({ ok: false });
    expect(parseParameter({ name: 'B', type: 'Boolean' }, 'true')).toEqual({ ok: true, value: true });
    expect(parseParameter({ name: 'S', type: 'String' }, ' a ')).toEqual({ ok: true, value: ' a ' });
    expect(parseParameter({ name: 'T', type: 'DateTime' }, '2026-01-31T09:30:00Z')).toEqual({ ok: true, value: '2026-01-31T09:30:00.000Z' });
    expect(parseParameter({ name: 'T', type: 'DateTime' }, 'tomorrow')).toMatchObject({ ok: false });
    expect(parseParameter({ name: 'J', type: 'JSON' }, '{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseParameter({ name: 'J', type: 'JSON' }, '{a}')).toMatchObject({ ok: false, message: expect.stringContaining('J (JSON) must be JSON') });
  });

  it('treats an empty non-text value as null', () => {
    expect(parseParameter({ name: 'N', type: 'Integer' }, '')).toEqual({ ok: true, value: null });
  });

  it('collects the errors of all wrong parameters at once', () => {
    const { values, errors } = parseParameters(
      [
        { name: 'A', type: 'Integer' },
        { name: 'B', type: 'Integer' },
      ],
      { A: '1', B: 'x' },
    );
    expect(values).toEqual({ A: 1 });
    expect(Object.keys(errors)).toEqual(['B']);
  });

  it('shows a past value as text its input reads back to the same value', () => {
    const spec = { name: 'J', type: 'JSON' };
    expect(parseParameter(spec, parameterText(spec, { x: [1, 2] }))).toEqual({ ok: true, value: { x: [1, 2] } });
    expect(parameterText({ name: 'B', type: 'Boolean' }, undefined)).toBe('false');
  });
});
