import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('Ctrl+Z undoes and Ctrl+Shift+Z redoes', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
  });

  it('while typing in a field only save and run are taken over', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('Delete'), true)).toBeNull();
    expect(shortcutFor(key('f'), true)).toBeNull();
    expect(shortcutFor(key('s', { ctrlKey: true }), true)).toBe('save');
    expect(shortcutFor(key('Enter', { metaKey: true }), true)).toBe('run');
  });

  it('F fits the view and Delete deletes on the canvas', () => {
    expect(shortcutFor(key('f'), false)).toBe('fitView');
    expect(shortcutFor(key('Delete'), false)).toBe('delete');
    expect(shortcutFor(key('f', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('Escape'), false)).toBe('clearSelection');
  });

  it('Shift+F fits the whole flow, however small that makes it', () => {
    expect(shortcutFor(key('F', { shiftKey: true }), false)).toBe('fitAll');
    expect(shortcutFor(key('F', { shiftKey: true }), true)).toBeNull();
  });
});
