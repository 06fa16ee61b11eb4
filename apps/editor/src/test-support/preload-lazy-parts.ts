/**
 * Vitest setup: the parts the editor loads on demand are fetched before each test file, so tests of
 * what they do see them as the editor does once they have arrived. How they arrive is tested on its own
 * (lazy/lazy-part.test.tsx, validation/validator.test.ts).
 */
import { preloadLazyParts } from '../lazy/preload';

await preloadLazyParts();
