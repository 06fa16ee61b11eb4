/**
 * The event pattern tester, a host panel a connector declares for an activity (`event-pattern-tester`):
 * the pattern the connector derives from the node (or one pasted), an event pasted or picked from the
 * inbox, and the verdict with the deciding field — computed in the browser with @flowbridge/event-pattern.
 */
import { useEffect, useState } from 'react';
import type { NodeEventPattern } from '@flowbridge/flow-model';
import { api, type InboxEvent } from '../api/client';
import { patternVerdict } from './pattern-verdict';
import '../runs/runs.css';

const SAMPLE_EVENT = (detailType: string) =>
  JSON.stringify({ version: '0', id: 'example', 'detail-type': detailType, source: 'my.app', account: '123456789012', time: new Date(0).toISOString(), region: 'eu-west-1', resources: [], detail: {} }, null, 2);

/** `derived` is the pattern the node's connector computed from its configuration. */
export function PatternTester({ derived }: { derived: NodeEventPattern }) {
  const derivedText = derived.ok ? JSON.stringify(derived.pattern, null, 2) : '';
  // The person may edit the pattern to try things; a change of the node's fields resets it.
  const [patternText, setPatternText] = useState(derivedText);
  useEffect(() => setPatternText(derivedText), [derivedText]);
  const [eventText, setEventText] = useState(() => SAMPLE_EVENT(derived.ok ? (derived.pattern['detail-type']?.[0] ?? 'OrderPlaced') : 'OrderPlaced'));
  const [recent, setRecent] = useState<InboxEvent[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const loadRecent = async () => {
    try {
      setRecent((await api.listInbox()).slice(0, 20));
      setLoadError(null);
    } catch (error) {
      setLoadError(`Could not read the inbox: ${(error as Error).message}`);
    }
  };
  const pick = async (id: string) => {
    if (!id) return;
    try {
      const entry = await api.getInboxEvent(id);
      setEventText(JSON.stringify(entry.event, null, 2));
    } catch (error) {
      setLoadError(`Could not read event ${id}: ${(error as Error).message}`);
    }
  };

  const verdict = patternText.trim() === '' ? null : patternVerdict(patternText, eventText);
  return (
    <section className="pattern-tester" aria-label="Pattern tester">
      <h3>Test the rule's pattern</h3>
      {!derived.ok && <p className="hint" data-testid="pattern-computed-note">{derived.message}</p>}
      <div className="field">
        <label htmlFor="pattern-tester-pattern">Event pattern {derived.ok && patternText !== derivedText && <small>(edited; the rule uses the fields above)</small>}</label>
        <textarea id="pattern-tester-pattern" rows={4} value={patternText} spellCheck={false} onChange={(e) => setPatternText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="pattern-tester-event">Event</label>
        <textarea id="pattern-tester-event" rows={8} value={eventText} spellCheck={false} onChange={(e) => setEventText(e.target.value)} />
        {recent === null ? (
          <button type="button" onClick={() => void loadRecent()}>
            Pick a recent event…
          </button>
        ) : recent.length === 0 ? (
          <span className="hint">The inbox has no events yet.</span>
        ) : (
          <select aria-label="Recent event" defaultValue="" onChange={(e) => void pick(e.target.value)}>
            <option value="">Pick a recent event…</option>
            {recent.map((e) => (
              <option key={e.id} value={e.id}>
                {e.detailType} from {e.source} ({e.status})
              </option>
            ))}
          </select>
        )}
        {loadError && <div className="field-problem">{loadError}</div>}
      </div>
      <div role="status" aria-label="Pattern verdict" data-testid="pattern-verdict">
        {verdict === null ? (
          <span className="hint">Enter a pattern to test.</span>
        ) : verdict.kind === 'match' ? (
          <span className="verdict-match">✔ Matches: the rule would send this event to the app.</span>
        ) : verdict.kind === 'no-match' ? (
          <>
            <span className="verdict-no-match">✖ No match</span>
            {verdict.decidingField && (
              <>
                {' '}
                — deciding field <code data-testid="deciding-field">{verdict.decidingField}</code>
              </>
            )}
            <div>{verdict.reason}.</div>
          </>
        ) : (
          <div className="field-problem" data-testid={verdict.kind}>
            {verdict.message}
          </div>
        )}
      </div>
    </section>
  );
}
