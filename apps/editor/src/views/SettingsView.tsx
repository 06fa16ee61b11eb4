/**
 * The workspace settings (settings.json): after-startup flows in order, the event endpoint, run
 * retention and run limits. Saved through the server, which validates and writes the file atomically;
 * read-only in production mode. Sections that apply at the next start are named after a save.
 */
import { useEffect, useState } from 'react';
import { RUN_LIMITS, type RunLimitName } from '@flowbridge/flow-model';
import { useActions } from '../app/use-actions';
import { eventEndpointsOf } from '../connectors';
import { refactorApi, type WorkspaceSettings } from '../refactor/refactor-api';
import { useEditor } from '../store/use-editor';

type EndpointNumber = 'bodyLimitBytes' | 'rateLimitPerMinute' | 'maxAttempts' | 'retryDelayMs' | 'claimLeaseSeconds';

const ENDPOINT_NUMBERS: Array<{ key: EndpointNumber; label: string }> = [
  { key: 'bodyLimitBytes', label: 'Largest event body (bytes)' },
  { key: 'rateLimitPerMinute', label: 'Requests per minute per client' },
  { key: 'maxAttempts', label: 'Attempts of a failing callback' },
  { key: 'retryDelayMs', label: 'First retry delay (ms)' },
  { key: 'claimLeaseSeconds', label: 'Claim lease (seconds)' },
];

