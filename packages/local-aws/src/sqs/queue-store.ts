import type { ArnScope } from '../events/arns.js';
import { DEFAULT_SETTINGS, Queue, type QueueSettings } from './queue.js';
import { queueDoesNotExist, sqsError } from './sqs-error.js';

/** Most queues kept over all accounts and regions. */
export const MAX_QUEUES = 1000;

/** The ARN of an SQS queue. */
export function queueArn(scope: ArnScope, name: string): string {
  return `arn:aws:sqs:${scope.region}:${scope.accountId}:${name}`;
}

/** Every SQS queue, per account and region (in memory: queues and messages do not survive a restart). */
export class QueueStore {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly baseUrl: () => string) {}

  private key(scope: ArnScope, name: string): string {
    return `${scope.accountId}/${scope.region}/${name}`;
  }

  get(scope: ArnScope, name: string): Queue | undefined {
    return this.queues.get(this.key(scope, name));
  }

  /** Creates a queue, or returns the existing one when the attributes given match AWS's idempotence rule. */
  create(scope: ArnScope, name: string, settings: QueueSettings, given: Record<string, string>, now: number): Queue {
    const existing = this.get(scope, name);
    if (existing) {
      for (const [attribute, value] of Object.entries(given)) {
        if (existing.givenAttributes[attribute] !== undefined && existing.givenAttributes[attribute] !== value) {
          throw sqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${attribute}`);
        }
      }
      return existing;
    }
    if (this.queues.size >= MAX_QUEUES) {
      throw sqsError('OverLimit', `The local SQS keeps at most ${MAX_QUEUES} queues: delete queues you no longer use.`);
    }
    const url = `${this.baseUrl()}/${scope.accountId}/${name}`;
    const queue = new Queue(name, url, queueArn(scope, name), now, { ...DEFAULT_SETTINGS, ...settings }, given);
    this.queues.set(this.key(scope, name), queue);
    return queue;
  }

  /** The queue a QueueUrl names (`<base>/<account>/<name>`), in the caller's region. */
  byUrl(region: string, url: string): Queue {
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      path = url;
    }
    const [accountId = '', name = ''] = path.split('/').filter((s) => s !== '');
    const queue = this.get({ region, accountId }, name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  /** The queue an ARN names (`arn:aws:sqs:<region>:<account>:<name>`), if it exists. */
  byArn(arn: string): Queue | undefined {
    const [prefix, partition, service, region = '', accountId = '', name = ''] = arn.split(':');
    if (prefix !== 'arn' || !partition || service !== 'sqs') return undefined;
    return this.get({ region, accountId }, name);
  }

  delete(queue: Queue): void {
    for (const [key, q] of this.queues) if (q === queue) this.queues.delete(key);
    queue.wakeAll();
  }

  /** The queues of one account and region whose names start with `prefix`, in name order. */
  list(scope: ArnScope, prefix: string): Queue[] {
    const head = `${scope.accountId}/${scope.region}/`;
    return [...this.queues.entries()]
      .filter(([key, q]) => key.startsWith(head) && q.name.startsWith(prefix))
      .map(([, q]) => q)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  closeAll(): void {
    for (const q of this.queues.values()) q.wakeAll();
  }
}
