/** The editor's catalogue: browser-safe activity definitions only (never implementations). */
import { coreModule, createCatalogue, type Catalogue } from '@flowbridge/flow-model';

export const catalogue: Catalogue = createCatalogue([coreModule]);