function NumberInput({ label, value, disabled, onChange, help }: { label: string; value: number; disabled: boolean; onChange(value: number): void; help?: string }) {
  const id = `setting-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" value={Number.isFinite(value) ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))} />
      {help && <div className="hint">{help}</div>}
    </div>
  );
}

export function SettingsView() {
  const flows = useEditor((s) => s.flows);
  const constants = useEditor((s) => s.constants);
  const setStatus = useEditor((s) => s.setStatus);
  const { refreshStartup } = useActions();
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);
  const [readOnly, setReadOnly] = useState(false);
  const [restart, setRestart] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState('');

  useEffect(() => {
    let live = true;
    refactorApi
      .settings()
      .then((answer) => {
        if (!live) return;
        setSettings(answer.settings);
        setReadOnly(answer.readOnly);
        setRestart(answer.restartRequired);
      })
      .catch((e: Error) => live && setError(`Could not read the settings: ${e.message}`));
    return () => {
      live = false;
    };
  }, []);

  if (!settings) {
    return (
      <section className="view settings-view" aria-label="Settings">
        <h1>Settings</h1>
        <p className="hint">{error ?? 'Loading…'}</p>
      </section>
    );
  }

  const change = (next: Partial<WorkspaceSettings>) => setSettings({ ...settings, ...next });
  const startupFlows = settings.afterStartupFlows;
  const move = (index: number, by: -1 | 1) => {
    const list = [...startupFlows];
    const [item] = list.splice(index, 1);
    list.splice(index + by, 0, item!);
    change({ afterStartupFlows: list });
  };
  const save = async () => {
    try {
      const saved = await refactorApi.saveSettings(settings);
      setSettings(saved.settings);
      setRestart(saved.restartRequired);
      setError(null);
      setStatus(saved.restartRequired.length ? `Settings saved; ${saved.restartRequired.join(', ')} apply at the next start` : 'Settings saved');
      void refreshStartup();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const available = flows.map((f) => f.name).filter((name) => !startupFlows.includes(name));
  return (
    <section className="view settings-view" aria-label="Settings">
      <h1>Settings</h1>
      {readOnly && <p className="hint">This server runs in production mode: settings are deployed with the app and cannot be changed here.</p>}
      {error && (
        <p className="field-problem" role="alert">
          {error}
        </p>
      )}
      {restart.length > 0 && <p className="hint">Saved changes to {restart.join(', ')} apply when the server next starts.</p>}

      <h2>After-startup flows</h2>
      <p className="hint">Run in this order each time the server starts; the server is ready once they succeed.</p>
      <ol className="startup-flows" aria-label="After-startup flows">
        {startupFlows.map((name, i) => (
          <li key={name}>
            <code>{name}</code>
            <button type="button" aria-label={`Move ${name} up`} disabled={readOnly || i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" aria-label={`Move ${name} down`} disabled={readOnly || i === startupFlows.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" aria-label={`Remove ${name}`} disabled={readOnly} onClick={() => change({ afterStartupFlows: startupFlows.filter((f) => f !== name) })}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      {startupFlows.length === 0 && <p className="hint">None.</p>}
      <div className="field inline">
        <label htmlFor="add-startup-flow">Add a flow</label>
        <select id="add-startup-flow" value={adding} disabled={readOnly} onChange={(e) => setAdding(e.target.value)}>
          <option value="">Pick a flow…</option>
          {available.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={readOnly || adding === ''}
          onClick={() => {
            change({ afterStartupFlows: [...startupFlows, adding] });
            setAdding('');
          }}
        >
          Add
        </button>
      </div>

      <h2>Event endpoint</h2>
      <div className="field inline">
        <input id="endpoint-enabled" type="checkbox" checked={settings.eventEndpoint.enabled} disabled={readOnly} onChange={(e) => change({ eventEndpoint: { ...settings.eventEndpoint, enabled: e.target.checked } })} />
        <label htmlFor="endpoint-enabled">Accept events at {eventEndpointsOf().map((e) => `${e.path} (from ${e.sender})`).join(', ') || 'the event endpoints (no installed connector declares one)'}</label>
      </div>
      <div className="field">
        <label htmlFor="endpoint-key">API key constant</label>
        <select id="endpoint-key" value={settings.eventEndpoint.apiKeyConstant} disabled={readOnly} onChange={(e) => change({ eventEndpoint: { ...settings.eventEndpoint, apiKeyConstant: e.target.value } })}>
          {[...new Set([settings.eventEndpoint.apiKeyConstant, ...constants.filter((c) => c.secret).map((c) => c.name)])].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="endpoint-header">API key header</label>
        <input id="endpoint-header" value={settings.eventEndpoint.apiKeyHeader} disabled={readOnly} onChange={(e) => change({ eventEndpoint: { ...settings.eventEndpoint, apiKeyHeader: e.target.value } })} />
      </div>
      {ENDPOINT_NUMBERS.map(({ key, label }) => (
        <NumberInput key={key} label={label} value={settings.eventEndpoint[key]} disabled={readOnly} onChange={(value) => change({ eventEndpoint: { ...settings.eventEndpoint, [key]: value } })} />
      ))}
      <div className="field">
        <label htmlFor="endpoint-callback-trace">Trace of succeeded callback runs</label>
        <select
          id="endpoint-callback-trace"
          value={settings.eventEndpoint.callbackTrace}
          disabled={readOnly}
          onChange={(e) => change({ eventEndpoint: { ...settings.eventEndpoint, callbackTrace: e.target.value === 'full' ? 'full' : 'compact' } })}
        >
          <option value="compact">compact: steps and timings, no inputs or outputs (faster)</option>
          <option value="full">full: every step's inputs and outputs</option>
        </select>
        <p className="hint">Failed callback runs always keep their full trace.</p>
      </div>

      <h2>Run retention</h2>
      <NumberInput label="Keep runs for (days, 0 = forever)" value={settings.runs.maxAgeDays} disabled={readOnly} onChange={(maxAgeDays) => change({ runs: { ...settings.runs, maxAgeDays } })} />
      <NumberInput label="Keep at most (runs, 0 = no limit)" value={settings.runs.maxRuns} disabled={readOnly} onChange={(maxRuns) => change({ runs: { ...settings.runs, maxRuns } })} />

      <h2>Run limits</h2>
      {(Object.keys(RUN_LIMITS) as RunLimitName[]).map((name) => {
        const spec = RUN_LIMITS[name];
        return (
          <NumberInput
            key={name}
            label={`${name} (${spec.unit})`}
            value={settings.limits[name] ?? spec.default}
            disabled={readOnly}
            help={`${spec.description}; ${spec.min}–${spec.max}`}
            onChange={(value) => change({ limits: { ...settings.limits, [name]: value } })}
          />
        );
      })}

      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={readOnly} onClick={() => void save()}>
          Save settings
        </button>
      </div>
    </section>
  );
}
