/**
 * The workspace views besides the canvas (welcome, constants, event inbox, settings), each fetched
 * when first shown: opening a flow needs none of them.
 */
import { lazyPart } from '../lazy/lazy-part';

const welcome = lazyPart(() => import('./WelcomeView').then((m) => m.WelcomeView));
const constants = lazyPart(() => import('./ConstantsView').then((m) => m.ConstantsView));
const inbox = lazyPart(() => import('./InboxView').then((m) => m.InboxView));
const settings = lazyPart(() => import('./SettingsView').then((m) => m.SettingsView));

export const WelcomeView = welcome.Part;
export const ConstantsView = constants.Part;
export const InboxView = inbox.Part;
export const SettingsView = settings.Part;

/** Fetches every workspace view's code, so switching to one rarely waits for it. */
export async function preloadWorkspaceViews(): Promise<void> {
  await Promise.all([welcome.preload(), constants.preload(), inbox.preload(), settings.preload()]);
}
