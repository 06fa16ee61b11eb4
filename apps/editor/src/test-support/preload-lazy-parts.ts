/**
 * Vitest setup: the code the editor loads on demand is fetched before each test file, so tests of what
 * it does see it as the editor does once it has arrived. How it arrives is tested on its own.
 */
import { loadValidator } from '../validation/validator';

await loadValidator();
