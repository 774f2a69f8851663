/** `npm run --silent quote < situations.jsonl > quotes.jsonl` (shared/spec/QUOTE_API.md). */
import { runJsonLines } from './json-lines';

await runJsonLines('quote');
