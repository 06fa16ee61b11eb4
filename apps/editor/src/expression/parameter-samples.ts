/**
 * Sample values of a flow's parameters for completion and the expression preview: what was pasted or
 * entered in the Run dialog for the flow, over the parameters of its latest run (for a callback flow,
 * the last event received — so `$HttpRequest.event.detail.` completes that event's fields).
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useEditor } from '../store/use-editor';
import { SAMPLES_CHANGED, sampleInput } from '../runs/sample-inputs';

/** The flow's parameter samples; refreshed when a newer run of the flow appears or a sample is pasted. */
export function useParameterSamples(): Record<string, unknown> {
  const flow = useEditor((s) => s.flowName);
  const latest = useEditor((s) => s.runs.find((r) => r.flow === s.flowName && r.status !== 'running'));
  const [fromRun, setFromRun] = useState<Record<string, unknown>>({});
  const [entered, setEntered] = useState<Record<string, unknown> | undefined>(() => (flow ? sampleInput(flow) : undefined));
  useEffect(() => {
    const update = () => setEntered(flow ? sampleInput(flow) : undefined);
    update();
    globalThis.addEventListener?.(SAMPLES_CHANGED, update);
    return () => globalThis.removeEventListener?.(SAMPLES_CHANGED, update);
  }, [flow]);
  const latestId = latest?.id;
  const latestParameters = latest?.parameters;
  useEffect(() => {
    if (!flow) return;
    if (latestParameters) {
      setFromRun(latestParameters);
      return;
    }
    let current = true;
    // The store may know the run only as a summary (or not at all): read the newest recorded run.
    void (async () => {
      const [newest] = latestId ? [{ id: latestId }] : await api.listRuns({ flow, limit: 1 });
      if (!newest) return;
      const record = await api.getRun(newest.id);
      if (current) setFromRun(record.parameters ?? {});
    })().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [flow, latestId, latestParameters]);
  return { ...fromRun, ...(entered ?? {}) };
}
