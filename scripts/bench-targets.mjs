// The performance targets, checked against the figures of one `npm run bench` run: each is a figure
// compared with a fixed limit or with another figure of the same run. A figure the run did not
// produce (a bench skipped or failed) is reported as missing, never as met.

/** Each target: the figure, how it is compared, and with what (a number, or another figure's name times a factor). */
export const TARGETS = [
  { figure: 'interpreter.jsonata_full.ratio_vs_jsonata', op: '<=', limit: 0.5 },
  { figure: 'inbox.claim_us.backlog_30000', op: '<=', limit: { figure: 'inbox.claim_us.backlog_100', factor: 1.5 } },
  { figure: 'endpoint.inbox.drain_per_s_after_burst', op: '>=', limit: { figure: 'endpoint.inbox.callbacks_per_s', factor: 1 } },
  { figure: 'endpoint.inbox.callbacks_ratio_vs_accepted', op: '>=', limit: 0.5 },
  { figure: 'endpoint.inbox.ratio_vs_express', op: '>=', limit: 0.5 },
  { figure: 'endpoint.noinbox.ratio_vs_express', op: '>=', limit: 0.8 },
  { figure: 'endpoint.inbox.cpu_us_per_event', op: '<=', limit: { figure: 'endpoint.express.cpu_us_per_event', factor: 2 } },
  { figure: 'cluster.cpu_ms_per_event', op: '<=', limit: 1 },
  { figure: 'startup.cold_s', op: '<=', limit: 40 },
  { figure: 'startup.warm_s', op: '<', limit: 5 },
  { figure: 'editor.pan_fps_1000_nodes', op: '>=', limit: 50 },
  { figure: 'editor.open_ms_1000_nodes', op: '<', limit: 1000 },
];

const COMPARE = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
};

/**
 * Each target's verdict for `figures` ({name, value} objects): `met`, `not met`, or `missing` when the
 * figure or the one it is compared with is not there; with the value and the limit it was held to.
 */
export function checkTargets(figures, targets = TARGETS) {
  const value = (name) => figures.find((f) => f.name === name)?.value;
  return targets.map((target) => {
    const actual = value(target.figure);
    const base = typeof target.limit === 'number' ? 1 : value(target.limit.figure);
    const limit = typeof target.limit === 'number' ? target.limit : base === undefined ? undefined : base * target.limit.factor;
    const wanted = typeof target.limit === 'number' ? `${target.op} ${target.limit}` : `${target.op} ${target.limit.factor} × ${target.limit.figure}`;
    if (typeof actual !== 'number' || typeof limit !== 'number') return { figure: target.figure, wanted, verdict: 'missing' };
    return { figure: target.figure, wanted, value: actual, limit, verdict: COMPARE[target.op](actual, limit) ? 'met' : 'not met' };
  });
}
