import { describe, expect, it } from 'vitest';
import { baseCatalogue } from '../connectors';
import { searchActivities } from './activity-search';
import { paletteGroups } from './palette-groups';

const kinds = (query: string) => searchActivities(baseCatalogue, query).map((d) => d.kind);

describe('finding activities by what people type', () => {
  it.each([
    ['send event', 'eventbridge.PutEvents'],
    ['publish', 'eventbridge.PutEvents'],
    ['if', 'core.Decision'],
    ['else', 'core.Decision'],
    ['for each', 'core.Loop'],
    ['subflow', 'core.CallFlow'],
    ['assume role', 'aws.GetTemporaryCredentials'],
    ['throw', 'core.ErrorEnd'],
  ])('"%s" puts %s first', (query, kind) => {
    expect(kinds(query)[0]).toBe(kind);
  });

  it('"http" finds the flows that set up the event endpoint', () => {
    expect(kinds('http')).toEqual(expect.arrayContaining(['eventbridge.RouteEventsToApp', 'eventbridge.RegisterApp', 'eventbridge.CreateConfiguration']));
  });

  it('matches the start of words, so a short query does not match the middle of unrelated words', () => {
    // "if" is inside "modify" and "identifies"; only Decision declares it as a word.
    expect(kinds('if')).toEqual(['core.Decision']);
  });

  it('finds by the words of the kind and the label', () => {
    expect(kinds('put events')[0]).toBe('eventbridge.PutEvents');
    expect(kinds('Log Mess')[0]).toBe('core.LogMessage');
  });

  it('never offers the Start, and an empty query lists every other activity', () => {
    expect(kinds('')).not.toContain('core.Start');
    expect(kinds('')).toHaveLength([...baseCatalogue.activities.values()].filter((d) => d.role !== 'start').length);
  });

  it('the toolbox groups use the same matching', () => {
    expect(paletteGroups(baseCatalogue, 'send event').flatMap((g) => g.items.map((d) => d.kind))).toContain('eventbridge.PutEvents');
    expect(paletteGroups(baseCatalogue, 'no-such-thing-at-all')).toEqual([]);
  });
});
